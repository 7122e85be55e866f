// A large file into an empty table loads with its indexes rebuilt at the end: the key still holds, a key
// repeated in the file is still reported by line, and nothing is left half-built.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../../api/src/db/kysely.js';
import { importFiles } from '../../../api/src/import/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { scratchFolder, useStandInMeasureViews, type Scratch } from './helpers.js';

let t: TestDatabase;
let scratch: Scratch;
const ROWS = 120_000; // above the size where indexes are rebuilt after the load

beforeAll(async () => {
  t = await createTestDatabase();
  scratch = await scratchFolder();
  await useStandInMeasureViews(t.pool);
  await t.pool.query(`INSERT INTO districts VALUES ('DAR', 'Dartford', 'NORTH', 'North Kent')`);
});
afterAll(async () => {
  await scratch.remove();
  await t.drop();
});

function absenceFile(duplicateLastRow: boolean): string {
  const lines = ['pupil_id,district_code,phase,academic_year,term,possible_sessions,absent_sessions'];
  for (let i = 0; i < ROWS; i++) lines.push(`P${i},DAR,primary,2015,autumn,100,${i % 20}`);
  if (duplicateLastRow) lines.push('P7,DAR,primary,2015,autumn,90,1');
  return `${lines.join('\n')}\n`;
}

async function primaryKeyColumns(): Promise<string | null> {
  const { rows } = await t.pool.query<{ def: string }>(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'pupil_absence'::regclass AND contype = 'p'`);
  return rows[0]?.def ?? null;
}

describe('bulk load into an empty table', () => {
  it('reports a key repeated in the file by its line, and leaves the table empty with its key', async () => {
    const file = await scratch.write('pupil_absence.csv', absenceFile(true));
    const report = await importFiles(t.pool, [{ dataset: 'pupil_absence', path: file }]);
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.problems[0]).toMatchObject({ line: ROWS + 2, column: 'pupil_id,district_code,phase,academic_year,term' });
    expect(report.problems[0]!.rule).toMatch(/duplicate key: line 9 has the same/);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM pupil_absence')).rows[0].n).toBe(0);
    expect(await primaryKeyColumns()).toBe('PRIMARY KEY (pupil_id, academic_year, district_code, phase, term) INCLUDE (possible_sessions, absent_sessions)');
  });

  it('loads every row and rebuilds the primary key', async () => {
    const file = await scratch.write('pupil_absence.csv', absenceFile(false));
    const report = await importFiles(t.pool, [{ dataset: 'pupil_absence', path: file }]);
    expect(report.ok).toBe(true);
    expect((await t.pool.query('SELECT count(*)::int AS n, sum(absent_sessions)::int AS absent FROM pupil_absence')).rows[0])
      .toEqual({ n: ROWS, absent: (ROWS / 20) * (19 * 20) / 2 });
    expect(await primaryKeyColumns()).toBe('PRIMARY KEY (pupil_id, academic_year, district_code, phase, term) INCLUDE (possible_sessions, absent_sessions)');
    await expect(t.pool.query(`INSERT INTO pupil_absence VALUES ('P1', 'DAR', 'primary', 2015, 'autumn', 1, 0)`))
      .rejects.toThrow(/duplicate key/);
  });
});

describe('a database user who is not a superuser', () => {
  it('imports a large file with the foreign-key triggers in place, and recomputes the indicators', async () => {
    const role = `owner_${Math.random().toString(36).slice(2, 10)}`;
    await t.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD 'owner'`);
    // The role owns the schema's tables and views and may create in it, as the user who ran the migrations would.
    await t.pool.query(`GRANT USAGE, CREATE ON SCHEMA ehps TO ${role}`);
    await t.pool.query(`DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'ehps' AND c.relkind IN ('r', 'v', 'm') LOOP
        EXECUTE format('ALTER %s ehps.%I OWNER TO ${role}',
          CASE r.relkind WHEN 'r' THEN 'TABLE' WHEN 'v' THEN 'VIEW' ELSE 'MATERIALIZED VIEW' END, r.relname);
      END LOOP; END $$`);
    await t.pool.query('DELETE FROM pupil_absence');
    const url = new URL(t.url);
    url.username = role;
    url.password = 'owner';
    const pool = createPool(url.toString());
    try {
      expect((await pool.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0]!.rolsuper).toBe(false);
      const file = await scratch.write('pupil_absence.csv', absenceFile(false));
      const report = await importFiles(pool, [{ dataset: 'pupil_absence', path: file }]);
      expect(report.ok ? [] : report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect((await t.pool.query('SELECT count(*)::int AS n FROM pupil_absence')).rows[0].n).toBe(ROWS);
      expect(await primaryKeyColumns()).toBe('PRIMARY KEY (pupil_id, academic_year, district_code, phase, term) INCLUDE (possible_sessions, absent_sessions)');
      // The district reference is still enforced for this user (the triggers were not skipped).
      await expect(pool.query(`INSERT INTO pupil_absence VALUES ('X', 'NOPE', 'primary', 2015, 'autumn', 1, 0)`))
        .rejects.toThrow(/foreign key/);
    } finally {
      await pool.end();
      await t.pool.query(`REASSIGN OWNED BY ${role} TO CURRENT_USER`);
      await t.pool.query(`DROP OWNED BY ${role}`);
      await t.pool.query(`DROP ROLE ${role}`);
    }
  });
});

