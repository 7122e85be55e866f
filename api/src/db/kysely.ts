import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// pg returns bigint and numeric as strings and dates as local-time Date objects: read counts as numbers
// and dates as their 'YYYY-MM-DD' text, once, for every pool.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export function createPool(connectionString: string, options: Partial<pg.PoolConfig> = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10, ...options });
  // An idle client losing its server (a restart, an outage) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

export function createDb(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export type Db = Kysely<Database>;
