// One embedded PostgreSQL per data folder, shared by every command using it: a command uses the server
// already running there (whoever started it), a command leaving never stops a server another still uses,
// the last one out stops it, and a server or command killed with -9 does not block the next command.
// Real servers and real processes, on a folder of this file's own.
import { spawn, spawnSync, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseIfMissing } from '../../../api/src/db/connection.js';
import { linesOf, startEmbeddedPostgres, type EmbeddedServer } from '../../../api/src/db/embedded.js';
import { createPool } from '../../../api/src/db/kysely.js';
import { migrate } from '../../../api/src/db/migrate.js';
import { isPostmasterAlive, readPostmasterLock, waitForExit } from '../../../api/src/db/postmaster.js';
import { freePort } from '../../../api/src/net.js';
import { projectRoot } from '../../../api/src/paths.js';
import { insertDistricts } from '../api/seed.js';
import { withClient } from '../../support/client.js';

let folder: string;
let dataDir: string;
const opened: EmbeddedServer[] = [];
const children: ChildProcessWithoutNullStreams[] = [];

let sweeper: ChildProcess;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'ehps-shared-pg-'));
  await chmod(folder, 0o755); // as root, the server runs as the user postgres
  dataDir = path.join(folder, 'pg');
  // The servers of this file are kept ones, which outlive their commands: should this process be killed
  // before afterAll (a Ctrl+C, a CI timeout), a watcher of its own stops them and removes the folder.
  const script = [
    'while kill -0 "$1" 2>/dev/null; do sleep 1; done',
    'for lock in "$2"/*/postmaster.pid; do',
    '  [ -f "$lock" ] || continue; pid=$(head -n 1 "$lock")',
    '  grep -q -- "$2" "/proc/$pid/cmdline" 2>/dev/null && kill -INT "$pid"',
    'done',
    'sleep 5; rm -rf -- "$2"',
  ].join('\n');
  sweeper = spawn('/bin/sh', ['-c', script, 'ehps-test-sweep', String(process.pid), folder], { detached: true, stdio: 'ignore' });
  sweeper.unref();
});

afterAll(async () => {
  // Commands still running leave first (a holder leaves on a line, the scripts on SIGTERM); one that
  // does not within seconds is killed, and every server left on any folder of this file is stopped.
  const gone = (child: ChildProcessWithoutNullStreams) => Promise.race([exited(child).then(() => true), sleep(5000).then(() => false)]);
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.stdin.write('leave\n');
    if (await gone(child)) continue;
    child.kill('SIGTERM');
    if (!(await gone(child))) child.kill('SIGKILL');
  }
  for (const server of opened) await server.stop().catch(() => {});
  for (const name of await readdir(folder).catch(() => [])) {
    const lock = await readPostmasterLock(path.join(folder, name)).catch(() => null);
    if (lock && isPostmasterAlive(lock.pid, path.join(folder, name))) {
      process.kill(lock.pid, 'SIGINT');
      await waitForExit(lock.pid, 30_000);
    }
  }
  await rm(folder, { recursive: true, force: true });
  sweeper.kill();
});

/** Opens the folder's server in this process, as a command would, keeping what it says. */
async function open(role: string, said: string[] = []): Promise<EmbeddedServer> {
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), role, log: (m) => said.push(m) });
  opened.push(server);
  return server;
}

async function answers(server: EmbeddedServer): Promise<boolean> {
  const client = new pg.Client({ connectionString: server.connectionString(), connectionTimeoutMillis: 5000 });
  client.on('error', () => {}); // a server being stopped ends it: the answer is then false
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function runningPid(): Promise<number> {
  const lock = await readPostmasterLock(dataDir);
  expect(lock, 'a server is running on the folder').not.toBeNull();
  expect(isPostmasterAlive(lock!.pid)).toBe(true);
  return lock!.pid;
}

async function expectStopped(pid: number): Promise<void> {
  expect(isPostmasterAlive(pid), 'the server process is gone').toBe(false);
  expect(await readPostmasterLock(dataDir), 'its lock file is gone').toBeNull();
}

/** Another command (a real process) holding the folder's server until told to leave. */
async function holder(folderOfData = dataDir, throwAway = false): Promise<{ child: ChildProcessWithoutNullStreams; origin: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'tests', 'server', 'db', 'hold-embedded.ts')], {
    cwd: projectRoot,
    env: { ...process.env, HOLD_DATA_DIR: folderOfData, HOLD_PORT: String(await freePort()), HOLD_THROW_AWAY: throwAway ? '1' : '0' },
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const ready = /ready (\w+) (\d+)/.exec(output);
      if (ready) resolve(ready[1]!);
    });
    child.on('exit', () => reject(new Error(`the holder exited:\n${output}`)));
  });
  return { child, origin, output: () => output };
}

