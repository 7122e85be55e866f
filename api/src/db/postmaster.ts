// What the PostgreSQL lock file of a data folder says (postmaster.pid), whether that server is alive, and
// stopping it by its pid: how a command finds and stops a server that another command started.
import { existsSync, readFileSync, realpathSync, unlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PostmasterLock {
  pid: number;
  port: number;
  /** 'starting', 'ready', 'stopping' or 'standby' (line 8 of the file, PostgreSQL 10 and later). */
  status: string;
}

/** The lock file of a running (or killed) server on the folder, or null when there is none. */
export async function readPostmasterLock(dataDir: string): Promise<PostmasterLock | null> {
  let text: string;
  try {
    text = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // Lines: pid, data folder, start time, port, socket folder, listen address, shared memory key, status.
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  // A file being written is read again on the next look.
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return { pid: 0, port: 0, status: 'starting' };
  return { pid, port, status: (lines[7] ?? '').trim() || 'starting' };
}

/** True while a process with that pid exists (EPERM: it exists, as another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when the pid is the live postmaster of that data folder. After a reboot or a kill -9 of the server,
 * the pid in a stale lock file may belong to another program, or to another PostgreSQL (a system server):
 * on Linux the process's command line, which the postmaster keeps as it was started (-D <folder>), tells
 * them apart. Without a folder, any PostgreSQL process counts.
 */
export function isPostmasterAlive(pid: number, dataDir?: string): boolean {
  if (pid <= 0 || !isProcessAlive(pid)) return false;
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    // No /proc (macOS): trust the pid. With /proc, a process we may not look at is not one of ours.
    return !existsSync('/proc/self');
  }
  if (!/(^|\/)(postgres|postmaster)$/.test(args[0] ?? '')) return false;
  if (dataDir === undefined) return true;
  const folder = args[args.indexOf('-D') + 1];
  return args.includes('-D') && folder !== undefined && sameFolder(folder, dataDir);
}

function sameFolder(a: string, b: string): boolean {
  const real = (p: string) => { try { return realpathSync(p); } catch { return path.resolve(p); } };
  return real(a) === real(b);
}

/**
 * Removes the lock file of a server that is gone (pid `stalePid`). PostgreSQL clears a stale file itself
 * when its pid is dead, but not when the pid has been reused by a live process. The file is read again
 * first: a server started meanwhile by another command has written its own, which is kept.
 */
export function removeStaleLock(dataDir: string, stalePid: number): boolean {
  const file = path.join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (pid !== stalePid || isPostmasterAlive(pid, dataDir)) return false;
  try {
    unlinkSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return false;
  }
}

/** Waits until the process is gone; false when it is still there after the time given. */
export async function waitForExit(pid: number, timeoutMs: number, dataDir?: string): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isPostmasterAlive(pid, dataDir)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Stops the server: SIGINT is PostgreSQL's fast shutdown (open sessions are ended, their transactions
 * rolled back, then a checkpoint). If it has not stopped after a minute, SIGQUIT (immediate shutdown,
 * crash recovery on the next start).
 */
export async function stopPostmaster(pid: number): Promise<void> {
  if (!signal(pid, 'SIGINT')) return;
  if (await waitForExit(pid, 60_000)) return;
  signal(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, 15_000))) throw new Error(`The embedded PostgreSQL (pid ${pid}) did not stop.`);
}

function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
