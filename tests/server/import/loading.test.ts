// How valid files load: merged by key in one transaction, idempotent, optionally a full extract, never
// half a batch, and the indicators recomputed before the import returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDirectory, importFiles, type ImportProgress } from '../../../api/src/import/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { csv, onlyProblem, scratchFolder, snapshot, useStandInMeasureViews, type Scratch } from './helpers.js';

let t: TestDatabase;
let scratch: Scratch;

const DISTRICTS = csv('district_code,district_name,area_code,area_name', 'DAR,Dartford,NORTH,North Kent', 'MAI,Maidstone,WEST,West Kent');
const REFERRALS_HEADER = 'referral_id,child_id,district_code,referred_on';

beforeAll(async () => {
  t = await createTestDatabase();
  scratch = await scratchFolder();
  await useStandInMeasureViews(t.pool);
});
afterAll(async () => {
  await scratch.remove();
  await t.drop();
});

async function referrals(): Promise<unknown[]> {
  return (await t.pool.query('SELECT referral_id, child_id, district_code, referred_on FROM scs_referrals ORDER BY referral_id')).rows;
}

describe('loading', () => {
  it('loads a folder as one batch, reference data first, and recomputes the indicators before returning', async () => {
    const dir = await scratchFolder();
    // The records refer to districts defined only in the same batch.
    await dir.write('scs_referrals.csv', csv(REFERRALS_HEADER, 'R1,K1,DAR,2015-01-10', 'R2,K2,MAI,2015-03-20'));
    await dir.write('districts.csv', DISTRICTS);
    await dir.write('notes.txt', 'not data');
    await dir.write('Districts_old.csv', 'x');
    const progress: ImportProgress[] = [];
    const report = await importDirectory(t.pool, dir.dir, { onProgress: (p) => progress.push(p) });
    await dir.remove();

    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.files.map((f) => [f.dataset, f.rows, f.changed, f.removed])).toEqual([['districts', 2, 2, 0], ['scs_referrals', 2, 2, 0]]);
    expect(report.warnings).toHaveLength(2);
    expect(report.warnings.join('\n')).toMatch(/Districts_old\.csv skipped: not a dataset file/);
    expect(report.warnings.join('\n')).toMatch(/notes\.txt skipped/);
    expect(progress.at(-1)).toMatchObject({ dataset: 'scs_referrals', rows: 2 });
    expect(progress.at(-1)!.bytesRead).toBe(progress.at(-1)!.bytesTotal);

    expect(await referrals()).toEqual([
      { referral_id: 'R1', child_id: 'K1', district_code: 'DAR', referred_on: '2015-01-10' },
      { referral_id: 'R2', child_id: 'K2', district_code: 'MAI', referred_on: '2015-03-20' },
    ]);
    // The refresh ran in the import: months January to March 2015, every measure × month × district.
    const months = (await t.pool.query('SELECT month FROM report_months ORDER BY month')).rows.map((r) => r.month);
    expect(months).toEqual(['2015-01-01', '2015-02-01', '2015-03-01']);
    const { rows: [results] } = await t.pool.query('SELECT count(*)::int AS n, count(DISTINCT indicator_code)::int AS codes FROM indicator_results');
    expect(results.n).toBe(results.codes * 3 * 2);
    const log = (await t.pool.query('SELECT dataset, rows_in_file, replaced FROM import_log ORDER BY id')).rows;
    expect(log).toEqual([
      { dataset: 'districts', rows_in_file: 2, replaced: false },
      { dataset: 'scs_referrals', rows_in_file: 2, replaced: false },
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = await scratch.write('scs_referrals.csv', csv(REFERRALS_HEADER, 'R1,K1,DAR,2015-01-10', 'R2,K2,MAI,2015-03-20'));
    const before = await snapshot(t.pool);
    const tuple = (await t.pool.query("SELECT xmin::text FROM scs_referrals WHERE referral_id = 'R1'")).rows[0].xmin;
    const report = await importFiles(t.pool, [{ dataset: 'scs_referrals', path: file }]);
    expect(report.ok && report.files[0]!.changed).toBe(0);
    const after = await snapshot(t.pool);
    expect({ ...after, import_log: [] }).toEqual({ ...before, import_log: [] });
    // Not even rewritten: the row is the same version.
    expect((await t.pool.query("SELECT xmin::text FROM scs_referrals WHERE referral_id = 'R1'")).rows[0].xmin).toBe(tuple);
  });

  it('replaces a stored row by key and adds new keys, keeping rows the file does not mention', async () => {
    const file = await scratch.write('scs_referrals.csv', csv(REFERRALS_HEADER, 'R2,K2,DAR,2015-03-21', 'R3,K3,MAI,2015-04-01'));
    const report = await importFiles(t.pool, [{ dataset: 'scs_referrals', path: file }]);
    expect(report.ok && report.files[0]).toMatchObject({ rows: 2, changed: 2, removed: 0 });
    expect(await referrals()).toEqual([
      { referral_id: 'R1', child_id: 'K1', district_code: 'DAR', referred_on: '2015-01-10' },
      { referral_id: 'R2', child_id: 'K2', district_code: 'DAR', referred_on: '2015-03-21' },
      { referral_id: 'R3', child_id: 'K3', district_code: 'MAI', referred_on: '2015-04-01' },
    ]);
  });

  it('with replace, treats the file as the full extract and removes rows absent from it', async () => {
    const file = await scratch.write('scs_referrals.csv', csv(REFERRALS_HEADER, 'R3,K3,MAI,2015-04-01', 'R4,K4,MAI,2015-05-01'));
    const report = await importFiles(t.pool, [{ dataset: 'scs_referrals', path: file }], { replace: true });
    expect(report.ok && report.files[0]).toMatchObject({ rows: 2, changed: 1, removed: 2 });
    expect((await referrals()).map((r) => (r as { referral_id: string }).referral_id)).toEqual(['R3', 'R4']);
    const log = (await t.pool.query('SELECT replaced FROM import_log ORDER BY id DESC LIMIT 1')).rows[0];
    expect(log.replaced).toBe(true);
    // The months now run from April to May 2015.
    expect((await t.pool.query('SELECT min(month) AS first, max(month) AS last FROM report_months')).rows[0])
      .toEqual({ first: '2015-04-01', last: '2015-05-01' });
  });

  it('with dry run, checks and counts but writes nothing', async () => {
    const file = await scratch.write('scs_referrals.csv', csv(REFERRALS_HEADER, 'R9,K9,DAR,2016-01-01'));
    const before = await snapshot(t.pool);
    const report = await importFiles(t.pool, [{ dataset: 'scs_referrals', path: file }], { dryRun: true, replace: true });
    expect(report.ok && report.dryRun).toBe(true);
    expect(report.ok && report.files[0]).toMatchObject({ rows: 1, changed: 1, removed: 2 });
    expect(await snapshot(t.pool)).toEqual(before);
  });

  it('loads nothing from a batch in which one file is bad, and reports only that file', async () => {
    const before = await snapshot(t.pool);
    const report = await importFiles(t.pool, [
      // A new district with a bad row beside it: the records using the good one are not reported.
      { dataset: 'districts', path: await scratch.write('districts.csv', csv('district_code,district_name,area_code,area_name',
        'SEV,Sevenoaks,WEST,West Kent', 'TON,,WEST,West Kent')) },
      { dataset: 'scs_referrals', path: await scratch.write('scs_referrals.csv', csv(REFERRALS_HEADER, 'R5,K5,SEV,2015-06-01')) },
    ]);
    const problem = onlyProblem(report);
    expect(problem).toMatchObject({ line: 3, column: 'district_name', value: null, rule: 'must not be empty' });
    expect(problem.file).toMatch(/districts\.csv$/);
    expect(await snapshot(t.pool)).toEqual(before);
  });

  it('stores a month as its first day, and a fraction of ete_hours exactly', async () => {
    const report = await importFiles(t.pool, [
      { dataset: 'neet_activity', path: await scratch.write('neet_activity.csv', csv('young_person_id,month,district_code,academic_age,activity', 'Y1,2015-06,DAR,17,neet')) },
      { dataset: 'yj_closures', path: await scratch.write('yj_closures.csv', csv('closure_id,young_person_id,district_code,closed_on,statutory_school_age,ete_hours', 'X1,Y1,DAR,2015-06-30,true,12.25')) },
    ]);
    expect(report.ok).toBe(true);
    expect((await t.pool.query('SELECT month, academic_age FROM neet_activity')).rows).toEqual([{ month: '2015-06-01', academic_age: 17 }]);
    expect((await t.pool.query('SELECT ete_hours::text AS hours, statutory_school_age FROM yj_closures')).rows).toEqual([{ hours: '12.25', statutory_school_age: true }]);
  });

  it('reports an unknown dataset, a missing file and a folder without dataset files', async () => {
    let report = await importFiles(t.pool, [{ dataset: 'pupils', path: 'x.csv' }]);
    expect(onlyProblem(report).rule).toMatch(/unknown dataset "pupils"/);
    report = await importFiles(t.pool, [{ dataset: 'districts', path: `${scratch.dir}/nowhere.csv` }]);
    expect(onlyProblem(report)).toMatchObject({ line: null, rule: 'file not found or not readable' });
    const empty = await scratchFolder();
    await empty.write('readme.md', '#');
    report = await importDirectory(t.pool, empty.dir);
    await empty.remove();
    expect(onlyProblem(report).rule).toMatch(/no dataset files in the folder/);
    expect(report.warnings).toHaveLength(1);
  });
});

describe("districts and the targets that name their areas", () => {
  const TARGETS_HEADER = 'indicator_code,year,geography_code,target,floor,floor_assumed';

  it('refuses districts that would leave a target without its area, and loads the move with its targets', async () => {
    expect((await importFiles(t.pool, [
      { dataset: 'districts', path: await scratch.write('districts.csv', DISTRICTS) },
      { dataset: 'targets', path: await scratch.write('targets.csv', csv(TARGETS_HEADER, 'neet_16_18_pct,2016,WEST,4.5,5,true')) },
    ])).ok).toBe(true);
    const before = await snapshot(t.pool);

    // Maidstone, the only district of WEST, moves to a new area SOUTH: the WEST target would name nothing.
    const moved = csv('district_code,district_name,area_code,area_name', 'DAR,Dartford,NORTH,North Kent', 'MAI,Maidstone,SOUTH,South Kent');
    const refused = await importFiles(t.pool, [{ dataset: 'districts', path: await scratch.write('districts.csv', moved) }]);
    const problem = onlyProblem(refused);
    expect(problem).toMatchObject({ line: null, column: 'geography_code', value: 'WEST', rule: 'cannot change a row that targets still refers to' });
    expect(problem.file).toMatch(/districts\.csv$/);
    expect(await snapshot(t.pool)).toEqual(before);

    // The same move with the area's targets as a full extract, in one batch: loaded.
    const batch = await importFiles(t.pool, [
      { dataset: 'targets', path: await scratch.write('targets.csv', csv(TARGETS_HEADER, 'neet_16_18_pct,2016,SOUTH,4.5,5,true')) },
      { dataset: 'districts', path: await scratch.write('districts.csv', moved) },
    ], { replace: true });
    expect(batch.ok ? [] : batch.problems).toEqual([]);
    expect((await t.pool.query('SELECT geography_code FROM targets')).rows).toEqual([{ geography_code: 'SOUTH' }]);
  });
});
