// The OpenAPI document, HTTP headers (CSP, ETag, compression, caching), the built web app with its
// fallback to index.html, and a 500 that keeps the internals in the log.
import { insertFullCoverage } from '../../support/coverage.js';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { seedScorecardData } from './seed.js';

let t: TestDatabase;
let app: App;
let api: SignedInClient;
let webDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedScorecardData(t.pool);
  webDir = await mkdtemp(path.join(os.tmpdir(), 'ehps-web-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>EHPS</title><script type="module" src="/assets/app-1a2b.js"></script>');
  await writeFile(path.join(webDir, 'assets', 'app-1a2b.js'), 'console.log("app")');
  app = await buildApp({ pool: t.pool, webDir });
  api = await signedIn(app, t.pool, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
  await rm(webDir, { recursive: true, force: true });
});

describe('OpenAPI', () => {
  it('documents every route with its parameters, from the route schemas', async () => {
    const response = await api.inject('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/caseloads', '/api/geographies', '/api/health', '/api/indicators', '/api/indicators/{code}/series', '/api/months', '/api/scorecard',
    ]));
    // Only API and sign-in routes, and not the document itself or the docs page.
    expect(Object.keys(doc.paths).every((p) => (p.startsWith('/api/') || p.startsWith('/auth/'))
      && !p.startsWith('/api/docs') && p !== '/api/openapi.json')).toBe(true);
    // Both ways of signing a request in, required everywhere but where a route says otherwise (health).
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
    expect(doc.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    const scorecardParams = doc.paths['/api/scorecard'].get.parameters.map((p: { name: string }) => p.name).sort();
    expect(scorecardParams).toEqual(['area', 'district', 'month', 'suppress', 'version', 'view']);
    expect(doc.paths['/api/scorecard'].get.responses['200'].content['application/json'].schema.properties.indicators).toBeDefined();
    expect(doc.paths['/api/scorecard'].get.responses['400']).toBeDefined();
  });
  it('has a browsable page at /api/docs', async () => {
    const response = await api.inject('/api/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('swagger-ui');
  });
});

describe('HTTP headers', () => {
  it('sends a Content Security Policy that allows only the app own scripts and styles', async () => {
    const csp = (await app.inject('/api/health')).headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });
  it('lets only the API docs page use inline styles', async () => {
    const csp = (await api.inject('/api/docs/')).headers['content-security-policy'] as string;
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self'");
    expect((await api.inject('/')).headers['content-security-policy']).not.toContain('unsafe-inline\'; ');
    expect((await api.inject('/')).headers['content-security-policy']).toMatch(/style-src 'self'(;|$)/);
  });
  it('sends an ETag and answers 304 to a matching If-None-Match', async () => {
    const first = await api.inject('/api/scorecard?month=2015-06');
    expect(first.headers['cache-control']).toBe('no-cache');
    const tag = first.headers.etag as string;
    expect(tag).toBeTruthy();
    const again = await api.inject({ url: '/api/scorecard?month=2015-06', headers: { 'if-none-match': tag } });
    expect(again.statusCode).toBe(304);
  });
  it('compresses large JSON answers for clients that accept gzip', async () => {
    const response = await api.inject({ url: '/api/indicators', headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(response.rawPayload).toString('utf8')).indicators).toHaveLength(24);
  });
  it('does not let errors be cached', async () => {
    expect((await api.inject('/api/scorecard?month=bad')).headers['cache-control']).toBe('no-store');
  });
});

describe('the web app', () => {
  it('serves index.html at / and for client-side routes', async () => {
    for (const url of ['/', '/indicators/neet_16_18_pct?month=2015-06', '/caseloads']) {
      const response = await api.inject(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<title>EHPS</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });
  it('serves hashed assets for a year and a missing file as a 404', async () => {
    const asset = await api.inject('/assets/app-1a2b.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await api.inject('/assets/old-9z.js')).statusCode).toBe(404);
  });
  it('keeps JSON 404s for /api paths', async () => {
    const response = await api.inject('/api/unknown');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'not_found', message: 'No route for GET /api/unknown' });
  });
});

describe('internal errors', () => {
  it('answers 500 internal_error without the details, which go to the log', async () => {
    const broken = await createTestDatabase();
    const logged: string[] = [];
    const stream = { write: (line: string) => { logged.push(line); } };
    const brokenApp = await buildApp({ pool: broken.pool, logger: { level: 'error', stream } });
    try {
      await broken.pool.query(`INSERT INTO districts VALUES ('DAR', 'Dartford', 'NORTH', 'North')`);
      await broken.pool.query(`INSERT INTO report_months VALUES ('2015-06-01', '2015-06-30', '2014-07-01')`);
      await insertFullCoverage(broken.pool);
      await broken.pool.query('ALTER TABLE indicator_results RENAME TO indicator_results_gone');
      const response = await (await signedIn(brokenApp, broken.pool, 'viewer')).inject('/api/scorecard?month=2015-06');
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: 'internal_error', message: expect.any(String) });
      expect(response.body).not.toMatch(/indicator_results|relation|at .*\.ts/);
      expect(logged.join('')).toMatch(/indicator_results/);
    } finally {
      await brokenApp.close();
      await broken.drop();
    }
  });
});
