import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { OWN_SCHEMA } from './own-schema.js';

// pg returns bigint and numeric as strings and dates as local-time Date objects: read counts as numbers
// and dates as their 'YYYY-MM-DD' text, once, for every pool.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * Every connection of the product: its own schema alone on the search_path (own-schema.ts), set when the
 * connection starts (a startup option, so it is the session's default and costs no round trip).
 */
export function createPool(connectionString: string, options: Partial<pg.PoolConfig> = {}): pg.Pool {
  const pool = new pg.Pool({ max: 10, ...options, ...withOwnSchema(connectionString, options.options) });
  // An idle client losing its server (a restart, an outage) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

/**
 * The connection string and startup options with our search_path added. Options already given (in the
 * connection string's `options` parameter, the pool options or PGOPTIONS) are kept: a connection string's
 * would otherwise replace the pool's.
 */
function withOwnSchema(connectionString: string, given: string | undefined): { connectionString: string; options: string } {
  let url: URL | null = null;
  try {
    url = new URL(connectionString);
  } catch {
    // not a URL (a socket path): its options, if any, are left to it
  }
  const fromUrl = url?.searchParams.get('options') ?? undefined;
  url?.searchParams.delete('options');
  const earlier = [fromUrl, given].filter(Boolean).join(' ') || process.env.PGOPTIONS || '';
  return {
    connectionString: url && fromUrl !== undefined ? url.toString() : connectionString,
    options: `${earlier} -c search_path=${OWN_SCHEMA}`.trim(),
  };
}

export function createDb(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export type Db = Kysely<Database>;
