// A fresh, migrated database for one test file, copied from the run's template database.
import { inject } from 'vitest';
import type pg from 'pg';
import { randomBytes } from 'node:crypto';
import { databaseUrl } from './urls.js';
import { withClient } from './client.js';
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
  await withClient(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ehps_template`));
  const url = databaseUrl(adminUrl, name);
  const pool = createPool(url);
  const db = createDb(pool);
  return {
    url,
    pool,
    db,
    drop: async () => {
      await db.destroy();
      await withClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
