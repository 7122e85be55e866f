// The whole monthly cycle in Chromium, each person signing in with their password, as docs/reporting.md ("The
// monthly cycle, step by step") tells a newcomer: an analyst sets owners and the due date on Month close and
// drafts the executive summary; a contributor finds on the scorecard which indicators need commentary and
// writes and submits it; an approver is refused approving their own text (the page says why), approves the
// commentary and the summary, publishes with a note and downloads the board pack PDF (its text holds the
// commentary); "a month later" the analyst loads a revised extract on the Import page, and the scorecard
// shows the published figures unchanged beside the revised live ones, the revisions naming the change.
// Publishing and the import change what every reader sees, so the test serves the setup's spare copy of the
// fixtures on a server of its own (cycle-stack.ts), not the server the other browser tests share.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchChromium, signIn, watchForErrors } from './browser.js';
import { startCycleStack, type CycleStack, type CycleUser } from './cycle-stack.js';

const spareDatabaseUrl = inject('e2eSpareDatabaseUrl');

const MONTH = '2018-08';
const MONTH_WORDS = 'August 2018';
const DUE_DATE = '2018-09-14';
const ANALYST: CycleUser = { email: 'analyst@cycle.example', password: 'an analyst password for the cycle', name: 'Ana Lyst', role: 'analyst', scope: null };
const CONTRIBUTOR: CycleUser = { email: 'contributor@cycle.example', password: 'a contributor password for the cycle', name: 'Cora Tributor', role: 'contributor', scope: ['KENT'] };
const APPROVER: CycleUser = { email: 'approver@cycle.example', password: 'an approver password for the cycle', name: 'Abe Prover', role: 'approver', scope: null };
/** The indicator the revised extract changes: 1,000 more young people recorded NEET in Dartford in the month. */
const REVISED = { code: 'neet_16_18_pct', title: 'Percentage of 16-18 cohort that are NEET', extraNeet: 1000 };

/** Most indicators are red or amber at the county in the fixtures' August 2018: a page each, twice. */
const WALK_TIMEOUT = 600_000;

let stack: CycleStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: ReturnType<typeof watchForErrors>[] = [];

/** A fresh browser session (its own cookies) signed in as the user, on the page asked for. */
async function signedIn(user: CycleUser, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  errors.push(watchForErrors(page));
  await signIn(page, stack.address, user, path);
  return page;
}

/** What the cycle learns on the way and checks later. */
const found = {
  /** The indicators Month close lists as needing commentary (red or amber at the county). */
  required: [] as { title: string; code: string; status: string }[],
  /** The commentary written for each, by title. */
  texts: new Map<string, string>(),
  /** The revised indicator's county value on the scorecard at publication. */
  publishedValue: '',
};

const commentaryFor = (title: string, index: number) =>
  `${title}: the figure moved with the summer caseload (item ${index + 1}).\nAction: the district leads review every case by the due date.`;

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

const scorecardRow = (page: Page, code: string) => page.locator(`tr.scorecard-row[data-code="${code}"]`);
const valueOf = (page: Page, code: string) => scorecardRow(page, code).locator('.value-detail__button').first().textContent();

