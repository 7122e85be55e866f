// The Import page in Chromium against the real server: an analyst chooses real files (a dataset file with bad
// rows, a file that is not a dataset), they are uploaded with the browser's own request (the bytes on the wire,
// which jsdom cannot send), checked as one batch, and every problem is listed as file, line, column, value and
// rule; nothing is loaded, the check is in the history, and the upload is cancelled. axe-core on the page.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../api/src/access/passwords.js';
import { upsertUser } from '../../api/src/access/users.js';
import { createPool } from '../../api/src/db/kysely.js';
import { TEST_SCRYPT } from '../support/auth.js';
import { expectAccessible, openWatchedPage, signIn, type watchForErrors } from './browser.js';

const baseUrl = inject('e2eBaseUrl');
const databaseUrl = inject('e2eDatabaseUrl');

const analyst = { email: `import-analyst-${process.pid}@example.test`, password: 'a long analyst password' };

let browser: Browser;
let page: Page;
let seen: ReturnType<typeof watchForErrors>;
let pool: pg.Pool | null = null;
let folder: string;

// Needs the database to add an analyst: not when run against a server started elsewhere (EHPS_E2E_URL).
describe.skipIf(databaseUrl === null)('Import page in Chromium', () => {
  beforeAll(async () => {
    pool = createPool(databaseUrl!);
    await upsertUser(pool, {
      email: analyst.email, name: 'Import Analyst', role: 'analyst', scope: null,
      passwordHash: await hashPassword(analyst.password, TEST_SCRYPT),
    });
    folder = mkdtempSync(path.join(os.tmpdir(), 'ehps-e2e-import-'));
    writeFileSync(path.join(folder, 'scs_referrals.csv'), [
      'referral_id,child_id,district_code,referred_on',
      'E2E-R1,E2E-K1,DAR,2018-03-10',
      'E2E-R2,E2E-K2,NOWHERE,2018-03-11',
      'E2E-R3,E2E-K3,GRA,2018-02-30',
      '',
    ].join('\n'));
    writeFileSync(path.join(folder, 'notes.txt'), 'not a dataset\n');
    ({ browser, page, seen } = await openWatchedPage());
    await signIn(page, baseUrl, analyst, '/import');
  });

  afterAll(async () => {
    await pool?.end();
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('uploads and checks real files, lists every problem, loads nothing, and passes axe', async () => {
    const before = (await pool!.query("SELECT count(*)::int AS n FROM scs_referrals WHERE referral_id LIKE 'E2E-%'")).rows[0].n;
    await page.getByRole('heading', { level: 1, name: 'Import extracts' }).waitFor();
    await page.getByLabel('Choose files').setInputFiles([path.join(folder, 'scs_referrals.csv'), path.join(folder, 'notes.txt')]);
    const chosen = page.getByRole('table', { name: /Files chosen: 1 to upload, 1 not a dataset/ });
    await chosen.waitFor();
    expect(await chosen.getByRole('row').filter({ hasText: 'notes.txt' }).textContent()).toContain('Not a dataset');

    await page.getByRole('button', { name: 'Upload and check' }).click();
    const problems = page.getByRole('table', { name: 'Problems: 2' });
    await problems.waitFor();
    const rows = await problems.locator('tbody tr').allTextContents();
    expect(rows).toEqual([
      expect.stringMatching(/^scs_referrals\.csv3district_codeNOWHERE.*districts/),
      expect.stringMatching(/^scs_referrals\.csv4referred_on2018-02-30must be a real date/),
    ]);
    expect(await page.getByRole('alert').first().textContent()).toContain('Nothing was loaded: 2 problems found.');
    expect(await page.getByRole('button', { name: 'Load these files' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'import');

    const history = page.getByRole('table', { name: /Checks and loads, newest first/ });
    await history.getByRole('row').filter({ hasText: analyst.email }).first().waitFor();
    expect(await history.getByRole('row').filter({ hasText: analyst.email }).first().textContent()).toMatch(/Import page.*Refused \(2 problems\)/);

    await page.getByRole('button', { name: 'Start again' }).click();
    await chosen.waitFor({ state: 'detached' });
    expect((await pool!.query("SELECT count(*)::int AS n FROM scs_referrals WHERE referral_id LIKE 'E2E-%'")).rows[0].n).toBe(before);
    expect(seen.cspViolations).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
  });
});
