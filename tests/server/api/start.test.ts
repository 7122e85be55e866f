// `npm start` against an existing database: it serves the API on PORT, prints its address and, with no
// user yet, the first-run link that signs the administrator in; on SIGTERM it stops accepting, finishes,
// and exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../api/src/paths.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { insertFullCoverage } from '../../support/coverage.js';
import { insertDistricts, insertMonths } from './seed.js';
import { freePort } from '../../../api/src/net.js';

let t: TestDatabase;
let child: ChildProcess | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  // Districts present: the start-up does not generate fixtures.
  await insertDistricts(t.pool);
  await insertMonths(t.pool, '2015-01', '2015-03');
  await insertFullCoverage(t.pool);
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await t.drop();
});

describe('npm start', () => {
  it('serves the API on PORT, prints the first-run link that signs in, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: t.url, PORT: String(port), HOST: '127.0.0.1' };
    for (const name of ['PUBLIC_URL', 'ADMIN_EMAIL', 'OIDC_ISSUER_URL']) delete env[name];
    child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'start.ts')], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => { output += chunk; });
    child.stderr!.on('data', (chunk) => { output += chunk; });
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (output.includes('First run:')) { clearInterval(check); resolve(); }
        if (child!.exitCode !== null) { clearInterval(check); reject(new Error(`start exited early:\n${output}`)); }
      }, 100);
    });
    expect(output).toContain(`listening on http://127.0.0.1:${port}`);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/api/months`)).status).toBe(401);
    // One line, with the link: opening it signs the administrator in.
    const lines = output.split('\n').filter((line) => line.includes('/auth/first-run?token='));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('admin@localhost');
    const link = /(http:\S+)/.exec(lines[0]!)![1]!;
    expect(link.startsWith(`http://127.0.0.1:${port}/auth/first-run?token=`)).toBe(true);
    const opened = await fetch(link, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const cookie = opened.headers.getSetCookie().find((c) => c.startsWith('ehps_session='))!.split(';')[0]!;
    const months = await fetch(`http://127.0.0.1:${port}/api/months`, { headers: { cookie } });
    expect(await months.json()).toEqual({ first: '2015-01', latest: '2015-03', latestComplete: '2015-03' });
    child.kill('SIGTERM');
    expect(await exited, output).toBe(0);
    expect(output).toContain('SIGTERM');
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  });
});
