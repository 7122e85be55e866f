// The activity_ranges dataset (datasets.md): an analyst's fixed expected range per activity indicator,
// financial year and geography. A bad file is rejected naming line, column, value and rule, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportProblem } from '../../../api/src/import/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { csv, onlyProblem, scratchFolder, useStandInMeasureViews, type Scratch } from './helpers.js';

let t: TestDatabase;
let scratch: Scratch;
const HEADER = 'indicator_code,year,geography_code,lower,upper';

beforeAll(async () => {
  t = await createTestDatabase();
  scratch = await scratchFolder();
  await useStandInMeasureViews(t.pool);
  const report = await importFiles(t.pool, [
    { dataset: 'districts', path: await scratch.write('districts.csv', csv('district_code,district_name,area_code,area_name',
      'DAR,Dartford,NORTH,North Kent', 'MAI,Maidstone,WEST,West Kent')) },
  ]);
  expect(report.ok).toBe(true);
});
afterAll(async () => {
  await scratch.remove();
  await t.drop();
});

async function ranges() {
  return (await t.pool.query('SELECT indicator_code, year, geography_code, lower, upper FROM activity_ranges ORDER BY 1, 2, 3')).rows;
}

async function rejected(text: string): Promise<ImportProblem> {
  const before = await ranges();
  const report = await importFiles(t.pool, [{ dataset: 'activity_ranges', path: await scratch.write('activity_ranges.csv', text) }]);
  expect(report.ok).toBe(false);
  expect(await ranges()).toEqual(before);
  return onlyProblem(report);
}

describe('activity_ranges', () => {
  it('loads ranges for the county, an area and a district', async () => {
    const report = await importFiles(t.pool, [{ dataset: 'activity_ranges', path: await scratch.write('activity_ranges.csv', csv(HEADER,
      'act_scs_referrals,2017,KENT,300,420', 'act_scs_referrals,2017,NORTH,80.5,120', 'caseload_open,2016,DAR,10,10')) }]);
    expect(report.ok).toBe(true);
    expect(await ranges()).toEqual([
      { indicator_code: 'act_scs_referrals', year: 2017, geography_code: 'KENT', lower: 300, upper: 420 },
      { indicator_code: 'act_scs_referrals', year: 2017, geography_code: 'NORTH', lower: 80.5, upper: 120 },
      { indicator_code: 'caseload_open', year: 2016, geography_code: 'DAR', lower: 10, upper: 10 },
    ]);
  });

  it('rejects a code that is not an activity indicator, even a KPI', async () => {
    const problem = await rejected(csv(HEADER, 'act_scs_referrals,2017,KENT,1,2', 'neet_16_18_pct,2017,KENT,1,2'));
    expect(problem).toMatchObject({ line: 3, column: 'indicator_code', value: 'neet_16_18_pct' });
    expect(problem.rule).toMatch(/act_eh_notifications/);
  });

  it('rejects a lower bound above the upper one', async () => {
    const problem = await rejected(csv(HEADER, 'act_exclusions,2017,DAR,50,40'));
    expect(problem).toMatchObject({ line: 2, column: 'lower', value: '50' });
    expect(problem.rule).toMatch(/upper/);
  });

  it('rejects a geography that is not KENT, an area or a district', async () => {
    const problem = await rejected(csv(HEADER, 'act_exclusions,2017,NOWHERE,1,2'));
    expect(problem).toMatchObject({ line: 2, column: 'geography_code', value: 'NOWHERE' });
  });

  it('rejects a bound that is not a number', async () => {
    const problem = await rejected(csv(HEADER, 'act_exclusions,2017,DAR,1,lots'));
    expect(problem).toMatchObject({ line: 2, column: 'upper', value: 'lots' });
  });
});
