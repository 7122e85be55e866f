// Sign-in through OpenID Connect against a real provider (oidc-provider on a loopback port): the whole
// authorization code flow driven over HTTP, through the provider's login form, ends in a session for the
// right user and role; ID tokens the provider would never issue (another audience, nonce, issuer, key, an
// expired or altered one) and replayed or foreign states sign nobody in; e-mail from its fallbacks, roles
// from the configured claim, ADMIN_EMAIL at first sign-in, and the page for a user without a role.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { identityFromClaims } from '../../../api/src/access/oidc.js';
import { oidcSettingsFromEnvironment, type OidcSettings } from '../../../api/src/access/oidc-settings.js';
import { accessSettings, type AccessSettings } from '../../../api/src/access/settings.js';
import { SESSION_COOKIE } from '../../../api/src/access/sessions.js';
import { removeUser } from '../../../api/src/access/users.js';
import { safeReturnTo } from '../../../api/src/plugins/access.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { TestBrowser, type Page } from '../../support/oidc-browser.js';
import { startTestProvider, type TestProvider } from '../../support/oidc-provider.js';

/** Never contacted: requests for it go to app.inject. */
const PUBLIC_URL = 'http://127.0.0.1:9';
const CLIENT = { clientId: 'ehps-scorecard', clientSecret: 'a-client-secret-for-the-tests' };
const ADMIN_EMAIL = 'ada.admin@kent.example';

const access = (overrides: Partial<AccessSettings> = {}): AccessSettings =>
  ({ ...accessSettings({}), publicUrl: PUBLIC_URL, secureCookies: false, oidc: true, adminEmail: ADMIN_EMAIL, ...overrides });
const oidcSettings = (provider: TestProvider, overrides: Partial<OidcSettings> = {}): OidcSettings =>
  ({ issuerUrl: new URL(provider.issuer), ...CLIENT, rolesClaim: 'roles', ...overrides });
const startProvider = (rolesClaim?: string) =>
  startTestProvider({ clients: [{ ...CLIENT, redirectUris: [`${PUBLIC_URL}/auth/callback`] }], rolesClaim });

let database: TestDatabase;
let provider: TestProvider;
let app: App;
/** Further providers and apps some tests start, stopped at the end. */
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  provider = await startProvider();
  app = await buildApp({ pool: database.pool, access: access(), oidc: oidcSettings(provider) });
});

afterAll(async () => {
  for (const close of closers) await close();
  await app?.close();
  await provider?.stop();
  await database?.drop();
});

const isCallback = (url: URL) => url.pathname === '/auth/callback';

