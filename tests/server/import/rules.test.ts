// Every rule of the dataset contract (../shared/spec/datasets.md): a file breaking it is rejected with a
// problem naming the right line, column, value and rule, and the database is left exactly as it was.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatProblems, importFiles, type ImportProblem, type ImportReport } from '../../../api/src/import/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { csv, useStandInMeasureViews, onlyProblem, problemsOf, scratchFolder, snapshot, type Scratch } from './helpers.js';

let t: TestDatabase;
let scratch: Scratch;
let before: Record<string, unknown[]>;

const EH_HEADER = 'case_id,child_id,district_code,notified_on,assessed_on,plan_on,closed_on,closure_reason';

beforeAll(async () => {
  t = await createTestDatabase();
  scratch = await scratchFolder();
  await useStandInMeasureViews(t.pool);
  // Reference data every test can refer to: two districts in two areas, one LSOA, one centre, one child.
  const report = await importFiles(t.pool, [
    { dataset: 'districts', path: await scratch.write('districts.csv', csv('district_code,district_name,area_code,area_name',
      'DAR,Dartford,NORTH,North Kent', 'MAI,Maidstone,WEST,West Kent')) },
    { dataset: 'lsoas', path: await scratch.write('lsoas.csv', csv('lsoa_code,district_code,imd_decile', 'E01000001,DAR,3')) },
    { dataset: 'childrens_centres', path: await scratch.write('childrens_centres.csv', csv('centre_id,centre_name,district_code', 'CC1,Temple Hill,DAR')) },
    { dataset: 'cc_registrations', path: await scratch.write('cc_registrations.csv', csv('child_id,child_dob,lsoa_code,centre_id,registered_on',
      'K1,2014-05-01,E01000001,CC1,2014-06-01')) },
    { dataset: 'early_help_cases', path: await scratch.write('early_help_cases.csv', csv(EH_HEADER, 'C0,K0,DAR,2015-01-05,,,,')) },
  ]);
  expect(report.ok).toBe(true);
});
afterAll(async () => {
  await scratch.remove();
  await t.drop();
});
beforeEach(async () => {
  before = await snapshot(t.pool);
});

/** Imports one file and checks that the database did not change. */
async function rejected(dataset: string, text: string | Buffer): Promise<ImportReport> {
  const file = await scratch.write(`${dataset}.csv`, text);
  const report = await importFiles(t.pool, [{ dataset, path: file }]);
  expect(report.ok).toBe(false);
  expect(await snapshot(t.pool)).toEqual(before);
  return report;
}

function expectProblem(problem: ImportProblem, line: number | null, column: string | null, value: string | null, rule: RegExp) {
  expect({ line: problem.line, column: problem.column, value: problem.value }).toEqual({ line, column, value });
  expect(problem.rule).toMatch(rule);
  expect(problem.file).toMatch(/\.csv$/);
}

