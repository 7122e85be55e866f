// Brings a database to the latest schema: creates the product's own schema (moving a database of the old
// layout into it), runs each sql/migrations/*.sql not yet applied, in name order, each in its own
// transaction, then records the catalogue's codes for the reference data to point at. Everything is created
// in the product's schema, the only one on the connections' search_path (createPool).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { sqlDir } from '../paths.js';
import { MEASURE_CODES } from '../indicators/catalog.js';
import { ensureOwnSchema, OWN_SCHEMA } from './own-schema.js';
import { MIGRATION_LOCK, takeLock } from './locks.js';

/** Returns the migrations applied; `log` hears of a move from the old layout, and of a wait for another migrator. */
export async function migrate(pool: pg.Pool, log: (message: string) => void = () => {}): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    // One migrator at a time (two processes starting together).
    await takeLock(client, MIGRATION_LOCK, 'session', log);
    const moved = await ensureOwnSchema(client);
    if (moved > 0) log(`Moved the database's ${moved} EHPS tables, views and functions from schema public to schema ${OWN_SCHEMA}.`);
    // Unqualified names below and in the migrations must land in our schema, nowhere else.
    const { rows: [searched] } = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    if (searched!.schema !== OWN_SCHEMA) {
      throw new Error(`The connection's search_path must put schema ${OWN_SCHEMA} first (pools come from createPool), not ${searched!.schema ?? 'empty'}`);
    }
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    const dir = path.join(sqlDir, 'migrations');
    const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
    for (const name of files) {
      if (done.has(name)) continue;
      const text = await readFile(path.join(dir, name), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(text);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
    await client.query(
      'INSERT INTO indicator_codes (code) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING',
      [MEASURE_CODES],
    );
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  return applied;
}
