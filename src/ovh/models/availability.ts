// `GET /dedicated/server/datacenter/availabilities` → dedicated.DatacenterAvailability[].
// Availability is a delivery delay, not a yes/no: `1H-high` (in stock), `1H-low` (little stock),
// `24H` … `2160H`, `comingSoon`, `unavailable`, `unknown`.
import { z } from 'zod';
import { acceptsAvailabilityList } from './checks.js';
import { withFastPath } from './fast-path.js';

/** dedicated.AvailabilityEnum as of 2026; new values are accepted as plain strings. */
export const KNOWN_AVAILABILITIES = [
  '1H-high',
  '1H-low',
  '24H',
  '72H',
  '120H',
  '240H',
  '480H',
  '720H',
  '1440H',
  '2160H',
  'comingSoon',
  'unavailable',
  'unknown',
] as const;
export type KnownAvailability = (typeof KNOWN_AVAILABILITIES)[number];

export const DatacenterAvailabilityEntrySchema = z.looseObject({
  datacenter: z.string(),
  availability: z.string(),
});
export type DatacenterAvailabilityEntry = z.infer<typeof DatacenterAvailabilityEntrySchema>;

/** dedicated.DatacenterAvailability; `fqn` = `<planCode>.<memory>.<storage>` (plus gpu/systemStorage). */
export const DatacenterAvailabilitySchema = z.looseObject({
  fqn: z.string(),
  planCode: z.string(),
  server: z.string(),
  memory: z.string().nullish(),
  storage: z.string().nullish(),
  systemStorage: z.string().nullish(),
  gpu: z.string().nullish(),
  datacenters: z.array(DatacenterAvailabilityEntrySchema),
});
export type DatacenterAvailability = z.infer<typeof DatacenterAvailabilitySchema>;
/** The whole answer, hand-checked first: it is about 1 MB (2,000 records of 7 datacenters) for a big range. */
export const DatacenterAvailabilityListSchema = withFastPath(z.array(DatacenterAvailabilitySchema), acceptsAvailabilityList);

/** Query of the availability call (all optional; `datacenters` is comma-separated on the wire). */
export interface AvailabilityQuery {
  planCode?: string;
  server?: string;
  memory?: string;
  storage?: string;
  systemStorage?: string;
  gpu?: string;
  datacenters?: string | readonly string[];
  excludeDatacenters?: boolean;
}
