// Defaults that a command's help text states and its action applies: one place, so both say the same
// (and the action need not import the program that lists it).

/** Rows of a `catalog` table unless --limit or --all says otherwise: a shortlist on a screen or two, not 350 offers. */
export const CATALOG_TABLE_LIMIT = 20;
