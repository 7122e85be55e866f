// As root, PostgreSQL runs as the user postgres, which must reach its programs and its data folder even
// when the project is in a folder other users cannot enter: the programs are then copied to a root-owned
// cache and the default data folder moves to a folder of its own; a folder the user chose that it cannot
// reach is refused with the reason. The decisions are checked for any user (against a made-up account);
// a real start from a 0700 folder needs root.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseDataFolder, choosePrograms, isRoot, packagedPrograms, unreachableBecause, type PostgresAccount,
} from '../../../api/src/db/embedded-host.js';
import { startEmbeddedPostgres } from '../../../api/src/db/embedded.js';
import { freePort } from '../../../api/src/net.js';
import { withClient } from '../../support/client.js';

/** Someone who owns none of this file's folders (nobody's ids). */
const stranger: PostgresAccount = { name: 'stranger', uid: 65534, gid: 65534 };

let scratch: string;
let privateFolder: string;
let openFolder: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'ehps-host-'));
  await chmod(scratch, 0o755);
  privateFolder = path.join(scratch, 'private');
  openFolder = path.join(scratch, 'open');
  await mkdir(privateFolder, { mode: 0o700 });
  await chmod(privateFolder, 0o700);
  await mkdir(openFolder);
  await chmod(openFolder, 0o755);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A stand-in for the platform package's programs: bin/postgres, a library and a shared file. */
async function fakePackage(under: string): Promise<{ dir: string; version: string }> {
  const dir = path.join(under, 'native');
  await mkdir(path.join(dir, 'bin'), { recursive: true });
  await mkdir(path.join(dir, 'lib'), { recursive: true });
  await mkdir(path.join(dir, 'share'), { recursive: true });
  await writeFile(path.join(dir, 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o755 });
  await writeFile(path.join(dir, 'bin', 'initdb'), '#!/bin/sh\n', { mode: 0o755 });
  await writeFile(path.join(dir, 'lib', 'libpq.so.5.18'), 'lib');
  await writeFile(path.join(dir, 'share', 'postgres.bki'), 'share');
  return { dir, version: `0.0.0-test-${path.basename(under)}` };
}

describe('where the postgres user can go', () => {
  it('names the first folder it may not enter, with its mode and owner', () => {
    const inside = path.join(privateFolder, 'node_modules', 'bin', 'postgres');
    const owner = statSync(privateFolder).uid;
    expect(unreachableBecause(inside, stranger, 'run')).toBe(`${privateFolder} (mode 700, owner uid ${owner})`);
    expect(unreachableBecause(path.join(openFolder, 'x'), stranger, 'enter')).toBeNull();
    // Its owner may enter it.
    expect(unreachableBecause(inside, { name: 'owner', uid: owner, gid: 65534 }, 'run')).toBeNull();
  });
});

describe('the PostgreSQL programs as root', () => {
  it('runs them from node_modules when the postgres user can reach them, and as a non-root user', async () => {
    const reachable = await fakePackage(path.join(openFolder, 'pkg'));
    const cache = path.join(scratch, 'cache-unused');
    expect((await choosePrograms(stranger, { packaged: reachable, cacheRoot: cache })).dir).toBe(reachable.dir);
    const hidden = await fakePackage(path.join(privateFolder, 'pkg'));
    expect((await choosePrograms(null, { packaged: hidden, cacheRoot: cache })).dir).toBe(hidden.dir);
    expect(existsSync(cache), 'nothing copied').toBe(false);
  });

  it('copies them once to the cache, keyed by the package version, when the postgres user cannot reach them', async () => {
    const hidden = await fakePackage(path.join(privateFolder, 'pkg2'));
    const cache = path.join(scratch, 'cache');
    const programs = await choosePrograms(stranger, { packaged: hidden, cacheRoot: cache });
    const copy = path.join(cache, `postgresql-${hidden.version}-${os.platform()}-${os.arch()}`);
    expect(programs).toEqual({
      dir: copy, postgres: path.join(copy, 'bin', 'postgres'), initdb: path.join(copy, 'bin', 'initdb'), copiedFrom: hidden.dir, copiedNow: true,
    });
    expect(readFileSync(path.join(copy, 'lib', 'libpq.so.5.18'), 'utf8')).toBe('lib');
    expect(readFileSync(path.join(copy, 'share', 'postgres.bki'), 'utf8')).toBe('share');
    expect(statSync(copy).mode & 0o777).toBe(0o755);
    expect(unreachableBecause(programs.postgres, stranger, 'run')).toBeNull();

    // The next command uses the copy as it is.
    await writeFile(path.join(copy, 'share', 'marker'), 'kept');
    expect((await choosePrograms(stranger, { packaged: hidden, cacheRoot: cache })).copiedNow).toBe(false);
    expect(existsSync(path.join(copy, 'share', 'marker'))).toBe(true);
  });

  it('does not trust a copy others may write to: it copies again', async () => {
    const hidden = await fakePackage(path.join(privateFolder, 'pkg3'));
    const cache = path.join(scratch, 'cache-open');
    const copy = path.join(cache, `postgresql-${hidden.version}-${os.platform()}-${os.arch()}`);
    await mkdir(path.join(copy, 'bin'), { recursive: true });
    await writeFile(path.join(copy, 'bin', 'postgres'), 'planted', { mode: 0o755 });
    await chmod(copy, 0o777);
    await choosePrograms(stranger, { packaged: hidden, cacheRoot: cache });
    expect(readFileSync(path.join(copy, 'bin', 'postgres'), 'utf8')).toBe('#!/bin/sh\n');
    expect(statSync(copy).mode & 0o777).toBe(0o755);
  });
});

