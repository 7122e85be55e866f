// A fresh, migrated database for one test file, copied from the run's template database.
import { inject } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { databaseUrl } from './urls.js';
import { createDb, createPool, type Db } from '../../api/src/db/kysely.js';

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  db: Db;
  drop: () => Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ehps_template`);
  await admin.end();
  const url = databaseUrl(adminUrl, name);
  const pool = createPool(url);
  const db = createDb(pool);
  return {
    url,
    pool,
    db,
    drop: async () => {
      await db.destroy();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