describe('file rules', () => {
  it('rejects a header whose names are not exactly lower case, and names the expected column', async () => {
    const report = await rejected('scs_referrals', csv('Referral_ID,child_id,district_code,referred_on', 'R1,K1,DAR,2015-01-01'));
    const problems = problemsOf(report);
    expectProblem(problems[0]!, 1, 'Referral_ID', 'Referral_ID', /lower case: expected referral_id/);
    expectProblem(problems[1]!, 1, 'referral_id', null, /missing column/);
  });

  it('rejects an unknown column', async () => {
    const report = await rejected('scs_referrals', csv('referral_id,child_id,district_code,referred_on,notes', 'R1,K1,DAR,2015-01-01,x'));
    expectProblem(onlyProblem(report), 1, 'notes', 'notes', /unknown column/);
  });

  it('rejects a missing column', async () => {
    const report = await rejected('scs_referrals', csv('referral_id,child_id,referred_on', 'R1,K1,2015-01-01'));
    expectProblem(onlyProblem(report), 1, 'district_code', null, /missing column/);
  });

  it('rejects an empty file', async () => {
    const report = await rejected('scs_referrals', '');
    expectProblem(onlyProblem(report), 1, null, null, /empty.*header/);
  });

  it('accepts a byte-order mark, columns in any order and CRLF line ends', async () => {
    const file = await scratch.write('youth_contacts.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('contacted_on,young_person_id,contact_id\r\n2015-03-02,Y1,YC1\r\n')]));
    const report = await importFiles(t.pool, [{ dataset: 'youth_contacts', path: file }]);
    expect(report.ok).toBe(true);
    const { rows } = await t.pool.query('SELECT contact_id, young_person_id, contacted_on FROM youth_contacts');
    expect(rows).toEqual([{ contact_id: 'YC1', young_person_id: 'Y1', contacted_on: '2015-03-02' }]);
  });

  it('counts physical lines across quoted fields with commas, quotes and line breaks', async () => {
    const report = await rejected('childrens_centres', csv(
      'centre_id,centre_name,district_code',
      'CC2,"Sure Start, Dartford",DAR', //          line 2
      'CC3,"The ""Oaks""\nChildren\'s Centre",DAR', // lines 3-4
      'CC4,"Two\nline\nbreaks",MAI', //              lines 5-7
      'CC5,Bad district,XXX', //                     line 8
    ));
    expectProblem(onlyProblem(report), 8, 'district_code', 'XXX', /unknown district_code/);
  });

  it('rejects a line with more or fewer fields than the header, naming its physical line', async () => {
    let report = await rejected('scs_referrals', csv('referral_id,child_id,district_code,referred_on', 'R1,"K\n1",DAR,2015-01-01', 'R2,K2,DAR,2015-01-01,extra'));
    expectProblem(onlyProblem(report), 4, null, null, /more fields than the header/);
    // The faulty record itself spans lines 3 to 5: its first line is named.
    report = await rejected('scs_referrals', csv('referral_id,child_id,district_code,referred_on', 'R1,K1,DAR,2015-01-01', 'R2,"K\n\n2",DAR,2015-01-01,extra'));
    expectProblem(onlyProblem(report), 3, null, null, /more fields than the header/);
    report = await rejected('scs_referrals', csv('referral_id,child_id,district_code,referred_on', 'R1,K1,DAR,2015-01-01', 'R2,K2,DAR'));
    expectProblem(onlyProblem(report), 3, 'referred_on', null, /fewer fields than the header/);
  });

  it('lists every record of the wrong shape, not only the first that stops COPY', async () => {
    const report = await rejected('scs_referrals', Buffer.concat([Buffer.from(csv('referral_id,child_id,district_code,referred_on',
      'R1,K1,DAR,2015-01-01', //                   line 2
      'R2,K2,DAR,2015-01-01,extra', //             line 3
      'R3,K3,DAR', //                              line 4
      '', //                                       line 5: a blank line between records
      'R4,"K\n4",DAR,2015-01-01,x,y', //            lines 6-7
      'R5,K5,DAR,2015-01-01', //                   line 8
    )), Buffer.from('R6,K'), Buffer.from([0xff]), Buffer.from(',DAR,2015-01-01\n'), //  line 9
    Buffer.from('R7,K7,DAR,2015-01-01\n\n\n')])); // blank lines at the very end are not records
    expect(problemsOf(report).map((p) => [p.line, p.column, p.rule])).toEqual([
      [3, null, 'the line has more fields than the header'],
      [4, 'referred_on', 'the line has fewer fields than the header'],
      [5, 'child_id', 'the line has fewer fields than the header'],
      [6, null, 'the line has more fields than the header'],
      [9, null, 'the file is not valid UTF-8 here'],
    ]);
  });

  it('counts the records of the wrong shape beyond the first 100', async () => {
    const lines = Array.from({ length: 150 }, (_, i) => `R${i},K${i},DAR,2015-01-01,extra`);
    const report = await rejected('scs_referrals', csv('referral_id,child_id,district_code,referred_on', ...lines));
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.problems).toHaveLength(100);
    expect(report.problems[99]).toMatchObject({ line: 101, rule: 'the line has more fields than the header' });
    expect(report.problemCount).toBe(150);
  });

  it('rejects an unclosed quote and text that is not UTF-8', async () => {
    let report = await rejected('scs_referrals', csv('referral_id,child_id,district_code,referred_on', 'R1,"K1,DAR,2015-01-01'));
    expect(onlyProblem(report).rule).toMatch(/quoted field is not closed/);
    report = await rejected('scs_referrals', Buffer.concat([
      Buffer.from('referral_id,child_id,district_code,referred_on\nR1,K1,DAR,2015-01-01\nR2,K'), Buffer.from([0xff, 0xfe]),
      Buffer.from(',DAR,2015-01-01\n')]));
    expectProblem(onlyProblem(report), 3, null, null, /not valid UTF-8/);
  });
});

