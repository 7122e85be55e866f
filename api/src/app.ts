// Builds the API (and, given webDir, the web app) as a Fastify instance from options; it does not listen.
// The server (server.ts, scripts/start.ts) and the tests build the same app, so validation is identical.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type pg from 'pg';
import database from './plugins/database.js';
import errors from './plugins/errors.js';
import http from './plugins/http.js';
import openapi from './plugins/openapi.js';
import web from './plugins/web.js';
import benchmarks from './routes/benchmarks.js';
import caseloads from './routes/caseloads.js';
import datasets from './routes/datasets.js';
import exportRoutes from './routes/export.js';
import geographies from './routes/geographies.js';
import health from './routes/health.js';
import indicators from './routes/indicators.js';
import months from './routes/months.js';
import scorecard from './routes/scorecard.js';
import series from './routes/series.js';

export interface AppOptions {
  /** A pool owned by the caller (not closed by the app)… */
  pool?: pg.Pool;
  /** …or a connection string: the app opens its own pool (fail-fast timeouts) and closes it on close. */
  connectionString?: string;
  logger?: FastifyServerOptions['logger'];
  /** The built web app to serve (dist/web); API only when absent. */
  webDir?: string;
}

export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    // Unknown query parameters are errors, not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
    // The OpenAPI document and errors name routes by their path; keep it exact.
    routerOptions: { ignoreTrailingSlash: false },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errors);
  await app.register(http);
  await app.register(database, { pool: options.pool, connectionString: options.connectionString });
  await app.register(openapi);
  await app.register(health);
  await app.register(indicators);
  await app.register(months);
  await app.register(geographies);
  await app.register(scorecard);
  await app.register(series);
  await app.register(caseloads);
  await app.register(benchmarks);
  await app.register(datasets);
  await app.register(exportRoutes);
  await app.register(web, { webDir: options.webDir });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
