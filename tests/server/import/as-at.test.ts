// As-at dates on import (datasets.md): given (--as-at, or as-at.txt in the folder) or worked out (the
// batch's latest event date), never moved back without an explicit date; records dated after it refused
// with file, line, column, value and rule; malformed or future dates refused; the last import recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importDirectory, importFiles, type ImportReport } from '../../../api/src/import/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { csv, onlyProblem, problemsOf, scratchFolder, snapshot, useStandInMeasureViews, type Scratch } from './helpers.js';

let t: TestDatabase;
let scratch: Scratch;

const DISTRICTS = csv('district_code,district_name,area_code,area_name', 'DAR,Dartford,NORTH,North');
const REFERRALS = 'referral_id,child_id,district_code,referred_on';
const EXCLUSIONS = 'exclusion_id,pupil_id,district_code,phase,type,start_on';
const NEET = 'young_person_id,month,district_code,academic_age,activity';

beforeAll(async () => {
  t = await createTestDatabase();
  await useStandInMeasureViews(t.pool);
});
afterAll(async () => {
  await scratch?.remove();
  await t.drop();
});
beforeEach(async () => {
  await scratch?.remove();
  scratch = await scratchFolder();
});

async function coverage(dataset: string) {
  const { rows } = await t.pool.query(
    `SELECT to_char(as_at, 'YYYY-MM-DD') AS as_at, to_char(covered_from, 'YYYY-MM') AS covered_from,
            to_char(covered_to, 'YYYY-MM') AS covered_to, row_count::int AS rows, last_imported_by
     FROM dataset_coverage WHERE dataset = $1`, [dataset]);
  return rows[0];
}

function expectLoaded(report: ImportReport): void {
  expect(report.ok, JSON.stringify(report)).toBe(true);
}