describe('types', () => {
  it('rejects dates that are not real YYYY-MM-DD dates, and accepts 29 February in a leap year', async () => {
    const report = await rejected('scs_referrals', csv('referral_id,child_id,district_code,referred_on',
      'R1,K1,DAR,2015-02-29', 'R2,K1,DAR,2015-1-05', 'R3,K1,DAR,05/01/2015', 'R4,K1,DAR,2016-02-29', 'R5,K1,DAR,2015-04-31'));
    const problems = problemsOf(report);
    expect(problems.map((p) => [p.line, p.value])).toEqual([[2, '2015-02-29'], [3, '2015-1-05'], [4, '05/01/2015'], [6, '2015-04-31']]);
    for (const problem of problems) expectProblem(problem, problem.line, 'referred_on', problem.value, /real date written YYYY-MM-DD/);
  });

  it('rejects a month that is not YYYY-MM', async () => {
    const report = await rejected('ff2_places', csv('child_id,snapshot_month,district_code,taking_up',
      'K1,2015-13,DAR,true', 'K2,2015-01-01,DAR,true'));
    const problems = problemsOf(report);
    expectProblem(problems[0]!, 2, 'snapshot_month', '2015-13', /month written YYYY-MM/);
    expectProblem(problems[1]!, 3, 'snapshot_month', '2015-01-01', /month written YYYY-MM/);
  });

  it('rejects a boolean other than true or false', async () => {
    const report = await rejected('ff2_places', csv('child_id,snapshot_month,district_code,taking_up', 'K1,2015-01,DAR,yes', 'K2,2015-01,DAR,TRUE'));
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value, p.rule]))
      .toEqual([[2, 'taking_up', 'yes', 'must be true or false'], [3, 'taking_up', 'TRUE', 'must be true or false']]);
  });

  it('rejects an integer with a fraction or letters', async () => {
    const report = await rejected('lsoas', csv('lsoa_code,district_code,imd_decile', 'E02,DAR,3.5', 'E03,DAR,ten', 'E04,DAR, 4'));
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value, p.rule])).toEqual([
      [2, 'imd_decile', '3.5', 'must be a whole number'],
      [3, 'imd_decile', 'ten', 'must be a whole number'],
      [4, 'imd_decile', ' 4', 'must be a whole number'],
    ]);
  });

  it('rejects an empty field in a column that is not optional, quoted or not', async () => {
    const report = await rejected('scs_referrals', csv('referral_id,child_id,district_code,referred_on', 'R1,,DAR,2015-01-01', 'R2,"",DAR,2015-01-01'));
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value, p.rule]))
      .toEqual([[2, 'child_id', null, 'must not be empty'], [3, 'child_id', null, 'must not be empty']]);
  });

  it('rejects an identifier longer than 64 characters (64 is fine)', async () => {
    const report = await rejected('scs_referrals', csv('referral_id,child_id,district_code,referred_on',
      `${'a'.repeat(64)},K1,DAR,2015-01-01`, `${'b'.repeat(65)},K1,DAR,2015-01-01`));
    expectProblem(onlyProblem(report), 3, 'referral_id', 'b'.repeat(65), /1 to 64 characters/);
  });

  it('rejects a value outside an enumeration', async () => {
    const report = await rejected('early_help_cases', csv(EH_HEADER, 'C1,K1,DAR,2015-01-05,,,2015-02-01,closed'));
    expectProblem(onlyProblem(report), 2, 'closure_reason', 'closed', /one of: outcomes_achieved, stepped_up_to_scs/);
  });

  it('checks enumerated numbers and ranges: academic age, claim phase, IMD decile', async () => {
    let report = await rejected('neet_activity', csv('young_person_id,month,district_code,academic_age,activity', 'Y1,2015-01,DAR,15,neet', 'Y2,2015-01,DAR,17,working'));
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value, p.rule])).toEqual([
      [2, 'academic_age', '15', 'must be one of: 16, 17, 18'], [3, 'activity', 'working', 'must be one of: eet, neet, unknown']]);
    report = await rejected('tf_claims', csv('family_id,phase,district_code,claimed_on', 'F1,3,DAR,2015-01-01'));
    expectProblem(onlyProblem(report), 2, 'phase', '3', /one of: 1, 2/);
    report = await rejected('lsoas', csv('lsoa_code,district_code,imd_decile', 'E05,DAR,11'));
    expectProblem(onlyProblem(report), 2, 'imd_decile', '11', /between 1 and 10/);
  });

  it('checks the other enumerations: judgement, outcome type, exclusion type, phase, term', async () => {
    let report = await rejected('cc_inspections', csv('centre_id,inspected_on,judgement', 'CC1,2015-02-03,satisfactory'));
    expectProblem(onlyProblem(report), 2, 'judgement', 'satisfactory', /one of: outstanding, good, requires_improvement, inadequate/);
    report = await rejected('yj_outcomes', csv('outcome_id,young_person_id,young_person_dob,district_code,outcome_on,outcome_type',
      'O1,Y1,2000-01-01,DAR,2015-01-01,reprimand'));
    expectProblem(onlyProblem(report), 2, 'outcome_type', 'reprimand', /one of: community_resolution, youth_caution/);
    report = await rejected('exclusions', csv('exclusion_id,pupil_id,district_code,phase,type,start_on',
      'X1,P1,DAR,primary,lunchtime,2015-01-01', 'X2,P1,DAR,nursery,fixed,2015-01-02'));
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value, p.rule])).toEqual([
      [2, 'type', 'lunchtime', 'must be one of: fixed, permanent'], [3, 'phase', 'nursery', 'must be one of: primary, secondary']]);
    report = await rejected('pupil_absence', csv('pupil_id,district_code,phase,academic_year,term,possible_sessions,absent_sessions',
      'P1,DAR,primary,2015,winter,100,3'));
    expectProblem(onlyProblem(report), 2, 'term', 'winter', /one of: autumn, spring, summer/);
  });

  it('checks the counts that cannot be negative: under-5s, caseload baselines and targets, sessions', async () => {
    let report = await rejected('lsoa_populations', csv('lsoa_code,mid_year,under_5', 'E01000001,2015,-1'));
    expectProblem(onlyProblem(report), 2, 'under_5', '-1', /at least 0/);
    report = await rejected('caseload_targets', csv('district_code,effective_from,baseline,target', 'DAR,2015-06,-5,10', 'MAI,2015-06,5,-10'));
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value])).toEqual([[2, 'baseline', '-5'], [3, 'target', '-10']]);
    report = await rejected('pupil_absence', csv('pupil_id,district_code,phase,academic_year,term,possible_sessions,absent_sessions',
      'P1,DAR,primary,2015,autumn,-1,0', 'P2,DAR,primary,2015,autumn,10,-1'));
    // Line 2's 0 absent sessions are also more than its -1 possible: both rules are reported.
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value])).toEqual([
      [2, 'possible_sessions', '-1'], [2, 'absent_sessions', '0'], [3, 'absent_sessions', '-1']]);
    // Zero is a count.
    expect((await importFiles(t.pool, [{ dataset: 'lsoa_populations',
      path: await scratch.write('lsoa_populations.csv', csv('lsoa_code,mid_year,under_5', 'E01000001,2015,0')) }])).ok).toBe(true);
  });
});

