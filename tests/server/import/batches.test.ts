// A batch is judged by the state it leaves (datasets.md): references, "must be registered" and what a full
// extract removes are checked once every file of the batch is in, not against the state before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../../api/src/db/kysely.js';
import { importDirectory, importFiles, type ImportFile } from '../../../api/src/import/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { writeExtract } from './extracts.js';
import { csv, onlyProblem, problemsOf, scratchFolder, snapshot, useStandInMeasureViews, type Scratch } from './helpers.js';

let scratch: Scratch;

beforeAll(async () => {
  scratch = await scratchFolder();
});
afterAll(async () => {
  await scratch.remove();
});

/** Every stored row but the import log (which records each import), each table's rows in one order. */
async function data(t: TestDatabase): Promise<Record<string, unknown[]>> {
  const { import_log: _log, ...tables } = await snapshot(t.pool);
  tables.report_months = (await t.pool.query('SELECT * FROM report_months')).rows;
  const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
  return Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, sorted(rows)]));
}

describe('a complete extract whose identifiers all changed', () => {
  let earlier: TestDatabase;
  let alone: TestDatabase;

  beforeAll(async () => {
    [earlier, alone] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([earlier.drop(), alone.drop()]);
  });

  it('loads as one batch of full extracts over the earlier one, and the figures equal those of the new extract loaded alone', async () => {
    // Seed B shares no identifier with seed A, not even an LSOA or a centre, and drops a district (TON) for another (SEV).
    const a = `${scratch.dir}/seed-a`;
    const b = `${scratch.dir}/seed-b`;
    await writeExtract(a, { seed: 'A', size: 400, districts: [['DAR', 'Dartford', 'NORTH', 'North Kent'], ['MAI', 'Maidstone', 'WEST', 'West Kent'], ['TON', 'Tonbridge', 'WEST', 'West Kent']] });
    const rows = await writeExtract(b, { seed: 'B', size: 400, districts: [['DAR', 'Dartford', 'NORTH', 'North Kent'], ['MAI', 'Maidstone', 'WEST', 'West Kent'], ['SEV', 'Sevenoaks', 'WEST', 'West Kent']] });

    // Both extracts taken on the same day: an import never moves a dataset's as-at date back by itself, so the
    // months served after the replacement would otherwise still reach the earlier extract's latest event.
    const asAt = '2018-08-31';
    const first = await importDirectory(earlier.pool, a, { asAt });
    expect(first.ok ? [] : first.problems).toEqual([]);
    const replaced = await importDirectory(earlier.pool, b, { replace: true, asAt });
    expect(replaced.ok ? [] : replaced.problems).toEqual([]);
    if (!replaced.ok) return;
    const removed = Object.fromEntries(replaced.files.map((f) => [f.dataset, f.removed]));
    expect(removed).toMatchObject({ districts: 1, cc_registrations: first.ok ? first.files.find((f) => f.dataset === 'cc_registrations')!.rows : -1 });
    const loadedAlone = await importDirectory(alone.pool, b, { asAt });
    expect(loadedAlone.ok).toBe(true);

    const [after, expected] = await Promise.all([data(earlier), data(alone)]);
    expect(after.cc_attendances).toHaveLength(rows.cc_attendances!);
    expect(after.indicator_results!.length).toBeGreaterThan(0);
    expect(after).toEqual(expected);
  });
});

