// An import (or a refresh, or an install of the views) that must wait for the data lock says who holds it
// and since when, rather than waiting without a word: a wait that never ends (a session left idle in its
// transaction, a killed command's session) then names what to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_LOCK } from '../../../api/src/db/locks.js';
import { importFiles } from '../../../api/src/import/index.js';
import { installViews } from '../../../api/src/results/refresh.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { csv, scratchFolder, type Scratch } from './helpers.js';

let scratch: Scratch;
let database: TestDatabase;

beforeAll(async () => {
  scratch = await scratchFolder();
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
  await scratch.remove();
});

/** Holds the data lock in an open transaction, as another import would, until `release` is called. */
async function holdDataLock(): Promise<{ pid: number; release: () => Promise<void> }> {
  const holder = await database.pool.connect();
  await holder.query("SET application_name = 'ehps:test-holder'");
  await holder.query('BEGIN');
  await holder.query('SELECT pg_advisory_xact_lock($1)', [DATA_LOCK]);
  const { rows: [row] } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return { pid: row!.pid, release: async () => { await holder.query('COMMIT'); holder.release(); } };
}

/** Resolves with the first message once the work has been told it waits. */
function firstMessage(messages: string[]): Promise<string> {
  return new Promise((resolve) => {
    const check = () => (messages.length > 0 ? resolve(messages[0]!) : setTimeout(check, 20));
    check();
  });
}

describe('a wait for the data lock', () => {
  it('names the session holding it, then the import runs once it is released', async () => {
    const districts = await scratch.write('districts.csv',
      csv('district_code,district_name,area_code,area_name', 'DAR,Dartford,NORTH,North Kent'));
    const held = await holdDataLock();
    const messages: string[] = [];
    const importing = importFiles(database.pool, [{ dataset: 'districts', path: districts }], { onLockWait: (m) => messages.push(m) });
    let released = false;
    try {
      const message = await firstMessage(messages);
      expect(message).toMatch(new RegExp(`^Waiting for another import, refresh or install of the indicator views to finish: ` +
        `pid ${held.pid} \\(ehps:test-holder, idle in transaction\\), in its transaction since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC ` +
        `\\(\\d+ s\\), last ran: SELECT pg_backend_pid\\(\\) AS pid\\.\\.\\.$`));
      await held.release();
      released = true;
      const report = await importing;
      expect(report.ok ? [] : report.problems).toEqual([]);
      expect(messages).toHaveLength(1);
    } finally {
      if (!released) await held.release();
    }
  });

  it('is not announced when the lock is free', async () => {
    const messages: string[] = [];
    await installViews(database.pool, (m) => messages.push(m));
    expect(messages).toEqual([]);
  });

  it('is announced by an install of the views too', async () => {
    const held = await holdDataLock();
    const messages: string[] = [];
    const installing = installViews(database.pool, (m) => messages.push(m));
    try {
      expect(await firstMessage(messages)).toContain(`pid ${held.pid} (ehps:test-holder, idle in transaction)`);
    } finally {
      await held.release();
    }
    await installing;
  });
});
