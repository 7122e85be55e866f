// Who may call what, in one place. Every route declares what it needs in its config:
//   config: { access: 'public' | 'signed_in' | Capability, liveFigures?, publishedView?, publicationMode?, notForPartners?,
//             currentVersionsOnly?, audit?, csrf?, sessionOnly?, scopedTo? }
// and this plugin's hooks enforce it: a route registered without a declaration makes buildApp throw, so no
// route can slip through. One onRequest hook finds the caller (a bearer token, else the session cookie) and
// sets request.user; unsigned API requests get 401, unsigned page requests a redirect to sign-in, callers
// without the capability 403 naming it. State-changing requests made with the session cookie must carry the
// session's CSRF token. Handlers never test roles themselves: what partners (the current version of published
// months only, in publication mode) get from a route is declared with liveFigures, publishedView,
// publicationMode, notForPartners and currentVersionsOnly, and enforced here by refusing them, by setting the
// request's view, suppress and current, and by refusing them `version` (so every handler answers them the
// month's current version).
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { auditActor, recordAudit } from '../access/audit.js';
import { CAPABILITIES, CAPABILITY_WORDS, can, type Capability } from '../access/roles.js';
import { scopeCovers } from '../access/scope.js';
import { sameText } from '../access/secrets.js';
import { findSession, sessionSecret, type OpenSession } from '../access/sessions.js';
import type { AccessSettings } from '../access/settings.js';
import { findApiToken } from '../access/tokens.js';
import type { SignedInUser } from '../access/users.js';

/** 'signed_in': any signed-in user, even one without a role (their own details, sign-out, their password). */
export type RouteAccess = 'public' | 'signed_in' | Capability;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: required on every route (see this file's header). */
    access?: RouteAccess;
    /** Serves live (unpublished) figures: refused to partners, who see published months only. */
    liveFigures?: boolean;
    /**
     * With liveFigures: the route also serves a published month (query view=published[&version=N][&suppress=true]),
     * which is all a partner gets from it: for partners this plugin sets view=published and suppress=true (and
     * refuses view=live and version: partners read the current version only); refused to partners only while no
     * month has been published.
     */
    publishedView?: boolean;
    /** A download of a published month: forced into publication mode (suppress=true) for partners, version refused. */
    publicationMode?: boolean;
    /** Never served to partners, even once months are published (e.g. the whole release, unsuppressed). */
    notForPartners?: boolean;
    /**
     * A list of published versions: for partners this plugin sets current=true, so the handler lists each
     * month's current version only (no superseded or withdrawn version, hence no withdrawal).
     */
    currentVersionsOnly?: boolean;
    /** Recorded in the audit log under this action when it answers successfully (e.g. 'export'). */
    audit?: string;
    /** false: no CSRF check, for the one route that does not act as the caller (signing in itself). */
    csrf?: false;
    /** Only for a person signed in with the session cookie, not with an API token (a token cannot mint tokens). */
    sessionOnly?: boolean;
    /**
     * A write for one geography: the code it writes for (read from the validated request). A caller with a
     * scope (contributors) gets 403 outside it.
     */
    scopedTo?: (request: FastifyRequest) => string | null | undefined;
  }
  interface FastifyRequest {
    /** The caller, or null when not signed in. */
    user: SignedInUser | null;
    /** The session when the caller came with the session cookie (not with a token). */
    session: OpenSession | null;
    authenticatedBy: 'session' | 'token' | null;
  }
  interface FastifyInstance {
    accessSettings: AccessSettings;
    /** Every route and what it needs, in registration order (for the tests that walk the route table). */
    routeAccess: DeclaredRoute[];
  }
}

/**
 * Routes added by plugins we do not write (the API docs page and its files): what they need, by path prefix.
 * Declared here, so they too are in the one table of who may call what.
 */
const PLUGIN_ROUTE_ACCESS: readonly [prefix: string, access: RouteAccess][] = [
  ['/api/docs', 'read'],
];

/** The header (or, for the sign-in pages' forms, body field) carrying the session's CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isRouteAccess(value: unknown): value is RouteAccess {
  return value === 'public' || value === 'signed_in' || (CAPABILITIES as readonly unknown[]).includes(value);
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  liveFigures: boolean;
  /**
   * What a partner gets: 'refused', 'published' (the published view, suppressed), 'suppressed' (a download),
   * 'current_versions' (a list of current versions only), 'as_others'.
   */
  partners: PartnerAnswer;
}

export type PartnerAnswer = 'refused' | 'published' | 'suppressed' | 'current_versions' | 'as_others';