describe('as-at dates', () => {
  it('takes the latest event date of the whole batch when none is given, and records who imported', async () => {
    await scratch.write('districts.csv', DISTRICTS);
    await scratch.write('scs_referrals.csv', csv(REFERRALS, 'R1,K1,DAR,2015-01-10', 'R2,K2,DAR,2015-03-20'));
    // A month counts as its first day: neither more nor less than its rows.
    await scratch.write('neet_activity.csv', csv(NEET, 'Y1,2015-02,DAR,16,eet'));
    await scratch.write('exclusions.csv', csv(EXCLUSIONS, 'X1,P1,DAR,primary,fixed,2015-04-02'));
    const report = await importDirectory(t.pool, scratch.dir, { importedBy: 'cli:analyst' });
    expectLoaded(report);
    // 2 April 2015 for every record dataset of the batch: one extract is taken at one time.
    expect(await coverage('scs_referrals')).toEqual({ as_at: '2015-04-02', covered_from: '2015-01', covered_to: '2015-03', rows: 2, last_imported_by: 'cli:analyst' });
    expect(await coverage('neet_activity')).toMatchObject({ as_at: '2015-04-02', covered_from: '2015-02', covered_to: '2015-03', rows: 1 });
    expect(await coverage('exclusions')).toMatchObject({ as_at: '2015-04-02', covered_from: '2015-04', covered_to: '2015-03', rows: 1 });
    // Reference data has no as-at, only its last import.
    expect(await coverage('districts')).toMatchObject({ as_at: null, rows: 1, last_imported_by: 'cli:analyst' });
  });

  it('works out the as-at of month-dated rows as the end of their latest month, so the month just loaded is covered', async () => {
    const places = await scratch.write('ff2_places.csv', csv('child_id,snapshot_month,district_code,taking_up',
      'C1,2016-04,DAR,true', 'C1,2016-05,DAR,false'));
    expectLoaded(await importFiles(t.pool, [{ dataset: 'ff2_places', path: places }]));
    expect(await coverage('ff2_places')).toMatchObject({ as_at: '2016-05-31', covered_from: '2016-04', covered_to: '2016-05' });
  });

  it('never moves an as-at back without an explicit date (a late correction file), but moves it forward', async () => {
    const early = await scratch.write('scs_referrals.csv', csv(REFERRALS, 'R1,K1,DAR,2015-01-11'));
    expectLoaded(await importFiles(t.pool, [{ dataset: 'scs_referrals', path: early }]));
    expect((await coverage('scs_referrals')).as_at).toBe('2015-04-02');
    const later = await scratch.write('scs_referrals.csv', csv(REFERRALS, 'R3,K3,DAR,2015-06-30'));
    expectLoaded(await importFiles(t.pool, [{ dataset: 'scs_referrals', path: later }]));
    expect(await coverage('scs_referrals')).toMatchObject({ as_at: '2015-06-30', covered_to: '2015-06' });
  });

  it('takes an explicit --as-at, which may move the date back, and as-at.txt in a folder without a warning', async () => {
    const file = await scratch.write('scs_referrals.csv', csv(REFERRALS, 'R1,K1,DAR,2015-01-11'));
    // R3 of 30 June is stored: only a date on or after it can be given for the dataset.
    expectLoaded(await importFiles(t.pool, [{ dataset: 'scs_referrals', path: file }], { asAt: '2015-07-08' }));
    expect(await coverage('scs_referrals')).toMatchObject({ as_at: '2015-07-08', covered_to: '2015-06' });

    await scratch.write('as-at.txt', '2015-08-31\n');
    const report = await importDirectory(t.pool, scratch.dir);
    expectLoaded(report);
    expect(report.warnings).toEqual([]);
    expect(await coverage('scs_referrals')).toMatchObject({ as_at: '2015-08-31', covered_to: '2015-08' });
    // --as-at overrides the folder's file.
    expectLoaded(await importDirectory(t.pool, scratch.dir, { asAt: '2015-07-31' }));
    expect(await coverage('scs_referrals')).toMatchObject({ as_at: '2015-07-31', covered_to: '2015-07' });
  });

  it('refuses records dated after the as-at date, by file, line, column and value, and changes nothing', async () => {
    const before = await snapshot(t.pool);
    const coverageBefore = (await t.pool.query('SELECT * FROM dataset_coverage ORDER BY dataset')).rows;
    const file = await scratch.write('exclusions.csv', csv(EXCLUSIONS,
      'X1,P1,DAR,primary,fixed,2015-04-02',
      'X2,P2,DAR,primary,fixed,2015-08-01',
      'X3,P3,DAR,secondary,permanent,2015-07-31'));
    const report = await importFiles(t.pool, [{ dataset: 'exclusions', path: file }], { asAt: '2015-07-31' });
    expect(onlyProblem(report)).toEqual({
      file, line: 3, column: 'start_on', value: '2015-08-01',
      rule: 'dated after the as-at date 2015-07-31: the extract cannot hold a record from after it was taken',
    });
    expect(await snapshot(t.pool)).toEqual(before);
    expect((await t.pool.query('SELECT * FROM dataset_coverage ORDER BY dataset')).rows).toEqual(coverageBefore);
    // A dry run finds it too.
    expect(onlyProblem(await importFiles(t.pool, [{ dataset: 'exclusions', path: file }], { asAt: '2015-07-31', dryRun: true })))
      .toMatchObject({ line: 3, value: '2015-08-01' });
  });

  it('dates a month by its first day and an absence term by the month it counts from', async () => {
    const neet = await scratch.write('neet_activity.csv', csv(NEET, 'Y1,2015-02,DAR,16,eet', 'Y2,2015-09,DAR,17,neet'));
    expect(onlyProblem(await importFiles(t.pool, [{ dataset: 'neet_activity', path: neet }], { asAt: '2015-08-31' })))
      .toMatchObject({ file: neet, line: 3, column: 'month', value: '2015-09' });
    // A month's rows may be in an extract taken during that month.
    expectLoaded(await importFiles(t.pool, [{ dataset: 'neet_activity', path: neet }], { asAt: '2015-09-01' }));

    const absence = await scratch.write('pupil_absence.csv', csv(
      'pupil_id,district_code,phase,academic_year,term,possible_sessions,absent_sessions',
      'U1,DAR,primary,2015,autumn,100,10', 'U1,DAR,primary,2015,spring,100,10', 'U1,DAR,primary,2015,summer,100,10'));
    // The summer term counts from 1 July.
    expect(onlyProblem(await importFiles(t.pool, [{ dataset: 'pupil_absence', path: absence }], { asAt: '2015-06-30' })))
      .toMatchObject({ file: absence, line: 4, column: 'term', value: 'summer' });
  });

  it('refuses a record already stored that is dated after a new explicit as-at, by its key', async () => {
    // R3 (30 June 2015) is stored; this file does not have it.
    const file = await scratch.write('scs_referrals.csv', csv(REFERRALS, 'R1,K1,DAR,2015-01-11'));
    const problem = onlyProblem(await importFiles(t.pool, [{ dataset: 'scs_referrals', path: file }], { asAt: '2015-05-31' }));
    expect(problem).toMatchObject({ file: 'scs_referrals', line: null, column: 'referral_id', value: 'R3' });
    expect(problem.rule).toMatch(/already loaded is dated after the as-at date 2015-05-31/);
    // As a full extract, R3 goes and the date may move back.
    expectLoaded(await importFiles(t.pool, [{ dataset: 'scs_referrals', path: file }], { asAt: '2015-05-31', replace: true }));
    expect(await coverage('scs_referrals')).toMatchObject({ as_at: '2015-05-31', rows: 1 });
  });

  it('refuses a malformed or future as-at date, from the option or as-at.txt, naming where it came from', async () => {
    const before = await snapshot(t.pool);
    const file = await scratch.write('scs_referrals.csv', csv(REFERRALS, 'R9,K9,DAR,2015-01-11'));
    const rejected = async (asAt: string) => onlyProblem(await importFiles(t.pool, [{ dataset: 'scs_referrals', path: file }], { asAt }));
    expect(await rejected('2015-13-01')).toEqual({ file: '--as-at', line: null, column: null, value: '2015-13-01', rule: 'the as-at date must be a date that exists on the calendar' });
    expect(await rejected('31/08/2018')).toMatchObject({ file: '--as-at', value: '31/08/2018', rule: 'the as-at date must be a date as YYYY-MM-DD' });
    expect((await rejected('2999-01-01')).rule).toMatch(/^the as-at date is in the future \(today is \d{4}-\d{2}-\d{2}\)/);

    const asAtFile = await scratch.write('as-at.txt', '2015-02-30\n');
    expect(onlyProblem(await importDirectory(t.pool, scratch.dir))).toEqual({
      file: asAtFile, line: 1, column: null, value: '2015-02-30', rule: 'the as-at date must be a date that exists on the calendar' });
    await scratch.write('as-at.txt', '2015-08-31\nand some notes\n');
    expect(onlyProblem(await importDirectory(t.pool, scratch.dir))).toMatchObject({ file: asAtFile, line: 2, value: 'and some notes' });
    expect(await snapshot(t.pool)).toEqual(before);
  });
});

