// The dashboard in a real browser against the real server and fixtures: the scorecard, changing month
// and district, an indicator, choosing a district in its comparison, the caseloads; axe-core on each
// page (no serious or critical violation) and no Content Security Policy violation. Screenshots go to
// artifacts/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, expectAccessible as expectPageAccessible, openWatchedPage, signIn, type watchForErrors } from './browser.js';

const baseUrl = inject('e2eBaseUrl');

let browser: Browser;
let page: Page;
let seen: ReturnType<typeof watchForErrors>;

const expectAccessible = (name: string) => expectPageAccessible(page, name);

/** The month the fixtures' as-at date (2018-08-31) completes. */
const LATEST_COMPLETE = '2018-08';

const search = () => new URL(page.url()).searchParams;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ({ browser, page, seen } = await openWatchedPage());
  await signIn(page, baseUrl, inject('e2eViewer'));
});

afterAll(async () => {
  await browser?.close();
});

describe('dashboard in Chromium', () => {
  it('opens on the latest complete month with all 24 indicators and says how current the data is', async () => {
    await page.goto(`${baseUrl}/`);
    await page.locator('table.scorecard-table tr.scorecard-row').nth(23).waitFor();
    expect(await page.locator('table.scorecard-table tr.scorecard-row').count()).toBe(24);
    // The fixtures are taken on 31 August 2018 (as-at.txt), so every dataset covers August 2018.
    expect(await page.getByLabel('Month', { exact: true }).inputValue()).toBe(LATEST_COMPLETE);
    await page.getByRole('table', { name: /^Indicators for .+, August 2018, grouped by theme$/ }).waitFor();
    const currency = page.locator('.data-currency__line');
    await expect.poll(() => currency.textContent()).toMatch(/^Data as at 31 Aug 2018 · latest complete month August 2018 · /);
    expect(await currency.getByRole('link', { name: 'Data page: coverage and last imports' }).getAttribute('href')).toBe('/data');
    await expect.poll(() => page.getByText(/^Of 24 indicators:/).count()).toBe(1);
    // Every row's sparkline has loaded (or says why not).
    await page.waitForFunction(() => document.querySelectorAll('.sparkline--loading').length === 0);
    await expectAccessible('scorecard');
  });

  it('changes the month and the district through the address', async () => {
    const month = page.getByLabel('Month', { exact: true });
    const options = await month.locator('option').allTextContents();
    const older = options[3]!; // the fourth most recent month
    await month.selectOption({ label: older });
    await expect.poll(() => search().get('month')).toMatch(/^\d{4}-\d{2}$/);
    await page.getByLabel('Geography', { exact: true }).selectOption({ label: 'Thanet' });
    await expect.poll(() => search().get('district')).toBe('THA');
    await page.getByRole('table', { name: new RegExp(`Indicators for Thanet, ${older}`) }).waitFor();
    // Reload reproduces the view.
    await page.reload();
    await page.getByRole('table', { name: new RegExp(`Indicators for Thanet, ${older}`) }).waitFor();
    await expectAccessible('scorecard-thanet');
  });

  it('opens an indicator and moves to another district from the comparison', async () => {
    await page.locator('table.scorecard-table tr.scorecard-row a').first().click();
    await page.waitForURL(/\/indicators\/[a-z0-9_]+\?/);
    expect(search().get('district')).toBe('THA');
    await page.getByRole('table', { name: 'Monthly figures for Thanet' }).waitFor();
    await page.getByRole('table', { name: 'Figures by district, best first' }).waitFor();
    await expectAccessible('indicator-thanet');

    const swale = page.getByRole('button', { name: /^Swale\b/ });
    await swale.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => search().get('district')).toBe('SWA');
    await page.getByRole('table', { name: 'Monthly figures for Swale' }).waitFor();
  });

  it('opens the caseloads with every district, the area subtotals and the county total', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Caseloads' }).click();
    await page.waitForURL(/\/caseloads/);
    const table = page.getByRole('table', { name: /Caseloads by district/ });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(11 + 4);
    await expect.poll(() => table.locator('tfoot').textContent()).toMatch(/county total/);
    await page.getByRole('table', { name: /Open caseload by month and district/ }).waitFor();
    await expectAccessible('caseloads');
  });

  it('prints the scorecard on A4 landscape', async () => {
    await page.goto(`${baseUrl}/`);
    await page.locator('table.scorecard-table tr.scorecard-row').nth(23).waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: path.join(ARTIFACTS, 'e2e-scorecard-print.pdf'), preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('ran without Content Security Policy violations or script errors', () => {
    expect(seen.cspViolations).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
  });
});
