// Signing in, in a real browser against the real server: an unsigned visit goes to the sign-in page and
// back to the page asked for; the form works from the keyboard and says clearly when the password is wrong;
// the header names the user, and Sign out ends the session. The first-run link signs the administrator in
// and asks them for a password. axe-core on each page, and no Content Security Policy violation.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchChromium, watchForErrors } from './browser.js';

const baseUrl = inject('e2eBaseUrl');
const viewer = inject('e2eViewer');
const firstRunLink = inject('e2eFirstRunLink');

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function freshPage(): Promise<{ page: Page; seen: ReturnType<typeof watchForErrors> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  return { page, seen: watchForErrors(page) };
}

describe('sign-in in Chromium', () => {
  it('sends an unsigned visitor to sign in, then back to the page; a wrong password is explained; Sign out ends it', async () => {
    const { page, seen } = await freshPage();
    await page.goto(`${baseUrl}/caseloads?month=2018-06`);
    await page.waitForURL(/\/auth\/login\?returnTo=/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    // The e-mail field has the focus: the whole form by keyboard.
    await page.keyboard.type(viewer.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('The e-mail address or the password is not right.');
    expect(await page.getByLabel('E-mail address').inputValue()).toBe(viewer.email);
    await expectAccessible(page, 'sign-in-error');

    // The password field has the focus after an error.
    await page.keyboard.type(viewer.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/caseloads?month=2018-06`);
    const menu = page.getByRole('banner').getByRole('button', { name: 'Vera Viewer Viewer' });
    await menu.waitFor();
    await menu.click();
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    // Signed out: the sign-in page, saying so (with OpenID Connect it shows a signed-out page).
    await page.waitForURL(/\/auth\/login\?signedOut=1$/);
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/auth\/login/);
    expect(seen.cspViolations).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
  });

  it('signs the first-run administrator in from the printed link and lets them set a password', async () => {
    if (!firstRunLink) return; // a server started elsewhere: its link is not ours to use
    const { page, seen } = await freshPage();
    await page.goto(firstRunLink);
    await page.getByRole('heading', { level: 1, name: 'Set your password' }).waitFor();
    await expectAccessible(page, 'first-run-password');
    await page.getByLabel('New password').fill('the administrator password');
    await page.getByLabel('The same password again').fill('the administrator password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.getByRole('banner').getByRole('button', { name: /Administrator$/ }).waitFor();
    await page.locator('table.scorecard-table tr.scorecard-row').first().waitFor();
    // Used once: the same link again is refused.
    const again = await page.goto(firstRunLink);
    expect(again?.status()).toBe(400);
    expect(seen.cspViolations).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
  });
});