describe('the cache of the programs shared by root commands', () => {
  it('does not trust a copy reached through a symbolic link: it makes a real copy and leaves the link\'s target alone', async () => {
    const hidden = await fakePackage(path.join(privateFolder, 'pkg5'));
    const cache = path.join(scratch, 'cache-link');
    await mkdir(cache);
    await chmod(cache, 0o755);
    // A folder that looks like a good copy (root's, mode 755), linked in place of the copy.
    const elsewhere = path.join(scratch, 'elsewhere');
    await mkdir(path.join(elsewhere, 'bin'), { recursive: true });
    await chmod(elsewhere, 0o755);
    await writeFile(path.join(elsewhere, 'bin', 'postgres'), 'planted', { mode: 0o755 });
    const copy = path.join(cache, `postgresql-${hidden.version}-${os.platform()}-${os.arch()}`);
    await symlink(elsewhere, copy);
    const programs = await choosePrograms(stranger, { packaged: hidden, cacheRoot: cache });
    expect(programs.copiedNow).toBe(true);
    expect(readFileSync(programs.postgres, 'utf8')).toBe('#!/bin/sh\n');
    expect(readFileSync(path.join(elsewhere, 'bin', 'postgres'), 'utf8')).toBe('planted');
  });

  it('refuses a cache folder others may write to, saying so', async () => {
    const hidden = await fakePackage(path.join(privateFolder, 'pkg6'));
    const cache = path.join(scratch, 'cache-writable');
    await mkdir(cache);
    await chmod(cache, 0o777);
    await expect(choosePrograms(stranger, { packaged: hidden, cacheRoot: cache }))
      .rejects.toThrow(new RegExp(`copying them to ${cache}/postgresql-.* failed: ${cache} may be written by others \\(mode 777\\): a copy there could be changed by others`));
    expect(await readdir(cache)).toEqual([]);
  });

  it('two commands copying at the same moment both end up on one complete copy, nothing left beside it', async () => {
    const hidden = await fakePackage(path.join(privateFolder, 'pkg7'));
    const cache = path.join(scratch, 'cache-race');
    const [one, two] = await Promise.all([
      choosePrograms(stranger, { packaged: hidden, cacheRoot: cache }),
      choosePrograms(stranger, { packaged: hidden, cacheRoot: cache }),
    ]);
    expect(one.dir).toBe(two.dir);
    expect(readFileSync(one.postgres, 'utf8')).toBe('#!/bin/sh\n');
    expect(await readdir(cache)).toEqual([path.basename(one.dir)]);
  });
});

describe('when the programs cannot be placed', () => {
  it('says why and what to do when the cache cannot be written, never a bare EACCES', async () => {
    const hidden = await fakePackage(path.join(privateFolder, 'pkg4'));
    const notAFolder = path.join(scratch, 'a-file');
    await writeFile(notAFolder, '');
    await expect(choosePrograms(stranger, { packaged: hidden, cacheRoot: path.join(notAFolder, 'cache') }))
      .rejects.toThrow(new RegExp(`runs as the user stranger, which cannot reach its programs in ${hidden.dir} \\(blocked at ${privateFolder} .*copying them to .*a-file/cache/postgresql-.* failed: .*set DATABASE_URL`));
  });
});

