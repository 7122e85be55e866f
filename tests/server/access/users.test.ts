// The functions other parts of the product call: users (created, updated field by field, removed without
// losing the row), the effective role, passwords, one-time links and tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueOneTimeLink, useOneTimeLink } from '../../../api/src/access/links.js';
import { hashPassword, verifyPassword } from '../../../api/src/access/passwords.js';
import { createApiToken, findApiToken, listApiTokens } from '../../../api/src/access/tokens.js';
import { effectiveRole, findUserByEmail, removeUser, upsertUser } from '../../../api/src/access/users.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { TEST_SCRYPT } from '../../support/auth.js';

let t: TestDatabase;
beforeAll(async () => { t = await createTestDatabase(); });
afterAll(async () => { await t.drop(); });

describe('users', () => {
  it('creates a user with the e-mail in lower case and updates only the fields given', async () => {
    const created = await upsertUser(t.pool, { email: ' Casey@Kent.Example ', name: 'Casey', role: 'contributor', scope: ['DAR'] });
    expect(created).toMatchObject({ email: 'casey@kent.example', name: 'Casey', role: 'contributor', scope: ['DAR'], providerRole: null });
    const renamed = await upsertUser(t.pool, { email: 'CASEY@kent.example', name: 'Casey Jones' });
    expect(renamed).toMatchObject({ id: created.id, name: 'Casey Jones', role: 'contributor', scope: ['DAR'] });
    // A scope means something for contributors only.
    expect(await upsertUser(t.pool, { email: 'casey@kent.example', role: 'analyst' })).toMatchObject({ role: 'analyst', scope: null });
  });

  it('lets the provider\'s role found at the latest sign-in win over the role granted here', async () => {
    expect(effectiveRole({ role: 'viewer', providerRole: 'approver' })).toBe('approver');
    expect(effectiveRole({ role: 'viewer', providerRole: null })).toBe('viewer');
    expect(effectiveRole({ role: null, providerRole: null })).toBeNull();
    const user = await upsertUser(t.pool, { email: 'oidc@kent.example', role: 'viewer', providerRole: 'analyst' });
    expect(effectiveRole(user)).toBe('analyst');
    expect(effectiveRole(await upsertUser(t.pool, { email: 'oidc@kent.example', providerRole: null }))).toBe('viewer');
  });

  it('removes a user without deleting the row, revoking their tokens; adding them again brings them back', async () => {
    const user = await upsertUser(t.pool, { email: 'leaver@kent.example', name: 'Lee', role: 'viewer' });
    const token = await createApiToken(t.pool, user.id, 'script');
    expect(await findApiToken(t.pool, token)).not.toBeNull();
    expect(await removeUser(t.pool, 'Leaver@kent.example')).toBe(true);
    expect(await removeUser(t.pool, 'leaver@kent.example')).toBe(false);
    expect((await findUserByEmail(t.pool, 'leaver@kent.example'))?.removedAt).toBeInstanceOf(Date);
    expect(await findApiToken(t.pool, token)).toBeNull();
    expect((await listApiTokens(t.pool, user.id))[0]!.revokedAt).toBeInstanceOf(Date);
    expect((await upsertUser(t.pool, { email: 'leaver@kent.example' })).removedAt).toBeNull();
  });
});

describe('passwords', () => {
  it('stores a self-describing scrypt hash with its own salt, and verifies only the right password', async () => {
    const [a, b] = [await hashPassword('the same password', TEST_SCRYPT), await hashPassword('the same password', TEST_SCRYPT)];
    expect(a).toMatch(/^scrypt\$N=1024,r=8,p=1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('the same password', a)).toBe(true);
    expect(await verifyPassword('the same passworD', a)).toBe(false);
    expect(await verifyPassword('anything', 'not a hash')).toBe(false);
  });
});

describe('one-time links', () => {
  it('sign in once, within 24 hours', async () => {
    const user = await upsertUser(t.pool, { email: 'link@kent.example', role: 'viewer' });
    const token = await issueOneTimeLink(t.pool, user.id, 'sign_in');
    expect(await useOneTimeLink(t.pool, token)).toEqual({ userId: user.id, purpose: 'sign_in' });
    expect(await useOneTimeLink(t.pool, token)).toBeNull();
    const late = await issueOneTimeLink(t.pool, user.id, 'sign_in');
    await t.pool.query(`UPDATE one_time_links SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    expect(await useOneTimeLink(t.pool, late)).toBeNull();
  });
});
