// Every page reflows from 320 px (a phone, or a laptop at 400% zoom: WCAG 2.1 AA 1.4.10) to wide screens, in a
// real browser against the real server and fixtures. An administrator (who sees every page and header link)
// opens each page of the app and each page the server renders under /auth, at 320, 768 and 1,280 px wide:
// - the page itself never scrolls sideways (document scrollWidth within the window);
// - every header link and button and every download link lies inside the window, from left to right;
// - the only boxes whose content is wider than they are are the tables' own scrolling regions, each focusable
//   and named (role="region", tabindex="0", aria-label), so a keyboard can scroll it;
// - on the scorecard at 320 px the table does scroll in its box, and the indicator's name stays in view.
// A screenshot of every page at 320 px goes to artifacts/ (e2e-reflow-<page>-320.png); axe-core runs at 320 px
// on every page of the app.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../api/src/access/passwords.js';
import { upsertUser } from '../../api/src/access/users.js';
import { createPool } from '../../api/src/db/kysely.js';
import { ARTIFACTS, expectAccessible, openWatchedPage, signIn, type watchForErrors } from './browser.js';

const baseUrl = inject('e2eBaseUrl');
const databaseUrl = inject('e2eDatabaseUrl');
const admin = { email: 'rita.reflow@e2e.example', password: 'a reflow administrator password for the browser tests' };

const WIDTHS = [320, 768, 1280] as const;
/** The narrowest width: where the screenshots and the accessibility checks are taken. */
const NARROWEST = 320;
/** Rounding of sub-pixel layout. */
const SLACK = 1;

let browser: Browser;
let page: Page;
let seen: ReturnType<typeof watchForErrors>;
/** An indicator and an activity indicator the fixtures have, read from the scorecard. */
let indicatorCode = '';
let activityCode = '';

interface Problems {
  /** The page's own width beyond the window, in px (0: no sideways scrolling). */
  pageOverflow: number;
  /** Header controls and download links (partly) outside the window. */
  outside: string[];
  /** Boxes whose content is wider than they are that are not a table's labelled, focusable scrolling region. */
  overflowing: string[];
  /** Scrolling regions whose content is wider than they are (allowed, reported for the scorecard check). */
  scrolling: string[];
}

