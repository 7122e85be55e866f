// The built web app (dist/web) with a fallback to index.html for its client-side routes, and the one
// not-found answer: JSON for /api paths (and anything but a page), the app's index.html otherwise.
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface WebPluginOptions { webDir?: string }

/** Whether `webDir` holds a built app. */
export function hasWebApp(webDir: string | undefined): webDir is string {
  return !!webDir && existsSync(path.join(webDir, 'index.html'));
}

export default fp<WebPluginOptions>(async (app, options) => {
  const served = hasWebApp(options.webDir);
  if (served) {
    await app.register(fastifyStatic, {
      root: path.resolve(options.webDir!),
      // Routes declared here, with who may fetch them, rather than one per file from the plugin.
      serve: false,
      index: false,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        // Vite names the files under assets/ by their content hash: cache them for good.
        reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // The bundle holds no data, and the sign-in pages need none of it: public. Pages (index.html) are served
    // below, to signed-in users only (the access plugin redirects the others to sign-in).
    app.get<{ Params: { '*': string } }>('/assets/*', { config: { access: 'public' }, schema: { hide: true } },
      (request, reply) => reply.sendFile(`assets/${request.params['*']}`));
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isPage = (request.method === 'GET' || request.method === 'HEAD')
      && pathname !== '/api' && !pathname.startsWith('/api/')
      // A missing file (e.g. /assets/old.js) is a 404, not the app's page.
      && !/\.[A-Za-z0-9]+$/.test(pathname);
    if (isPage && served) {
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
    }
    const message = isPage
      ? `No page at ${pathname}: the web app is not built (run npm run build:web)`
      : `No route for ${request.method} ${pathname}`;
    return reply.code(404).send({ error: 'not_found', message });
  });
}, { name: 'web' });
