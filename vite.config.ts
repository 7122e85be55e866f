/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One config for the web build and for every test project:
// - `server`: API, SQL, import and fixture tests on a real embedded PostgreSQL (started once per run);
// - `web`: React pages in jsdom with MSW.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  test: {
    root: '.',
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          root: '.',
          include: ['api/**/*.test.ts', 'fixtures/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/server/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-postgres.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // Two cores: a few files at a time, each with its own database on the one server.
          maxWorkers: 2,
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
        },
      },
    ],
  },
});
