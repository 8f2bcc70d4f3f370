// OVH datetimes are ISO 8601 with an offset (`2024-11-05T17:29:13+00:00`); `Z` and fractions of a
// second are accepted too. Kept as strings: the domain decides what time zone to show.
import { z } from 'zod';

export const DateTimeSchema = z.iso.datetime({ offset: true });

/** ISO 8601 duration as OVH writes them (`P1M`, `P0D`, `P1Y`, `PT1H`). */
export const DurationSchema = z
  .string()
  .regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'expected an ISO 8601 duration such as P1M');
