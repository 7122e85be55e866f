// Decorates the app with the Kysely instance (and the pool under it) and the snapshot cache; closes the
// pool on shutdown when the app opened it.
import fp from 'fastify-plugin';
import type pg from 'pg';
import { createDb, createPool, type Db } from '../db/kysely.js';
import { SnapshotCache } from '../lib/snapshot.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    pool: pg.Pool;
    snapshots: SnapshotCache;
  }
}

export interface DatabasePluginOptions {
  /** A pool owned by the caller (left open on close). */
  pool?: pg.Pool;
  /** Or a connection string: the app opens its own pool and closes it on close. */
  connectionString?: string;
}

/** Pool settings for a server: fail fast when PostgreSQL is down, never let one query hang a request. */
export const SERVER_POOL_OPTIONS: Partial<pg.PoolConfig> = {
  max: 10,
  connectionTimeoutMillis: 2000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 10_000,
  query_timeout: 12_000,
};

export default fp<DatabasePluginOptions>(async (app, options) => {
  if (!options.pool && !options.connectionString) throw new Error('buildApp needs a pool or a connectionString');
  const owned = !options.pool;
  const pool = options.pool ?? createPool(options.connectionString!, SERVER_POOL_OPTIONS);
  const db = createDb(pool);
  app.decorate('pool', pool);
  app.decorate('db', db);
  app.decorate('snapshots', new SnapshotCache(db));
  app.addHook('onClose', async () => {
    // Kysely's destroy ends the pool: only for a pool the app opened.
    if (owned) await db.destroy();
  });
}, { name: 'database' });
