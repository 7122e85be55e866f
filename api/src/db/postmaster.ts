// What the PostgreSQL lock file of a data folder says (postmaster.pid), whether that server is alive, and
// stopping it by its pid: how a command finds and stops a server that another command started.
import { readFileSync, unlinkSync } from 'node:fs';
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
 * True when the pid is a live PostgreSQL server process. After a reboot or a kill -9 of the server, the pid
 * in a stale lock file may belong to some other program; on Linux /proc tells them apart.
 */
export function isPostmasterAlive(pid: number): boolean {
  if (pid <= 0 || !isProcessAlive(pid)) return false;
  try {
    const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return name === 'postgres' || name === 'postmaster';
  } catch {
    return true; // no /proc (macOS): trust the pid
  }
}

/**
 * Removes a lock file whose server is gone. PostgreSQL clears a stale file itself when its pid is dead,
 * but not when the pid has been reused by a live process of another program.
 */
export function removeStaleLock(dataDir: string): void {
  try {
    unlinkSync(path.join(dataDir, 'postmaster.pid'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Waits until the process is gone; false when it is still there after the time given. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isPostmasterAlive(pid)) {
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
