// The import command as an operator runs it: exit codes, the summary, the problem list, the usage.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../api/src/paths.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { csv, scratchFolder, type Scratch } from './helpers.js';

let t: TestDatabase;
let scratch: Scratch;

beforeAll(async () => {
  t = await createTestDatabase();
  scratch = await scratchFolder();
});
afterAll(async () => {
  await scratch.remove();
  await t.drop();
});

function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/import.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: t.url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr: stderr.replace(/^npm warn.*\n/gm, '') }));
  });
}

describe('npm run import', () => {
  it('prints the usage for --help, and a one-line message with the usage for an unknown option or a missing file', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage:/);
    expect(help.stdout).toMatch(/--dir <folder>/);

    const unknown = await run('--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe("Unknown option '--frobnicate'.");
    expect(unknown.stderr).toMatch(/Usage:/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);

    const missing = await run('districts', 'no-such-file.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('File not found: no-such-file.csv');
  });

  it('loads a folder, summarising rows per dataset, and warns about files that are not datasets', async () => {
    await scratch.write('districts.csv', csv('district_code,district_name,area_code,area_name', 'DAR,Dartford,NORTH,North Kent'));
    await scratch.write('scs_referrals.csv', csv('referral_id,child_id,district_code,referred_on', 'R1,K1,DAR,2015-01-10', 'R2,K2,DAR,2015-02-10'));
    await scratch.write('extract-notes.txt', 'x');
    const result = await run('--dir', scratch.dir);
    expect(result.stderr).toMatch(/warning: .*extract-notes\.txt skipped: not a dataset file/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Loaded 2 files in [\d.]+ s:/);
    expect(result.stdout).toMatch(/districts\s+1 row /);
    expect(result.stdout).toMatch(/scs_referrals\s+2 rows/);
    const { rows } = await t.pool.query('SELECT count(*)::int AS n FROM scs_referrals');
    expect(rows[0].n).toBe(2);
  });

  it('exits non-zero with the problem list for a bad file, loading nothing', async () => {
    const file = await scratch.write('bad-referrals.csv', csv('referral_id,child_id,district_code,referred_on', 'R3,K3,DAR,2015-02-30'));
    const result = await run('scs_referrals', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:2, column referred_on, value "2015-02-30": must be a real date written YYYY-MM-DD`);
    expect(result.stderr).toMatch(/Nothing was loaded: 1 problem found/);
    const { rows } = await t.pool.query('SELECT count(*)::int AS n FROM scs_referrals');
    expect(rows[0].n).toBe(2);
  });

  it('takes --as-at, refuses a malformed or future one (exit 1, nothing loaded) and records the OS user as the importer', async () => {
    const file = await scratch.write('more-referrals.csv', csv('referral_id,child_id,district_code,referred_on', 'R4,K4,DAR,2015-03-10'));
    const malformed = await run('scs_referrals', file, '--as-at', '2015-3-31');
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('--as-at, value "2015-3-31": the as-at date must be a date as YYYY-MM-DD');
    expect(malformed.stderr).not.toMatch(/\n\s+at /);
    const future = await run('scs_referrals', file, '--as-at', '2999-12-31');
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/--as-at, value "2999-12-31": the as-at date is in the future/);
    const before = await t.pool.query('SELECT count(*)::int AS n FROM scs_referrals');
    expect(before.rows[0].n).toBe(2);

    const loaded = await run('scs_referrals', file, '--as-at', '2015-03-31');
    expect(loaded.code, loaded.stderr).toBe(0);
    const { rows } = await t.pool.query(`SELECT to_char(as_at, 'YYYY-MM-DD') AS as_at, last_imported_by FROM dataset_coverage WHERE dataset = 'scs_referrals'`);
    expect(rows[0]).toEqual({ as_at: '2015-03-31', last_imported_by: `cli:${os.userInfo().username}` });
    // The Import page's history lists command-line runs, refused ones too.
    const history = await t.pool.query(`SELECT imported_by, source, outcome, to_char(as_at_given, 'YYYY-MM-DD') AS as_at_given, files
      FROM import_runs ORDER BY id DESC LIMIT 3`);
    expect(history.rows.map((r) => [r.source, r.outcome, r.as_at_given])).toEqual([
      ['command_line', 'loaded', '2015-03-31'], ['command_line', 'refused', '2999-12-31'], ['command_line', 'refused', null],
    ]);
    expect(history.rows[0].imported_by).toBe(`cli:${os.userInfo().username}`);
    expect(history.rows[0].files).toEqual([{ dataset: 'scs_referrals', file: 'more-referrals.csv', rows: 1, changed: 1, removed: 0, asAt: '2015-03-31' }]);
  });

  it('exits non-zero naming the removing file, column and value when a full extract would leave stored rows referring to it', async () => {
    const { rows: [stored] } = await t.pool.query("SELECT count(*)::int AS n FROM scs_referrals WHERE district_code = 'DAR'");
    await t.pool.query("INSERT INTO districts VALUES ('MAI', 'Maidstone', 'WEST', 'West Kent')");
    const file = await scratch.write('districts-full.csv', csv('district_code,district_name,area_code,area_name', 'MAI,Maidstone,WEST,West Kent'));
    const result = await run('--replace', 'districts', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}, column district_code, value "DAR": the full extract (replace) would remove a row that scs_referrals (${stored.n} rows) still refers to`);
    expect(result.stderr).toMatch(/Nothing was loaded: 1 problem found/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const { rows } = await t.pool.query('SELECT count(*)::int AS n FROM districts');
    expect(rows[0].n).toBe(2);
  });
});
