// The Admin page's routes (administrators only): users — change role and scope, remove, a new password or
// one-time sign-in link for a local account — open sessions (end one) and live tokens (revoke one). Each
// change and its audit entry are written in one transaction.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { auditActor, recordAudit } from '../access/audit.js';
import { issueOneTimeLink, LINK_VALID_HOURS, oneTimeLinkUrl } from '../access/links.js';
import { hashPassword, passwordProblem } from '../access/passwords.js';
import { ScopeError, checkScope, parseScopeCodes } from '../access/scope.js';
import { endSession, endUserSessions } from '../access/sessions.js';
import { revokeApiToken } from '../access/tokens.js';
import { findUserById, removeUser, upsertUser } from '../access/users.js';
import { inTransaction } from '../db/transaction.js';
import { badRequest, notFound } from '../lib/errors.js';
import { listLiveTokens, listOpenSessions, listUsers } from '../queries/admin.js';
import {
  AdminSessionsResponse, AdminTokensResponse, AdminUser, AdminUsersResponse, IdParams, PasswordBody, SessionParams,
  SignInLinkResponse, UserChangeBody,
} from '../schemas/admin.js';
import { errorResponses } from '../schemas/common.js';

const NoQuery = Type.Object({}, { additionalProperties: false });
const changeErrors = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: { ...errorResponses[400], description: 'No such user, session or token' } };
const Done = Type.Null({ description: 'Done' });

