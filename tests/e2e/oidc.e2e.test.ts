// Sign-in through the council's identity provider in a real browser: the scorecard, served with OpenID
// Connect configured against a provider run by the test (oidc-provider on a loopback port), sends Chromium
// to the provider's login page; signing in there brings it back to the page it asked for, signed in, with
// the figures loaded; signing out ends on a page saying so. No Content Security Policy violation or script
// error on the product's pages.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessSettings } from '../../api/src/access/settings.js';
import { freePort } from '../../api/src/net.js';
import { projectRoot } from '../../api/src/paths.js';
import { startServer, type RunningServer } from '../../api/src/server.js';
import { startTestProvider, type TestProvider } from '../support/oidc-provider.js';
import { expectAccessible, openWatchedPage, type watchForErrors } from './browser.js';

const databaseUrl = inject('e2eDatabaseUrl');
const CLIENT = { clientId: 'ehps-scorecard', clientSecret: 'a-client-secret-for-the-browser-test' };

let provider: TestProvider;
let server: RunningServer;
let browser: Browser;
let page: Page;
let seen: ReturnType<typeof watchForErrors>;

// Needs the database the setup loaded (not available when the tests run against a server started elsewhere).
describe.skipIf(databaseUrl === null)('sign-in through the identity provider in Chromium', () => {
  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    provider = await startTestProvider({ clients: [{ ...CLIENT, redirectUris: [`${publicUrl}/auth/callback`] }] });
    server = await startServer({
      connectionString: databaseUrl!,
      webDir: path.join(projectRoot, 'dist', 'web'),
      host: '127.0.0.1',
      port,
      access: { ...accessSettings({}), publicUrl, secureCookies: false, oidc: true, adminEmail: 'ada.admin@kent.example' },
      oidc: { issuerUrl: new URL(provider.issuer), ...CLIENT, rolesClaim: 'roles' },
    });
    ({ browser, page, seen } = await openWatchedPage());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await provider?.stop();
  });

  it('sends an unsigned visitor to the provider and, once signed in there, back to the scorecard they asked for', async () => {
    await page.goto(`${server.address}/?district=THA`);
    // The provider's own login page (devInteractions).
    await page.waitForURL((url) => url.origin === provider.issuer && url.pathname.startsWith('/interaction/'));
    await page.locator('input[name="login"]').fill('vic');
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();

    await page.waitForURL((url) => url.origin === server.address && url.pathname === '/');
    expect(new URL(page.url()).searchParams.get('district')).toBe('THA');
    await page.locator('table.scorecard-table tr.scorecard-row').nth(23).waitFor();
    expect(await page.locator('table.scorecard-table tr.scorecard-row').count()).toBe(24);
    await page.getByRole('table', { name: /^Indicators for Thanet, / }).waitFor();
    const cookies = await page.context().cookies(server.address);
    const session = cookies.find((c) => c.name === 'ehps_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await expectAccessible(page, 'oidc-signed-in-scorecard');
    expect(seen.cspViolations).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
  });

  it('shows the name and role from the token, and signs out to a page rather than straight back in', async () => {
    const menu = page.getByRole('button', { name: /Vic Viewer/ });
    await menu.waitFor();
    expect(await menu.textContent()).toContain('Viewer');
    await menu.click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have signed out of the scorecard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/auth/login');
    expect((await page.context().cookies(server.address)).some((c) => c.name === 'ehps_session')).toBe(false);
    await expectAccessible(page, 'oidc-signed-out');
  });

  it('shows a page saying what happened when the user cancels at the provider', async () => {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    try {
      await fresh.goto(`${server.address}/auth/login`);
      await fresh.waitForURL((url) => url.origin === provider.issuer && url.pathname.startsWith('/interaction/'));
      const uid = new URL(fresh.url()).pathname.split('/')[2]!;
      await fresh.goto(`${provider.issuer}/interaction/${uid}/abort`);
      await fresh.waitForURL((url) => url.origin === server.address && url.pathname === '/auth/callback');
      await fresh.getByRole('heading', { name: 'Sign-in did not complete' }).waitFor();
      expect(await fresh.locator('main').textContent()).toContain('The identity provider did not sign you in');
      await expectAccessible(fresh, 'oidc-cancelled');
    } finally {
      await context.close();
    }
  });
});