describe('references', () => {
  it('rejects an unknown district', async () => {
    const report = await rejected('scs_referrals', csv('referral_id,child_id,district_code,referred_on', 'R1,K1,DAR,2015-01-01', 'R2,K1,XYZ,2015-01-01'));
    expectProblem(onlyProblem(report), 3, 'district_code', 'XYZ', /unknown district_code: not in districts/);
  });

  it('rejects a target for an unknown geography but accepts KENT, an area and a district', async () => {
    const report = await rejected('targets', csv('indicator_code,year,geography_code,target,floor,floor_assumed',
      'neet_16_18_pct,2016,KENT,4.5,,false', 'neet_16_18_pct,2016,NORTH,4.5,5,true', 'neet_16_18_pct,2016,DAR,4,,false',
      'neet_16_18_pct,2016,SOUTH,4,,false'));
    expectProblem(onlyProblem(report), 5, 'geography_code', 'SOUTH', /unknown geography_code: not in KENT, the areas or the districts/);
  });

  it("rejects an indicator code the catalogue does not define", async () => {
    const report = await rejected('comparators', csv('indicator_code,period,comparator,value,note', 'pa_primary_15pct,2015-08,ENGLAND,3.2,', 'made_up_pct,2015-08,ENGLAND,3.2,'));
    expectProblem(onlyProblem(report), 3, 'indicator_code', 'made_up_pct', /indicator catalogue/);
  });

  it('rejects an unknown LSOA and an unknown centre', async () => {
    const report = await rejected('cc_registrations', csv('child_id,child_dob,lsoa_code,centre_id,registered_on', 'K2,2014-01-01,E09999999,CC9,2014-02-01'));
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value])).toEqual([[2, 'lsoa_code', 'E09999999'], [2, 'centre_id', 'CC9']]);
  });

  it('rejects an attendance of a child who is not registered', async () => {
    const report = await rejected('cc_attendances', csv('attendance_id,child_id,centre_id,attended_on', 'A1,K1,CC1,2015-01-01', 'A2,K2,CC1,2015-01-01'));
    expectProblem(onlyProblem(report), 3, 'child_id', 'K2', /not registered/);
  });

  it('rejects a district code that is not upper-case letters, digits and _, or is KENT', async () => {
    const report = await rejected('districts', csv('district_code,district_name,area_code,area_name', 'sev,Sevenoaks,WEST,West Kent', 'KENT,Kent,WEST,West Kent'));
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value])).toEqual([[2, 'district_code', 'sev'], [3, 'district_code', 'KENT']]);
  });
});

