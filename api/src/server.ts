// Listens: builds the app from options and serves it on HOST/PORT. Only this module (and scripts/start.ts,
// which prepares the database first) opens a port; tests use the app without listening.
import { buildApp, type App, type AppOptions } from './app.js';
import { hasWebApp } from './plugins/web.js';

export interface ServerOptions extends AppOptions {
  host?: string;
  port?: number;
}

export interface RunningServer {
  app: App;
  /** e.g. http://127.0.0.1:3000 */
  address: string;
  /** Stops accepting connections, lets in-flight requests finish, closes the app's pool. */
  close: () => Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3000;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = await buildApp(options);
  if (options.webDir && !hasWebApp(options.webDir)) {
    app.log.warn(`No built web app in ${options.webDir}: serving the API only (run npm run build:web).`);
  }
  const address = await app.listen({ host: options.host ?? DEFAULT_HOST, port: options.port ?? DEFAULT_PORT });
  return { app, address, close: () => app.close() };
}
