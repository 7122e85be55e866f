// Builds the API (and, given webDir, the web app) as a Fastify instance from options; it does not listen.
// The server (server.ts, scripts/start.ts) and the tests build the same app, so validation is identical.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type pg from 'pg';
import { oidcSettingsFromEnvironment, type OidcSettings } from './access/oidc-settings.js';
import { accessSettings, type AccessSettings } from './access/settings.js';
import access from './plugins/access.js';
import database from './plugins/database.js';
import errors from './plugins/errors.js';
import http from './plugins/http.js';
import openapi from './plugins/openapi.js';
import web from './plugins/web.js';
import { uploadSettingsFromEnvironment, type UploadSettings } from './uploads/batches.js';
import { createPool } from './db/kysely.js';
import admin from './routes/admin.js';
import audit from './routes/audit.js';
import authRoutes from './routes/auth.js';
import activity from './routes/activity.js';
import benchmarks from './routes/benchmarks.js';
import caseloads from './routes/caseloads.js';
import commentary from './routes/commentary.js';
import datasets from './routes/datasets.js';
import exportRoutes from './routes/export.js';
import geographies from './routes/geographies.js';
import health from './routes/health.js';
import imports from './routes/imports.js';
import indicators from './routes/indicators.js';
import months from './routes/months.js';
import oidcRoutes from './routes/oidc.js';
import publications from './routes/publications.js';
import scorecard from './routes/scorecard.js';
import series from './routes/series.js';
import tokens from './routes/tokens.js';
import targets from './routes/targets.js';
import summary from './routes/summary.js';
import { trustProxyFromEnvironment } from './net.js';

export interface AppOptions {
  /** A pool owned by the caller (not closed by the app)… */
  pool?: pg.Pool;
  /** …or a connection string: the app opens its own pool (fail-fast timeouts) and closes it on close. */
  connectionString?: string;
  logger?: FastifyServerOptions['logger'];
  /** The built web app to serve (dist/web); API only when absent. */
  webDir?: string;
  /** Which proxies to believe about the caller's address (TRUST_PROXY when absent). */
  trustProxy?: boolean | string[];
  /** Where uploaded extracts are kept while they are checked and loaded, and the largest file accepted. */
  uploads?: UploadSettings;
  /** Public address, OIDC or local accounts, first administrator: from the environment when absent. */
  access?: AccessSettings;
  /** The council's identity provider (null: none, local accounts): from the environment when absent. */
  oidc?: OidcSettings | null;
  /** Render every release's board packs in the background (default true); false: each at its first download. */
  renderBoardPacks?: boolean;
}

export async function buildApp(options: AppOptions) {
  // Read before anything opens: a setting that cannot work stops the start with a message naming it.
  const oidc = options.oidc === undefined ? oidcSettingsFromEnvironment() : options.oidc;
  const settings = options.access ?? accessSettings();
  const app = Fastify({
    logger: options.logger ?? false,
    // Behind a reverse proxy, the caller's address (sign-in throttling, the audit log) comes from it.
    trustProxy: options.trustProxy ?? trustProxyFromEnvironment(),
    // Unknown query parameters are errors, not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
    // The OpenAPI document and errors name routes by their path; keep it exact.
    routerOptions: { ignoreTrailingSlash: false },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errors);
  await app.register(http);
  await app.register(database, { pool: options.pool, connectionString: options.connectionString });
  // Before any route: each route registered after it must declare who may call it.
  await app.register(access, { settings: { ...settings, oidc: settings.oidc || oidc !== null } });
  if (oidc) await app.register(oidcRoutes, { settings: oidc });
  await app.register(openapi);
  await app.register(health);
  await app.register(authRoutes);
  await app.register(indicators);
  await app.register(months);
  await app.register(geographies);
  await app.register(scorecard);
  await app.register(series);
  await app.register(caseloads);
  await app.register(activity);
  await app.register(benchmarks);
  await app.register(datasets);
  await app.register(targets);
  await app.register(exportRoutes);
  await app.register(summary);
  await app.register(commentary);
  await app.register(publications, { renderBoardPacks: options.renderBoardPacks });
  await app.register(imports, {
    settings: options.uploads ?? uploadSettingsFromEnvironment(),
    // Loads take minutes: not on the request pool, whose statements time out.
    importPool: options.pool ?? importPoolFor(app, options.connectionString!),
  });
  await app.register(audit);
  await app.register(admin);
  await app.register(tokens);
  await app.register(web, { webDir: options.webDir });
  return app;
}

/** A small pool without statement timeouts for the imports started from the browser, closed with the app. */
function importPoolFor(app: { addHook: (name: 'onClose', hook: () => Promise<void>) => unknown }, connectionString: string) {
  const pool = createPool(connectionString, { max: 2 });
  app.addHook('onClose', () => pool.end());
  return pool;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