/** What a route's declaration gives a partner (see FastifyContextConfig above). */
export function partnerAnswer(config: {
  liveFigures?: boolean; publishedView?: boolean; publicationMode?: boolean; notForPartners?: boolean; currentVersionsOnly?: boolean;
}): PartnerAnswer {
  if (config.notForPartners) return 'refused';
  if (config.liveFigures) return config.publishedView ? 'published' : 'refused';
  if (config.publicationMode) return 'suppressed';
  if (config.currentVersionsOnly) return 'current_versions';
  return 'as_others';
}

/** The access a route declares (or a plugin's route inherits from PLUGIN_ROUTE_ACCESS); throws when none. */
function declareAccess(route: RouteOptions): RouteAccess {
  const config = (route.config ?? {}) as { access?: unknown };
  if (config.access !== undefined) {
    if (!isRouteAccess(config.access)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares access '${String(config.access)}': not public, signed_in or a capability`);
    }
    return config.access;
  }
  const inherited = PLUGIN_ROUTE_ACCESS.find(([prefix]) => route.url === prefix || route.url.startsWith(`${prefix}/`));
  if (!inherited) {
    throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config: { access: 'public' | 'signed_in' | capability }): `
      + 'every route must say who may call it');
  }
  route.config = { ...route.config, access: inherited[1] };
  return inherited[1];
}

/** A browser asking for a page (not the API, not a file): sent to sign-in rather than given a 401. */
export function isPageRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = request.url.split('?')[0] ?? '/';
  const wantsHtml = (request.headers.accept ?? '').includes('text/html');
  // The API docs page is a page, under /api.
  if (pathname === '/api/docs' || pathname.startsWith('/api/docs/')) return wantsHtml;
  if (pathname === '/api' || pathname.startsWith('/api/')) return false;
  return !/\.[A-Za-z0-9]+$/.test(pathname) || wantsHtml;
}