// Needs the setup's spare database: skipped against a server started elsewhere.
describe.skipIf(spareDatabaseUrl === null)('the monthly cycle, through sign-in, in Chromium', () => {
  beforeAll(async () => {
    stack = await startCycleStack(spareDatabaseUrl!, [ANALYST, CONTRIBUTOR, APPROVER]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
  });

  it('1a. the analyst opens the month on Month close, sets the due date and the owners', async () => {
    const page = await signedIn(ANALYST, '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Month close' }).click();
    await page.getByRole('heading', { level: 1, name: `Month close: ${MONTH_WORDS}` }).waitFor();

    const table = page.getByRole('table', { name: new RegExp(`^Required commentary for ${MONTH_WORDS}`) });
    await table.waitFor();
    const titles = await table.locator('tbody th[scope="row"]').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(await table.locator('tbody tr').allTextContents()).toEqual(titles.map((title) => `${title}Nobody yetNot setNot written`));

    await page.getByLabel(`Commentary for ${MONTH_WORDS} due on`).fill(DUE_DATE);
    await page.getByRole('button', { name: 'Set the due date' }).click();
    await page.getByRole('status').filter({ hasText: `Commentary for ${MONTH_WORDS} is now due on 14 Sep 2018.` }).waitFor();
    await page.getByText('Commentary for August 2018 is due on').waitFor();

    for (const title of titles) await page.getByLabel(`Owner of ${title}`, { exact: true }).fill(CONTRIBUTOR.email);
    await page.getByRole('button', { name: 'Save owners' }).click();
    await page.getByRole('status').filter({ hasText: 'Owners saved.' }).waitFor();
    await expect.poll(() => table.locator('tbody tr').allTextContents())
      .toEqual(titles.map((title) => `${title}${CONTRIBUTOR.name}14 Sep 2018Not written`));
    await expectAccessible(page, 'cycle-month-close-owners');
    found.required = titles.map((title) => ({ title, code: '', status: '' }));
  });

  it('1b. the analyst drafts the executive summary from the figures and submits it', async () => {
    const page = await signedIn(ANALYST, `/month-close?month=${MONTH}`);
    const headlines = page.getByRole('textbox', { name: 'Data headlines' });
    await headlines.waitFor();
    await page.getByRole('button', { name: 'Insert drafted headlines' }).click();
    await page.getByRole('status').filter({ hasText: /drafted headline|no headline/ }).waitFor();
    if ((await headlines.inputValue()) === '') await headlines.fill('Figures steady this month.');
    await page.getByRole('textbox', { name: 'Recent activity' }).fill('Two family hubs opened in Dartford.');
    await page.getByRole('textbox', { name: 'Planned activity' }).fill('Recruit four early help workers by October.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText(/^State: Draft/).waitFor();
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.getByText(/^State: Submitted for approval/).waitFor();
  });

  it('1c. the contributor finds on the scorecard the indicators that need commentary, writes and submits each', async () => {
    const page = await signedIn(CONTRIBUTOR, `/?month=${MONTH}`);
    await page.getByRole('columnheader', { name: 'Commentary' }).waitFor();
    // The rows saying commentary is required and not written are the ones Month close listed.
    const needing = page.locator('tr.scorecard-row').filter({ has: page.locator('.commentary-cell', { hasText: /^Required/ }) });
    await expect.poll(async () => (await needing.locator('th[scope="row"]').allTextContents()).sort())
      .toEqual(found.required.map((r) => r.title).sort());
    for (const required of found.required) {
      const row = page.locator('tr.scorecard-row').filter({ has: page.getByRole('link', { name: required.title, exact: true }) });
      required.code = (await row.getAttribute('data-code')) ?? '';
      required.status = normalise((await row.locator('td').nth(3).textContent()) ?? '');
    }
    expect(found.required.every((r) => /^(Red|Amber)/.test(r.status)), JSON.stringify(found.required)).toBe(true);
    found.publishedValue = (await valueOf(page, REVISED.code)) ?? '';
    expect(found.publishedValue).toMatch(/%$/);
    await expectAccessible(page, 'cycle-scorecard-required');

    // The first through the scorecard's link, the others straight to the indicator's page of the month.
    await page.getByRole('link', { name: found.required[0]!.title, exact: true }).click();
    for (const [index, { title, code }] of found.required.entries()) {
      if (index > 0) await page.goto(`${stack.address}/indicators/${code}?month=${MONTH}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const panel = page.getByRole('region', { name: `Commentary, ${MONTH_WORDS}` });
      await panel.getByText('Commentary is required for').waitFor();
      const text = commentaryFor(title, index);
      await panel.getByRole('textbox', { name: 'Write the commentary' }).fill(text);
      await panel.getByRole('button', { name: 'Save as draft' }).click();
      await panel.getByText('Saved as a draft.').waitFor();
      await panel.getByRole('button', { name: 'Submit for approval' }).click();
      await panel.getByText('Submitted for approval.').waitFor();
      found.texts.set(title, text);
    }

    await page.goto(`${stack.address}/?month=${MONTH}`);
    await expect.poll(() => needing.count()).toBe(0);
    for (const { title } of found.required) {
      const row = page.locator('tr.scorecard-row').filter({ has: page.getByRole('link', { name: title, exact: true }) });
      expect(await row.locator('.commentary-cell').textContent()).toBe('Submitted for approval');
    }
  }, WALK_TIMEOUT);

  it('2. the approver is refused approving their own text (the page says why), then approves the commentary and the summary', async () => {
    const page = await signedIn(APPROVER, `/?month=${MONTH}`);
    await page.getByRole('columnheader', { name: 'Commentary' }).waitFor();
    // An indicator needing no commentary, written by the approver: another approver must approve it.
    const own = page.locator('tr.scorecard-row').filter({ has: page.locator('.commentary-cell', { hasText: /^–/ }) }).first();
    await own.getByRole('link').click();
    const panel = page.getByRole('region', { name: `Commentary, ${MONTH_WORDS}` });
    await panel.getByRole('textbox', { name: 'Write the commentary' }).fill('On track; no action needed.');
    await panel.getByRole('button', { name: 'Save as draft' }).click();
    await panel.getByText('Saved as a draft.').waitFor();
    await panel.getByRole('button', { name: 'Submit for approval' }).click();
    await panel.getByText('Submitted for approval.').waitFor();
    await panel.getByText('You wrote the latest text, so another approver must approve it.').waitFor();
    expect(await panel.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await expectAccessible(page, 'cycle-own-text-not-approvable');

    for (const { title, code } of found.required) {
      await page.goto(`${stack.address}/indicators/${code}?month=${MONTH}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const required = page.getByRole('region', { name: `Commentary, ${MONTH_WORDS}` });
      await required.getByText(`Written by ${CONTRIBUTOR.name}`).waitFor();
      expect(await required.locator('.commentary__text').first().textContent()).toBe(found.texts.get(title));
      await required.getByRole('button', { name: 'Approve' }).click();
      await required.getByText('Approved.', { exact: true }).waitFor();
    }

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Month close' }).click();
    await page.getByRole('heading', { level: 1, name: `Month close: ${MONTH_WORDS}` }).waitFor();
    await page.getByText(/^State: Submitted for approval — last saved by Ana Lyst/).waitFor();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText(/^State: Approved/).waitFor();
    const table = page.getByRole('table', { name: new RegExp(`^Required commentary for ${MONTH_WORDS}`) });
    await expect.poll(() => table.locator('tbody tr td:last-child').allTextContents())
      .toEqual(found.required.map(() => 'Approved'));
  }, WALK_TIMEOUT);

  it('3. the approver publishes with a note and sees version 1', async () => {
    const page = await signedIn(APPROVER, `/month-close?month=${MONTH}`);
    const blockers = page.getByRole('region', { name: 'What still blocks publication' });
    await blockers.getByText(/Nothing blocks publication|covers/).first().waitFor();
    // Only datasets whose extract ends before the month may still block it: published with a note saying so.
    expect(normalise((await blockers.textContent()) ?? '')).not.toMatch(/commentary|Executive summary/);
    await page.getByLabel(/^Publication note/).fill('First release for the Joint Commissioning Board.');
    const accept = page.getByLabel(/^Publish although/);
    if (await accept.count()) await accept.check();
    await page.getByRole('button', { name: `Publish ${MONTH_WORDS}` }).click();
    await page.getByRole('status').filter({ hasText: `Published ${MONTH_WORDS} as version 1.` }).waitFor();
    const versions = page.getByRole('table', { name: new RegExp(`^Published versions of ${MONTH_WORDS}`) });
    await versions.getByRole('row', { name: /^Version 1/ }).waitFor();
    expect(normalise((await versions.getByRole('row', { name: /^Version 1/ }).textContent()) ?? ''))
      .toMatch(new RegExp(`by ${APPROVER.name}First release for the Joint Commissioning Board\\.Current`));
    await expectAccessible(page, 'cycle-month-close-published');
  });

  it('4. the approver downloads the board pack PDF from the scorecard; its text holds the commentary', async () => {
    const page = await signedIn(APPROVER, `/?month=${MONTH}&view=published`);
    await page.getByText('Published figures: version 1').waitFor();
    const downloads = page.getByRole('navigation', { name: 'Download the board pack, version 1' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      downloads.getByRole('link', { name: /Board pack \(PDF\)/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = path.join(stack.workDir, 'board-pack.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = normalise(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
    for (const [, written] of found.texts) expect(text).toContain(normalise(written));
    expect(text).toContain('First release for the Joint Commissioning Board.');
  });

  it('5. a month later a revised extract is loaded on the Import page; the published figures stay, the live ones and the revisions show the change', async () => {
    // The revised extract: more young people recorded NEET in the published month.
    const revised = path.join(stack.workDir, 'neet_activity.csv');
    const lines = ['young_person_id,month,district_code,academic_age,activity'];
    for (let i = 0; i < REVISED.extraNeet; i += 1) lines.push(`YREV${String(i).padStart(5, '0')},${MONTH},DAR,17,neet`);
    writeFileSync(revised, `${lines.join('\n')}\n`);

    const page = await signedIn(ANALYST, '/import');
    await page.getByRole('heading', { level: 1, name: 'Import extracts' }).waitFor();
    await page.getByLabel('Choose files').setInputFiles([revised]);
    await page.getByRole('table', { name: /Files chosen: 1 to upload/ }).waitFor();
    // The extract was taken on the same day as the first one: the dataset's coverage stays as it was.
    await page.getByLabel(/^As-at date/).fill(stack.asAt);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByRole('status').filter({ hasText: 'No problem found' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Load these files' }).click();
    await page.getByRole('status').filter({ hasText: /^Loaded\./ }).waitFor({ timeout: 120_000 });

    // The published view: the figure as published.
    await page.goto(`${stack.address}/?month=${MONTH}&view=published`);
    await page.getByText('Published figures: version 1').waitFor();
    await expect.poll(() => valueOf(page, REVISED.code)).toBe(found.publishedValue);
    await expectAccessible(page, 'cycle-scorecard-published');

    // The live view: the revised figure, and the revisions since publication naming it.
    await page.getByRole('button', { name: 'See the live figures' }).click();
    await page.getByText(/^Live figures, subject to change/).waitFor();
    await expect.poll(() => valueOf(page, REVISED.code)).not.toBe(found.publishedValue);
    const live = await valueOf(page, REVISED.code);
    const summary = page.getByText(/been revised since version 1 was published$/);
    await summary.click();
    const revisions = page.getByRole('table', { name: /^Revisions since publication/ });
    await revisions.waitFor();
    const rows = revisions.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: REVISED.title, exact: true }) });
    const cells = await Promise.all((await rows.all()).map((row) => row.locator('td').allTextContents()));
    const kent = cells.find((row) => row[0] === 'Kent');
    expect(kent, JSON.stringify(cells)).toBeDefined();
    // Published value, live value (to two decimals), published and live status.
    expect(kent![1]).not.toBe(kent![2]);
    expect(Number.parseFloat(kent![2]!)).toBeCloseTo(Number.parseFloat(live!), 0);
    await expectAccessible(page, 'cycle-scorecard-revisions');
  });

  it('raised no script error and no Content Security Policy violation on any page', () => {
    expect(errors.flatMap((seen) => seen.pageErrors)).toEqual([]);
    expect(errors.flatMap((seen) => seen.cspViolations)).toEqual([]);
  });
});