describe('keys', () => {
  it('rejects a key repeated in the file, naming the earlier line', async () => {
    const report = await rejected('scs_referrals', csv('referral_id,child_id,district_code,referred_on', 'R1,K1,DAR,2015-01-01', 'R2,K1,DAR,2015-01-01', 'R1,K1,DAR,2015-01-01'));
    expectProblem(onlyProblem(report), 4, 'referral_id', 'R1', /duplicate key: line 2 has the same referral_id/);
  });

  it('compares composite keys as a whole, integers by value', async () => {
    const report = await rejected('tf_claims', csv('family_id,phase,district_code,claimed_on', 'F1,1,DAR,2015-01-01', 'F1,2,DAR,2015-01-01', 'F1,01,DAR,2015-02-01'));
    expectProblem(onlyProblem(report), 4, 'family_id,phase', 'F1,01', /duplicate key: line 2/);
  });

  it('rejects a repeated key even when the stored table already has that key', async () => {
    const report = await rejected('early_help_cases', csv(EH_HEADER, 'C0,K0,DAR,2015-01-05,,,,', 'C0,K0,DAR,2015-01-05,,,,'));
    expectProblem(onlyProblem(report), 3, 'case_id', 'C0', /duplicate key/);
  });
});

describe('row rules', () => {
  it('keeps notified_on ≤ assessed_on ≤ plan_on ≤ closed_on', async () => {
    const report = await rejected('early_help_cases', csv(EH_HEADER,
      'C1,K1,DAR,2015-02-01,2015-01-31,,,', //              line 2: assessed before notified
      'C2,K1,DAR,2015-01-01,2015-01-10,2015-01-09,,', //     line 3: plan before assessment
      'C3,K1,DAR,2015-01-01,2015-01-10,2015-01-20,2015-01-19,other', // line 4: closed before plan
      'C4,K1,DAR,2015-01-10,,,2015-01-09,other', //          line 5: closed before notified
      'C5,K1,DAR,2015-01-10,2015-01-10,2015-01-10,2015-01-10,other')); // same day is fine
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value, p.rule])).toEqual([
      [2, 'assessed_on', '2015-01-31', 'must be on or after notified_on (2015-02-01)'],
      [3, 'plan_on', '2015-01-09', 'must be on or after assessed_on (2015-01-10)'],
      [4, 'closed_on', '2015-01-19', 'must be on or after plan_on (2015-01-20)'],
      [5, 'closed_on', '2015-01-09', 'must be on or after notified_on (2015-01-10)'],
    ]);
  });

  it('sets closure_reason exactly when closed_on is set', async () => {
    const report = await rejected('early_help_cases', csv(EH_HEADER, 'C1,K1,DAR,2015-01-01,,,2015-02-01,', 'C2,K1,DAR,2015-01-01,,,,moved_away'));
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value, p.rule])).toEqual([
      [2, 'closure_reason', null, 'must be set when closed_on is set'],
      [3, 'closure_reason', 'moved_away', 'must be empty when closed_on is empty'],
    ]);
  });

  it('needs an assessment for a plan', async () => {
    const report = await rejected('early_help_cases', csv(EH_HEADER, 'C1,K1,DAR,2015-01-01,,2015-01-10,,'));
    expectProblem(onlyProblem(report), 2, 'plan_on', '2015-01-10', /a plan needs an assessment/);
  });

  it('keeps child_dob ≤ opened_on ≤ closed_on and stepped_down_to_early_help set exactly when closed', async () => {
    const header = 'case_id,child_id,child_dob,district_code,opened_on,closed_on,stepped_down_to_early_help';
    const report = await rejected('scs_cases', csv(header,
      'S1,K1,2015-01-02,DAR,2015-01-01,,', 'S2,K1,2010-01-01,DAR,2015-01-01,2014-12-31,true',
      'S3,K1,2010-01-01,DAR,2015-01-01,2015-02-01,', 'S4,K1,2010-01-01,DAR,2015-01-01,,false'));
    expect(problemsOf(report).map((p) => [p.line, p.column, p.rule])).toEqual([
      [2, 'opened_on', 'must be on or after child_dob (2015-01-02)'],
      [3, 'closed_on', 'must be on or after opened_on (2015-01-01)'],
      [4, 'stepped_down_to_early_help', 'must be set when closed_on is set'],
      [5, 'stepped_down_to_early_help', 'must be empty when closed_on is empty'],
    ]);
  });

  it('keeps child_dob ≤ registered_on and young_person_dob < outcome_on', async () => {
    let report = await rejected('cc_registrations', csv('child_id,child_dob,lsoa_code,centre_id,registered_on', 'K3,2014-06-02,E01000001,CC1,2014-06-01'));
    expectProblem(onlyProblem(report), 2, 'registered_on', '2014-06-01', /on or after child_dob \(2014-06-02\)/);
    report = await rejected('yj_outcomes', csv('outcome_id,young_person_id,young_person_dob,district_code,outcome_on,outcome_type',
      'O1,Y1,2000-05-01,DAR,2000-05-01,youth_caution'));
    expectProblem(onlyProblem(report), 2, 'outcome_on', '2000-05-01', /must be after young_person_dob \(2000-05-01\)/);
  });

  it('keeps ete_hours between 0 and 60, fractions allowed', async () => {
    const report = await rejected('yj_closures', csv('closure_id,young_person_id,district_code,closed_on,statutory_school_age,ete_hours',
      'X1,Y1,DAR,2015-01-01,true,7.5', 'X2,Y1,DAR,2015-01-01,true,60.5', 'X3,Y1,DAR,2015-01-01,false,-1'));
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value, p.rule])).toEqual([
      [3, 'ete_hours', '60.5', 'must be between 0 and 60'],
      [4, 'ete_hours', '-1', 'must be between 0 and 60'],
    ]);
  });

  it('rejects absent sessions above possible sessions', async () => {
    const report = await rejected('pupil_absence', csv('pupil_id,district_code,phase,academic_year,term,possible_sessions,absent_sessions',
      'P1,DAR,primary,2015,autumn,140,140', 'P2,DAR,primary,2015,autumn,140,141', 'P3,DAR,middle,2015,winter,140,-2'));
    expect(problemsOf(report).map((p) => [p.line, p.column, p.value, p.rule])).toEqual([
      [3, 'absent_sessions', '141', 'must not be more than possible_sessions (140)'],
      [4, 'phase', 'middle', 'must be one of: primary, secondary'],
      [4, 'term', 'winter', 'must be one of: autumn, spring, summer'],
      [4, 'absent_sessions', '-2', 'must be at least 0'],
    ]);
  });
});

