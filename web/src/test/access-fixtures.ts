// Hand-written answers of the access routes for the page tests: the signed-in administrator, three other
// users (a contributor scoped to two geographies, a viewer whose role comes from the identity provider, a
// removed analyst), their sessions and tokens, and a few audit entries. Times in UTC: 29 Mar 2026 09:15
// UTC is 10:15 in London (summer time), 2 Mar 2026 14:00 UTC is 14:00 (winter).
import { http, HttpResponse } from 'msw';
import type { AuditEntry, AuditResponse } from '@contract/audit';
import type { AdminSession, AdminToken, AdminUser, ApiToken } from '@contract/admin';
import type { Me } from '../api/types';

/** The administrator of the Admin page tests (the other pages' tests sign in as fixtures.ts's ME). */
export const ADMIN_ME: Me = { email: 'ann@example.org', name: 'Ann Admin', role: 'admin', scope: null, csrfToken: 'csrf-admin' };

const user = (fields: Partial<AdminUser> & Pick<AdminUser, 'id' | 'email'>): AdminUser => ({
  name: null, role: 'viewer', roleSource: 'granted', grantedRole: 'viewer', providerRole: null, scope: null, localAccount: true,
  hasPassword: true, createdAt: '2026-01-05T10:00:00Z', lastSignInAt: null, removedAt: null, openSessions: 0, liveTokens: 0, ...fields,
});

export const ADMIN_USERS: AdminUser[] = [
  user({ id: 1, email: 'ann@example.org', name: 'Ann Admin', role: 'admin', grantedRole: 'admin', lastSignInAt: '2026-03-29T09:15:00Z', openSessions: 1, liveTokens: 1 }),
  user({ id: 2, email: 'cat@example.org', name: 'Cat', role: 'contributor', grantedRole: 'contributor', scope: ['DAR', 'EAST'], lastSignInAt: '2026-03-02T14:00:00Z' }),
  user({ id: 3, email: 'bob@example.org', name: 'Bob', role: 'approver', roleSource: 'provider', grantedRole: 'viewer', providerRole: 'approver', hasPassword: false }),
  user({ id: 4, email: 'dee@example.org', name: 'Dee', role: 'analyst', grantedRole: 'analyst', removedAt: '2026-03-02T14:00:00Z' }),
];

export const ADMIN_SESSIONS: AdminSession[] = [
  { id: 'a'.repeat(64), userId: 1, userEmail: 'ann@example.org', userName: 'Ann Admin', method: 'password', createdAt: '2026-03-29T09:15:00Z',
    lastSeenAt: '2026-03-29T09:15:00Z', address: '10.0.0.9', userAgent: 'Firefox', current: true },
  { id: 'b'.repeat(64), userId: 2, userEmail: 'cat@example.org', userName: 'Cat', method: 'one_time_link', createdAt: '2026-03-02T14:00:00Z',
    lastSeenAt: '2026-03-02T14:00:00Z', address: '10.0.0.10', userAgent: 'Edge', current: false },
];

export const ADMIN_TOKENS: AdminToken[] = [
  { id: 7, name: 'nightly check', createdAt: '2026-03-02T14:00:00Z', expiresAt: '2026-05-31T13:00:00Z', lastUsedAt: '2026-03-29T09:15:00Z',
    expired: false, userId: 1, userEmail: 'ann@example.org', userName: 'Ann Admin' },
];

export const OWN_TOKENS: ApiToken[] = [
  { id: 7, name: 'nightly check', createdAt: '2026-03-02T14:00:00Z', expiresAt: '2026-05-31T13:00:00Z', lastUsedAt: '2026-03-29T09:15:00Z', expired: false },
  { id: 5, name: 'old laptop', createdAt: '2025-11-02T14:00:00Z', expiresAt: '2026-01-31T14:00:00Z', lastUsedAt: null, expired: true },
];

export const AUDIT_ENTRIES: AuditEntry[] = [
  { id: 3, at: '2026-03-29T09:15:00Z', userEmail: 'ann@example.org', userName: 'Ann Admin', address: '10.0.0.9', action: 'sign_in', object: 'ann@example.org', details: { method: 'password' } },
  { id: 2, at: '2026-03-02T14:00:00Z', userEmail: 'ann@example.org', userName: 'Ann Admin', address: '10.0.0.9', action: 'role_changed', object: 'cat@example.org',
    details: { from: 'viewer', to: 'contributor', scopeFrom: null, scopeTo: ['DAR', 'EAST'] } },
  { id: 1, at: '2026-03-02T13:00:00Z', userEmail: 'cli:ops', userName: null, address: null, action: 'import', object: 'extracts',
    details: { outcome: 'loaded', files: [{ dataset: 'districts', file: 'districts.csv', rows: 3 }] } },
];

export const accessHandlers = [
  http.get('/api/tokens', () => HttpResponse.json({ tokens: OWN_TOKENS })),
  http.get('/api/admin/users', () => HttpResponse.json({ users: ADMIN_USERS })),
  http.get('/api/admin/sessions', () => HttpResponse.json({ sessions: ADMIN_SESSIONS })),
  http.get('/api/admin/tokens', () => HttpResponse.json({ tokens: ADMIN_TOKENS })),
  http.get('/api/audit/actions', () => HttpResponse.json({ actions: ['import', 'role_changed', 'sign_in'] })),
  http.get('/api/audit', ({ request }) => {
    const params = new URL(request.url).searchParams;
    const entries = AUDIT_ENTRIES.filter((e) => (!params.get('action') || e.action === params.get('action'))
      && (!params.get('user') || e.userEmail === params.get('user')));
    const body: AuditResponse = { from: params.get('from')!, to: params.get('to')!, entries, total: entries.length, truncated: false };
    return HttpResponse.json(body);
  }),
];