/** Kills one backend of the server with -9, as a crash would: PostgreSQL restarts, ending every session. */
async function crashABackend(server: EmbeddedServer): Promise<void> {
  const client = new pg.Client({ connectionString: server.connectionString() });
  client.on('error', () => {});
  await client.connect();
  const { rows } = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE pid = pg_backend_pid()',
  );
  process.kill(rows[0]!.pid, 'SIGKILL');
  await client.end().catch(() => {});
}

/** Polls until the condition holds (a process going away, a file appearing); false after the time given. */
async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(100);
  }
  return condition();
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('the embedded server shared by the commands on one data folder', () => {
  it('a second command uses the running server; the first leaving keeps it up; the last one out stops it', async () => {
    const firstSaid: string[] = [];
    const first = await open('first', firstSaid);
    expect(first.origin).toBe('started');
    const said: string[] = [];
    const second = await open('second', said);
    expect(second.origin).toBe('adopted');
    expect(second.port).toBe(first.port); // the running server's port, not the one this command would use
    expect(said).toContain(`Using the embedded PostgreSQL already running on ${dataDir} (port ${first.port}, started by another command).`);
    const pid = await runningPid();

    await first.stop();
    expect(isPostmasterAlive(pid)).toBe(true);
    expect(firstSaid.join('\n')).toMatch(/Left the embedded PostgreSQL running on .*: still used by ehps:second:\d+/);
    expect(await answers(second)).toBe(true);

    await second.stop();
    await expectStopped(pid);
  });

  it('starts over a lock file left by a server killed with -9', async () => {
    const killed = await open('killed');
    const pid = await runningPid();
    process.kill(pid, 'SIGKILL');
    expect(await waitForExit(pid, 10_000)).toBe(true);
    expect((await readPostmasterLock(dataDir))?.pid, 'the lock file stays behind').toBe(pid);

    const said: string[] = [];
    const next = await open('next', said);
    expect(next.origin).toBe('started');
    expect(await answers(next)).toBe(true);
    await killed.stop(); // its server is gone: leaving does nothing to the new one
    expect(await answers(next)).toBe(true);
    const newPid = await runningPid();
    await next.stop();
    await expectStopped(newPid);
  });

  it('starts over a lock file whose pid now belongs to another program', async () => {
    // A server killed before a reboot: its pid is reused by something that is not PostgreSQL.
    const sleeper = spawn('sleep', ['30']);
    try {
      const template = `${sleeper.pid}\n${dataDir}\n1700000000\n${await freePort()}\n/tmp\n127.0.0.1\n  1234  5678\nready\n`;
      await writeFile(path.join(dataDir, 'postmaster.pid'), template);
      const said: string[] = [];
      const next = await open('after-reboot', said);
      expect(next.origin).toBe('started');
      expect(said.join('\n')).toContain(`Removed the lock file of a PostgreSQL that is no longer running on ${dataDir} (pid ${sleeper.pid})`);
      const pid = await runningPid();
      await next.stop();
      await expectStopped(pid);
    } finally {
      sleeper.kill();
    }
  });

  it('starts over a lock file whose pid now belongs to a PostgreSQL of another folder', async () => {
    // After a reboot, the pid of the lock file may be that of another PostgreSQL (a system server).
    await (await open('create')).stop(); // the folder holds a cluster
    const otherDir = path.join(folder, 'other');
    const other = await startEmbeddedPostgres({ dataDir: otherDir, port: await freePort(), role: 'other' });
    opened.push(other);
    const otherPid = (await readPostmasterLock(otherDir))!.pid;
    const template = `${otherPid}\n${dataDir}\n1700000000\n${other.port}\n/tmp\n127.0.0.1\n  1234  5678\nready\n`;
    await writeFile(path.join(dataDir, 'postmaster.pid'), template);
    const said: string[] = [];
    const next = await open('after-reboot-2', said);
    expect(next.origin).toBe('started');
    expect(said.join('\n')).toContain(`Removed the lock file of a PostgreSQL that is no longer running on ${dataDir} (pid ${otherPid})`);
    const pid = await runningPid();
    expect(pid).not.toBe(otherPid);
    await next.stop();
    await expectStopped(pid);
    expect(isPostmasterAlive(otherPid), 'the other folder\'s server is left alone').toBe(true);
    await other.stop();
  });

  it('a backend crashing (kill -9) ends no membership: the commands join again and the last one out stops it', async () => {
    const starter = await holder();
    expect(starter.origin).toBe('started');
    const pid = await runningPid();
    const adopter = await open('adopter');
    expect(adopter.origin).toBe('adopted');
    await crashABackend(adopter);

    await adopter.stop();
    expect(isPostmasterAlive(pid), 'the starter still uses it').toBe(true);
    // A command arriving after the restart, alone in the server's sessions if the starter had not joined
    // again, must not stop it either.
    const later = await open('later');
    expect(later.origin).toBe('adopted');
    await later.stop();
    expect(isPostmasterAlive(pid), 'the starter still uses it').toBe(true);

    starter.child.stdin.write('leave\n');
    expect(await exited(starter.child)).toBe(0);
    expect(starter.output()).toContain('restarted after a crash: this command uses it again');
    await expectStopped(pid);
  });

  it('after a backend crash, the only command leaving stops the server instead of leaving it running', async () => {
    const only = await open('only');
    const pid = await runningPid();
    await crashABackend(only);
    await only.stop();
    await expectStopped(pid);
  });

  it('a throw-away server does not outlive its command killed with -9, and its folder is removed', async () => {
    const throwAwayDir = path.join(folder, 'throw-away');
    const killed = await holder(throwAwayDir, true);
    expect(killed.origin).toBe('started');
    const pid = (await readPostmasterLock(throwAwayDir))!.pid;
    killed.child.kill('SIGKILL');
    await exited(killed.child);
    expect(await eventually(() => !isPostmasterAlive(pid)), 'the server is stopped').toBe(true);
    expect(await eventually(() => !existsSync(throwAwayDir)), 'its folder is removed').toBe(true);
  });

  it('a server left running by a command killed with -9 is used, then stopped, by the next command', async () => {
    const killed = await holder();
    expect(killed.origin).toBe('started');
    const pid = await runningPid();
    killed.child.kill('SIGKILL');
    await exited(killed.child);
    expect(isPostmasterAlive(pid), 'the server outlives the command that started it').toBe(true);

    const next = await open('after-kill');
    expect(next.origin).toBe('adopted');
    await next.stop();
    await expectStopped(pid);
  });

  it('the command that started the server leaving while another uses it does not stop it', async () => {
    const starter = await holder();
    expect(starter.origin).toBe('started');
    const pid = await runningPid();
    const user = await open('user');
    expect(user.origin).toBe('adopted');

    starter.child.stdin.write('leave\n');
    expect(await exited(starter.child)).toBe(0);
    expect(starter.output()).toMatch(/Left the embedded PostgreSQL running on .*: still used by ehps:user:\d+/);
    expect(await answers(user)).toBe(true);
    expect(isPostmasterAlive(pid)).toBe(true);

    await user.stop();
    await expectStopped(pid);
  });

  it('npm run import loads into the server another command started, and leaves it running', async () => {
    const running = await open('start');
    const pid = await runningPid();
    const extract = path.join(folder, 'extract');
    await rm(extract, { recursive: true, force: true });
    await mkdir(extract);
    await writeFile(path.join(extract, 'districts.csv'), 'district_code,district_name,area_code,area_name\nDAR,Dartford,NORTH,North Kent\n');

    const env: NodeJS.ProcessEnv = { ...process.env, EHPS_DATA_DIR: dataDir, EHPS_DB_PORT: String(await freePort()) };
    delete env.DATABASE_URL;
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'import.ts'), '--dir', extract], {
      cwd: projectRoot, env, encoding: 'utf8',
    });
    expect(result.stderr).toContain(`Using the embedded PostgreSQL already running on ${dataDir} (port ${running.port}, started by another command).`);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/districts\s+1 row /);
    expect(result.stderr).toMatch(/Left the embedded PostgreSQL running on .*: still used by ehps:start:\d+/);

    expect(isPostmasterAlive(pid)).toBe(true);
    // Ended even if the query fails: left open, it was ended by the server's stop with nobody listening.
    const { rows } = await withClient(running.connectionString('ehps'), (client) => client.query('SELECT district_name FROM ehps.districts'));
    expect(rows).toEqual([{ district_name: 'Dartford' }]);
    await running.stop();
    await expectStopped(pid);
  });

  it('npm start stopped while another command uses the server leaves it running for that command', async () => {
    const importing = await open('import');
    const pid = await runningPid();
    // A database with districts: the start-up neither generates nor imports fixtures.
    await createDatabaseIfMissing(importing.connectionString(), 'ehps');
    const pool = createPool(importing.connectionString('ehps'));
    await migrate(pool);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM districts');
    if (rows[0]!.n === 0) await insertDistricts(pool); // the import above may have loaded one
    await pool.end();

    const env: NodeJS.ProcessEnv = { ...process.env, EHPS_DATA_DIR: dataDir, EHPS_DB_PORT: String(await freePort()), PORT: String(await freePort()) };
    delete env.DATABASE_URL;
    const start = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'start.ts')], { cwd: projectRoot, env });
    children.push(start);
    let output = '';
    start.stdout.on('data', (chunk) => { output += chunk; });
    start.stderr.on('data', (chunk) => { output += chunk; });
    await new Promise<void>((resolve, reject) => {
      start.stderr.on('data', () => { if (output.includes('listening on')) resolve(); });
      start.on('exit', () => reject(new Error(`npm start exited:\n${output}`)));
    });
    expect(output).toContain(`Using the embedded PostgreSQL already running on ${dataDir} (port ${importing.port}, started by another command).`);
    start.kill('SIGINT');
    expect(await exited(start), output).toBe(0);
    expect(output).toMatch(/Left the embedded PostgreSQL running on .*: still used by ehps:import:\d+/);
    expect(isPostmasterAlive(pid)).toBe(true);
    expect(await answers(importing)).toBe(true);
    await importing.stop();
    await expectStopped(pid);
  });

  it('a command interrupted while it opens the database stops the server it has just launched (SIGTERM, SIGINT)', async () => {
    for (const [script, signal, code] of [['import.ts', 'SIGTERM', 143], ['start.ts', 'SIGINT', 0]] as const) {
      const newFolder = path.join(folder, `interrupted-${script}`);
      const env: NodeJS.ProcessEnv = { ...process.env, EHPS_DATA_DIR: newFolder, EHPS_DB_PORT: String(await freePort()), PORT: String(await freePort()) };
      delete env.DATABASE_URL;
      const args = script === 'import.ts' ? ['--dir', folder] : [];
      const command = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', script), ...args], { cwd: projectRoot, env });
      children.push(command);
      let output = '';
      command.stderr.on('data', (chunk) => { output += chunk; });
      // The server is launched (its lock file written) and the command has not joined it yet, or just has.
      expect(await eventually(async () => (await readPostmasterLock(newFolder).catch(() => null)) !== null, 60_000), output).toBe(true);
      const pid = (await readPostmasterLock(newFolder))!.pid;
      command.kill(signal);
      expect(await exited(command), output).toBe(code);
      expect(await eventually(() => !isPostmasterAlive(pid)), `${script}: the server it launched is stopped\n${output}`).toBe(true);
      expect(output).not.toMatch(/Import failed|Could not start|at .*\.ts:\d+/);
    }
  });

  it('npm start given Ctrl+C twice stops waiting for requests but still leaves the database, stopping the server', async () => {
    const newFolder = path.join(folder, 'twice');
    const env: NodeJS.ProcessEnv = { ...process.env, EHPS_DATA_DIR: newFolder, EHPS_DB_PORT: String(await freePort()), PORT: String(await freePort()) };
    delete env.DATABASE_URL;
    // A database with districts: the start-up neither generates nor imports fixtures.
    const setup = await startEmbeddedPostgres({ dataDir: newFolder, port: Number(env.EHPS_DB_PORT), role: 'setup' });
    await createDatabaseIfMissing(setup.connectionString(), 'ehps');
    const pool = createPool(setup.connectionString('ehps'));
    await migrate(pool);
    await insertDistricts(pool);
    await pool.end();
    await setup.stop();

    const start = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'start.ts')], { cwd: projectRoot, env });
    children.push(start);
    let output = '';
    start.stderr.on('data', (chunk) => { output += chunk; });
    expect(await eventually(() => output.includes('listening on'), 60_000), output).toBe(true);
    const pid = (await readPostmasterLock(newFolder))!.pid;
    // A request in progress (its headers not finished) that the first Ctrl+C waits for.
    const request = net.connect(Number(env.PORT), '127.0.0.1');
    request.on('error', () => {});
    await new Promise((resolve) => request.once('connect', resolve));
    request.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    start.kill('SIGINT');
    expect(await eventually(() => output.includes('SIGINT: finishing requests in progress'))).toBe(true);
    await sleep(500);
    expect(start.exitCode, 'still waiting for the request').toBeNull();
    start.kill('SIGINT');
    expect(await exited(start), output).toBe(0);
    request.destroy();
    expect(output).toContain('SIGINT again: not waiting for requests in progress; leaving the database');
    expect(output).toContain(`Stopped the embedded PostgreSQL on ${newFolder}.`);
    expect(isPostmasterAlive(pid)).toBe(false);
  });

  it('two commands starting at the same moment on a new folder share one server', async () => {
    const fresh = path.join(folder, 'fresh');
    const [one, two] = await Promise.all([holder(fresh), holder(fresh)]);
    expect([one.origin, two.origin].sort()).toEqual(['adopted', 'started']);
    const lock = await readPostmasterLock(fresh);
    expect(isPostmasterAlive(lock!.pid)).toBe(true);
    one.child.stdin.write('leave\n');
    expect(await exited(one.child)).toBe(0);
    expect(isPostmasterAlive(lock!.pid), 'still used by the other').toBe(true);
    two.child.stdin.write('leave\n');
    expect(await exited(two.child)).toBe(0);
    expect(isPostmasterAlive(lock!.pid)).toBe(false);
  });

  it('a command leaving does not stop a server whose starter has not joined it yet', async () => {
    const only = await open('quick');
    const pid = await runningPid();
    // The moment between a server becoming ready and the command that started it joining: its file says so.
    const starter = spawn('sleep', ['30']);
    const starterFile = `${dataDir}.starting-${starter.pid}`;
    try {
      await writeFile(starterFile, '');
      const said: string[] = [];
      const quick = await startEmbeddedPostgres({ dataDir, port: await freePort(), role: 'quick', log: (m) => said.push(m) });
      await only.stop();
      await quick.stop();
      expect(said.join('\n')).toMatch(/Left the embedded PostgreSQL running on .*: still used by a command that has just started it or is joining it again/);
      expect(isPostmasterAlive(pid)).toBe(true);
    } finally {
      starter.kill();
      await rm(starterFile, { force: true });
    }
    const last = await open('last');
    await last.stop();
    await expectStopped(pid);
  });
});