describe('what a full extract removes', () => {
  let t: TestDatabase;
  const REGISTRATIONS = 'child_id,child_dob,lsoa_code,centre_id,registered_on';
  const ATTENDANCES = 'attendance_id,child_id,centre_id,attended_on';
  const CENTRES = 'centre_id,centre_name,district_code';
  let before: Record<string, unknown[]>;

  const file = async (dataset: string, text: string): Promise<ImportFile> => ({ dataset, path: await scratch.write(`${dataset}.csv`, text) });

  beforeAll(async () => {
    t = await createTestDatabase();
    await useStandInMeasureViews(t.pool);
    // Three registered children: K1 attended twice, K2 once, K3 (registered at CC2) never; CC2 inspected once.
    const report = await importFiles(t.pool, [
      await file('districts', csv('district_code,district_name,area_code,area_name', 'DAR,Dartford,NORTH,North Kent')),
      await file('lsoas', csv('lsoa_code,district_code,imd_decile', 'E01000001,DAR,3')),
      await file('childrens_centres', csv(CENTRES, 'CC1,Temple Hill,DAR', 'CC2,Swanscombe,DAR')),
      await file('cc_registrations', csv(REGISTRATIONS,
        'K1,2014-05-01,E01000001,CC1,2014-06-01', 'K2,2014-05-01,E01000001,CC1,2014-06-01', 'K3,2014-05-01,E01000001,CC2,2014-06-01')),
      await file('cc_attendances', csv(ATTENDANCES, 'T1,K1,CC1,2015-01-05', 'T2,K1,CC2,2015-01-06', 'T3,K2,CC1,2015-01-07')),
      await file('cc_inspections', csv('centre_id,inspected_on,judgement', 'CC2,2015-03-01,good')),
    ]);
    expect(report.ok ? [] : report.problems).toEqual([]);
    before = await snapshot(t.pool);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('refuses to leave stored rows referring to a removed code: the removing file, the column, the value, who still refers to it and how many rows', async () => {
    // K2 has one attendance, which is not in the batch; K3 has none and may go.
    const registrations = await file('cc_registrations', csv(REGISTRATIONS, 'K1,2014-05-01,E01000001,CC1,2014-06-01'));
    for (const dryRun of [false, true]) {
      const problem = onlyProblem(await importFiles(t.pool, [registrations], { replace: true, dryRun }));
      expect(problem).toEqual({
        file: registrations.path, line: null, column: 'child_id', value: 'K2',
        rule: 'the full extract (replace) would remove a row that cc_attendances (1 row) still refers to: load the full extract of cc_attendances in the same batch, or keep the row',
      });
      expect(await snapshot(t.pool)).toEqual(before);
    }
  });

  it('names every dataset that still refers to a removed code, with its count of rows', async () => {
    const centres = await file('childrens_centres', csv(CENTRES, 'CC1,Temple Hill,DAR'));
    const problem = onlyProblem(await importFiles(t.pool, [centres], { replace: true }));
    expect(problem).toMatchObject({ file: centres.path, line: null, column: 'centre_id', value: 'CC2' });
    expect(problem.rule).toMatch(/^the full extract \(replace\) would remove a row that each of cc_attendances \(1 row\), cc_inspections \(1 row\) and cc_registrations \(1 row\) still refers to/);
    expect(await snapshot(t.pool)).toEqual(before);
  });

  it("refuses a row of the batch that refers to a code the batch's own full extract removes, on that row's line", async () => {
    const batch = [
      await file('cc_registrations', csv(REGISTRATIONS, 'K1,2014-05-01,E01000001,CC1,2014-06-01', 'K2,2014-05-01,E01000001,CC1,2014-06-01')),
      await file('cc_attendances', csv(ATTENDANCES, 'T1,K1,CC1,2015-01-05', 'T3,K2,CC1,2015-01-07', 'T4,K3,CC1,2015-02-01')),
    ];
    for (const dryRun of [false, true]) {
      const problem = onlyProblem(await importFiles(t.pool, batch, { replace: true, dryRun }));
      expect(problem).toEqual({ file: batch[1]!.path, line: 4, column: 'child_id', value: 'K3', rule: 'unknown child_id: not in cc_registrations (the child is not registered)' });
      expect(await snapshot(t.pool)).toEqual(before);
    }
  });

  it('loads a batch that removes codes together with every row referring to them, checking it on a dry run first', async () => {
    const batch = [
      await file('childrens_centres', csv(CENTRES, 'CC1,Temple Hill,DAR', 'CC3,Northfleet,DAR')),
      await file('cc_registrations', csv(REGISTRATIONS, 'K1,2014-05-01,E01000001,CC1,2014-06-01', 'K4,2014-05-01,E01000001,CC3,2014-06-01')),
      await file('cc_attendances', csv(ATTENDANCES, 'T1,K1,CC1,2015-01-05', 'T5,K4,CC3,2015-01-08')),
      await file('cc_inspections', csv('centre_id,inspected_on,judgement', 'CC3,2015-03-01,outstanding')),
    ];
    const dry = await importFiles(t.pool, batch, { replace: true, dryRun: true });
    expect(dry.ok ? dry.files.map((f) => [f.dataset, f.removed]) : dry.problems)
      .toEqual([['childrens_centres', 1], ['cc_registrations', 2], ['cc_attendances', 2], ['cc_inspections', 1]]);
    expect(await snapshot(t.pool)).toEqual(before);

    const report = await importFiles(t.pool, batch, { replace: true });
    expect(report.ok ? [] : report.problems).toEqual([]);
    expect((await t.pool.query('SELECT attendance_id, child_id, centre_id FROM cc_attendances ORDER BY 1')).rows)
      .toEqual([{ attendance_id: 'T1', child_id: 'K1', centre_id: 'CC1' }, { attendance_id: 'T5', child_id: 'K4', centre_id: 'CC3' }]);
    expect((await t.pool.query('SELECT centre_id FROM childrens_centres ORDER BY 1')).rows.map((r) => r.centre_id)).toEqual(['CC1', 'CC3']);
    // Nothing of the batch's working tables is left in the session.
    expect((await t.pool.query("SELECT count(*)::int AS n FROM pg_class WHERE relpersistence = 't'")).rows[0].n).toBe(0);
  });

  it('does the same for a database user who may not skip the reference triggers: they are deferred to the end of the batch', async () => {
    const role = `owner_${Math.random().toString(36).slice(2, 10)}`;
    await t.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD 'owner'`);
    await t.pool.query(`GRANT USAGE, CREATE ON SCHEMA ehps TO ${role}`);
    await t.pool.query(`DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm') LOOP
        EXECUTE format('ALTER %s %I OWNER TO ${role}',
          CASE r.relkind WHEN 'r' THEN 'TABLE' WHEN 'v' THEN 'VIEW' ELSE 'MATERIALIZED VIEW' END, r.relname);
      END LOOP; END $$`);
    const url = new URL(t.url);
    url.username = role;
    url.password = 'owner';
    const pool = createPool(url.toString());
    try {
      const stored = await snapshot(t.pool);
      const registrations = await file('cc_registrations', csv(REGISTRATIONS, 'K4,2014-05-01,E01000001,CC3,2014-06-01'));
      const refused = onlyProblem(await importFiles(pool, [registrations], { replace: true }));
      expect(refused).toMatchObject({ file: registrations.path, column: 'child_id', value: 'K1', rule: expect.stringMatching(/cc_attendances \(1 row\)/) });
      expect(await snapshot(t.pool)).toEqual(stored);

      // Every child new: the registrations and attendances replaced together.
      const report = await importFiles(pool, [
        await file('cc_registrations', csv(REGISTRATIONS, 'K7,2014-05-01,E01000001,CC3,2014-06-01')),
        await file('cc_attendances', csv(ATTENDANCES, 'T7,K7,CC3,2015-01-08')),
      ], { replace: true });
      expect(report.ok ? [] : problemsOf(report)).toEqual([]);
      expect((await t.pool.query('SELECT child_id FROM cc_attendances')).rows).toEqual([{ child_id: 'K7' }]);
    } finally {
      await pool.end();
      await t.pool.query(`REASSIGN OWNED BY ${role} TO CURRENT_USER`);
      await t.pool.query(`DROP OWNED BY ${role}`);
      await t.pool.query(`DROP ROLE ${role}`);
    }
  });
});