describe('the data folder as root', () => {
  it('keeps a folder the postgres user can reach, and any folder for a non-root user', async () => {
    const reachable = path.join(openFolder, '.data', 'pg');
    expect(await chooseDataFolder({ dataDir: reachable, isDefault: true, account: stranger })).toEqual({ dataDir: reachable });
    const hidden = path.join(privateFolder, '.data', 'pg');
    expect(await chooseDataFolder({ dataDir: hidden, isDefault: false, account: null })).toEqual({ dataDir: hidden });
  });

  it('moves the default folder of a project it cannot reach to one folder per project, and says why', async () => {
    const shared = path.join(scratch, 'var-lib-ehps');
    const project = path.join(privateFolder, 'clone');
    await mkdir(project);
    const first = await chooseDataFolder({ dataDir: path.join(project, '.data', 'pg'), isDefault: true, account: stranger, projectRoot: project, sharedRoot: shared });
    expect(path.dirname(path.dirname(first.dataDir))).toBe(shared);
    expect(path.basename(first.dataDir)).toBe('pg');
    expect(first.moved).toBe(`the user stranger that PostgreSQL runs as (root cannot) may not enter ${privateFolder} (mode 700, owner uid ${statSync(privateFolder).uid}), so the data is kept in ${first.dataDir}`);
    expect(readFileSync(path.join(path.dirname(first.dataDir), 'project'), 'utf8')).toBe(`${project}\n`);
    const again = await chooseDataFolder({ dataDir: path.join(project, '.data', 'pg'), isDefault: true, account: stranger, projectRoot: project, sharedRoot: shared });
    expect(again.dataDir).toBe(first.dataDir);
    const other = path.join(privateFolder, 'other-clone');
    await mkdir(other);
    const elsewhere = await chooseDataFolder({ dataDir: path.join(other, '.data', 'pg'), isDefault: true, account: stranger, projectRoot: other, sharedRoot: shared });
    expect(elsewhere.dataDir).not.toBe(first.dataDir);
  });

  it('refuses a home for moved data folders that others may write to', async () => {
    const shared = path.join(scratch, 'var-lib-open');
    await mkdir(shared);
    await chmod(shared, 0o777);
    const project = path.join(privateFolder, 'clone-open');
    await mkdir(project);
    await expect(chooseDataFolder({ dataDir: path.join(project, '.data', 'pg'), isDefault: true, account: stranger, projectRoot: project, sharedRoot: shared }))
      .rejects.toThrow(new RegExp(`the folder for its data instead, ${shared}, may be written by others \\(mode 777\\)`));
  });

  it('refuses a folder the user chose (EHPS_DATA_DIR) that it cannot reach, saying what to do', async () => {
    await expect(chooseDataFolder({ dataDir: path.join(privateFolder, 'pg'), isDefault: false, account: stranger }))
      .rejects.toThrow(new RegExp(`cannot reach the data folder ${path.join(privateFolder, 'pg')}: it may not enter ${privateFolder} .*Set EHPS_DATA_DIR to a folder it can reach.*DATABASE_URL`));
  });
});

describe.skipIf(!isRoot())('a real start from a folder only root can enter (needs root)', () => {
  it('starts PostgreSQL from a copy of the programs with the data outside, and stops it', async () => {
    const project = path.join(privateFolder, 'real-clone');
    // The package's programs inside the private folder, as in a clone's node_modules.
    const real = packagedPrograms();
    const hidden = { dir: path.join(project, 'node_modules', 'native'), version: `${real.version}-test-${process.pid}` };
    await mkdir(hidden.dir, { recursive: true });
    for (const part of ['bin', 'lib', 'share']) {
      await cp(path.join(real.dir, part), path.join(hidden.dir, part), { recursive: true, verbatimSymlinks: true });
    }
    const said: string[] = [];
    const server = await startEmbeddedPostgres({
      dataDir: path.join(project, '.data', 'pg'), isDefaultDataDir: true, projectRoot: project,
      port: await freePort(), persistent: false, role: 'root-test', log: (m) => said.push(m),
      host: { packaged: hidden, programsCache: path.join(scratch, 'programs'), sharedDataRoot: path.join(scratch, 'data') },
    });
    try {
      expect(server.origin).toBe('started');
      expect(server.dataDir.startsWith(path.join(scratch, 'data'))).toBe(true);
      expect(said.join('\n')).toMatch(/Data folder: the user postgres that PostgreSQL runs as \(root cannot\) may not enter .*private/);
      expect(said.join('\n')).toMatch(/PostgreSQL programs: copied to .*programs\/postgresql-.* \(the user postgres cannot reach .*private.*native\)/);
      const { rows } = await withClient(server.connectionString(),
        (client) => client.query<{ user: string }>('SELECT current_setting(\'data_directory\') AS folder, user'));
      expect(rows).toEqual([{ folder: server.dataDir, user: 'postgres' }]);
    } finally {
      await server.stop();
    }
    expect(existsSync(server.dataDir), 'a throw-away folder is removed').toBe(false);
  });

  it('refuses a chosen data folder the postgres user cannot reach, without starting anything', async () => {
    await expect(startEmbeddedPostgres({ dataDir: path.join(privateFolder, 'chosen', 'pg'), port: await freePort() }))
      .rejects.toThrow(/runs as the user postgres, which cannot reach the data folder .*chosen\/pg: it may not enter .*Set EHPS_DATA_DIR/);
  });
});
