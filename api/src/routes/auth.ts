// Sign-in with local accounts (when OpenID Connect is not configured), the first-run link, setting a
// password, sign-out, the no-access page, and GET /api/me. Who may call each is declared in its config.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { auditActor, recordAudit } from '../access/audit.js';
import { useOneTimeLink } from '../access/links.js';
import { AUTH_CSS, linkProblemPage, noAccessPage, setPasswordPage, signInPage } from '../access/pages.js';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from '../access/passwords.js';
import { clearSessionCookie, endSession, openSession, type SessionMethod } from '../access/sessions.js';
import {
  beginSignInAttempt, clearSignInFailures, forgetAttempt, LOCKED_MESSAGE,
} from '../access/throttle.js';
import { findUserByEmail, findUserById, normaliseEmail, signedInUser, type SignedInUser } from '../access/users.js';
import { safeReturnTo } from '../plugins/access.js';
import { ErrorResponse } from '../schemas/common.js';
import { MeResponse, PasswordBody, SignInBody } from '../schemas/access.js';

/** Where sign-out leaves a browser (the web app goes there too): the sign-in page, or with OpenID Connect a page saying so. */
export const SIGNED_OUT_ADDRESS = '/auth/login?signedOut=1';

export const WRONG_CREDENTIALS = 'The e-mail address or the password is not right.';

