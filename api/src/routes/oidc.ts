// Sign-in through the council's identity provider (OpenID Connect), registered when it is configured:
//   GET /auth/login?returnTo=/path  → to the provider, with a new state, nonce and PKCE challenge;
//   GET /auth/callback              → back from it: the answer checked, the user signed in, on to returnTo.
// The state also travels in a short-lived HttpOnly cookie, so a callback is accepted only in the browser
// that started the sign-in. Whatever goes wrong at the callback, the person gets a page saying what
// happened and what to do (never a stack trace), and the failure is audited.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../access/audit.js';
import { html, page as authPage } from '../access/pages.js';
import {
  describeProviderError, identityFromClaims, OidcClient, PENDING_LOGIN_MINUTES, SignInRefused, savePendingLogin, takePendingLogin,
} from '../access/oidc.js';
import { CALLBACK_PATH, type OidcSettings } from '../access/oidc-settings.js';
import { administratorsToAsk, signInWithProvider } from '../access/oidc-sign-in.js';
import { sameText } from '../access/secrets.js';
import { safeReturnTo } from '../plugins/access.js';

/** The cookie carrying the state between /auth/login and /auth/callback (sent to the callback only). */
export const OIDC_STATE_COOKIE = 'ehps_oidc_state';

export interface OidcRoutesOptions {
  settings: OidcSettings;
}

const oidcRoutes: FastifyPluginAsync<OidcRoutesOptions> = async (app, { settings }) => {
  const { publicUrl, adminEmail, secureCookies } = app.accessSettings;
  const oidc = new OidcClient(settings, publicUrl);
  const stateCookie = { path: CALLBACK_PATH, httpOnly: true, sameSite: 'lax' as const, secure: secureCookies };

  const page = (reply: FastifyReply, status: number, title: string, body: ReturnType<typeof html>) =>
    reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(authPage(title, body));
  const refusedPage = (reply: FastifyReply, status: number, title: string, message: string) =>
    page(reply, status, title, html`<h1>${title}</h1>
<p>${message}</p>
<p><a href="/auth/login">Sign in again</a></p>`);

  async function refuse(request: FastifyRequest, reply: FastifyReply, refusal: SignInRefused, status: number) {
    request.log.warn({ err: refusal.cause ?? refusal, reason: refusal.reason }, 'OpenID Connect sign-in refused');
    await recordAudit(app.pool, {
      userId: null, userEmail: null, address: request.ip, action: 'sign_in_failed', object: null,
      details: { method: 'oidc', reason: refusal.reason, message: refusal.message },
    });
    return refusedPage(reply, status, 'Sign-in did not complete', refusal.message);
  }

  app.get('/auth/login', {
    config: { access: 'public' },
    schema: { hide: true },
  }, async (request, reply) => {
    const { returnTo, signedOut } = request.query as { returnTo?: unknown; signedOut?: unknown };
    // Just signed out (SIGNED_OUT_ADDRESS): going to the provider would sign them straight back in through its session.
    if (signedOut !== undefined && !request.user) {
      return page(reply, 200, 'Signed out', html`<h1>You have signed out of the scorecard</h1>
<p>You may still be signed in at your organisation's identity provider; on a shared computer, sign out there too.</p>
<p><a href="/auth/login">Sign in again</a></p>`);
    }
    // Already signed in (this browser has a session): on without asking the provider again.
    if (request.user) {
      return reply.header('cache-control', 'no-store').redirect(request.user.role === null ? '/auth/no-access' : safeReturnTo(returnTo), 303);
    }
    let started: Awaited<ReturnType<OidcClient['startLogin']>>;
    try {
      started = await oidc.startLogin(typeof returnTo === 'string' ? returnTo : '/');
    } catch (error) {
      const refusal = describeProviderError(error, settings.issuerUrl.href);
      request.log.warn({ err: error }, 'OpenID Connect discovery failed');
      return refusedPage(reply, 503, 'Sign-in is unavailable', refusal.message);
    }
    await savePendingLogin(app.pool, started.login);
    reply.setCookie(OIDC_STATE_COOKIE, started.login.state, { ...stateCookie, maxAge: PENDING_LOGIN_MINUTES * 60 });
    return reply.header('cache-control', 'no-store').redirect(started.url.href);
  });

  app.get(CALLBACK_PATH, {
    config: { access: 'public' },
    schema: { hide: true },
  }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    const cookieState = request.cookies[OIDC_STATE_COOKIE];
    reply.clearCookie(OIDC_STATE_COOKIE, stateCookie);
    const state = typeof query.state === 'string' ? query.state : undefined;
    // Only the browser that started this sign-in may finish it, and only once.
    const pending = state && cookieState && sameText(state, cookieState) ? await takePendingLogin(app.pool, state) : null;

    // Checked first, so that only a genuine answer's words reach the page (a forged link's do not).
    if (!pending) {
      return refuse(request, reply, new SignInRefused(
        `This sign-in cannot be completed: it was already used, took more than ${PENDING_LOGIN_MINUTES} minutes, `
        + 'or was started in another browser. Nobody was signed in.', 'unknown_state'), 400);
    }
    if (typeof query.error === 'string') {
      const said = typeof query.error_description === 'string' ? query.error_description : query.error;
      const message = query.error === 'access_denied'
        ? `The identity provider did not sign you in: ${said}.`
        : `The identity provider could not sign you in: ${said}.`;
      return refuse(request, reply, new SignInRefused(message, query.error), 401);
    }

    let identity;
    try {
      identity = identityFromClaims(await oidc.finishLogin(rawQuery, pending), settings.rolesClaim);
    } catch (error) {
      const refusal = describeProviderError(error, settings.issuerUrl.href);
      return refuse(request, reply, refusal, refusal.reason === 'provider_unreachable' ? 503 : 502);
    }

    const result = await signInWithProvider(app.pool, reply, {
      identity,
      adminEmail,
      address: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    if (result.outcome === 'signed_in') {
      // Without a role: the page saying so and whom to ask (the session lets them sign out, or reload once granted one).
      return reply.header('cache-control', 'no-store').redirect(result.role === null ? '/auth/no-access' : pending.returnTo, 302);
    }
    const admins = await administratorsToAsk(app.pool);
    return page(reply, 403, 'No access', html`<h1>You no longer have access</h1>
<p>You signed in at the identity provider as <strong>${identity.email}</strong>, but your access to the scorecard has been removed.</p>
${admins.length > 0
    ? html`<p>If this is a mistake, ask an administrator: ${admins.map((admin, i) => html`${i ? ', ' : ''}<a href="mailto:${admin.email}">${admin.name ?? admin.email}</a>`)}.</p>`
    : html`<p>If this is a mistake, ask the person who runs the scorecard for your council.</p>`}`);
  });
};

export default oidcRoutes;
