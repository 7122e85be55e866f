// Headless Debian Chromium driven by playwright-core, and an axe-core check of the open page.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page. The script is evaluated through the
 * DevTools protocol, so the app's Content Security Policy stays untouched.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

export function seriousViolations(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`)
    .join('\n');
}

/** Screenshots of every page checked go here, as `e2e-<name>.png`. */
export const ARTIFACTS = path.resolve('artifacts');

/** Saves a full-page screenshot of the open page and expects axe to find no serious or critical violation. */
export async function expectAccessible(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `e2e-${name}.png`), fullPage: true });
  const serious = seriousViolations(await runAxe(page));
  expect(serious, `${name}: axe found\n${describeViolations(serious)}`).toEqual([]);
}

/** Collects Content Security Policy violations and uncaught script errors of a page, for a final check. */
export function watchForErrors(page: Page): { cspViolations: string[]; pageErrors: string[] } {
  const seen = { cspViolations: [] as string[], pageErrors: [] as string[] };
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => seen.pageErrors.push(error.message));
  return seen;
}

/** Chromium with one desktop-sized page watched for CSP violations and script errors, as every browser test opens it. */
export async function openWatchedPage(): Promise<{ browser: Browser; page: Page; seen: ReturnType<typeof watchForErrors> }> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  return { browser, page, seen: watchForErrors(page) };
}

/**
 * Signs the page in through the sign-in page, as a person does: the browser is sent there from the page it
 * asked for, types e-mail and password, and comes back to that page.
 */
export async function signIn(page: Page, baseUrl: string, user: { email: string; password: string }, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/auth\/login/);
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/'));
}
