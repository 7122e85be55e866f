// The audit log's commands: `npm run audit -- prune` removes only entries past the retention and records
// itself; every import (loaded, refused) is recorded with its files and rows.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../api/src/paths.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { csv, scratchFolder, type Scratch } from '../import/helpers.js';

let t: TestDatabase;
let scratch: Scratch;
const cliUser = `cli:${os.userInfo().username}`;

beforeAll(async () => {
  t = await createTestDatabase();
  scratch = await scratchFolder();
});
afterAll(async () => {
  await scratch.remove();
  await t.drop();
});

function run(script: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: t.url, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr: stderr.replace(/^npm warn.*\n/gm, '') }));
  });
}

const entries = async (action: string) => (await t.pool.query(
  'SELECT user_email, object, details FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;

describe('npm run audit -- prune', () => {
  it('removes the entries older than the retention (default 7 years), keeps the rest and records itself', async () => {
    await t.pool.query(`INSERT INTO audit_log (at, user_email, action) VALUES
      (now() - interval '7 years 1 day', 'old@example.org', 'sign_in'),
      (now() - interval '6 years', 'mid@example.org', 'sign_in'),
      (now() - interval '1 day', 'new@example.org', 'sign_in')`);
    const result = await run('scripts/audit.ts', ['prune']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Removed 1 audit entry older than \d{4}-.+ \(7 years\); this prune is itself recorded\.\n$/);
    const { rows } = await t.pool.query(`SELECT user_email FROM audit_log WHERE action = 'sign_in' ORDER BY at`);
    expect(rows.map((r) => r.user_email)).toEqual(['mid@example.org', 'new@example.org']);
    expect(await entries('audit_pruned')).toEqual([{
      user_email: cliUser, object: 'audit_log', details: { retentionYears: 7, before: expect.any(String), removed: 1 },
    }]);

    const shorter = await run('scripts/audit.ts', ['prune'], { AUDIT_RETENTION_YEARS: '5' });
    expect(shorter.code, shorter.stderr).toBe(0);
    expect(shorter.stdout).toMatch(/^Removed 1 audit entry .* \(5 years\)/);
  });

  it('refuses a retention that is not a whole number of years, removing nothing', async () => {
    const before = (await t.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    const result = await run('scripts/audit.ts', ['prune'], { AUDIT_RETENTION_YEARS: '0.5' });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('AUDIT_RETENTION_YEARS must be a whole number of years from 1 to 1000, got "0.5"');
    expect((await t.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(before);
  });

  it('is the only way out of the log: a plain delete is refused', async () => {
    await expect(t.pool.query(`DELETE FROM audit_log WHERE at < now()`)).rejects.toThrow(/append-only/);
    // Nor can a session set the prune's date itself to empty the log: only entries at least a year old may go.
    await expect(t.pool.query(`BEGIN; SET LOCAL ehps.audit_prune_before = '9999-01-01'; DELETE FROM audit_log; COMMIT`))
      .rejects.toThrow(/append-only/);
    await t.pool.query('ROLLBACK').catch(() => {});
  });
});

describe('imports are audited', () => {
  it('records a loaded folder with its files and rows, and a refused file with its problem count', async () => {
    await scratch.write('districts.csv', csv('district_code,district_name,area_code,area_name', 'DAR,Dartford,NORTH,North Kent', 'THA,Thanet,EAST,East Kent'));
    const loaded = await run('scripts/import.ts', ['--dir', scratch.dir]);
    expect(loaded.code, loaded.stderr).toBe(0);
    const bad = await scratch.write('bad.csv', csv('referral_id,child_id,district_code,referred_on', 'R1,K1,DAR,2015-02-30'));
    const refused = await run('scripts/import.ts', ['scs_referrals', bad]);
    expect(refused.code).toBe(1);

    const recorded = await entries('import');
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toMatchObject({
      user_email: cliUser,
      details: { outcome: 'loaded', dryRun: false, replace: false, files: [{ dataset: 'districts', file: 'districts.csv', rows: 2, changed: 2, removed: 0 }] },
    });
    expect(recorded[1]).toEqual({
      user_email: cliUser, object: 'scs_referrals',
      details: { given: [{ dataset: 'scs_referrals', file: 'bad.csv' }], replace: false, dryRun: false, outcome: 'refused', problems: 1 },
    });
  });
});