/** From /auth/login through the provider's login form, up to (not into) the callback. */
async function toCallback(login: string, options: { returnTo?: string; on?: App; browser?: TestBrowser } = {}) {
  const browser = options.browser ?? new TestBrowser(options.on ?? app, PUBLIC_URL);
  const query = options.returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(options.returnTo)}`;
  const loginForm = await browser.follow(`${PUBLIC_URL}/auth/login${query}`);
  expect(loginForm.status, loginForm.body.slice(0, 500)).toBe(200);
  const stopped = await browser.submitLogin(loginForm, login, { stopAt: isCallback });
  expect(stopped.status, `expected to be sent back to the callback, got ${stopped.url}: ${stopped.body.slice(0, 300)}`).toBe(0);
  return { browser, callbackUrl: stopped.url };
}

async function signIn(login: string, options: { returnTo?: string; on?: App } = {}) {
  const { browser, callbackUrl } = await toCallback(login, options);
  const landing = await browser.request(callbackUrl);
  return { browser, callbackUrl, landing };
}

async function userByEmail(email: string) {
  const { rows } = await database.pool.query<{ id: number; name: string | null; role: string | null; providerRole: string | null }>(
    'SELECT id, name, role, provider_role AS "providerRole" FROM users WHERE email = $1', [email]);
  return rows[0];
}

async function openSessions(email: string) {
  const { rows } = await database.pool.query<{ method: string }>(
    `SELECT s.method FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1 AND s.ended_at IS NULL`, [email]);
  return rows;
}

async function auditEntries(action: string) {
  const { rows } = await database.pool.query<{ userEmail: string | null; details: Record<string, unknown> }>(
    'SELECT user_email AS "userEmail", details FROM audit_log WHERE action = $1 ORDER BY id', [action]);
  return rows;
}

/** A page about a refused sign-in: says it in words, no stack trace, no session cookie. */
function expectRefusedPage(page: Page, status: number, words: RegExp) {
  expect(page.status, page.body).toBe(status);
  expect(page.body).toMatch(/<h1>Sign-in did not complete<\/h1>/);
  expect(page.body).toMatch(words);
  expect(page.body).not.toMatch(/\n\s+at |node_modules|Error:/);
  expect(page.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
}

describe('the authorization code flow through the provider', () => {
  it('signs the user in with the role from their token and returns to the page they asked for', async () => {
    const { browser, callbackUrl, landing } = await signIn('ana', { returnTo: '/indicators/eh_cases?month=2016-01' });
    // The provider was sent a PKCE challenge (S256), a state and a nonce, and redirects to PUBLIC_URL's callback.
    const callback = new URL(callbackUrl);
    expect(callback.origin).toBe(PUBLIC_URL);
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(landing.status).toBe(302);
    expect(landing.location).toBe('/indicators/eh_cases?month=2016-01');
    expect(browser.cookie(PUBLIC_URL, SESSION_COOKIE)).toBeTruthy();
    // The state cookie is spent.
    expect(browser.cookie(PUBLIC_URL, 'ehps_oidc_state')).toBeUndefined();

    // E-mail kept lower case, name and role from the token.
    const user = await userByEmail('ana.analyst@kent.example');
    expect(user).toMatchObject({ name: 'Ana Analyst', role: null, providerRole: 'analyst' });
    expect(await openSessions('ana.analyst@kent.example')).toEqual([{ method: 'oidc' }]);
    const signIns = (await auditEntries('sign_in')).filter((e) => e.userEmail === 'ana.analyst@kent.example');
    expect(signIns).toHaveLength(1);
    expect(signIns[0]!.details).toMatchObject({ method: 'oidc', role: 'analyst', providerRoles: ['analyst'] });

    // The session works: the API answers with the cookie and refuses without it.
    const withSession = await browser.request(`${PUBLIC_URL}/api/indicators`);
    expect(withSession.status).toBe(200);
    const anonymous = await new TestBrowser(app, PUBLIC_URL).request(`${PUBLIC_URL}/api/indicators`);
    expect(anonymous.status).toBe(401);
  });

  it('sends the browser to the provider with PKCE (S256), state, nonce and the redirect URI under PUBLIC_URL', async () => {
    const browser = new TestBrowser(app, PUBLIC_URL);
    const start = await browser.request(`${PUBLIC_URL}/auth/login`);
    expect(start.status).toBe(302);
    const authorization = new URL(start.location!);
    expect(authorization.origin).toBe(provider.issuer);
    const params = authorization.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(CLIENT.clientId);
    expect(params.get('redirect_uri')).toBe(`${PUBLIC_URL}/auth/callback`);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('scope')).toBe('openid email profile');
    expect(params.get('nonce')).toBeTruthy();
    // The state is also in an HttpOnly cookie for the callback only.
    const stateCookie = start.setCookies.find((c) => c.startsWith('ehps_oidc_state='))!;
    expect(stateCookie).toContain(`ehps_oidc_state=${params.get('state')}`);
    expect(stateCookie).toMatch(/HttpOnly/i);
    expect(stateCookie).toMatch(/Path=\/auth\/callback/i);
    expect(stateCookie).toMatch(/SameSite=Lax/i);
    // Only the state's hash is stored.
    const { rows } = await database.pool.query('SELECT 1 FROM oidc_pending_logins WHERE state_hash = sha256(convert_to($1, \'UTF8\'))', [params.get('state')]);
    expect(rows).toHaveLength(1);
  });

  it('reads the provider\'s discovery document once, not at every sign-in', async () => {
    const before = provider.requests.length;
    await signIn('ana');
    await signIn('vic');
    const asked = provider.requests.slice(before);
    expect(asked.filter((p) => p === '/token')).toHaveLength(2);
    expect(asked.filter((p) => p === '/.well-known/openid-configuration')).toHaveLength(0);
    expect(provider.requests.filter((p) => p === '/.well-known/openid-configuration')).toHaveLength(1);
  });

  it('has no password sign-in: the provider checks who people are', async () => {
    // GET only (and the HEAD Fastify adds beside it): the provider's sign-in, not a password form's POST.
    expect(app.routeAccess.filter((r) => r.url === '/auth/login' && r.method !== 'HEAD').map((r) => r.method)).toEqual(['GET']);
    const answer = await app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'ana.analyst@kent.example', password: 'x' } });
    expect(answer.statusCode).toBe(401);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it('sends a browser already signed in straight on, without the provider', async () => {
    const { browser } = await signIn('ana');
    const again = await browser.request(`${PUBLIC_URL}/auth/login?returnTo=${encodeURIComponent('/caseloads')}`);
    expect(again.status).toBe(303);
    expect(again.location).toBe('/caseloads');
  });

  it('signs out to a page rather than straight back in through the provider', async () => {
    const { browser } = await signIn('ana');
    const me = await browser.request(`${PUBLIC_URL}/api/me`);
    const { csrfToken } = JSON.parse(me.body) as { csrfToken: string };
    const out = await browser.request(`${PUBLIC_URL}/auth/logout`, { method: 'POST', form: { _csrf: csrfToken } });
    expect(out.status).toBe(303);
    expect(out.location).toBe('/auth/login?signedOut=1');
    const signedOut = await browser.request(`${PUBLIC_URL}${out.location}`);
    expect(signedOut.status).toBe(200);
    expect(signedOut.body).toContain('<h1>You have signed out of the scorecard</h1>');
    expect((await browser.request(`${PUBLIC_URL}/api/indicators`)).status).toBe(401);
    // Its link starts a new sign-in at the provider.
    expect((await browser.request(`${PUBLIC_URL}/auth/login`)).location).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
  });

  it('returns only to a path on this site, never to another address', async () => {
    for (const returnTo of ['https://evil.example/x', '//evil.example/x', '/\\evil.example', '/\t/evil.example']) {
      const { landing } = await signIn('vic', { returnTo });
      expect(landing.status).toBe(302);
      expect(landing.location, returnTo).toBe('/');
    }
  });

  it('takes the e-mail from preferred_username, else upn, when the token has no email claim', async () => {
    const pat = await signIn('pat');
    expect(pat.landing.status).toBe(302);
    // Roles the product does not know are ignored; the one it knows is kept.
    expect(await userByEmail('pat.approver@kent.example')).toMatchObject({ name: 'Pat Approver', providerRole: 'approver' });
    const una = await signIn('una');
    expect(una.landing.status).toBe(302);
    expect(await userByEmail('una.upn@kent.example')).toMatchObject({ name: 'Una Upn', providerRole: 'viewer' });
    expect(await openSessions('una.upn@kent.example')).toEqual([{ method: 'oidc' }]);
  });
});

describe('ADMIN_EMAIL', () => {
  it('is an administrator at their first sign-in whatever their token says; later their token decides', async () => {
    const first = await signIn('ada');
    expect(first.landing.status).toBe(302);
    expect(await userByEmail(ADMIN_EMAIL)).toMatchObject({ role: 'admin', providerRole: null });
    const entry = (await auditEntries('sign_in')).find((e) => e.userEmail === ADMIN_EMAIL)!;
    expect(entry.details).toMatchObject({ role: 'admin', providerRoles: ['viewer'], firstAdministrator: true });

    // Roles now exist at the provider (she is a viewer there): the provider's role wins, as for everyone.
    const second = await signIn('ada');
    expect(second.landing.status).toBe(302);
    expect(await userByEmail(ADMIN_EMAIL)).toMatchObject({ role: 'admin', providerRole: 'viewer' });
  });

  it('does not make anyone else an administrator', async () => {
    await signIn('vic');
    expect(await userByEmail('vic.viewer@kent.example')).toMatchObject({ role: null, providerRole: 'viewer' });
  });
});

describe('a user without a role', () => {
  it('gets a page saying they have no access and whom to ask; the sign-in is recorded', async () => {
    const { browser, landing } = await signIn('nora');
    expect(landing.status).toBe(302);
    expect(landing.location).toBe('/auth/no-access');
    const noAccess = await browser.request(`${PUBLIC_URL}/auth/no-access`);
    expect(noAccess.status).toBe(403);
    expect(noAccess.body).toContain('<h1>You do not have access yet</h1>');
    expect(noAccess.body).toContain('You are signed in as <strong>nora.noroles@kent.example</strong>');
    // Nobody is an administrator now (Ada's token made her a viewer at her second sign-in).
    expect(noAccess.body).toContain('Ask the person who runs the scorecard');
    expect(await userByEmail('nora.noroles@kent.example')).toMatchObject({ role: null, providerRole: null });
    const entry = (await auditEntries('sign_in')).find((e) => e.userEmail === 'nora.noroles@kent.example')!;
    expect(entry.details).toMatchObject({ method: 'oidc', role: null, outcome: 'no_access' });
    // The session reaches nothing with figures.
    expect((await browser.request(`${PUBLIC_URL}/api/indicators`)).status).toBe(403);

    // With administrators in the product, the page names them.
    await database.pool.query(`INSERT INTO users (email, name, role) VALUES ('sam.admin@kent.example', 'Sam Admin', 'admin')`);
    const again = await signIn('nora');
    expect(again.landing.location).toBe('/auth/no-access');
    expect((await again.browser.request(`${PUBLIC_URL}/auth/no-access`)).body).toContain('<a href="mailto:sam.admin@kent.example">');
  });

  it('treats role names the product does not know as no role', async () => {
    const { landing } = await signIn('olly');
    expect(landing.location).toBe('/auth/no-access');
    expect(await userByEmail('olly.other@kent.example')).toMatchObject({ providerRole: null });
  });

  it('signs in with the role an administrator granted in the product when the token has none', async () => {
    await database.pool.query(`UPDATE users SET role = 'contributor' WHERE email = 'nora.noroles@kent.example'`);
    const { landing } = await signIn('nora');
    expect(landing.status).toBe(302);
    expect(landing.location).toBe('/');
  });

  it('is refused when removed from the product, whatever the provider says', async () => {
    expect(await removeUser(database.pool, 'vic.viewer@kent.example')).toBe(true);
    const { landing } = await signIn('vic');
    expect(landing.status).toBe(403);
    expect(landing.body).toContain('your access to the scorecard has been removed');
    expect(landing.body).toContain('<a href="mailto:sam.admin@kent.example">Sam Admin</a>');
    expect(await openSessions('vic.viewer@kent.example')).toEqual([]);
    await database.pool.query(`UPDATE users SET removed_at = NULL WHERE email = 'vic.viewer@kent.example'`);
  });
});

describe('ID tokens that must not sign anyone in', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const cases: [string, (claims: Record<string, unknown>, original: string) => string, RegExp][] = [
    ['for another client (audience)', (claims) => provider.sign({ ...claims, aud: 'another-client' }), /aud/],
    ['with another nonce', (claims) => provider.sign({ ...claims, nonce: 'not-the-nonce-we-sent' }), /nonce/],
    ['from another issuer', (claims) => provider.sign({ ...claims, iss: 'https://idp.evil.example' }), /iss/],
    ['expired', (claims) => provider.sign({ ...claims, iat: now() - 7200, exp: now() - 3600 }), /exp/],
    ['signed with another key (same key id)', (claims) => provider.sign(claims, foreignKey), /signature/],
    ['altered after signing', (_claims, original) => {
      const [header, payload, signature] = original.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
      const altered = Buffer.from(JSON.stringify({ ...claims, email: 'ada.admin@kent.example', roles: ['admin'] })).toString('base64url');
      return `${header}.${altered}.${signature}`;
    }, /signature/],
  ];

  for (const [what, replace, detail] of cases) {
    it(`refuses an ID token ${what}`, async () => {
      const { browser, callbackUrl } = await toCallback('ana');
      provider.replaceIdToken = replace;
      let page: Page;
      try {
        page = await browser.request(callbackUrl);
      } finally {
        provider.replaceIdToken = null;
      }
      expectRefusedPage(page, 502, /failed the checks the product makes, so nobody was signed in/);
      expect(page.body).toMatch(detail);
      const failed = await auditEntries('sign_in_failed');
      expect(failed.at(-1)!.details).toMatchObject({ method: 'oidc' });
    });
  }

  it('accepts the same flow when the token is left alone (the cases above fail for their reason only)', async () => {
    const { browser, callbackUrl } = await toCallback('ana');
    provider.replaceIdToken = (claims) => provider.sign(claims);
    try {
      expect((await browser.request(callbackUrl)).status).toBe(302);
    } finally {
      provider.replaceIdToken = null;
    }
  });
});

describe('states that must not sign anyone in', () => {
  it('refuses a callback replayed with its state, even with the cookie put back', async () => {
    const { browser, callbackUrl, landing } = await signIn('ana');
    expect(landing.status).toBe(302);
    const state = new URL(callbackUrl).searchParams.get('state')!;
    browser.cookies.get('127.0.0.1')!.set('ehps_oidc_state', state);
    const sessionsBefore = (await openSessions('ana.analyst@kent.example')).length;
    const replayed = await browser.request(callbackUrl);
    expectRefusedPage(replayed, 400, /already used/);
    expect(await openSessions('ana.analyst@kent.example')).toHaveLength(sessionsBefore);
    expect((await auditEntries('sign_in_failed')).at(-1)!.details).toMatchObject({ reason: 'unknown_state' });
  });

  it('does not show the words of a forged error answer', async () => {
    const browser = new TestBrowser(app, PUBLIC_URL);
    const forged = await browser.request(`${PUBLIC_URL}/auth/callback?error=access_denied&state=x&error_description=${encodeURIComponent('Call 0800 000 000 to unlock')}`);
    expectRefusedPage(forged, 400, /cannot be completed/);
    expect(forged.body).not.toContain('0800');
  });

  it('refuses a callback in a browser that did not start the sign-in', async () => {
    const { callbackUrl } = await toCallback('ana');
    const other = new TestBrowser(app, PUBLIC_URL);
    expectRefusedPage(await other.request(callbackUrl), 400, /started in another browser/);
  });

  it('refuses a callback whose state is not the one its browser was given', async () => {
    const first = await toCallback('ana');
    // The same browser starts a second sign-in: its cookie now holds the second state.
    const browser = first.browser;
    const start = await browser.request(`${PUBLIC_URL}/auth/login`);
    expect(start.status).toBe(302);
    expectRefusedPage(await browser.request(first.callbackUrl), 400, /cannot be completed/);
  });
});

describe('when the provider does not sign the user in', () => {
  it('says the provider refused when the user cancels at the provider', async () => {
    const browser = new TestBrowser(app, PUBLIC_URL);
    const loginForm = await browser.follow(`${PUBLIC_URL}/auth/login`);
    const uid = /\/interaction\/([^/"]+)/.exec(loginForm.url)![1]!;
    const back = await browser.follow(`${provider.issuer}/interaction/${uid}/abort`, { stopAt: isCallback });
    expect(back.status).toBe(0);
    const page = await browser.request(back.url);
    expectRefusedPage(page, 401, /The identity provider did not sign you in: End-User aborted interaction/);
    expect((await auditEntries('sign_in_failed')).at(-1)!.details).toMatchObject({ reason: 'access_denied' });
  });

  it('says the provider cannot be reached when it is down at sign-in', async () => {
    const down = await startProvider();
    const downApp = await buildApp({ pool: database.pool, access: access(), oidc: oidcSettings(down) });
    closers.push(() => downApp.close());
    await down.stop();
    const page = await new TestBrowser(downApp, PUBLIC_URL).request(`${PUBLIC_URL}/auth/login`);
    expect(page.status).toBe(503);
    expect(page.body).toContain('<h1>Sign-in is unavailable</h1>');
    expect(page.body).toContain(`The identity provider at ${down.issuer}/ could not be reached`);
    expect(page.body).not.toMatch(/\n\s+at |Error:/);
  });

  it('says the provider cannot be reached when it goes down before the callback', async () => {
    const going = await startProvider();
    const goingApp = await buildApp({ pool: database.pool, access: access(), oidc: oidcSettings(going) });
    closers.push(() => goingApp.close());
    const { browser, callbackUrl } = await toCallback('ana', { on: goingApp });
    await going.stop();
    expectRefusedPage(await browser.request(callbackUrl), 503, /could not be reached/);
  });
});

describe('the roles claim', () => {
  it('is read from the claim OIDC_ROLES_CLAIM names', async () => {
    const custom = await startProvider('ehps_roles');
    closers.push(() => custom.stop());
    const customApp = await buildApp({ pool: database.pool, access: access(), oidc: oidcSettings(custom, { rolesClaim: 'ehps_roles' }) });
    closers.push(() => customApp.close());
    await database.pool.query(`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = 'pat.approver@kent.example')`);
    const { landing } = await signIn('pat', { on: customApp });
    expect(landing.status).toBe(302);
    expect(await userByEmail('pat.approver@kent.example')).toMatchObject({ providerRole: 'approver' });

    // The same provider read with the default claim name: no role found there.
    const defaultApp = await buildApp({ pool: database.pool, access: access(), oidc: oidcSettings(custom) });
    closers.push(() => defaultApp.close());
    await signIn('pat', { on: defaultApp });
    expect(await userByEmail('pat.approver@kent.example')).toMatchObject({ providerRole: null });
  });

  it('matches role names without regard to case, keeps the most capable, and reads nested claims', () => {
    const identity = (claims: Record<string, unknown>, claim = 'roles') => identityFromClaims({ sub: 's', email: 'X@Kent.example', ...claims }, claim);
    expect(identity({ roles: ['Viewer', 'Analyst'] })).toMatchObject({ email: 'x@kent.example', providerRole: 'analyst' });
    expect(identity({ roles: ['viewer', 'admin'] }).providerRole).toBe('admin');
    expect(identity({ roles: 'approver' }).providerRole).toBe('approver');
    expect(identity({ roles: ['Readers'] }).providerRole).toBeNull();
    expect(identity({ realm_access: { roles: ['contributor'] } }, 'realm_access.roles').providerRole).toBe('contributor');
    const uri = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
    expect(identity({ [uri]: ['viewer'] }, uri).providerRole).toBe('viewer');
    // An address the provider says is unverified is refused, and no username stands in for it.
    expect(() => identity({ email: 'typed@anywhere.example', email_verified: false, preferred_username: 'Real@Kent.example' }))
      .toThrow(/not verified/);
    expect(() => identityFromClaims({ sub: 's', email: 'typed@anywhere.example', email_verified: false }, 'roles')).toThrow(/not verified/);
    expect(() => identityFromClaims({ sub: 's', name: 'No Mail' }, 'roles')).toThrow(/none of the claims email, preferred_username or upn/);
  });
});

describe('settings', () => {
  it('refuses a plain-http issuer that is not on a loopback address, at start-up', async () => {
    const env = { OIDC_ISSUER_URL: 'http://login.kent.example/tenant', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' };
    expect(() => oidcSettingsFromEnvironment(env)).toThrow(/OIDC_ISSUER_URL must use https \(plain http only on a loopback address/);
    expect(oidcSettingsFromEnvironment({ ...env, OIDC_ISSUER_URL: 'http://127.0.0.1:8080' })!.issuerUrl.href).toBe('http://127.0.0.1:8080/');
    expect(oidcSettingsFromEnvironment({ ...env, OIDC_ISSUER_URL: 'http://localhost:8080' })).not.toBeNull();
    expect(oidcSettingsFromEnvironment({ ...env, OIDC_ISSUER_URL: 'http://[::1]:8080' })).not.toBeNull();
    for (const lookalike of ['http://127.0.0.1.evil.example', 'http://localhost.evil.example', 'http://idp.localhost', 'http://0.0.0.0:8080']) {
      expect(() => oidcSettingsFromEnvironment({ ...env, OIDC_ISSUER_URL: lookalike }), lookalike).toThrow(/must use https/);
    }
    expect(() => oidcSettingsFromEnvironment({ ...env, OIDC_ISSUER_URL: 'login.microsoftonline.com' })).toThrow(/must be a URL/);
    expect(oidcSettingsFromEnvironment({ ...env, OIDC_ISSUER_URL: 'https://login.microsoftonline.com/t/v2.0' })).toMatchObject({ rolesClaim: 'roles' });
    expect(() => oidcSettingsFromEnvironment({ OIDC_ISSUER_URL: 'https://idp.example' })).toThrow(/OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are not set/);
    expect(oidcSettingsFromEnvironment({})).toBeNull();
    await expect(buildApp({ pool: database.pool, access: access(), oidc: { ...oidcSettings(provider), issuerUrl: new URL('http://idp.kent.example') } }))
      .rejects.toThrow(/must use https/);
  });

  it('is read from the environment when the app is built without it (as npm start builds it)', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { OIDC_ISSUER_URL: provider.issuer, OIDC_CLIENT_ID: CLIENT.clientId, OIDC_CLIENT_SECRET: CLIENT.clientSecret });
    try {
      const fromEnvironment = await buildApp({ pool: database.pool, access: access() });
      closers.push(() => fromEnvironment.close());
      const start = await fromEnvironment.inject({ method: 'GET', url: '/auth/login' });
      expect(start.statusCode).toBe(302);
      expect(start.headers.location).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
      process.env.OIDC_ISSUER_URL = 'http://idp.kent.example';
      await expect(buildApp({ pool: database.pool, access: access() })).rejects.toThrow(/OIDC_ISSUER_URL must use https/);
    } finally {
      for (const name of ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });

  it('keeps returnTo to local paths', () => {
    expect(safeReturnTo('/indicators/x?month=2016-01#top')).toBe('/indicators/x?month=2016-01#top');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', 'evil', '', undefined, '/auth/login']) {
      expect(safeReturnTo(bad), String(bad)).toBe('/');
    }
    // The local accounts' check too: a browser reads "/\t/evil.example" as "//evil.example".
    for (const bad of ['/\t/evil.example', '/\n/evil.example', '/\\evil.example', '//evil.example']) {
      expect(safeReturnTo(bad), JSON.stringify(bad)).toBe('/');
    }
    expect(safeReturnTo('/indicators/x?month=2016-01')).toBe('/indicators/x?month=2016-01');
  });
});
