// GET /api/scorecard against hand-made results: rollups, targets by geography, RAG status, direction of
// travel, previous-year values, comparators, context measures, and the cache following the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { RISING, seedScorecardData } from './seed.js';

let t: TestDatabase;
let app: App;
let api: SignedInClient;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedScorecardData(t.pool);
  app = await buildApp({ pool: t.pool });
  api = await signedIn(app, t.pool, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

async function scorecard(query: string) {
  const response = await api.inject(`/api/scorecard?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json();
  const find = (code: string) => {
    const row = body.indicators.find((i: { code: string }) => i.code === code);
    if (!row) throw new Error(`no ${code} in the scorecard`);
    return row;
  };
  return { body, find };
}

describe('scorecard shape', () => {
  it('lists the 24 KPIs in the plan order with the geography and month', async () => {
    const { body } = await scorecard('month=2015-06');
    expect(body.month).toBe('2015-06');
    expect(body.geography).toEqual({ type: 'county', code: 'KENT', name: 'Kent' });
    expect(body.indicators).toHaveLength(24);
    expect(body.indicators[0].code).toBe('eh_stepped_up_to_scs_pct');
    expect(Object.keys(body.indicators[0])).toEqual(expect.arrayContaining([
      'code', 'title', 'unit', 'polarity', 'value', 'numerator', 'denominator', 'target', 'floor', 'floorAssumed',
      'targetYear', 'status', 'direction', 'previousYearValue', 'comparators']));
  });
  it('names the area or district asked for', async () => {
    expect((await scorecard('month=2015-06&area=NORTH')).body.geography).toEqual({ type: 'area', code: 'NORTH', name: 'North' });
    expect((await scorecard('month=2015-06&district=GRA')).body.geography).toEqual({ type: 'district', code: 'GRA', name: 'Gravesham' });
  });
});

describe('rollups sum numerators and denominators', () => {
  it('gives the county 69/210 and the area 19/110, not the mean of district rates', async () => {
    const county = (await scorecard('month=2015-06')).find('eh_plans_within_4_weeks_pct');
    expect(county).toMatchObject({ numerator: 69, denominator: 210 });
    expect(county.value).toBeCloseTo((100 * 69) / 210, 10);
    const north = (await scorecard('month=2015-06&area=NORTH')).find('eh_plans_within_4_weeks_pct');
    expect(north).toMatchObject({ numerator: 19, denominator: 110 });
    expect(north.value).toBeCloseTo(17.2727, 3);
    expect(north.value).not.toBeCloseTo(50, 0); // (90 + 10) / 2
  });
  it('sums counts and leaves their denominator null', async () => {
    expect((await scorecard('month=2015-06')).find('yj_first_time_entrants')).toMatchObject({ value: 15, numerator: 15, denominator: null });
    expect((await scorecard('month=2015-06&area=NORTH')).find('yj_first_time_entrants')).toMatchObject({ value: 12 });
  });
});

describe('targets by geography and status', () => {
  it('is amber for the county between floor 30 and target 40, with the assumed-floor flag', async () => {
    expect((await scorecard('month=2015-06')).find('eh_plans_within_4_weeks_pct')).toMatchObject({
      target: 40, floor: 30, floorAssumed: true, targetYear: 2016, targetGeographyCode: 'KENT', status: 'amber',
    });
  });
  it('uses a district target over the county one (90 % misses Dartford 95, though it beats Kent 40)', async () => {
    expect((await scorecard('month=2015-06&district=DAR')).find('eh_plans_within_4_weeks_pct')).toMatchObject({
      value: 90, target: 95, floor: null, floorAssumed: false, targetGeographyCode: 'DAR', status: 'red',
    });
  });
  it('falls back to the county target for a percent indicator without its own', async () => {
    expect((await scorecard('month=2015-06&district=CAN')).find('eh_plans_within_4_weeks_pct'))
      .toMatchObject({ value: 50, target: 40, targetGeographyCode: 'KENT', status: 'green' });
    expect((await scorecard('month=2015-06&district=GRA')).find('eh_plans_within_4_weeks_pct'))
      .toMatchObject({ value: 10, target: 40, status: 'red' });
    expect((await scorecard('month=2015-06&area=NORTH')).find('eh_plans_within_4_weeks_pct'))
      .toMatchObject({ target: 40, status: 'red' });
  });
  it('gives a count indicator only its own geography target (no_target otherwise)', async () => {
    expect((await scorecard('month=2015-06')).find('yj_first_time_entrants')).toMatchObject({ target: 20, floor: 25, status: 'green' });
    expect((await scorecard('month=2015-06&district=DAR')).find('yj_first_time_entrants')).toMatchObject({ value: 5, target: 4, floor: 6, status: 'amber' });
    expect((await scorecard('month=2015-06&district=GRA')).find('yj_first_time_entrants')).toMatchObject({ value: 7, target: null, floor: null, floorAssumed: null, status: 'no_target' });
    expect((await scorecard('month=2015-06&area=NORTH')).find('yj_first_time_entrants')).toMatchObject({ value: 12, status: 'no_target' });
  });
  it('applies the previous academic year target to persistent absence from September to December', async () => {
    const { find } = await scorecard('month=2015-10&district=DAR');
    // 4 % against the 2015 target of 5 → green (the 2016 target of 1 would make it red).
    expect(find('pa_primary_10pct')).toMatchObject({ value: 4, targetYear: 2015, target: 5, status: 'green' });
    // Other academic-year indicators use the year containing the month.
    expect(find('excl_fixed_primary')).toMatchObject({ value: 6, targetYear: 2016, target: null, status: 'no_target' });
    expect((await scorecard('month=2015-10')).find('excl_fixed_primary')).toMatchObject({ target: 10, status: 'green' });
  });
  it('has no_data without a value: no rows, or a zero denominator', async () => {
    const { find } = await scorecard('month=2015-06&district=DAR');
    expect(find('ff2_take_up_pct')).toMatchObject({ value: null, numerator: 0, denominator: 0, status: 'no_data' });
    expect(find('yo_post16_ft_eet_pct')).toMatchObject({ value: null, numerator: null, status: 'no_data', direction: null });
  });
  it('has no_target for a year without a target row (financial 2015 at 2015-03)', async () => {
    expect((await scorecard('month=2015-03')).find('eh_closed_positive_outcome_pct')).toMatchObject({ value: 18, targetYear: 2015, status: 'no_target' });
  });
});

describe('direction of travel over the last twelve months', () => {
  it('reads the same rising series as improving or worsening by polarity', async () => {
    const { find } = await scorecard('month=2015-06');
    expect(find('eh_closed_positive_outcome_pct')).toMatchObject({ value: 21.5, direction: 'improving' });
    expect(find('eh_stepped_up_to_scs_pct')).toMatchObject({ value: 21.5, direction: 'worsening' });
  });
  it('reads a straight falling line as improving when lower is better', async () => {
    expect((await scorecard('month=2015-06')).find('neet_16_18_pct')).toMatchObject({ value: 1, direction: 'improving' });
  });
  it('reads a zig-zag and a constant series as stable', async () => {
    const { find } = await scorecard('month=2015-06');
    expect(find('scs_stepped_down_to_eh_pct').direction).toBe('stable');
    expect(find('cc_good_outstanding_pct').direction).toBe('stable');
  });
  it('is null with fewer than six values', async () => {
    const { find } = await scorecard('month=2015-06');
    expect(find('eh_notifications_assessed_pct')).toMatchObject({ value: 5, direction: null });
    expect(find('eh_plans_within_4_weeks_pct').direction).toBeNull();
  });
  it('looks only at the twelve months up to M (at 2015-01 there are seven values: 10 … 16)', async () => {
    expect((await scorecard('month=2015-01')).find('eh_closed_positive_outcome_pct')).toMatchObject({ value: 16, direction: 'improving' });
    // At 2014-12 only six months (2014-07 … 2014-12) have values; at 2014-11, five → null.
    expect((await scorecard('month=2014-11')).find('eh_closed_positive_outcome_pct').direction).toBeNull();
  });
});

describe('previous year and comparators', () => {
  it('gives the value at M − 12 for the same geography', async () => {
    expect((await scorecard('month=2015-06')).find('eh_plans_within_4_weeks_pct').previousYearValue).toBe(25);
    expect((await scorecard('month=2015-06&district=GRA')).find('eh_plans_within_4_weeks_pct').previousYearValue).toBeNull();
  });
  it('gives each comparator latest value with period ≤ M', async () => {
    const { find } = await scorecard('month=2015-06');
    expect(find('eh_plans_within_4_weeks_pct').comparators).toEqual([
      { comparator: 'ENGLAND', value: 62, period: '2015-03', note: 'national average' },
      { comparator: 'STATISTICAL_NEIGHBOURS', value: 55, period: '2015-01', note: null },
    ]);
    expect((await scorecard('month=2015-10')).find('eh_plans_within_4_weeks_pct').comparators[0])
      .toMatchObject({ comparator: 'ENGLAND', value: 70, period: '2015-09' });
    expect((await scorecard('month=2014-06')).find('eh_plans_within_4_weeks_pct').comparators)
      .toEqual([{ comparator: 'ENGLAND', value: 60, period: '2014-03', note: null }]);
  });
});

describe('context measures', () => {
  it('serves the 15 % persistent absence figure beside its KPI', async () => {
    const { body } = await scorecard('month=2015-06');
    expect(body.context.find((c: { code: string }) => c.code === 'pa_primary_15pct'))
      .toMatchObject({ contextFor: 'pa_primary_10pct', unit: 'percent', value: 3, numerator: 3, denominator: 100 });
  });
});

describe('sparkline: the 24 months up to M in the scorecard row', () => {
  it('gives each month its value, coverage and target, oldest first, with no value before the data', async () => {
    const { body, find } = await scorecard('month=2015-06');
    expect(body.indicators.every((i: { sparkline: unknown[] }) => i.sparkline.length === 24)).toBe(true);
    const points = find('eh_closed_positive_outcome_pct').sparkline as { month: string; value: number | null; coverage: string; target: number | null }[];
    expect(points[0]!.month).toBe('2013-07');
    expect(points[23]!.month).toBe('2015-06');
    // Before the report months (from 2014-04): outside coverage. 2014-04 … 2014-06: covered, no rows.
    expect(points.slice(0, 9).every((p) => p.value === null && p.coverage === 'none')).toBe(true);
    expect(points.slice(9, 12).map((p) => [p.value, p.coverage])).toEqual(Array(3).fill([null, 'full']));
    // 2014-07 … 2015-06: the rising series; the financial 2016 target of 20 from April 2015.
    expect(points.slice(12).map((p) => p.value)).toEqual(RISING);
    expect(points.slice(12).map((p) => p.target)).toEqual([...Array(9).fill(null), 20, 20, 20]);
  });
  it('marks a partial month, keeping its value, at the geography asked for', async () => {
    await t.pool.query(`UPDATE measure_coverage SET coverage = 'partial' WHERE indicator_code = 'eh_closed_positive_outcome_pct' AND month = '2014-07-01'`);
    try {
      const points = (await scorecard('month=2015-06&district=DAR')).find('eh_closed_positive_outcome_pct').sparkline;
      expect(points[12]).toEqual({ month: '2014-07', value: 10, coverage: 'partial', target: null });
      expect((await scorecard('month=2015-06&district=GRA')).find('eh_closed_positive_outcome_pct').sparkline[12])
        .toEqual({ month: '2014-07', value: null, coverage: 'partial', target: null });
    } finally {
      await t.pool.query(`UPDATE measure_coverage SET coverage = 'full' WHERE indicator_code = 'eh_closed_positive_outcome_pct' AND month = '2014-07-01'`);
    }
  });
});

describe('cached scorecards follow the data', () => {
  it('shows a changed result on the next request', async () => {
    expect((await scorecard('month=2015-06&district=CAN')).find('eh_plans_within_4_weeks_pct').value).toBe(50);
    await t.pool.query(`UPDATE indicator_results SET numerator = 20
      WHERE indicator_code = 'eh_plans_within_4_weeks_pct' AND district_code = 'CAN' AND month = '2015-06-01'`);
    expect((await scorecard('month=2015-06&district=CAN')).find('eh_plans_within_4_weeks_pct')).toMatchObject({ value: 20, status: 'red' });
    await t.pool.query(`UPDATE indicator_results SET numerator = 50
      WHERE indicator_code = 'eh_plans_within_4_weeks_pct' AND district_code = 'CAN' AND month = '2015-06-01'`);
  });
  it('answers concurrent requests alike, and the first request after a change sees it', async () => {
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      api.inject(`/api/scorecard?month=2015-06${i % 2 ? '&district=DAR' : ''}`)));
    expect(many.every((r) => r.statusCode === 200)).toBe(true);
    expect(new Set(many.filter((_, i) => i % 2 === 0).map((r) => r.body)).size).toBe(1);
    const pending = Promise.all(Array.from({ length: 5 }, () => api.inject('/api/scorecard?month=2015-06&district=GRA')));
    await t.pool.query(`UPDATE indicator_results SET numerator = 30
      WHERE indicator_code = 'eh_plans_within_4_weeks_pct' AND district_code = 'GRA' AND month = '2015-06-01'`);
    await pending;
    const after = (await scorecard('month=2015-06&district=GRA')).find('eh_plans_within_4_weeks_pct');
    expect(after.value).toBe(30);
    await t.pool.query(`UPDATE indicator_results SET numerator = 10
      WHERE indicator_code = 'eh_plans_within_4_weeks_pct' AND district_code = 'GRA' AND month = '2015-06-01'`);
  });
  it('sees a new target without a restart', async () => {
    await t.pool.query(`INSERT INTO targets VALUES ('yj_first_time_entrants', 2016, 'GRA', 10, NULL, false)`);
    expect((await scorecard('month=2015-06&district=GRA')).find('yj_first_time_entrants')).toMatchObject({ target: 10, status: 'green' });
    await t.pool.query(`DELETE FROM targets WHERE indicator_code = 'yj_first_time_entrants' AND geography_code = 'GRA'`);
  });
});