/** Rows an index-only read of the absence key had to fetch from the table (0 when every page is all-visible). */
async function heapFetches(): Promise<number> {
  const client = await t.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL max_parallel_workers_per_gather = 0');
    const { rows } = await client.query<{ 'QUERY PLAN': { Plan: Record<string, unknown> }[] }>(
      'EXPLAIN (ANALYZE, FORMAT JSON) SELECT sum(absent_sessions) FROM pupil_absence');
    await client.query('ROLLBACK');
    const find = (plan: Record<string, unknown>): Record<string, unknown> | undefined =>
      plan['Node Type'] === 'Index Only Scan' ? plan
        : ((plan.Plans as Record<string, unknown>[] | undefined) ?? []).map(find).find(Boolean);
    const scan = find(rows[0]!['QUERY PLAN'][0]!.Plan);
    expect(scan, 'an index-only scan of the absence key').toBeDefined();
    return scan!['Heap Fetches'] as number;
  } finally {
    client.release();
  }
}

describe('a later extract merged into a loaded table', () => {
  it('is vacuumed after the commit, so the key covers the refresh without visiting the new rows', async () => {
    await t.pool.query('DELETE FROM pupil_absence');
    await t.pool.query('VACUUM pupil_absence');
    // An autovacuum worker visiting the table after the first load would keep the import's vacuum out (the
    // next test covers that warning): this test is about the import's own vacuum.
    await t.pool.query('ALTER TABLE pupil_absence SET (autovacuum_enabled = false)');
    const first = await importFiles(t.pool, [{ dataset: 'pupil_absence', path: await scratch.write('pupil_absence.csv', absenceFile(false)) }]);
    expect(first.ok).toBe(true);
    // The next term's extract: new keys for a table that has rows, so staged and merged.
    const nextTerm = ['pupil_id,district_code,phase,academic_year,term,possible_sessions,absent_sessions',
      ...Array.from({ length: 5000 }, (_, i) => `P${i},DAR,primary,2015,spring,100,${i % 7}`)].join('\n');
    const before = (await t.pool.query<{ now: Date }>('SELECT clock_timestamp() AS now')).rows[0]!.now;
    const second = await importFiles(t.pool, [{ dataset: 'pupil_absence', path: await scratch.write('pupil_absence.csv', `${nextTerm}\n`) }]);
    expect(second.ok && second.files[0]).toMatchObject({ rows: 5000, changed: 5000 });
    expect(second.ok && second.warnings).toEqual([]);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM pupil_absence')).rows[0].n).toBe(ROWS + 5000);
    // The import vacuumed the table (autovacuum is off for it here); the statistics reach other sessions with a
    // short delay, hence the poll.
    await expect.poll(async () => (await t.pool.query<{ after: boolean }>(
      `SELECT coalesce(last_vacuum > $1, false) AS after FROM pg_stat_user_tables WHERE relname = 'pupil_absence'`, [before])).rows[0]?.after,
    ).toBe(true);
    // So the new rows' pages are all-visible: the key answers without visiting them. VACUUM passes over a page
    // another backend has pinned at that instant (the checkpointer, under load), so not necessarily every one.
    expect(await heapFetches()).toBeLessThan(5000);
  });

  it('is loaded, with a warning, when another session holds a lock that keeps the vacuum out', async () => {
    const holder = await t.pool.connect();
    try {
      await holder.query('BEGIN');
      // Lets the import write (ROW EXCLUSIVE) but not the vacuum in.
      await holder.query('LOCK TABLE pupil_absence IN SHARE UPDATE EXCLUSIVE MODE');
      const nextTerm = ['pupil_id,district_code,phase,academic_year,term,possible_sessions,absent_sessions',
        ...Array.from({ length: 100 }, (_, i) => `P${i},DAR,primary,2015,summer,100,1`)].join('\n');
      const report = await importFiles(t.pool, [{ dataset: 'pupil_absence', path: await scratch.write('pupil_absence.csv', `${nextTerm}\n`) }]);
      expect(report.ok && report.files[0]).toMatchObject({ rows: 100, changed: 100 });
      expect(report.warnings).toEqual([expect.stringMatching(/pupil_absence.*lock not available.*next refreshes may be slower/)]);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM pupil_absence WHERE term = 'summer'`)).rows[0].n).toBe(100);
  });

  it("inserts the new rows in the order of the key's index, whose columns are not in the dataset's order", async () => {
    await t.pool.query(`INSERT INTO districts VALUES ('GRA', 'Gravesham', 'NORTH', 'North Kent') ON CONFLICT DO NOTHING`);
    // Each pupil moved: DAR in 2017, GRA in 2016. In the dataset's column order (district before year) DAR
    // comes first; in the key's (year before district) GRA does.
    const moved = ['pupil_id,district_code,phase,academic_year,term,possible_sessions,absent_sessions',
      ...Array.from({ length: 50 }, (_, i) => [`P${i},DAR,primary,2017,autumn,100,1`, `P${i},GRA,primary,2016,autumn,100,1`]).flat()];
    const report = await importFiles(t.pool, [{ dataset: 'pupil_absence', path: await scratch.write('pupil_absence.csv', `${moved.join('\n')}\n`) }]);
    expect(report.ok && report.files[0]).toMatchObject({ rows: 100, changed: 100 });
    const { rows } = await t.pool.query<{ row: string }>(
      `SELECT concat_ws(',', pupil_id, academic_year, district_code) AS row FROM pupil_absence WHERE academic_year >= 2016 ORDER BY ctid`);
    const written = rows.map((r) => r.row);
    const inKeyOrder = [...written].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));  // pupil_id, then year: the key's order
    expect(written.slice(0, 2)).toEqual(['P0,2016,GRA', 'P0,2017,DAR']);
    expect(written).toEqual(inKeyOrder);
  });
});

describe('a large file the stream check refuses but the SQL checks accept, into an empty table', () => {
  it('is loaded the staged way with its key rebuilt, and left all-visible', async () => {
    await t.pool.query('DELETE FROM pupil_absence');
    await t.pool.query('VACUUM pupil_absence');
    // 33 two-byte characters: within the 64 characters of an identifier, beyond the 64 bytes the stream allows.
    const file = absenceFile(false).replace('\nP5,', `\n${'é'.repeat(33)},`);
    const report = await importFiles(t.pool, [{ dataset: 'pupil_absence', path: await scratch.write('pupil_absence.csv', file) }]);
    expect(report.ok ? [] : report.problems).toEqual([]);
    expect(report.ok && report.files[0]).toMatchObject({ rows: ROWS, changed: ROWS });
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM pupil_absence WHERE pupil_id = repeat('é', 33)`)).rows[0].n).toBe(1);
    expect(await primaryKeyColumns()).toBe('PRIMARY KEY (pupil_id, academic_year, district_code, phase, term) INCLUDE (possible_sessions, absent_sessions)');
    expect(await heapFetches()).toBe(0);
  });
});
