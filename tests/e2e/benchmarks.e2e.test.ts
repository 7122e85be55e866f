// Benchmarks in a real browser against the real server, the fixtures and DfE's published figures: Kent's
// scorecard column with the band in words, and the indicator page's Benchmarks section for persistent
// absence (chart, tables, neighbours, reconciliation); axe-core on both (no serious or critical violation).
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, expectAccessible, openWatchedPage, signIn } from './browser.js';

const baseUrl = inject('e2eBaseUrl');

let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ({ browser, page } = await openWatchedPage());
  await signIn(page, baseUrl, inject('e2eViewer'));
});
afterAll(async () => {
  await browser?.close();
});

describe('benchmarks in Chromium', () => {
  it("shows England's figure and Kent's band in words on the county scorecard", async () => {
    await page.goto(`${baseUrl}/?month=2018-08`);
    await page.getByRole('columnheader', { name: 'Compared with England (DfE)' }).waitFor();
    // DfE's 2017/18 figures (reference/benchmarks): Kent 9.11, 98th of 151 (band C); England 8.67.
    const row = page.locator('tr.scorecard-row[data-code="pa_primary_10pct"]');
    expect(await row.locator('.benchmark-cell').textContent()).toMatch(/^England 8\.67%2018C: third quarter of 151 authorities$/);
    await expectAccessible(page, 'scorecard-benchmarks');
  });

  it("has the Benchmarks section on persistent absence's page", async () => {
    await page.goto(`${baseUrl}/indicators/pa_primary_10pct?month=2018-08`);
    const section = page.getByRole('region', { name: 'Benchmarks' });
    await section.getByRole('table', { name: /^Statistical neighbours, 2018/ }).waitFor();
    expect(await section.getByRole('table', { name: /^Reconciliation/ }).locator('tbody tr').count()).toBe(3);
    await expectAccessible(page, 'indicator-benchmarks');
  });
});
