// Commentary in a real browser against the real server: an analyst signs in, writes the county commentary
// of an indicator on its page (line breaks kept), submits it, sees its state in words on the scorecard row
// and its history; axe-core on the page with the commentary form and with the history open.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../api/src/access/passwords.js';
import { upsertUser } from '../../api/src/access/users.js';
import { createPool } from '../../api/src/db/kysely.js';
import { ARTIFACTS, expectAccessible, openWatchedPage, signIn } from './browser.js';

const baseUrl = inject('e2eBaseUrl');
const databaseUrl = inject('e2eDatabaseUrl');
const ANALYST = { email: 'analyst.commentary@e2e.example', password: 'an analyst password for the browser tests' };
const CODE = 'eh_plans_within_4_weeks_pct';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!databaseUrl) return;
  const pool = createPool(databaseUrl);
  try {
    await upsertUser(pool, { email: ANALYST.email, name: 'Andy Analyst', role: 'analyst', passwordHash: await hashPassword(ANALYST.password) });
  } finally {
    await pool.end();
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  ({ browser, page } = await openWatchedPage());
  await signIn(page, baseUrl, ANALYST, `/indicators/${CODE}?month=2018-08`);
});
afterAll(async () => {
  await browser?.close();
});

// It needs the database (to make the analyst): skipped against a server started elsewhere.
describe.skipIf(!databaseUrl)('commentary in Chromium', () => {
  it('lets an analyst write and submit the county commentary, keyboard and screen-reader usable', async () => {
    const panel = page.getByRole('region', { name: 'Commentary, August 2018' });
    await panel.waitFor();
    const box = panel.getByRole('textbox', { name: /the commentary/ });
    await box.fill('Plans slowed in the summer.\nA triage rota starts in September.');
    await expectAccessible(page, 'indicator-commentary-form');
    await panel.getByRole('button', { name: 'Save as draft' }).click();
    await panel.getByText('Saved as a draft.').waitFor();
    expect(await panel.locator('.commentary__text').first().textContent()).toBe('Plans slowed in the summer.\nA triage rota starts in September.');
    await panel.getByRole('button', { name: 'Submit for approval' }).click();
    await panel.getByText('Submitted for approval.').waitFor();
    await panel.getByRole('button', { name: 'Show the history' }).click();
    await panel.getByRole('list', { name: 'History, oldest first' }).waitFor();
    expect(await panel.getByRole('listitem').count()).toBe(2);
    await expectAccessible(page, 'indicator-commentary-history');
  });

  it('shows the state in words on the scorecard row', async () => {
    await page.goto(`${baseUrl}/?month=2018-08`);
    await page.getByRole('columnheader', { name: 'Commentary' }).waitFor();
    const cell = page.locator(`tr.scorecard-row[data-code="${CODE}"] .commentary-cell`);
    await expect.poll(() => cell.textContent()).toBe('Submitted for approval');
    await expectAccessible(page, 'scorecard-commentary');
  });
});
