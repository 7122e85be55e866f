// Who may call what: every route but the public ones refuses an unsigned caller (walked over the route
// table, so a new route cannot slip through), capabilities and partners, CSRF on cookie requests, tokens
// revoked or expired, sign-in's identical answers and lockout, sessions that survive a restart, the
// first-run link, and the audit log that not even the database's owner can rewrite.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { ensureFirstRunAdministrator } from '../../../api/src/access/first-run.js';
import { issueOneTimeLink } from '../../../api/src/access/links.js';
import { accessSettings } from '../../../api/src/access/settings.js';
import { createApiToken, revokeApiToken } from '../../../api/src/access/tokens.js';
import { removeUser } from '../../../api/src/access/users.js';
import { THROTTLE } from '../../../api/src/access/throttle.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createTestUser, sessionCookie, signedIn, signedInWithSession, TEST_PASSWORD } from '../../support/auth.js';
import { seedScorecardData } from '../api/seed.js';

let t: TestDatabase;
let app: App;
let webDir: string;

/** The routes anyone may call: a route added to this list is a decision, made here on purpose. */
const PUBLIC_ROUTES = [
  'GET /api/health', 'HEAD /api/health',
  'GET /assets/*', 'HEAD /assets/*',
  'GET /auth/assets/auth.css', 'HEAD /auth/assets/auth.css',
  'GET /auth/login', 'HEAD /auth/login', 'POST /auth/login',
  'GET /auth/first-run',
  'POST /auth/logout',
];

const settings = { ...accessSettings({}), signInDelayMs: 0 };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedScorecardData(t.pool);
  webDir = await mkdtemp(path.join(os.tmpdir(), 'ehps-web-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>EHPS</title>');
  await writeFile(path.join(webDir, 'assets', 'app-1a2b.js'), 'console.log("app")');
  app = await buildApp({ pool: t.pool, webDir, access: settings });
  // A write that needs the import capability, as the import and targets routes will declare it.
  app.post('/api/test-write', { config: { access: 'import' } }, async () => ({ written: true }));
  // A write for one geography, as commentary routes will declare it.
  app.post<{ Querystring: { geography: string } }>('/api/test-commentary', {
    config: { access: 'write_commentary', scopedTo: (request) => (request.query as { geography: string }).geography },
  }, async () => ({ saved: true }));
  // A download as the export routes declare it, answering the suppress option it ends up with.
  app.get<{ Querystring: { suppress?: boolean } }>('/api/test-download', {
    config: { access: 'read', publicationMode: true },
    schema: { querystring: { type: 'object', properties: { suppress: { type: 'boolean' } }, additionalProperties: false } },
  }, async (request) => ({ suppress: request.query.suppress ?? false }));
});
afterAll(async () => {
  await app.close();
  await t.drop();
  await rm(webDir, { recursive: true, force: true });
});

/** A request a route accepts in shape (path parameters filled in). */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'x').replace(/\*$/, 'app-1a2b.js');

