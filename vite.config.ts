/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The web app reads the API contract (api/src/schemas) with `import type` only; a value import would pull the
// server's code and TypeBox into the bundle. The build refuses it (web/src/api/contract.test.ts checks the imports).
const SERVER_CODE = fileURLToPath(new URL('./api/', import.meta.url));
const noServerCodeInBundle: Plugin = {
  name: 'ehps:no-server-code-in-bundle',
  apply: 'build',
  load(id) {
    if (id.startsWith(SERVER_CODE) || /[\\/]node_modules[\\/](typebox|@sinclair[\\/]typebox)[\\/]/.test(id)) {
      this.error(`${id} is server code and must not reach the web bundle: import the API contract with \`import type\``);
    }
    return null;
  },
};

// One config for the web build and for every test project:
// - `server`: API, SQL, import and fixture tests on a real embedded PostgreSQL (started once per run);
// - `web`: React pages in jsdom with MSW;
// - `e2e`: the built dashboard in headless Chromium against the real server and fixtures.
export default defineConfig({
  root: 'web',
  plugins: [react(), noServerCodeInBundle],
  build: { outDir: '../dist/web', emptyOutDir: true },
  // The API and the sign-in pages (the session cookie is set by them) come from the server in development.
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/auth': 'http://127.0.0.1:3000' } },
  test: {
    root: '.',
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          root: '.',
          include: ['api/**/*.test.ts', 'shared/**/*.test.ts', 'fixtures/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/server/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-postgres.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // Two cores: a few files at a time, each with its own database on the one server.
          maxWorkers: 2,
          // The projects run one after the other: server, web, then the browser tests.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          root: '.',
          include: ['web/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['web/src/test/setup.ts'],
          globals: true,
          // Whole-page tests in jsdom on two cores: a first render that loads a page bundle can take seconds.
          testTimeout: 20_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: '.',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // Builds the web app, starts PostgreSQL with the fixtures and the app on a free port.
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 900_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
