// The Data page in a real browser against the real server and fixtures: reached from the header with the
// keyboard, every record dataset listed with its rows, coverage, as-at date and last import, axe-core (no
// serious or critical violation), a screenshot in artifacts/; and a partial window on the scorecard.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, openWatchedPage, signIn, type watchForErrors } from './browser.js';

const baseUrl = inject('e2eBaseUrl');
const importedBy = inject('e2eImportedBy');
const viewer = inject('e2eViewer');

let browser: Browser;
let page: Page;
let seen: ReturnType<typeof watchForErrors>;

interface DatasetInfo {
  name: string;
  kind: 'reference' | 'record';
  rows: number;
  coveredFrom: string | null;
  lastImportedAt: string | null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** 'YYYY-MM' → 'April 2013'. */
const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** The server's own list, so that a dataset added to the importer is expected on the page too. */
async function recordDatasets(): Promise<DatasetInfo[]> {
  const response = await fetch(`${baseUrl}/api/datasets`, { headers: { authorization: `Bearer ${viewer.token}` } });
  expect(response.status).toBe(200);
  const { datasets } = (await response.json()) as { datasets: DatasetInfo[] };
  return datasets.filter((d) => d.kind === 'record');
}

beforeAll(async () => {
  ({ browser, page, seen } = await openWatchedPage());
  await signIn(page, baseUrl, viewer);
});

afterAll(async () => {
  await browser?.close();
});

describe('Data page in Chromium', () => {
  it('is reached from the header with the keyboard', async () => {
    await page.goto(`${baseUrl}/`);
    await page.locator('table.scorecard-table tr.scorecard-row').first().waitFor();
    const dataLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data', exact: true });
    // Tab from the top of the page (skip link, title, Scorecard, Caseloads, Data) until the link has the focus.
    await page.locator('body').focus();
    for (let presses = 0; presses < 10 && !(await dataLink.evaluate((link) => link === document.activeElement)); presses++) {
      await page.keyboard.press('Tab');
    }
    expect(await dataLink.evaluate((link) => link === document.activeElement), 'Tab never reached the Data link').toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/data(\?|$)/);
    await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
  });

  it('lists every record dataset with its rows, coverage, as-at date and last import', async () => {
    const expected = await recordDatasets();
    expect(expected.length).toBeGreaterThan(0);
    await page.goto(`${baseUrl}/data`);
    const table = page.getByRole('table', { name: /^Datasets: rows, coverage and last import/ });
    await table.waitFor();
    const headers = await table.locator('thead th').allTextContents();
    expect(headers).toEqual(['Dataset', 'Rows', 'Covered from', 'As at', 'Last import', 'By']);

    // At scale 1 the records start in April 2013 (docs/fixtures.md); the list is not empty by accident.
    expect(expected.find((d) => d.name === 'early_help_cases')?.coveredFrom).toBe('2013-04');
    for (const dataset of expected) {
      const row = table.locator('tbody tr').filter({ has: page.locator('th code', { hasText: new RegExp(`^${dataset.name}$`) }) });
      expect(await row.count(), `${dataset.name}: one row`).toBe(1);
      const [rows, coveredFrom, asAt, lastImport, by] = await row.locator('td').allTextContents();
      expect(Number(rows!.replace(/,/g, '')), `${dataset.name}: rows`).toBeGreaterThan(0);
      expect(Number(rows!.replace(/,/g, '')), `${dataset.name}: rows as the API counts them`).toBe(dataset.rows);
      // The month of the dataset's first record (docs/fixtures.md, "As-at date and coverage").
      expect(coveredFrom, `${dataset.name}: covered from`).toBe(monthName(dataset.coveredFrom!));
      expect(asAt, `${dataset.name}: as at`).toBe('31 Aug 2018');
      expect(lastImport, `${dataset.name}: last import`).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
      expect(await row.locator('td time').getAttribute('datetime'), `${dataset.name}: last import`).toBe(dataset.lastImportedAt);
      if (importedBy) expect(by, `${dataset.name}: imported by`).toBe(importedBy);
      else expect(by, `${dataset.name}: imported by`).not.toMatch(/^–/); // "–" (and, hidden, "none") for nobody
    }
    await expect.poll(() => page.getByText(/The scorecard reports .+ to .+; the latest complete month is August 2018\./).count()).toBe(1);
  });

  it('has no serious or critical accessibility violation', async () => {
    if (new URL(page.url()).pathname !== '/data') await page.goto(`${baseUrl}/data`);
    await page.getByRole('table', { name: /^Datasets: rows, coverage and last import/ }).waitFor();
    await expectAccessible(page, 'data');
  });

  it('marks a partial window on the scorecard and scores it "No data"', async () => {
    // The first months reported (2014-03 to 2015-02): the re-referral and reoffending figures look back over
    // windows that start before the records (April 2013), so they are partial (docs/fixtures.md).
    await page.goto(`${baseUrl}/?month=2014-06`);
    await page.getByRole('table', { name: /^Indicators for .+, June 2014, grouped by theme$/ }).waitFor();
    await expect.poll(() => page.locator('.summary-line').textContent()).toMatch(/without data \(2 partial windows\)/);
    for (const code of ['eh_rereferred_within_12m_pct', 'yj_reoffending_rate_pct']) {
      const cells = page.locator(`tr.scorecard-row[data-code="${code}"] td`);
      // The value is shown, marked, and not scored.
      expect(await cells.nth(0).locator('.value-detail__button').textContent(), code).toMatch(/^\d+\.\d%$/);
      expect(await cells.nth(0).locator('.tag--partial').textContent(), code).toBe('Partial window');
      expect(await cells.nth(3).locator('.status-badge').textContent(), code).toBe('No data');
      expect(await cells.nth(3).locator('.coverage-note').textContent(), code).toBe(': Not scored: partial window');
    }
    await page.getByRole('list', { name: 'Coverage key' }).getByText('Partial window').waitFor();

    // From 2015-03 the windows start on or after the records' first month: nothing is partial.
    await page.goto(`${baseUrl}/?month=2015-03`);
    await page.getByRole('table', { name: /^Indicators for .+, March 2015, grouped by theme$/ }).waitFor();
    expect(await page.locator('.summary-line').textContent()).not.toMatch(/partial/);
    expect(await page.locator('table.scorecard-table .tag--partial').count()).toBe(0);
  });

  it('ran without Content Security Policy violations or script errors', () => {
    expect(seen.cspViolations).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
  });
});