/** A form posted by a browser (answered with pages and redirects) rather than JSON from a script or the app. */
const fromForm = (request: FastifyRequest) => (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

const sendPage = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

function meBody(user: SignedInUser, csrfToken: string | null) {
  return { email: user.email, name: user.name, role: user.role, scope: user.scope, csrfToken };
}

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.accessSettings;

  app.get('/api/me', {
    config: { access: 'signed_in' },
    schema: {
      summary: 'Who is signed in: e-mail, name, role and scope (and the session\'s CSRF token)',
      tags: ['access'],
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: MeResponse, 401: ErrorResponse },
    },
  }, async (request) => meBody(request.user!, request.session?.csrfToken ?? null));

  app.get('/auth/assets/auth.css', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(AUTH_CSS));

  app.post('/auth/logout', {
    // Public so an expired session can still clear its cookie; with a live session, CSRF is checked as ever.
    config: { access: 'public' },
    schema: { summary: 'Ends the session and clears its cookie', tags: ['access'], security: [] },
  }, async (request, reply) => {
    if (request.session) {
      await endSession(app.pool, request.session.idHash, 'sign_out');
      await recordAudit(app.pool, { ...auditActor(request), action: 'sign_out', object: request.user!.email });
    }
    clearSessionCookie(reply);
    // signedOut: with OpenID Connect, /auth/login would otherwise sign them straight back in through the provider's session.
    return fromForm(request) ? reply.redirect(SIGNED_OUT_ADDRESS, 303) : reply.code(204).send();
  });

  app.get('/auth/no-access', { config: { access: 'signed_in' }, schema: { hide: true } }, async (request, reply) => {
    const { rows } = await app.pool.query<{ email: string }>(
      `SELECT email FROM users WHERE removed_at IS NULL AND coalesce(provider_role, role) = 'admin' ORDER BY email LIMIT 5`);
    return sendPage(reply, 403, noAccessPage({
      email: request.user!.email, administrators: rows.map((r) => r.email), csrfToken: request.session?.csrfToken ?? null,
    }));
  });

  // With OpenID Connect the identity provider checks who people are: no passwords here.
  if (settings.oidc) return;

  app.get('/auth/login', {
    config: { access: 'public' },
    schema: {
      summary: 'The sign-in page (local accounts)',
      tags: ['access'],
      security: [],
      querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) }),
    },
  }, async (request, reply) => {
    const returnTo = safeReturnTo(request.query.returnTo);
    if (request.user) return reply.redirect(request.user.role === null ? '/auth/no-access' : returnTo, 303);
    return sendPage(reply, 200, signInPage({ returnTo }));
  });

  app.post('/auth/login', {
    // Signing in acts as nobody yet: a stale sign-in page posted while a session is open is not a forgery.
    config: { access: 'public', csrf: false },
    schema: {
      summary: 'Signs in with e-mail and password (JSON, or the sign-in page\'s form); sets the session cookie',
      tags: ['access'],
      security: [],
      body: SignInBody,
      response: { 200: MeResponse, 401: ErrorResponse, 429: ErrorResponse },
    },
  }, async (request, reply) => {
    const email = normaliseEmail(request.body.email);
    const returnTo = safeReturnTo(request.body.returnTo);
    const address = request.ip;
    const form = fromForm(request);
    const refuse = (status: 401 | 429, message: string) => (form
      ? sendPage(reply, status, signInPage({ returnTo, email, error: message }))
      : reply.code(status).header('cache-control', 'no-store')
        .send({ error: status === 401 ? 'unauthorized' : 'too_many_requests', message }));

    const attempt = await beginSignInAttempt(app.pool, email, address);
    if (attempt.state === 'locked') {
      await forgetAttempt(app.pool, attempt.id);
      await recordAudit(app.pool, { userId: null, userEmail: email, address, action: 'sign_in_failed', object: email, details: { reason: 'locked' } });
      return refuse(429, LOCKED_MESSAGE);
    }
    if (attempt.state === 'slow') await sleep(settings.signInDelayMs);

    const user = await findUserByEmail(app.pool, email);
    // Unknown e-mail, removed user, no password: the same work and the same answer as a wrong password.
    const ok = user && !user.removedAt && user.passwordHash
      ? await verifyPassword(request.body.password, user.passwordHash)
      : await verifyAgainstDummy(request.body.password);
    if (!ok || !user) {
      // The attempt stays written down as a failure.
      await recordAudit(app.pool, { userId: user?.id ?? null, userEmail: email, address, action: 'sign_in_failed', object: email, details: { reason: 'credentials' } });
      return refuse(401, WRONG_CREDENTIALS);
    }
    await clearSignInFailures(app.pool, email);
    const { csrfToken } = await signIn(request, reply, user.id, 'password');
    const signedIn = signedInUser(user);
    if (form) return reply.redirect(signedIn.role === null ? '/auth/no-access' : returnTo, 303);
    return meBody(signedIn, csrfToken);
  });

  async function signIn(request: FastifyRequest, reply: FastifyReply, userId: number, method: SessionMethod) {
    const opened = await openSession(app.pool, reply, {
      userId, method, address: request.ip, userAgent: request.headers['user-agent'] ?? null,
    });
    const user = await findUserById(app.pool, userId);
    await recordAudit(app.pool, {
      userId, userEmail: user?.email ?? null, address: request.ip,
      action: method === 'first_run' ? 'first_run' : 'sign_in', object: user?.email ?? null, details: { method },
    });
    return opened;
  }

  app.get('/auth/first-run', {
    config: { access: 'public' },
    // A HEAD (link previews, mail scanners) must not spend the single-use link.
    exposeHeadRoute: false,
    schema: {
      summary: 'Opens a one-time sign-in link (the first run\'s, or one an administrator issued)',
      tags: ['access'],
      security: [],
      querystring: Type.Object({ token: Type.String({ maxLength: 200 }) }),
    },
  }, async (request, reply) => {
    const link = await useOneTimeLink(app.pool, request.query.token);
    if (!link) {
      await recordAudit(app.pool, { ...auditActor(request), action: 'sign_in_failed', object: 'one-time link', details: { reason: 'link' } });
      return sendPage(reply, 400, linkProblemPage('It has been used already, has expired (a link lasts 24 hours) or is incomplete. '
        + 'Ask an administrator for a new one-time link.'));
    }
    await signIn(request, reply, link.userId, link.purpose === 'first_run' ? 'first_run' : 'one_time_link');
    return reply.redirect(`/auth/password${link.purpose === 'first_run' ? '?first=1' : ''}`, 303);
  });

  app.get('/auth/password', {
    config: { access: 'signed_in' },
    schema: { hide: true, querystring: Type.Object({ first: Type.Optional(Type.String()) }) },
  }, async (request, reply) => {
    if (!request.session) return reply.redirect('/', 303);
    return sendPage(reply, 200, setPasswordPage({
      email: request.user!.email, csrfToken: request.session.csrfToken, firstRun: request.query.first === '1',
    }));
  });

  app.post('/auth/password', {
    // Signed in with the session cookie (the CSRF token comes in the form); a token cannot set a password.
    config: { access: 'signed_in' },
    schema: { summary: 'Sets the signed-in user\'s password (local accounts)', tags: ['access'], body: PasswordBody },
  }, async (request, reply) => {
    const form = fromForm(request);
    const session = request.session;
    const problem = !session ? 'Sign in with your session to set a password (an API token cannot).'
      : passwordProblem(request.body.password)
        ?? (form && request.body.confirm !== request.body.password ? 'The two passwords are not the same.' : null);
    if (problem) {
      if (form && session) {
        return sendPage(reply, 400, setPasswordPage({ email: request.user!.email, csrfToken: session.csrfToken, firstRun: false, error: problem }));
      }
      return reply.code(400).send({ error: 'bad_request', message: problem });
    }
    const passwordHash = await hashPassword(request.body.password);
    await app.pool.query('UPDATE users SET password_hash = $2 WHERE id = $1', [request.user!.id, passwordHash]);
    // Every other session of this user ends: whoever knew the old password is signed out.
    await app.pool.query(`UPDATE sessions SET ended_at = now(), ended_reason = 'password_changed'
      WHERE user_id = $1 AND ended_at IS NULL AND id_hash <> $2`, [request.user!.id, session!.idHash]);
    await recordAudit(app.pool, { ...auditActor(request), action: 'password_set', object: request.user!.email });
    return form ? reply.redirect(request.user!.role === null ? '/auth/no-access' : '/', 303) : reply.code(204).send();
  });
};

export default authRoutes;
