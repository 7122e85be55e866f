// The Admin page's routes and the Tokens page's: who may call them, what each change does and audits, and
// what they refuse (bad scope, an administrator removing themselves, another user's token, no CSRF token).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { accessSettings } from '../../../api/src/access/settings.js';
import { findApiToken } from '../../../api/src/access/tokens.js';
import { useOneTimeLink } from '../../../api/src/access/links.js';
import { verifyPassword } from '../../../api/src/access/passwords.js';
import { sha256 } from '../../../api/src/access/secrets.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { signedInWithSession } from '../../support/auth.js';
import { userWithToken } from './helpers.js';

let t: TestDatabase;
let app: App;
let admin: Awaited<ReturnType<typeof userWithToken>>;
let viewer: Awaited<ReturnType<typeof userWithToken>>;
let contributor: Awaited<ReturnType<typeof userWithToken>>;
const SESSION_SECRET = 'a-session-secret-of-the-administrator-0123';

beforeAll(async () => {
  t = await createTestDatabase();
  await t.pool.query(`INSERT INTO districts VALUES ('DAR', 'Dartford', 'NORTH', 'North Kent'), ('THA', 'Thanet', 'EAST', 'East Kent')`);
  admin = await userWithToken(t.pool, 'ann@example.org', 'admin', 'Ann Admin');
  viewer = await userWithToken(t.pool, 'bob@example.org', 'viewer', 'Bob');
  contributor = await userWithToken(t.pool, 'cat@example.org', 'contributor', 'Cat', ['DAR']);
  await t.pool.query(`INSERT INTO sessions (id_hash, user_id, csrf_token, method, address, user_agent) VALUES ($1, $2, 'csrf-1', 'password', '10.0.0.9', 'Firefox')`,
    [sha256(SESSION_SECRET), admin.user.id]);
  app = await buildApp({ pool: t.pool, access: accessSettings({ PUBLIC_URL: 'https://scorecard.example.org' }) });
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const as = (who: { headers: Record<string, string> }) => who.headers;
const entries = async (action: string) => (await t.pool.query(
  'SELECT user_email, object, details FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;

describe('who may call them', () => {
  it('refuses the admin routes unsigned (401) and to a viewer (403, naming the right); the token routes need a role', async () => {
    const adminRoutes: [string, string][] = [
      ['GET', '/api/admin/users'], ['PATCH', `/api/admin/users/${viewer.user.id}`], ['DELETE', `/api/admin/users/${viewer.user.id}`],
      ['POST', `/api/admin/users/${viewer.user.id}/password`], ['POST', `/api/admin/users/${viewer.user.id}/link`],
      ['GET', '/api/admin/sessions'], ['DELETE', `/api/admin/sessions/${'0'.repeat(64)}`], ['GET', '/api/admin/tokens'], ['DELETE', '/api/admin/tokens/1'],
    ];
    for (const [method, url] of adminRoutes) {
      expect((await app.inject({ method: method as 'GET', url })).statusCode, `${method} ${url}`).toBe(401);
      const refused = await app.inject({ method: method as 'GET', url, headers: as(viewer) });
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
      expect(refused.json().message).toBe('You need the right to manage users and read the audit log; your role (viewer) does not include it.');
    }
    expect((await app.inject('/api/tokens')).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/tokens', headers: as(viewer) })).statusCode).toBe(200);
  });

  it('refuses a change made with the session cookie but without its CSRF token', async () => {
    const cookie = `ehps_session=${SESSION_SECRET}`;
    const without = await app.inject({ method: 'POST', url: `/api/admin/users/${viewer.user.id}/link`, headers: { cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().message).toMatch(/CSRF/);
    const withToken = await app.inject({ method: 'POST', url: `/api/admin/users/${viewer.user.id}/link`, headers: { cookie, 'x-csrf-token': 'csrf-1' } });
    expect(withToken.statusCode, withToken.body).toBe(200);
  });
});

describe('users', () => {
  it('lists users with their role, its source, scope, sessions and tokens', async () => {
    await t.pool.query(`UPDATE users SET provider_role = 'approver' WHERE email = 'bob@example.org'`);
    const response = await app.inject({ url: '/api/admin/users', headers: as(admin) });
    expect(response.statusCode).toBe(200);
    const users = response.json().users;
    expect(users.map((u: { email: string }) => u.email)).toEqual(['ann@example.org', 'bob@example.org', 'cat@example.org']);
    expect(users[0]).toMatchObject({ role: 'admin', roleSource: 'granted', openSessions: 1, liveTokens: 1, localAccount: true, removedAt: null });
    expect(users[1]).toMatchObject({ role: 'approver', roleSource: 'provider', grantedRole: 'viewer', providerRole: 'approver' });
    expect(users[2]).toMatchObject({ role: 'contributor', scope: ['DAR'] });
    await t.pool.query(`UPDATE users SET provider_role = NULL WHERE email = 'bob@example.org'`);
  });

  it('changes a role and scope, audited with the administrator, and refuses unknown codes or a scope for a non-contributor', async () => {
    const changed = await app.inject({ method: 'PATCH', url: `/api/admin/users/${contributor.user.id}`, headers: as(admin),
      payload: { role: 'contributor', scope: ['dar', 'EAST'] } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ email: 'cat@example.org', role: 'contributor', scope: ['DAR', 'EAST'] });
    expect(await entries('role_changed')).toEqual([{ user_email: 'ann@example.org', object: 'cat@example.org',
      details: { from: 'contributor', to: 'contributor', scopeFrom: ['DAR'], scopeTo: ['DAR', 'EAST'] } }]);

    const bad: [object, string][] = [
      [{ role: 'contributor', scope: ['MARS'] }, 'unknown geography code MARS (known: DAR, EAST, KENT, NORTH, THA)'],
      [{ role: 'viewer', scope: ['DAR'] }, 'only a contributor has a scope; a viewer reads and acts for the whole county (leave the scope out)'],
      [{ role: 'contributor', scope: null }, 'a contributor needs a scope: the geographies they write for (KENT, area or district codes)'],
    ];
    for (const [payload, message] of bad) {
      const refused = await app.inject({ method: 'PATCH', url: `/api/admin/users/${contributor.user.id}`, headers: as(admin), payload });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toEqual({ error: 'bad_request', message });
    }
    const unknownRole = await app.inject({ method: 'PATCH', url: `/api/admin/users/${contributor.user.id}`, headers: as(admin), payload: { role: 'king', scope: null } });
    expect(unknownRole.statusCode).toBe(400);
    expect((await entries('role_changed'))).toHaveLength(1);
  });

  it('will not let an administrator remove themselves or take their own role', async () => {
    const removeSelf = await app.inject({ method: 'DELETE', url: `/api/admin/users/${admin.user.id}`, headers: as(admin) });
    expect(removeSelf.statusCode).toBe(400);
    expect(removeSelf.json().message).toBe('you cannot remove yourself: ask another administrator');
    const demoteSelf = await app.inject({ method: 'PATCH', url: `/api/admin/users/${admin.user.id}`, headers: as(admin), payload: { role: 'viewer', scope: null } });
    expect(demoteSelf.statusCode).toBe(400);
  });

  it('sets a local password (ending their sessions) and issues a one-time sign-in link, each audited', async () => {
    const short = await app.inject({ method: 'POST', url: `/api/admin/users/${viewer.user.id}/password`, headers: as(admin), payload: { password: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toBe('The password must be at least 12 characters long.');
    await t.pool.query(`INSERT INTO sessions (id_hash, user_id, csrf_token, method) VALUES ($1, $2, 'c', 'password')`, [sha256('bob-session-secret-0123456789'), viewer.user.id]);
    const set = await app.inject({ method: 'POST', url: `/api/admin/users/${viewer.user.id}/password`, headers: as(admin), payload: { password: 'a long new password' } });
    expect(set.statusCode, set.body).toBe(204);
    const { rows } = await t.pool.query('SELECT password_hash FROM users WHERE id = $1', [viewer.user.id]);
    expect(await verifyPassword('a long new password', rows[0].password_hash)).toBe(true);
    const { rows: open } = await t.pool.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND ended_at IS NULL', [viewer.user.id]);
    expect(open[0].n).toBe(0);
    expect((await entries('password_set')).map((e) => [e.user_email, e.object])).toEqual([['ann@example.org', 'bob@example.org']]);

    const link = await app.inject({ method: 'POST', url: `/api/admin/users/${viewer.user.id}/link`, headers: as(admin) });
    expect(link.statusCode).toBe(200);
    const url = new URL(link.json().link);
    expect(url.origin + url.pathname).toBe('https://scorecard.example.org/auth/first-run');
    expect(await useOneTimeLink(t.pool, url.searchParams.get('token')!)).toMatchObject({ userId: viewer.user.id, purpose: 'sign_in' });
  });

  it('refuses passwords and links when OpenID Connect is configured', async () => {
    const oidcApp = await buildApp({ pool: t.pool, access: { ...accessSettings({}), oidc: true } });
    try {
      for (const [url, payload] of [[`/api/admin/users/${viewer.user.id}/password`, { password: 'a long new password' }], [`/api/admin/users/${viewer.user.id}/link`, undefined]] as const) {
        const refused = await oidcApp.inject({ method: 'POST', url, headers: as(admin), payload });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().message).toMatch(/^OpenID Connect is configured/);
      }
    } finally {
      await oidcApp.close();
    }
  });
});

describe('sessions and tokens', () => {
  it('lists open sessions and ends one, audited', async () => {
    const listed = await app.inject({ url: '/api/admin/sessions', headers: { cookie: `ehps_session=${SESSION_SECRET}` } });
    expect(listed.statusCode).toBe(200);
    const [session] = listed.json().sessions;
    expect(session).toMatchObject({ userEmail: 'ann@example.org', method: 'password', address: '10.0.0.9', userAgent: 'Firefox', current: true });
    expect(session.id).toBe(sha256(SESSION_SECRET).toString('hex'));
    await t.pool.query(`INSERT INTO sessions (id_hash, user_id, csrf_token, method) VALUES ($1, $2, 'c', 'oidc')`, [sha256('cat-session-secret-0123456789'), contributor.user.id]);
    const catSession = sha256('cat-session-secret-0123456789').toString('hex');
    const ended = await app.inject({ method: 'DELETE', url: `/api/admin/sessions/${catSession}`, headers: as(admin) });
    expect(ended.statusCode).toBe(204);
    const again = await app.inject({ method: 'DELETE', url: `/api/admin/sessions/${catSession}`, headers: as(admin) });
    expect(again.statusCode).toBe(404);
    expect((await entries('session_ended')).map((e) => e.object)).toEqual(['cat@example.org']);
  });

  it("lists every user's working tokens and revokes one, which then stops working", async () => {
    const listed = await app.inject({ url: '/api/admin/tokens', headers: as(admin) });
    const catToken = listed.json().tokens.find((tk: { userEmail: string }) => tk.userEmail === 'cat@example.org');
    expect(catToken).toMatchObject({ name: 'tests', userName: 'Cat', expired: false, lastUsedAt: null });
    const revoked = await app.inject({ method: 'DELETE', url: `/api/admin/tokens/${catToken.id}`, headers: as(admin) });
    expect(revoked.statusCode).toBe(204);
    expect(await findApiToken(t.pool, contributor.token)).toBeNull();
    expect((await entries('token_revoked')).map((e) => [e.object, e.details.name])).toEqual([['cat@example.org', 'tests']]);
  });

  it('removes a user: their tokens stop, the row stays, audited', async () => {
    const removed = await app.inject({ method: 'DELETE', url: `/api/admin/users/${viewer.user.id}`, headers: as(admin) });
    expect(removed.statusCode).toBe(204);
    expect(await findApiToken(t.pool, viewer.token)).toBeNull();
    const users = (await app.inject({ url: '/api/admin/users', headers: as(admin) })).json().users;
    expect(users.find((u: { email: string }) => u.email === 'bob@example.org').removedAt).toEqual(expect.any(String));
    expect((await entries('user_removed')).map((e) => e.object)).toEqual(['bob@example.org']);
  });
});

describe('own tokens (/api/tokens)', () => {
  it('creates a token answered once, lists it without the secret, and revokes only your own', async () => {
    const dee = await userWithToken(t.pool, 'dee@example.org', 'analyst', 'Dee');
    // A token cannot mint another (a leaked one would make itself a longer-lived one): the page's session can.
    const byToken = await app.inject({ method: 'POST', url: '/api/tokens', headers: as(dee), payload: { name: 'monthly pull', days: 30 } });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().message).toMatch(/an API token cannot do it/);
    const session = await signedInWithSession(app, t.pool, 'analyst', { email: 'dee@example.org', name: 'Dee' });
    const created = await session.inject({ method: 'POST', url: '/api/tokens', payload: { name: 'monthly pull', days: 30 } });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ name: 'monthly pull', expired: false, lastUsedAt: null, token: expect.stringMatching(/^ehps_/) });
    expect(Date.parse(body.expiresAt) - Date.parse(body.createdAt)).toBe(30 * 86_400_000);
    expect((await findApiToken(t.pool, body.token))?.user.email).toBe('dee@example.org');

    const listed = (await app.inject({ url: '/api/tokens', headers: as(dee) })).json().tokens;
    expect(listed.map((tk: { name: string }) => tk.name)).toEqual(['monthly pull', 'tests']);
    expect(JSON.stringify(listed)).not.toContain(body.token);

    const others = await app.inject({ method: 'DELETE', url: `/api/tokens/${body.id}`, headers: as(admin) });
    expect(others.statusCode).toBe(404);
    const mine = await app.inject({ method: 'DELETE', url: `/api/tokens/${body.id}`, headers: as(dee) });
    expect(mine.statusCode).toBe(204);
    expect(await findApiToken(t.pool, body.token)).toBeNull();
    expect((await entries('token_created')).map((e) => [e.user_email, e.details])).toEqual([['dee@example.org', { name: 'monthly pull', days: 30 }]]);

    const bad = await session.inject({ method: 'POST', url: '/api/tokens', payload: { name: '', days: 30 } });
    expect(bad.statusCode).toBe(400);
  });
});
