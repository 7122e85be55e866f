// A large file into an empty table: its indexes (the primary key among them) are dropped before the load
// and built once at the end, far faster than row by row.
import pg from 'pg';
import type { Dataset } from './datasets.js';
import * as build from './sql.js';

/** Above this many rows a load into an empty table drops its indexes and rebuilds them after. */
export const DEFER_INDEXES_ABOVE_ROWS = 100_000;
/** The same, for a file loaded in one pass before its rows are counted (some 25,000 rows). */
export const DEFER_INDEXES_ABOVE_BYTES = 1 << 20;

/**
 * Drops the indexes (the primary key among them) of a table no foreign key points at, returning the
 * statements that rebuild them; null when the table is referenced (its key must stay) or has none.
 * Inside the import's transaction, so a failure restores them with everything else.
 */
export async function dropIndexesForBulkLoad(client: pg.ClientBase, dataset: Dataset): Promise<string[] | null> {
  // Reference data is read by the API: never emptied or rebuilt under a request (TRUNCATE and a key's
  // rebuild lock out readers until the commit). It is small anyway.
  if (dataset.kind !== 'record') return null;
  const table = pg.escapeIdentifier(dataset.table);
  const { rows: [referenced] } = await client.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f' AND confrelid = $1::regclass) AS any`, [table]);
  if (referenced!.any) return null;
  // Only the table's owner may drop and rebuild its key; any other user loads with the indexes in place.
  const { rows: [owner] } = await client.query<{ owns: boolean }>(
    `SELECT pg_has_role(relowner, 'USAGE') AS owns FROM pg_class WHERE oid = $1::regclass`, [table]);
  if (!owner!.owns) return null;
  // The table is empty: a new file for it lets PostgreSQL skip the write-ahead log where wal_level allows.
  await client.query(`TRUNCATE ${table}`);
  const { rows } = await client.query<{ name: string; definition: string; is_constraint: boolean }>(build.keysAndIndexes(), [table]);
  const rebuild: string[] = [];
  for (const { name, definition, is_constraint: isConstraint } of rows) {
    await client.query(isConstraint ? `ALTER TABLE ${table} DROP CONSTRAINT ${name}` : `DROP INDEX ${name}`);
    rebuild.push(isConstraint ? `ALTER TABLE ${table} ADD CONSTRAINT ${name} ${definition}` : definition);
  }
  return rebuild;
}

/** Builds the dropped indexes again. A key repeated in the file fails here with a unique violation. */
export async function recreateIndexes(client: pg.ClientBase, statements: readonly string[]): Promise<void> {
  // Sort the keys in memory (for this transaction only): a scale-10 key is about a gigabyte.
  await client.query(`SELECT set_config('maintenance_work_mem', '1GB', true)`);
  for (const statement of statements) await client.query(statement);
}