describe('reporting', () => {
  it('lists the first 100 problems and counts the rest', async () => {
    const lines = Array.from({ length: 150 }, (_, i) => `R${i},K1,NOPE,2015-01-01`);
    const report = await rejected('scs_referrals', csv('referral_id,child_id,district_code,referred_on', ...lines));
    if (report.ok) throw new Error('unreachable');
    expect(report.problems).toHaveLength(100);
    expect(report.problemCount).toBe(150);
    expect(report.problems[99]!.line).toBe(101);
    const text = formatProblems(report.problems, report.problemCount).split('\n');
    expect(text[0]).toBe(`${report.problems[0]!.file}:2, column district_code, value "NOPE": unknown district_code: not in districts`);
    expect(text).toHaveLength(101);
    expect(text[100]).toBe('… and 50 more');
  });

  it('turns a rule only the database holds into a problem: a full extract that drops a district still in use', async () => {
    const file = await scratch.write('districts.csv', csv('district_code,district_name,area_code,area_name', 'MAI,Maidstone,WEST,West Kent'));
    const report = await importFiles(t.pool, [{ dataset: 'districts', path: file }], { replace: true });
    const problem = onlyProblem(report);
    expect(problem).toMatchObject({ line: null, column: 'district_code', value: 'DAR' });
    expect(problem.rule).toMatch(/would remove a row that .* still refers to/);
    expect(await snapshot(t.pool)).toEqual(before);
  });
});
