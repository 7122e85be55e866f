// Importing from the browser: an upload streams files to a private folder, is checked as one batch (a dry
// run listing every problem), loaded with the command line's semantics (all or nothing, the indicators
// recomputed) and its files deleted; too large a file, an unknown file, a cancel and the history.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { installViews } from '../../../api/src/results/refresh.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

const DISTRICTS = `district_code,district_name,area_code,area_name
DAR,Dartford,NORTH,North
GRA,Gravesham,NORTH,North
`;
const CASES = `case_id,child_id,district_code,notified_on,assessed_on,plan_on,closed_on,closure_reason
E1,K1,DAR,2016-01-10,2016-01-12,,2016-02-10,outcomes_achieved
E2,K2,GRA,2016-02-02,,,,
`;
const BAD_CASES = `case_id,child_id,district_code,notified_on,assessed_on,plan_on,closed_on,closure_reason
E1,K1,DAR,2016-01-10,2016-01-12,,2016-02-10,outcomes_achieved
E2,K2,XXX,2016-02-31,,,,
`;

describe('the Import page routes', () => {
  let t: TestDatabase;
  let app: App;
  let uploads: string;
  let analyst: SignedInClient;

  beforeAll(async () => {
    t = await createTestDatabase();
    await installViews(t.pool);
    uploads = await mkdtemp(path.join(os.tmpdir(), 'ehps-uploads-test-'));
    app = await buildApp({ pool: t.pool, uploads: { dir: uploads, maxFileBytes: 4096, idleMs: 60_000 } });
    analyst = await signedIn(app, t.pool, 'analyst');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
    await rm(uploads, { recursive: true, force: true });
  });

  async function newUpload(): Promise<string> {
    const response = await analyst.inject({ method: 'POST', url: '/api/imports' });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }

  async function send(id: string, name: string, body: string) {
    return analyst.inject({ method: 'PUT', url: `/api/imports/${id}/files/${name}`, headers: { 'content-type': 'text/csv' }, body });
  }

  async function run(id: string, step: 'check' | 'load', body: object = {}) {
    const started = await analyst.inject({ method: 'POST', url: `/api/imports/${id}/${step}`, payload: body });
    expect(started.statusCode, started.body).toBe(202);
    for (;;) {
      const batch = (await analyst.inject(`/api/imports/${id}`)).json();
      if (batch.state !== 'checking' && batch.state !== 'loading') return batch;
      await sleep(50);
    }
  }

  it('checks an upload without writing, then loads it, recomputes the indicators and deletes the files', async () => {
    const id = await newUpload();
    expect((await send(id, 'districts.csv', DISTRICTS)).json()).toEqual({ name: 'districts.csv', dataset: 'districts', bytes: DISTRICTS.length });
    expect((await send(id, 'early_help_cases.csv', CASES)).statusCode).toBe(200);
    expect((await send(id, 'as-at.txt', '2016-02-29\n')).statusCode).toBe(200);

    const checked = await run(id, 'check');
    expect(checked.state).toBe('checked');
    expect(checked.result.ok).toBe(true);
    expect(checked.result.files.map((f: { dataset: string; rows: number }) => [f.dataset, f.rows]))
      .toEqual([['districts', 2], ['early_help_cases', 2]]);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM early_help_cases')).rows[0].n).toBe(0);

    const loaded = await run(id, 'load');
    expect(loaded.state, JSON.stringify(loaded)).toBe('loaded');
    expect(loaded.files).toEqual([]);
    expect(await readdir(path.join(uploads, id))).toEqual([]);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM early_help_cases')).rows[0].n).toBe(2);
    const coverage = await t.pool.query(`SELECT to_char(as_at, 'YYYY-MM-DD') AS as_at, last_imported_by FROM dataset_coverage WHERE dataset = 'early_help_cases'`);
    expect(coverage.rows[0]).toEqual({ as_at: '2016-02-29', last_imported_by: analyst.user.email });
    // The indicators were recomputed: February 2016's caseload holds the open case.
    const open = await t.pool.query(`SELECT sum(numerator)::int AS n FROM indicator_results WHERE indicator_code = 'caseload_open' AND month = '2016-02-01'`);
    expect(open.rows[0].n).toBe(1);

    const history = (await analyst.inject('/api/imports')).json().runs;
    expect(history.slice(0, 2).map((r: { outcome: string; source: string }) => [r.outcome, r.source])).toEqual([['loaded', 'upload'], ['checked', 'upload']]);
    expect(history[0].files.find((f: { dataset: string }) => f.dataset === 'early_help_cases')).toMatchObject({ file: 'early_help_cases.csv', rows: 2, asAt: '2016-02-29' });
  });

  it('lists every problem of a bad file as file, line, column, value and rule, naming the file as uploaded, and loads nothing', async () => {
    const before = (await t.pool.query('SELECT count(*)::int AS n FROM early_help_cases')).rows[0].n;
    const id = await newUpload();
    await send(id, 'early_help_cases.csv', BAD_CASES);
    const refused = await run(id, 'load');
    expect(refused.state).toBe('refused');
    expect(refused.result.ok).toBe(false);
    expect(refused.result.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'early_help_cases.csv', line: 3, column: 'notified_on', value: '2016-02-31' }),
      expect.objectContaining({ file: 'early_help_cases.csv', line: 3, column: 'district_code', value: 'XXX' }),
    ]));
    expect(JSON.stringify(refused)).not.toContain(uploads);
    // Kept for another try, nothing loaded.
    expect(refused.files.map((f: { name: string }) => f.name)).toEqual(['early_help_cases.csv']);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM early_help_cases')).rows[0].n).toBe(before);
  });

  it('refuses a file over the size limit and leaves no part of it on disk', async () => {
    const id = await newUpload();
    const big = CASES + 'E9,K9,DAR,2016-01-10,,,,\n'.repeat(400);
    const refused = await send(id, 'early_help_cases.csv', big);
    expect(refused.statusCode).toBe(413);
    expect(refused.json()).toEqual({ error: 'too_large', message: expect.stringMatching(/early_help_cases\.csv .* larger than the limit of 4\.0 KB \(UPLOAD_MAX_FILE_MB\)/) });
    expect(await readdir(path.join(uploads, id))).toEqual([]);
  });

  it('refuses a file that is not a dataset, saying which names are', async () => {
    const id = await newUpload();
    const refused = await send(id, 'notes.csv', 'a,b\n');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/^notes\.csv is not a dataset file: files are named <dataset>\.csv \(districts, /);
  });

  it('cancels an upload: its folder is deleted and the upload is gone', async () => {
    const id = await newUpload();
    await send(id, 'districts.csv', DISTRICTS);
    expect((await analyst.inject({ method: 'DELETE', url: `/api/imports/${id}` })).statusCode).toBe(204);
    expect(existsSync(path.join(uploads, id))).toBe(false);
    expect((await analyst.inject(`/api/imports/${id}`)).statusCode).toBe(404);
  });

  it('is for analysts and administrators only, and an upload is its uploader\'s alone', async () => {
    const viewer = await signedIn(app, t.pool, 'viewer');
    const refused = await viewer.inject({ method: 'POST', url: '/api/imports' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/import extracts/);
    const id = await newUpload();
    const other = await signedIn(app, t.pool, 'admin');
    expect((await other.inject(`/api/imports/${id}`)).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/imports' })).statusCode).toBe(401);
  });

  it('says there is nothing to check in an upload without a dataset file', async () => {
    const id = await newUpload();
    const refused = await analyst.inject({ method: 'POST', url: `/api/imports/${id}/check`, payload: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({ error: 'conflict', message: expect.stringContaining('no dataset file') });
  });
});