/** Only a path on this site: never //host or a full address (an open redirect). */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // Control characters and backslashes are read by some browsers as other URLs; nothing the app links to has them.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  const base = 'http://local.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  // Back to sign-in would go round in circles.
  if (url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

export function signInAddress(returnTo: string): string {
  return returnTo === '/' ? '/auth/login' : `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}

async function identify(request: FastifyRequest): Promise<void> {
  request.user = null;
  request.session = null;
  request.authenticatedBy = null;
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    // A token that does not work is never silently ignored for the cookie: the caller meant the token.
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const identity = match ? await findApiToken(request.server.pool, match[1]!) : null;
    if (identity) {
      request.user = identity.user;
      request.authenticatedBy = 'token';
    }
    return;
  }
  const secret = sessionSecret(request);
  if (!secret) return;
  const session = await findSession(request.server.pool, secret);
  if (session) {
    request.user = session.user;
    request.session = session;
    request.authenticatedBy = 'session';
  }
}

function refuse(reply: FastifyReply, status: 401 | 403, message: string) {
  return reply.code(status).header('cache-control', 'no-store')
    .send({ error: status === 401 ? 'unauthorized' : 'forbidden', message });
}

export function unauthorizedMessage(request: FastifyRequest): string {
  return request.headers.authorization !== undefined
    ? 'The API token is not valid: it may be mistyped, revoked or expired, or its user removed or without a role. '
      + 'Create a new one on the Tokens page or with npm run users -- token.'
    : 'Sign in first, or send an API token (Authorization: Bearer <token>).';
}

export function noRoleMessage(user: SignedInUser): string {
  return `You are signed in as ${user.email} but have no role in the scorecard yet: ask an administrator to grant you one.`;
}

export function missingCapabilityMessage(user: SignedInUser, capability: Capability): string {
  return `You need the right to ${CAPABILITY_WORDS[capability]}; your role (${user.role}) does not include it.`;
}

export const PARTNER_LIVE_FIGURES_MESSAGE = 'Partners see published months only, in publication mode, '
  + 'and no month has been published yet.';

export const PARTNER_REFUSED_MESSAGE = 'Partners see published months only, in publication mode: the scorecard, '
  + 'indicator and caseload figures as published and the board packs. Live figures, commentary history, '
  + 'the full release and the audit log are for council staff.';

export const PARTNER_VERSION_MESSAGE = 'Partners see the current version of a published month only '
  + '(not a withdrawn or superseded one): leave version out.';

export const PARTNER_LIVE_VIEW_MESSAGE = 'Partners see published months only, in publication mode: ask for view=published '
  + '(or leave view out).';

async function anyMonthPublished(app: { pool: { query: (text: string) => Promise<{ rows: unknown[] }> } }): Promise<boolean> {
  return (await app.pool.query('SELECT 1 FROM releases LIMIT 1')).rows.length > 0;
}

export default fp<{ settings: AccessSettings }>(async (app, options) => {
  app.decorate('accessSettings', options.settings);
  app.decorate('secureCookies', options.settings.secureCookies);
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.decorateRequest('authenticatedBy', null);
  await app.register(cookie);
  // The sign-in pages post plain HTML forms.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));

  const declared: DeclaredRoute[] = [];
  app.decorate('routeAccess', declared);
  app.addHook('onRoute', (route) => {
    const access = declareAccess(route);
    for (const method of [route.method].flat()) {
      declared.push({ method: String(method), url: route.url, access, liveFigures: !!route.config?.liveFigures, partners: partnerAnswer(route.config ?? {}) });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    // A request no route matched (the web app's pages, which show figures; unknown paths) needs `read`.
    const config = request.routeOptions.config ?? {};
    const access: RouteAccess = config.access ?? 'read';
    if (access === 'public') {
      // Public routes still know who is calling (the sign-in page sends a signed-in user on).
      await identify(request).catch(() => {});
      return;
    }
    await identify(request);
    const user = request.user;
    if (!user) {
      if (isPageRequest(request)) return reply.header('cache-control', 'no-store').redirect(signInAddress(safeReturnTo(request.url)), 302);
      return refuse(reply, 401, unauthorizedMessage(request));
    }
    if (access === 'signed_in') return;
    if (user.role === null) {
      if (isPageRequest(request)) return reply.header('cache-control', 'no-store').redirect('/auth/no-access', 302);
      return refuse(reply, 403, noRoleMessage(user));
    }
    if (!can(user.role, access)) return refuse(reply, 403, missingCapabilityMessage(user, access));
    if (config.sessionOnly && request.authenticatedBy !== 'session') {
      return refuse(reply, 403, 'This needs you signed in on the web page (an API token cannot do it): use the API tokens page or npm run users -- token.');
    }
    if (user.role === 'partner') {
      const answer = partnerAnswer(config);
      if (answer === 'refused') {
        return refuse(reply, 403, config.liveFigures && !await anyMonthPublished(app) ? PARTNER_LIVE_FIGURES_MESSAGE : PARTNER_REFUSED_MESSAGE);
      }
      const query = request.query as Record<string, unknown> | undefined;
      if (answer === 'published') {
        if (!await anyMonthPublished(app)) return refuse(reply, 403, PARTNER_LIVE_FIGURES_MESSAGE);
        if (query?.view === 'live') return refuse(reply, 403, PARTNER_LIVE_VIEW_MESSAGE);
      }
      // Without a version every handler reads the month's current version: a withdrawn or superseded one is
      // staff's (decisions.md, "Partners read the current version only").
      if ((answer === 'published' || answer === 'suppressed') && query?.version !== undefined) {
        return refuse(reply, 403, PARTNER_VERSION_MESSAGE);
      }
    }
  });

  app.addHook('preValidation', async (request, reply) => {
    if (request.authenticatedBy === 'session' && !SAFE_METHODS.has(request.method) && request.routeOptions.config?.csrf !== false) {
      const given = request.headers[CSRF_HEADER] ?? (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      if (typeof given !== 'string' || !sameText(given, request.session!.csrfToken)) {
        return refuse(reply, 403, `This request lacks the session's CSRF token (header ${CSRF_HEADER}): reload the page and try again.`);
      }
    }
    if (request.user?.role === 'partner') {
      const answer = partnerAnswer(request.routeOptions.config ?? {});
      const query = request.query as Record<string, unknown>;
      // Before validation, which reads these as the caller had sent them.
      if (answer === 'published') {
        query.view = 'published';
        query.suppress = 'true';
      }
      if (answer === 'suppressed') query.suppress = 'true';
      if (answer === 'current_versions') query.current = 'true';
    }
  });

  // After validation, so the geography a write names has been checked for shape.
  app.addHook('preHandler', async (request, reply) => {
    const scopedTo = request.routeOptions.config?.scopedTo;
    const scope = request.user?.scope ?? null;
    if (!scopedTo || scope === null) return;
    const code = scopedTo(request);
    if (!code) return;
    const { districts } = await app.snapshots.current();
    if (!scopeCovers(scope, code, districts)) {
      return refuse(reply, 403, `Your scope (${scope.join(', ')}) does not include ${code}: you may write for those geographies only.`);
    }
  });

  // Audited routes: recorded before the answer leaves, so no download goes unrecorded.
  app.addHook('onSend', async (request, reply, payload) => {
    const action = request.routeOptions.config?.audit;
    if (action && reply.statusCode < 400) {
      await recordAudit(app.pool, {
        ...auditActor(request),
        action,
        object: request.routeOptions.url ?? request.url,
        details: { ...(request.query as Record<string, unknown>), via: request.authenticatedBy },
      });
    }
    return payload;
  });
}, { name: 'access', dependencies: ['database'] });
