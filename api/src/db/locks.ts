// The advisory locks that keep the product's writers out of one another's way (keys of this database).

/** Held by migrate() for the whole of its run: one migrator at a time (two processes starting together). */
export const MIGRATION_LOCK = 724153;

/**
 * Held by every transaction that writes the data or the results (an import, a refresh on its own, a
 * re-install of the views), until it commits: they run one after another, never interleaved. Readers
 * never take it.
 */
export const DATA_LOCK = 724154;