/** What breaks reflow on the open page at the current window width (all empty or 0 when it reflows). */
function measure(target: Page): Promise<Problems> {
  return target.evaluate((slack) => {
    const describe = (el: Element) => {
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim().replace(/\s+/g, ' ').slice(0, 60) ?? '';
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} “${name}”`;
    };
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    };
    const isRegion = (el: Element) => el.matches('.table-scroll[role="region"][tabindex="0"][aria-label]');
    const width = window.innerWidth;

    const outside: string[] = [];
    const headerControls = [...document.querySelectorAll('header a, header button')].filter(shown);
    for (const el of headerControls) {
      const box = el.getBoundingClientRect();
      if (box.left < -slack || box.right > width + slack) outside.push(`header: ${describe(el)} at ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
    const downloads = [...document.querySelectorAll('a[download], a[href*="/api/export/"], a[href*="board-pack"]')].filter(shown);
    for (const el of downloads) {
      // A link inside a table's scrolling box is reached by scrolling that box (never the page).
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const box = el.getBoundingClientRect();
      if (box.left < -slack || box.right > width + slack) outside.push(`download: ${describe(el)} at ${Math.round(box.left)}–${Math.round(box.right)}`);
    }

    const overflowing: string[] = [];
    const scrolling: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      // SVG content (chart labels) and text kept for screen readers only are not laid out as boxes of the page.
      if (el instanceof SVGElement || el.closest('.visually-hidden, .visually-hidden-input')) continue;
      // A field's own text scrolls inside it (a select's widest option, a long value typed in).
      if (el.matches('select, option, input, textarea')) continue;
      if (el.clientWidth === 0 || !shown(el)) continue; // inline or hidden
      if (el.scrollWidth <= el.clientWidth + slack) continue;
      if (isRegion(el)) scrolling.push(describe(el));
      else if (!el.parentElement?.closest('.table-scroll')) overflowing.push(`${describe(el)}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return {
      pageOverflow: Math.max(0, document.documentElement.scrollWidth - width),
      outside, overflowing, scrolling,
    };
  }, SLACK);
}

const NO_PROBLEMS = { pageOverflow: 0, outside: [], overflowing: [] };

/** Waits until nothing on the page is loading (data panels, sparklines). */
async function settled(target: Page) {
  await target.locator('h1').first().waitFor();
  await target.waitForFunction(() => document.querySelectorAll('.panel--loading, .sparkline--loading').length === 0);
}

/**
 * Resizes the window to each width and expects the page to reflow. Polled: charts take their new width on the
 * frame after a resize.
 */
async function expectReflow(target: Page, name: string): Promise<Record<number, Problems>> {
  const found: Record<number, Problems> = {};
  for (const width of WIDTHS) {
    await target.setViewportSize({ width, height: 900 });
    await expect.poll(async () => {
      const { scrolling: _, ...problems } = (found[width] = await measure(target));
      return problems;
    }, { message: `${name} at ${width} px` }).toEqual(NO_PROBLEMS);
  }
  return found;
}

async function atNarrowest(target: Page, name: string, axe: boolean) {
  await target.setViewportSize({ width: NARROWEST, height: 900 });
  await target.waitForFunction((w) => window.innerWidth === w, NARROWEST);
  if (axe) await expectAccessible(target, `reflow-${name}-${NARROWEST}`);
  else await target.screenshot({ path: path.join(ARTIFACTS, `e2e-reflow-${name}-${NARROWEST}.png`), fullPage: true });
}

/** The app's pages, each with what shows it is complete. */
const APP_PAGES: { name: string; address: () => string; ready: (target: Page) => Promise<unknown> }[] = [
  { name: 'scorecard', address: () => '/', ready: (p) => p.locator('table.scorecard-table tr.scorecard-row').nth(23).waitFor() },
  { name: 'indicator', address: () => `/indicators/${indicatorCode}`, ready: (p) => p.getByRole('table', { name: /^Monthly figures for / }).waitFor() },
  { name: 'activity', address: () => `/activity/${activityCode}`, ready: (p) => p.getByRole('region', { name: /^Monthly activity for / }).waitFor() },
  { name: 'caseloads', address: () => '/caseloads', ready: (p) => p.getByRole('table', { name: /Open caseload by month and district/ }).waitFor() },
  { name: 'targets', address: () => '/targets', ready: (p) => p.getByRole('table', { name: /^Targets and floors/ }).waitFor() },
  { name: 'data', address: () => '/data', ready: (p) => p.getByRole('table', { name: /^Datasets/ }).waitFor() },
  { name: 'import', address: () => '/import', ready: (p) => p.getByRole('heading', { level: 1, name: 'Import extracts' }).waitFor() },
  { name: 'tokens', address: () => '/tokens', ready: (p) => p.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor() },
  { name: 'admin', address: () => '/admin', ready: (p) => p.getByRole('table', { name: /^Users/ }).waitFor() },
  { name: 'month-close', address: () => '/month-close', ready: (p) => p.getByRole('textbox', { name: 'Data headlines' }).waitFor() },
  { name: 'not-found', address: () => '/no-such-page', ready: (p) => p.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor() },
];

// Needs the database to create the administrator (not available against a server started elsewhere).
describe.skipIf(databaseUrl === null)('every page reflows from 320 px to wide screens', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const pool = createPool(databaseUrl!);
    try {
      await upsertUser(pool, { email: admin.email, name: 'Rita Reflow', role: 'admin', passwordHash: await hashPassword(admin.password) });
    } finally {
      await pool.end();
    }
    ({ browser, page, seen } = await openWatchedPage());
    await signIn(page, baseUrl, admin);
    await page.locator('table.scorecard-table tr.scorecard-row').first().waitFor();
    indicatorCode = (await page.locator('tr.scorecard-row').first().getAttribute('data-code'))!;
    const activityLink = page.locator('main a[href^="/activity/"]').first();
    await activityLink.waitFor();
    activityCode = new URL((await activityLink.getAttribute('href'))!, baseUrl).pathname.split('/')[2]!;
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const { name, address, ready } of APP_PAGES) {
    it(`${name}: no sideways page scrolling, header and downloads in view, wide tables scroll in their own box`, async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${baseUrl}${address()}`);
      await ready(page);
      await settled(page);
      // Every header link is there for an administrator.
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const link of ['Scorecard', 'Caseloads', 'Targets', 'Data', 'Import', 'Month close', 'API tokens', 'Admin']) {
        await nav.getByRole('link', { name: link, exact: true }).waitFor();
      }
      await expectReflow(page, name);
      await atNarrowest(page, name, true);
    });
  }

  it('scorecard at 320 px: the table scrolls in its named, focusable box and the indicator stays in view', async () => {
    await page.setViewportSize({ width: NARROWEST, height: 900 });
    await page.goto(`${baseUrl}/`);
    await page.locator('table.scorecard-table tr.scorecard-row').nth(23).waitFor();
    await settled(page);
    const region = page.getByRole('region', { name: /^Indicators for .+ grouped by theme$/ });
    const { scrolling } = await measure(page);
    expect(scrolling.some((box) => box.includes('Indicators for'))).toBe(true);
    // From the keyboard: focus the box and scroll it with the arrow key.
    await region.focus();
    expect(await region.evaluate((el) => el === document.activeElement)).toBe(true);
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    // The first row's indicator name is still at the box's left edge.
    const title = page.locator('tr.scorecard-row').first().locator('th');
    const [regionLeft, titleLeft] = await Promise.all([region.evaluate((el) => el.getBoundingClientRect().left), title.evaluate((el) => el.getBoundingClientRect().left)]);
    expect(Math.abs(titleLeft - regionLeft)).toBeLessThanOrEqual(SLACK);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('the header wraps in the same keyboard order at 320 px as at 1,280 px', async () => {
    const order = async (width: number) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${baseUrl}/data`);
      await settled(page);
      const names: string[] = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        names.push(await page.evaluate(() => document.activeElement?.textContent?.trim().replace(/\s+/g, ' ') ?? ''));
      }
      return names;
    };
    const wide = await order(1280);
    expect(wide).toContain('Admin');
    expect(await order(NARROWEST)).toEqual(wide);
  });

  // The pages the server renders itself (plain HTML, no script): signed in for the password and no-access
  // pages, signed out for the sign-in page.
  for (const { name, address, signedIn } of [
    { name: 'sign-in', address: '/auth/login', signedIn: false },
    { name: 'sign-in-link-problem', address: '/auth/first-run?token=not-a-token', signedIn: false },
    { name: 'set-password', address: '/auth/password', signedIn: true },
    { name: 'no-access', address: '/auth/no-access', signedIn: true },
  ]) {
    it(`${name} (server-rendered): reflows with its form in view`, async () => {
      const context = signedIn ? page.context() : await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const target = signedIn ? page : await context.newPage();
      try {
        await target.setViewportSize({ width: 1280, height: 900 });
        await target.goto(`${baseUrl}${address}`);
        await target.locator('h1').first().waitFor();
        await expectReflow(target, name);
        // Every field and button of its form is within the window too.
        const controls = await target.locator('main input:not([type="hidden"]), main button').evaluateAll((els) =>
          els.map((el) => { const box = el.getBoundingClientRect(); return box.left >= 0 && box.right <= window.innerWidth; }));
        expect(controls.every(Boolean)).toBe(true);
        await atNarrowest(target, name, false);
      } finally {
        if (!signedIn) await context.close();
      }
    });
  }

  it('raised no script error and no Content Security Policy violation', () => {
    expect(seen.pageErrors).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
  });
});