const admin: FastifyPluginAsyncTypebox = async (app) => {
  const localAccounts = () => !app.accessSettings.oidc;

  /** An active user, or 404. */
  async function activeUser(id: number) {
    const user = await findUserById(app.pool, id);
    if (!user || user.removedAt) throw notFound(`no active user with id ${id}`);
    return user;
  }

  /** An administrator cannot take away their own access: another administrator must (no one locks the door behind them). */
  function notSelf(request: FastifyRequest, id: number, what: string) {
    if (request.user?.id === id) throw badRequest(`you cannot ${what} yourself: ask another administrator`);
  }

  app.get('/api/admin/users', {
    config: { access: 'admin' },
    schema: { summary: 'Every user: role and its source, scope, last sign-in, removed', tags: ['admin'], querystring: NoQuery,
      response: { 200: AdminUsersResponse, ...errorResponses } },
  }, async () => ({ users: await listUsers(app.pool, localAccounts()) }));

  app.patch('/api/admin/users/:id', {
    config: { access: 'admin' },
    schema: { summary: "Change a user's role and scope (a contributor's geographies)", tags: ['admin'], params: IdParams, body: UserChangeBody,
      response: { 200: AdminUser, ...changeErrors } },
  }, async (request) => {
    const { id } = request.params;
    const user = await activeUser(id);
    const { role } = request.body;
    if (role !== 'admin' && user.role === 'admin') notSelf(request, id, 'take the administrator role from');
    const codes = request.body.scope ? parseScopeCodes(request.body.scope.join(',')) : null;
    if (role === null && codes?.length) throw badRequest('a user without a role has no scope');
    let scope: string[] | null = null;
    try {
      if (role !== null) scope = await checkScope(app.db, role, codes);
    } catch (error) {
      if (error instanceof ScopeError) throw badRequest(error.message);
      throw error;
    }
    await inTransaction(app.pool, async (client) => {
      const after = await upsertUser(client, { email: user.email, role, scope });
      if (user.role !== after.role || (user.scope ?? []).join(',') !== (after.scope ?? []).join(',')) {
        await recordAudit(client, { ...auditActor(request), action: 'role_changed', object: user.email,
          details: { from: user.role, to: after.role, scopeFrom: user.scope, scopeTo: after.scope } });
      }
    });
    return (await listUsers(app.pool, localAccounts(), id))[0]!;
  });

  app.delete('/api/admin/users/:id', {
    config: { access: 'admin' },
    schema: { summary: 'Remove a user: their sessions end and tokens stop; their name stays on what they wrote', tags: ['admin'],
      params: IdParams, response: { 204: Done, ...changeErrors } },
  }, async (request, reply) => {
    const { id } = request.params;
    notSelf(request, id, 'remove');
    const user = await activeUser(id);
    await inTransaction(app.pool, async (client) => {
      if (!(await removeUser(client, user.email))) throw notFound(`no active user with id ${id}`);
      await recordAudit(client, { ...auditActor(request), action: 'user_removed', object: user.email });
    });
    return reply.code(204).send(null);
  });

  app.post('/api/admin/users/:id/password', {
    config: { access: 'admin' },
    schema: { summary: "Set a local account's password (their open sessions end)", tags: ['admin'], params: IdParams, body: PasswordBody,
      response: { 204: Done, ...changeErrors } },
  }, async (request, reply) => {
    if (!localAccounts()) throw badRequest('OpenID Connect is configured: users sign in at the identity provider, not with a password');
    const user = await activeUser(request.params.id);
    const problem = passwordProblem(request.body.password);
    if (problem) throw badRequest(problem);
    const passwordHash = await hashPassword(request.body.password);
    await inTransaction(app.pool, async (client) => {
      await upsertUser(client, { email: user.email, passwordHash });
      // Whoever knew the old password is signed out; an administrator resetting their own keeps this session.
      if (request.user?.id !== user.id) await endUserSessions(client, user.id, 'password_set');
      await recordAudit(client, { ...auditActor(request), action: 'password_set', object: user.email });
    });
    return reply.code(204).send(null);
  });

  app.post('/api/admin/users/:id/link', {
    config: { access: 'admin' },
    schema: { summary: `A new one-time sign-in link for a local account (single use, valid ${LINK_VALID_HOURS} hours)`, tags: ['admin'],
      params: IdParams, response: { 200: SignInLinkResponse, ...changeErrors } },
  }, async (request) => {
    if (!localAccounts()) throw badRequest('OpenID Connect is configured: users sign in at the identity provider; there are no sign-in links');
    const user = await activeUser(request.params.id);
    const token = await inTransaction(app.pool, async (client) => {
      const issued = await issueOneTimeLink(client, user.id, 'sign_in');
      await recordAudit(client, { ...auditActor(request), action: 'sign_in_link_issued', object: user.email });
      return issued;
    });
    return {
      link: oneTimeLinkUrl(app.accessSettings.publicUrl, token),
      expiresAt: new Date(Date.now() + LINK_VALID_HOURS * 3600_000).toISOString(),
    };
  });

  app.get('/api/admin/sessions', {
    config: { access: 'admin' },
    schema: { summary: 'Open sessions, the latest used first', tags: ['admin'], querystring: NoQuery,
      response: { 200: AdminSessionsResponse, ...errorResponses } },
  }, async (request) => ({ sessions: await listOpenSessions(app.pool, request.session?.idHash ?? null) }));

  app.delete('/api/admin/sessions/:id', {
    config: { access: 'admin' },
    schema: { summary: 'End a session: its user must sign in again', tags: ['admin'], params: SessionParams,
      response: { 204: Done, ...changeErrors } },
  }, async (request, reply) => {
    const idHash = Buffer.from(request.params.id, 'hex');
    await inTransaction(app.pool, async (client) => {
      const { rows } = await client.query<{ email: string }>(
        'SELECT u.email FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1', [idHash]);
      if (!rows[0] || !(await endSession(client, idHash, 'ended_by_admin'))) throw notFound('no open session with that id');
      await recordAudit(client, { ...auditActor(request), action: 'session_ended', object: rows[0].email });
    });
    return reply.code(204).send(null);
  });

  app.get('/api/admin/tokens', {
    config: { access: 'admin' },
    schema: { summary: "Every user's working API tokens", tags: ['admin'], querystring: NoQuery,
      response: { 200: AdminTokensResponse, ...errorResponses } },
  }, async () => ({ tokens: await listLiveTokens(app.pool) }));

  app.delete('/api/admin/tokens/:id', {
    config: { access: 'admin' },
    schema: { summary: "Revoke any user's API token", tags: ['admin'], params: IdParams, response: { 204: Done, ...changeErrors } },
  }, async (request, reply) => {
    const { id } = request.params;
    await inTransaction(app.pool, async (client) => {
      const { rows } = await client.query<{ email: string; name: string }>(
        'SELECT u.email, t.name FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1', [id]);
      if (!rows[0] || !(await revokeApiToken(client, id))) throw notFound(`no live token with id ${id}`);
      await recordAudit(client, { ...auditActor(request), action: 'token_revoked', object: rows[0].email, details: { name: rows[0].name, tokenId: id } });
    });
    return reply.code(204).send(null);
  });
};

export default admin;
