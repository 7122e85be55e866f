// When PostgreSQL goes away the API answers 503 (health and data routes alike) instead of hanging or
// crashing, and it recovers by itself when PostgreSQL is back. Uses its own embedded server, so the
// shared one stays up for the other test files.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { createDatabaseIfMissing } from '../../../api/src/db/connection.js';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../../api/src/db/embedded.js';
import { createPool } from '../../../api/src/db/kysely.js';
import { migrate } from '../../../api/src/db/migrate.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { insertFullCoverage } from '../../support/coverage.js';
import { insertDistricts, insertMonths } from './seed.js';
import { freePort } from '../../../api/src/net.js';

let folder: string;
let dataDir: string;
let port: number;
let server: EmbeddedServer | null = null;
let app: App;
let api: SignedInClient;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'ehps-outage-'));
  await chmod(folder, 0o755);
  dataDir = path.join(folder, 'pg');
  port = await freePort();
  server = await startEmbeddedPostgres({ dataDir, port });
  await createDatabaseIfMissing(server.connectionString('postgres'), 'ehps');
  const pool = createPool(server.connectionString('ehps'));
  await migrate(pool);
  await insertDistricts(pool);
  await insertMonths(pool, '2015-01', '2015-06');
  await insertFullCoverage(pool);
  // The app opens its own pool, with the server's fail-fast settings.
  app = await buildApp({ connectionString: server.connectionString('ehps') });
  api = await signedIn(app, pool, 'viewer');
  await pool.end();
});

afterAll(async () => {
  await app?.close();
  await server?.stop();
  await rm(folder, { recursive: true, force: true });
});

describe('database outage', () => {
  it('answers normally while the database is up', async () => {
    expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok', database: 'ok' });
    expect((await api.inject('/api/months')).json()).toEqual({ first: '2015-01', latest: '2015-06', latestComplete: '2015-06' });
  });

  it('answers 503 with the error envelope when the database is down', async () => {
    await server!.stop();
    server = null;
    const health = await app.inject('/api/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: 'unavailable', database: 'unavailable' });
    for (const url of ['/api/months', '/api/scorecard?month=2015-06', '/api/caseloads?month=2015-06',
      '/api/indicators/neet_16_18_pct/series']) {
      const response = await api.inject(url);
      expect(response.statusCode, url).toBe(503);
      expect(response.json(), url).toEqual({ error: 'unavailable', message: expect.stringMatching(/database is unavailable/) });
    }
    // Refusing an unsigned caller needs no database.
    const unsigned = await app.inject('/api/indicators');
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('recovers without a restart when the database is back', async () => {
    server = await startEmbeddedPostgres({ dataDir, port });
    expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok', database: 'ok' });
    expect((await api.inject('/api/months')).json()).toEqual({ first: '2015-01', latest: '2015-06', latestComplete: '2015-06' });
    const scorecard = await api.inject('/api/scorecard?month=2015-06');
    expect(scorecard.statusCode).toBe(200);
    expect(scorecard.json().indicators[0]).toMatchObject({ value: null, status: 'no_data' });
  });
});
