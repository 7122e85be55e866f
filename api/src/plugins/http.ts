// HTTP behaviour for every response: security headers with a Content Security Policy the built React app
// (and the API docs page) work under, weak ETags with revalidation, compression.
import compress from '@fastify/compress';
import etag from '@fastify/etag';
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Stylesheets from the app only; Recharts (and the docs page) set style attributes on SVG elements.
    styleSrc: ["'self'"],
    styleSrcAttr: ["'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** The API docs page (Swagger UI) also adds a <style> element of its own: allowed there only. */
export const DOCS_CONTENT_SECURITY_POLICY = Object.entries({
  ...CONTENT_SECURITY_POLICY.directives,
  styleSrc: ["'self'", "'unsafe-inline'"],
}).map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`).join(';');

export default fp(async (app) => {
  await app.register(helmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // Served over plain HTTP on the host; a TLS proxy in front is the place for HSTS.
    strictTransportSecurity: false,
  });
  // ETags first, on the uncompressed body; weak because the compressed and plain forms share them.
  await app.register(etag, { weak: true });
  await app.register(compress, { global: true });
  // Data changes with each import: caches may keep API answers but must revalidate (ETag → 304).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/docs')) reply.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY);
    if ((request.method === 'GET' || request.method === 'HEAD') && request.url.startsWith('/api/')
      && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', reply.statusCode < 400 ? 'no-cache' : 'no-store');
    }
    return payload;
  });
}, { name: 'http' });