describe('the route table', () => {
  it('declares who may call every route; only the listed routes are public', () => {
    const declared = app.routeAccess.map((r) => `${r.method} ${r.url}`);
    expect(declared).toContain('GET /api/scorecard');
    const publicRoutes = app.routeAccess.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('answers 401 (the API) or a redirect to sign-in (pages) to every other route when unsigned', async () => {
    const guarded = app.routeAccess.filter((r) => r.access !== 'public');
    expect(guarded.length).toBeGreaterThan(10);
    for (const route of guarded) {
      const url = concrete(route.url);
      const response = await app.inject({ method: route.method as 'GET', url });
      const what = `${route.method} ${url}`;
      if (url.startsWith('/api/') || route.method !== 'GET' && route.method !== 'HEAD') {
        expect(response.statusCode, what).toBe(401);
        if (route.method !== 'HEAD') expect(response.json(), what).toMatchObject({ error: 'unauthorized' });
      } else {
        expect(response.statusCode, what).toBe(302);
        expect(response.headers.location, what).toMatch(/^\/auth\/login/);
      }
    }
  });

  it('refuses to register a route that does not say who may call it', async () => {
    const fresh = await buildApp({ pool: t.pool, access: settings });
    try {
      expect(() => fresh.get('/api/sneaky', async () => 'figures')).toThrow(/declares no access/);
    } finally {
      await fresh.close();
    }
  });

  it('keeps health open and revealing only its two statuses', async () => {
    const response = await app.inject('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('sends an unsigned page request to sign-in with the page to return to, and keeps the CSP', async () => {
    const response = await app.inject('/caseloads?month=2015-06');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`/auth/login?returnTo=${encodeURIComponent('/caseloads?month=2015-06')}`);
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect((await app.inject('/api/unknown')).statusCode).toBe(401);
    // The API docs page is a page too, for a browser.
    const docs = await app.inject({ url: '/api/docs/', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(docs.statusCode).toBe(302);
    expect(docs.headers.location).toBe(`/auth/login?returnTo=${encodeURIComponent('/api/docs/')}`);
  });
});

describe('roles and capabilities', () => {
  it('lets a viewer read and refuses their writes with 403 naming what is missing', async () => {
    const viewer = await signedIn(app, t.pool, 'viewer');
    expect((await viewer.inject('/api/scorecard?month=2015-06')).statusCode).toBe(200);
    const write = await viewer.inject({ method: 'POST', url: '/api/test-write', payload: {} });
    expect(write.statusCode).toBe(403);
    expect(write.json()).toEqual({
      error: 'forbidden', message: 'You need the right to import extracts and edit targets; your role (viewer) does not include it.',
    });
    const analyst = await signedIn(app, t.pool, 'analyst');
    expect((await analyst.inject({ method: 'POST', url: '/api/test-write', payload: {} })).json()).toEqual({ written: true });
  });

  it('refuses every write route of the table to a viewer', async () => {
    const viewer = await signedIn(app, t.pool, 'viewer');
    const writes = app.routeAccess.filter((r) => r.access !== 'public' && r.access !== 'signed_in' && r.access !== 'read');
    expect(writes.length).toBeGreaterThan(0);
    for (const route of writes) {
      const response = await viewer.inject({ method: route.method as 'POST', url: concrete(route.url) });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
  });

  it('refuses live figures to partners, no month being published yet, but not the catalogue', async () => {
    const partner = await signedIn(app, t.pool, 'partner');
    for (const route of app.routeAccess.filter((r) => r.liveFigures && r.method === 'GET')) {
      const response = await partner.inject(concrete(route.url));
      expect(response.statusCode, route.url).toBe(403);
      expect(response.json().message).toMatch(/Partners see published months only/);
    }
    expect((await partner.inject('/api/indicators')).statusCode).toBe(200);
  });

  it('lets a contributor write inside their scope only (an area includes its districts)', async () => {
    const contributor = await signedIn(app, t.pool, 'contributor', { scope: ['NORTH', 'CAN'] });
    const write = (geography: string) => contributor.inject({ method: 'POST', url: `/api/test-commentary?geography=${geography}`, payload: {} });
    for (const inside of ['NORTH', 'DAR', 'GRA', 'CAN']) expect((await write(inside)).statusCode, inside).toBe(200);
    for (const outside of ['KENT', 'EAST']) {
      const refused = await write(outside);
      expect(refused.statusCode, outside).toBe(403);
      expect(refused.json().message).toBe(`Your scope (NORTH, CAN) does not include ${outside}: you may write for those geographies only.`);
    }
    const analyst = await signedIn(app, t.pool, 'analyst');
    expect((await analyst.inject({ method: 'POST', url: '/api/test-commentary?geography=KENT', payload: {} })).statusCode).toBe(200);
  });

  it('puts every download of a partner in publication mode, whatever they ask for', async () => {
    const partner = await signedIn(app, t.pool, 'partner');
    expect((await partner.inject('/api/test-download?suppress=false')).json()).toEqual({ suppress: true });
    expect((await partner.inject('/api/test-download')).json()).toEqual({ suppress: true });
    const viewer = await signedIn(app, t.pool, 'viewer');
    expect((await viewer.inject('/api/test-download?suppress=false')).json()).toEqual({ suppress: false });
  });

  it('signs in a user without a role but shows them no figures: 403 for the API, the no-access page for pages', async () => {
    const nobody = await signedInWithSession(app, t.pool, null);
    expect((await nobody.inject('/api/me')).json()).toMatchObject({ email: nobody.user.email, role: null });
    const api = await nobody.inject('/api/scorecard?month=2015-06');
    expect(api.statusCode).toBe(403);
    expect(api.json().message).toMatch(/no role in the scorecard yet: ask an administrator/);
    const page = await nobody.inject('/');
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/auth/no-access');
    const noAccess = await nobody.inject('/auth/no-access');
    expect(noAccess.body).toContain('You do not have access yet');
  });

  it('answers GET /api/me with the user, role, scope and the session CSRF token', async () => {
    const contributor = await signedInWithSession(app, t.pool, 'contributor', { scope: ['DAR'], name: 'Casey' });
    expect((await contributor.inject('/api/me')).json()).toEqual({
      email: contributor.user.email, name: 'Casey', role: 'contributor', scope: ['DAR'], csrfToken: contributor.csrfToken,
    });
    const token = await signedIn(app, t.pool, 'viewer');
    expect((await token.inject('/api/me')).json()).toMatchObject({ role: 'viewer', scope: null, csrfToken: null });
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request made with the session cookie without the CSRF token', async () => {
    const analyst = await signedInWithSession(app, t.pool, 'analyst');
    const bare = await app.inject({ method: 'POST', url: '/api/test-write', headers: { cookie: analyst.cookie }, payload: {} });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().message).toMatch(/CSRF token/);
    const wrong = await app.inject({
      method: 'POST', url: '/api/test-write', headers: { cookie: analyst.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload: {},
    });
    expect(wrong.statusCode).toBe(403);
    expect((await analyst.inject({ method: 'POST', url: '/api/test-write', payload: {} })).statusCode).toBe(200);
  });

  it('needs none with a bearer token', async () => {
    const analyst = await signedIn(app, t.pool, 'analyst');
    expect((await analyst.inject({ method: 'POST', url: '/api/test-write', payload: {} })).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('refuses a revoked token, an expired one, a removed user\'s and one whose user has no role', async () => {
    const user = await createTestUser(t.pool, 'viewer');
    const get = (token: string) => app.inject({ url: '/api/months', headers: { authorization: `Bearer ${token}` } });

    const revoked = await createApiToken(t.pool, user.id, 'to revoke');
    expect((await get(revoked)).statusCode).toBe(200);
    const { rows: [row] } = await t.pool.query<{ id: number }>(`SELECT id FROM api_tokens WHERE name = 'to revoke'`);
    await revokeApiToken(t.pool, row!.id);
    const refused = await get(revoked);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message).toMatch(/API token is not valid/);

    const expired = await createApiToken(t.pool, user.id, 'expired');
    await t.pool.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE name = 'expired'`);
    expect((await get(expired)).statusCode).toBe(401);

    const noRole = await createTestUser(t.pool, null);
    expect((await get(await createApiToken(t.pool, noRole.id, 'no role'))).statusCode).toBe(401);

    const leaving = await createTestUser(t.pool, 'analyst');
    const theirs = await createApiToken(t.pool, leaving.id, 'leaver');
    expect((await get(theirs)).statusCode).toBe(200);
    await removeUser(t.pool, leaving.email);
    expect((await get(theirs)).statusCode).toBe(401);

    expect((await get('ehps_not-a-token-at-all')).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/months', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
  });

  it('records when a token was last used', async () => {
    const viewer = await signedIn(app, t.pool, 'viewer');
    await viewer.inject('/api/months');
    const { rows } = await t.pool.query('SELECT last_used_at FROM api_tokens WHERE user_id = $1', [viewer.user.id]);
    expect(rows[0].last_used_at).toBeInstanceOf(Date);
  });
});

describe('sign-in with a local account', () => {
  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const user = await createTestUser(t.pool, 'viewer', { password: TEST_PASSWORD });
    const wrong = await app.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password: 'not the password' } });
    const unknown = await app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'nobody@example.test', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.cookies).toEqual([]);
    // The form answers the same page for both, but for the e-mail typed.
    const form = (email: string) => app.inject({
      method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email, password: 'not the password', returnTo: '/' }).toString(),
    });
    const [a, b] = [await form(user.email), await form('nobody@example.test')];
    expect(a.statusCode).toBe(401);
    expect(a.body.replace(user.email, 'E')).toBe(b.body.replace('nobody@example.test', 'E'));
    expect(a.body).toContain('The e-mail address or the password is not right.');
  });

  it('signs in again from a stale sign-in page while a session is open (no CSRF token needed to sign in)', async () => {
    const open = await signedInWithSession(app, t.pool, 'viewer');
    const again = await app.inject({
      method: 'POST', url: '/auth/login', headers: { cookie: open.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: open.user.email, password: TEST_PASSWORD, returnTo: '/data' }).toString(),
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/data');
  });

  it('does not spend a one-time link on a HEAD request (link previews)', async () => {
    const user = await createTestUser(t.pool, 'viewer');
    const token = await issueOneTimeLink(t.pool, user.id, 'sign_in');
    expect((await app.inject({ method: 'HEAD', url: `/auth/first-run?token=${token}` })).statusCode).not.toBe(303);
    const opened = await app.inject(`/auth/first-run?token=${token}`);
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe('/auth/password');
  });

  it('signs in through the form and returns to the page asked for, never to another site', async () => {
    const user = await createTestUser(t.pool, 'viewer', { password: TEST_PASSWORD });
    const post = (returnTo: string) => app.inject({
      method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: user.email.toUpperCase(), password: TEST_PASSWORD, returnTo }).toString(),
    });
    const response = await post('/caseloads?month=2015-06');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/caseloads?month=2015-06');
    const cookie = response.cookies.find((c) => c.name === 'ehps_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect((await post('//evil.example/')).headers.location).toBe('/');
  });

  it('slows down then locks an account after repeated failures, even for the right password', async () => {
    const user = await createTestUser(t.pool, 'viewer', { password: TEST_PASSWORD });
    const attempt = (password: string, address = '10.0.0.1') => app.inject({
      method: 'POST', url: '/auth/login', remoteAddress: address, payload: { email: user.email, password },
    });
    for (let i = 0; i < THROTTLE.account.lockAfter; i += 1) expect((await attempt('wrong password')).statusCode).toBe(401);
    const locked = await attempt(TEST_PASSWORD, '10.0.0.2');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().message).toMatch(/Too many failed sign-ins/);
    // Unknown accounts lock the same way: the answer says nothing about whether the account exists.
    for (let i = 0; i < THROTTLE.account.lockAfter; i += 1) {
      await app.inject({ method: 'POST', url: '/auth/login', remoteAddress: '10.0.0.3', payload: { email: 'ghost@example.test', password: 'x' } });
    }
    expect((await app.inject({ method: 'POST', url: '/auth/login', remoteAddress: '10.0.0.4', payload: { email: 'ghost@example.test', password: 'x' } })).json())
      .toEqual(locked.json());
    // The window passing ends the lock.
    await t.pool.query(`UPDATE sign_in_failures SET failed_at = failed_at - interval '16 minutes' WHERE email = $1`, [user.email]);
    expect((await attempt(TEST_PASSWORD, '10.0.0.5')).statusCode).toBe(200);
  });

  it('locks an address after many failures across accounts', async () => {
    // One failure through the route, the others as it records them (each costs a password check's time).
    await app.inject({ method: 'POST', url: '/auth/login', remoteAddress: '10.9.9.9', payload: { email: 'spray@example.test', password: 'x' } });
    await t.pool.query(`INSERT INTO sign_in_failures (email, address)
      SELECT 'spray' || i || '@example.test', '10.9.9.9' FROM generate_series(2, $1) AS i`, [THROTTLE.address.lockAfter]);
    const user = await createTestUser(t.pool, 'viewer', { password: TEST_PASSWORD });
    const response = await app.inject({ method: 'POST', url: '/auth/login', remoteAddress: '10.9.9.9', payload: { email: user.email, password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(429);
  });

  it('keeps the session through a restart (a new app instance) and ends it on sign-out', async () => {
    const viewer = await signedInWithSession(app, t.pool, 'viewer');
    const restarted = await buildApp({ pool: t.pool, access: settings });
    try {
      expect((await restarted.inject({ url: '/api/me', headers: viewer.headers })).statusCode).toBe(200);
      const out = await restarted.inject({ method: 'POST', url: '/auth/logout', headers: viewer.headers });
      expect(out.statusCode).toBe(204);
      expect(out.cookies.find((c) => c.name === 'ehps_session')?.value).toBe('');
      expect((await restarted.inject({ url: '/api/me', headers: viewer.headers })).statusCode).toBe(401);
    } finally {
      await restarted.close();
    }
  });

  it('ends a session idle for 8 hours', async () => {
    const user = await createTestUser(t.pool, 'viewer', { password: TEST_PASSWORD });
    const login = await app.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password: TEST_PASSWORD } });
    await t.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '8 hours 1 minute' WHERE user_id = $1`, [user.id]);
    expect((await app.inject({ url: '/api/me', headers: { cookie: sessionCookie(login) } })).statusCode).toBe(401);
  });

  it('sets Secure on the cookie when PUBLIC_URL is https', async () => {
    const secureApp = await buildApp({ pool: t.pool, access: { ...accessSettings({ PUBLIC_URL: 'https://scorecard.example' }), signInDelayMs: 0 } });
    try {
      const user = await createTestUser(t.pool, 'viewer', { password: TEST_PASSWORD });
      const login = await secureApp.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password: TEST_PASSWORD } });
      expect(login.cookies.find((c) => c.name === 'ehps_session')?.secure).toBe(true);
    } finally {
      await secureApp.close();
    }
  });
});

describe('first run', () => {
  it('creates the administrator once; the link signs them in once and lets them set a password', async () => {
    const empty = await createTestDatabase();
    const firstApp = await buildApp({ pool: empty.pool, access: settings });
    try {
      const link = await ensureFirstRunAdministrator(empty.pool, 'admin@localhost', 'http://127.0.0.1:3412');
      expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3412\/auth\/first-run\?token=[A-Za-z0-9_-]{40,}$/);
      expect(await ensureFirstRunAdministrator(empty.pool, 'admin@localhost', 'http://127.0.0.1:3412')).toBeNull();
      const url = new URL(link!);
      const opened = await firstApp.inject(url.pathname + url.search);
      expect(opened.statusCode).toBe(303);
      expect(opened.headers.location).toBe('/auth/password?first=1');
      const cookie = sessionCookie(opened);
      const me = (await firstApp.inject({ url: '/api/me', headers: { cookie } })).json();
      expect(me).toMatchObject({ email: 'admin@localhost', role: 'admin' });
      const page = await firstApp.inject({ url: '/auth/password?first=1', headers: { cookie } });
      expect(page.body).toContain('Set your password');
      expect(page.body).toContain(me.csrfToken);

      const form = (fields: Record<string, string>) => firstApp.inject({
        method: 'POST', url: '/auth/password', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });
      expect((await form({ password: 'a new password!', confirm: 'a new password!' })).statusCode).toBe(403);
      const mismatch = await form({ _csrf: me.csrfToken, password: 'a new password!', confirm: 'another one!!!' });
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.body).toContain('The two passwords are not the same.');
      const set = await form({ _csrf: me.csrfToken, password: 'a new password!', confirm: 'a new password!' });
      expect(set.statusCode).toBe(303);
      expect(set.headers.location).toBe('/');
      const login = await firstApp.inject({ method: 'POST', url: '/auth/login', payload: { email: 'admin@localhost', password: 'a new password!' } });
      expect(login.statusCode).toBe(200);

      expect((await firstApp.inject(url.pathname + url.search)).statusCode).toBe(400);
      const { rows } = await empty.pool.query('SELECT action FROM audit_log ORDER BY id');
      expect(rows.map((r) => r.action)).toEqual(['first_run', 'password_set', 'sign_in', 'sign_in_failed']);
    } finally {
      await firstApp.close();
      await empty.drop();
    }
  });
});

describe('the audit log', () => {
  it('records sign-in, its failures, sign-out and every export with its options', async () => {
    const viewer = await signedInWithSession(app, t.pool, 'viewer');
    await viewer.inject('/api/export/caseloads.csv?month=2015-06&suppress=true');
    await viewer.inject({ method: 'POST', url: '/auth/logout' });
    const { rows } = await t.pool.query(
      'SELECT action, object, details, address FROM audit_log WHERE user_id = $1 ORDER BY id', [viewer.user.id]);
    expect(rows.map((r) => r.action)).toEqual(['sign_in', 'export', 'sign_out']);
    expect(rows[1]).toMatchObject({
      object: '/api/export/caseloads.csv', details: { month: '2015-06', suppress: true, via: 'session' }, address: '127.0.0.1',
    });
  });

  it('cannot be changed or emptied, even with triggers switched off for replication', async () => {
    await t.pool.query(`INSERT INTO audit_log (action) VALUES ('test')`);
    const client = await t.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      for (const statement of ['UPDATE audit_log SET action = \'x\'', 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
        await expect(client.query(statement), statement).rejects.toThrow(/append-only/);
      }
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
    expect((await t.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBeGreaterThan(0);
  });
});
