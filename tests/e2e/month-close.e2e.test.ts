// The Month close page in a real browser against the real server and fixtures: an analyst signs in, opens the
// page from the header, sees what blocks publication, inserts the drafted headlines into the executive
// summary, saves and submits it; axe-core (no serious or critical violation) on the page, its content at
// 320 px too, and screenshots in artifacts/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../api/src/access/passwords.js';
import { upsertUser } from '../../api/src/access/users.js';
import { createPool } from '../../api/src/db/kysely.js';
import { expectAccessible, openWatchedPage, signIn, type watchForErrors } from './browser.js';

const baseUrl = inject('e2eBaseUrl');
const databaseUrl = inject('e2eDatabaseUrl');
const analyst = { email: 'analyst@e2e.example', password: 'an analyst password for the browser tests' };

let browser: Browser;
let page: Page;
let seen: ReturnType<typeof watchForErrors>;

// Needs the database to create the analyst (not available against a server started elsewhere).
describe.skipIf(databaseUrl === null)('Month close page in Chromium', () => {
  beforeAll(async () => {
    const pool = createPool(databaseUrl!);
    try {
      await upsertUser(pool, { email: analyst.email, name: 'Ana Lyst', role: 'analyst', passwordHash: await hashPassword(analyst.password) });
    } finally {
      await pool.end();
    }
    ({ browser, page, seen } = await openWatchedPage());
    await signIn(page, baseUrl, analyst);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is reached from the header and says what blocks publication', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Month close' }).click();
    await page.waitForURL(/\/month-close/);
    await page.getByRole('heading', { level: 1, name: /^Month close: / }).waitFor();
    const blockers = page.getByRole('region', { name: 'What still blocks publication' });
    // Nothing is written yet: at least the executive summary blocks it.
    await blockers.getByText(/Executive summary: not written/).waitFor();
    await page.getByRole('textbox', { name: 'Data headlines' }).waitFor();
    await expectAccessible(page, 'month-close');
  });

  it('drafts, saves and submits the executive summary', async () => {
    const headlines = page.getByRole('textbox', { name: 'Data headlines' });
    await page.getByRole('button', { name: 'Insert drafted headlines' }).click();
    await page.getByRole('status').filter({ hasText: /drafted headline|no headline/ }).waitFor();
    const drafted = await headlines.inputValue();
    if (drafted === '') await headlines.fill('Figures steady this month.');
    await page.getByRole('textbox', { name: 'Recent activity' }).fill('Two family hubs opened.');
    await page.getByRole('textbox', { name: 'Planned activity' }).fill('Recruit four early help workers.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText(/^State: Draft/).waitFor();
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.getByText(/^State: Submitted for approval/).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'What still blocks publication' }).textContent())
      .toMatch(/Executive summary: submitted for approval/);
    await expectAccessible(page, 'month-close-submitted');
  });

  it('fits into 320 px without sideways scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Month close: / }).waitFor();
    await page.getByRole('textbox', { name: 'Data headlines' }).waitFor();
    // Neither the page nor its content scrolls sideways: wide tables scroll inside their own box, text areas
    // and buttons wrap (tests/e2e/reflow.e2e.test.ts checks every page at 320, 768 and 1,280 px).
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - window.innerWidth,
      main: document.querySelector('#main')!.scrollWidth - document.querySelector('#main')!.clientWidth,
    }));
    await expectAccessible(page, 'month-close-320');
    expect(overflow).toEqual({ page: 0, main: 0 });
  });

  it('raised no script error and no Content Security Policy violation', () => {
    expect(seen.pageErrors).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
  });
});
