// Every import from the Import page is audited like the command line's: who (the signed-in user and their
// address), the files as uploaded, rows per dataset and the outcome — a dry run, a refused batch, a load.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { installViews } from '../../../api/src/results/refresh.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

const DISTRICTS = 'district_code,district_name,area_code,area_name\nDAR,Dartford,NORTH,North\nGRA,Gravesham,NORTH,North\n';
const BAD_DISTRICTS = 'district_code,district_name,area_code,area_name\nDAR,,NORTH,North\n';

let t: TestDatabase;
let app: App;
let uploads: string;
let analyst: SignedInClient;

beforeAll(async () => {
  t = await createTestDatabase();
  await installViews(t.pool);
  uploads = await mkdtemp(path.join(os.tmpdir(), 'ehps-upload-audit-'));
  app = await buildApp({ pool: t.pool, uploads: { dir: uploads, maxFileBytes: 4096, idleMs: 60_000 } });
  analyst = await signedIn(app, t.pool, 'analyst');
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
  await rm(uploads, { recursive: true, force: true });
});

async function upload(body: string): Promise<string> {
  const id = (await analyst.inject({ method: 'POST', url: '/api/imports' })).json().id;
  const sent = await analyst.inject({ method: 'PUT', url: `/api/imports/${id}/files/districts.csv`, headers: { 'content-type': 'text/csv' }, body });
  expect(sent.statusCode, sent.body).toBe(200);
  return id;
}

async function run(id: string, step: 'check' | 'load') {
  const started = await analyst.inject({ method: 'POST', url: `/api/imports/${id}/${step}`, payload: {} });
  expect(started.statusCode, started.body).toBe(202);
  for (;;) {
    const batch = (await analyst.inject(`/api/imports/${id}`)).json();
    if (batch.state !== 'checking' && batch.state !== 'loading') return batch;
    await sleep(50);
  }
}

const imports = async () => (await t.pool.query(
  `SELECT user_email, address, object, details FROM audit_log WHERE action = 'import' ORDER BY id`)).rows;

describe('uploads are audited', () => {
  it('records a check, a load and a refused batch with the uploader, the files and the outcome', async () => {
    const good = await upload(DISTRICTS);
    expect((await run(good, 'check')).state).toBe('checked');
    expect((await run(good, 'load')).state).toBe('loaded');
    const bad = await upload(BAD_DISTRICTS);
    expect((await run(bad, 'check')).state).toBe('refused');

    const entries = await imports();
    const given = [{ dataset: 'districts', file: 'districts.csv' }];
    const file = { dataset: 'districts', file: 'districts.csv', rows: 2, changed: 2, removed: 0 };
    expect(entries).toEqual([
      { user_email: analyst.user.email, address: '127.0.0.1', object: 'districts', details: { given, replace: false, dryRun: true, outcome: 'checked', files: [file] } },
      { user_email: analyst.user.email, address: '127.0.0.1', object: 'districts', details: { given, replace: false, dryRun: false, outcome: 'loaded', files: [file] } },
      { user_email: analyst.user.email, address: '127.0.0.1', object: 'districts', details: { given, replace: false, dryRun: true, outcome: 'refused', problems: 1 } },
    ]);
  });
});