describe('records in the future', () => {
  it('refuses a record dated after today when no as-at is given, rather than serving months up to it', async () => {
    const before = await snapshot(t.pool);
    const file = await scratch.write('tf_claims.csv', csv('family_id,phase,district_code,claimed_on', 'F1,2,DAR,2015-05-01', 'F2,2,DAR,2105-05-01'));
    const problem = onlyProblem(await importFiles(t.pool, [{ dataset: 'tf_claims', path: file }]));
    expect(problem).toMatchObject({ file, line: 3, column: 'claimed_on', value: '2105-05-01' });
    expect(problem.rule).toMatch(/^dated in the future \(today is \d{4}-\d{2}-\d{2}\)/);
    expect(await snapshot(t.pool)).toEqual(before);
  });
});

describe('problems list', () => {
  it('lists every record after the as-at date in line order', async () => {
    const file = await scratch.write('yj_closures.csv', csv('closure_id,young_person_id,district_code,closed_on,statutory_school_age,ete_hours',
      'C1,Y1,DAR,2016-01-01,true,25', 'C2,Y2,DAR,2015-01-01,true,25', 'C3,Y3,DAR,2016-02-01,false,16'));
    const problems = problemsOf(await importFiles(t.pool, [{ dataset: 'yj_closures', path: file }], { asAt: '2015-12-31' }));
    expect(problems.map((p) => [p.line, p.value])).toEqual([[2, '2016-01-01'], [4, '2016-02-01']]);
  });
});