describe('what a start reads of its data folder\'s log', () => {
  it('its own server\'s lines, not those of another start at the same moment', () => {
    const log = [
      '2026-12-01 23:40:22.001 UTC [700] FATAL:  lock file "postmaster.pid" already exists',
      '2026-12-01 23:40:22.001 UTC [700] HINT:  Is another postmaster (PID 800) running in data directory?',
      '2026-12-01 23:40:22.066 UTC [901] LOG:  starting PostgreSQL 18.4',
      '2026-12-01 23:40:22.121 UTC [905] FATAL:  could not open file "global/pg_control"',
      '2026-12-01 23:40:22.133 UTC [901] LOG:  startup process (PID 905) exited with exit code 1',
      'postgres: an early error, before the settings are read',
    ].join('\n');
    const { own, shown } = linesOf(log, 901);
    expect(own).not.toMatch(/lock file/);
    expect(own).toMatch(/startup process \(PID 905\) exited/);
    expect(own).toMatch(/an early error/);
    expect(shown).toMatch(/could not open file "global\/pg_control"/);
    expect(shown).not.toMatch(/lock file|Is another postmaster/);
  });
});

describe('the database of the commands', () => {
  it('commands creating it at the same moment all succeed', async () => {
    const server = await startEmbeddedPostgres({ dataDir: path.join(folder, 'create'), port: await freePort(), role: 'create' });
    opened.push(server);
    // Both past the check for an existing database: the second CREATE DATABASE fails with 23505.
    await Promise.all(Array.from({ length: 6 }, () => createDatabaseIfMissing(server.connectionString(), 'ehps_race')));
    await server.stop();
  });
});
