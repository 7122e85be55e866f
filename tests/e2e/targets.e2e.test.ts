// The Targets page in Chromium against the real server and fixtures: an analyst sees the plan's last Kent
// target carried forward to the year of the latest complete month, sets that year's own target from the
// carried row (the scorecard then uses it, not carried), and deletes it again (the carry is back); axe-core
// finds no serious or critical violation, and a screenshot goes to artifacts/.
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
const viewer = inject('e2eViewer');

const CODE = 'eh_plans_within_4_weeks_pct'; // percent, financial year, Kent targets 2015–2018 in the fixtures
const analyst = { email: `targets-analyst-${process.pid}@example.test`, password: 'a long analyst password' };

let browser: Browser;
let page: Page;
let seen: ReturnType<typeof watchForErrors>;
let pool: pg.Pool | null = null;
let year: number;

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${viewer.token}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

interface Row { code: string; target: number | null; targetYear: number; targetCarriedForward: boolean; targetFromYear: number | null }

async function scorecardRow(month: string): Promise<Row> {
  const { indicators } = await api<{ indicators: Row[] }>(`/api/scorecard?month=${month}`);
  return indicators.find((row) => row.code === CODE)!;
}

/** '2018–19' for 2019, as the page labels a financial year. */
const label = (y: number) => `${y - 1}–${String(y).slice(-2)}`;

let month: string;

// Needs the database to add an analyst: not when run against a server started elsewhere (EHPS_E2E_URL).
describe.skipIf(databaseUrl === null)('Targets page in Chromium', () => {
  beforeAll(async () => {
    pool = createPool(databaseUrl!);
    await upsertUser(pool, {
      email: analyst.email, name: 'Targets Analyst', role: 'analyst', scope: null,
      passwordHash: await hashPassword(analyst.password, TEST_SCRYPT),
    });
    month = (await api<{ latestComplete: string }>('/api/months')).latestComplete;
    year = (await scorecardRow(month)).targetYear;
    ({ browser, page, seen } = await openWatchedPage());
    await signIn(page, baseUrl, analyst, `/targets?indicator=${CODE}`);
  });

  afterAll(async () => {
    // Leave the fixtures as found, whatever happened above.
    await pool?.query("DELETE FROM targets WHERE indicator_code = $1 AND year = $2 AND geography_code = 'KENT' AND target = 99.5", [CODE, year]);
    await pool?.end();
    await browser?.close();
  });

  it('shows the carried year as such, passes axe, and sets that year’s own target from it', async () => {
    const before = await scorecardRow(month);
    expect(before.targetCarriedForward, `the fixtures carry a target to ${month}`).toBe(true);
    const table = page.getByRole('table', { name: /Targets and floors of/ });
    await table.waitFor();
    await expect(table.getByRole('row').filter({ hasText: `${label(before.targetFromYear!)} target carried forward` }).first().textContent())
      .resolves.toContain(label(year));
    await expectAccessible(page, 'targets');

    await page.getByRole('button', { name: `Set a target for ${label(year)} at Kent` }).click();
    const form = page.getByRole('region', { name: 'Set a target' });
    await form.getByRole('textbox', { name: 'Target (%)' }).fill('99.5');
    await form.getByRole('button', { name: 'Save target' }).click();
    await page.getByRole('status').filter({ hasText: `Saved the ${label(year)} target for Kent.` }).waitFor();

    expect(await scorecardRow(month)).toMatchObject({ target: 99.5, targetCarriedForward: false, targetFromYear: null });
  });

  it('deletes it after confirmation, and the earlier target is carried forward again', async () => {
    await page.getByRole('button', { name: `Delete the ${label(year)} target for Kent` }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('status').filter({ hasText: `Deleted the ${label(year)} target for Kent.` }).waitFor();
    expect(await scorecardRow(month)).toMatchObject({ targetCarriedForward: true });
    expect(seen.cspViolations).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
  });
});
