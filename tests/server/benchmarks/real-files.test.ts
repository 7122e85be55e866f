// The benchmark figures from the real DfE files (reference/benchmarks/), against values worked out
// independently of the product: with Python's csv module over benchmark_values.csv and
// statistical_neighbours.csv, for a measure and period, Kent's row (la_number 886), the `country` row, the
// `region` row named "south east" in lower case, the mean of the values of the ten neighbours of Kent's
// 2025-05 group, the rank as 1 + the number of local_authority rows with a numeric value strictly better (by
// the measure's polarity), n as the number of those rows, and the band from ⌈n/4⌉, ⌈n/2⌉, ⌈3n/4⌉.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDirectory } from '../../../api/src/import/index.js';
import type { Snapshot } from '../../../api/src/lib/snapshot.js';
import { projectRoot } from '../../../api/src/paths.js';
import { benchmarksAt } from '../../../api/src/queries/benchmarks.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { useStandInMeasureViews } from '../import/helpers.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await useStandInMeasureViews(t.pool);
  const report = await importDirectory(t.pool, path.join(projectRoot, 'reference', 'benchmarks'));
  if (!report.ok) throw new Error(JSON.stringify(report.problems));
});
afterAll(() => t.drop());

async function comparison(measure: string, period: string) {
  const { rows } = await t.pool.query(
    `SELECT value, england, region, neighbours_mean, neighbours_count, rank, of, band
     FROM benchmark_comparison WHERE measure_code = $1 AND period = $2`, [measure, period]);
  return rows[0];
}

describe('benchmarks from the real files', () => {
  it.each([
    // measure, period, Kent, England, South East, neighbours' mean, rank, n, band
    ['SFPriPerAbNew', '2018', 9.11, 8.67, 8.06, 8.312, 98, 151, 'C'],
    ['SFSecPerAbNew', '2017', 14.56, 13.54, 13.55, 13.305, 101, 151, 'C'],
    ['SecFixedEx', '2017/18', 8.36457, 10.13012, 8.26599, 9.800396, 60, 151, 'B'],
    // Higher is better; 152 authorities published that year.
    ['%_2yr_olds', '2018', 60.4, 71.8, 69.7, 78.08, 126, 152, 'D'],
    // England published '-' that year; 140 authorities with a value.
    ['ReoffYO', '2018', 33.96, null, 38.66, 41.409, 54, 140, 'B'],
  ] as const)('%s %s', async (measure, period, kent, england, region, mean, rank, of, band) => {
    const row = await comparison(measure, period);
    expect(row).toMatchObject({ value: kent, england, region, neighbours_count: 10, rank, of, band });
    expect(row.neighbours_mean).toBeCloseTo(mean, 9);
  });

  it('gives no rank for a measure without polarity (children in need, 2018: Kent 304.6 of 149 with a value)', async () => {
    expect(await comparison('CIN', '2018')).toMatchObject({ value: 304.6, england: 345.4, region: 321.8, rank: null, band: null, of: 149 });
  });

  it('skips absence 2019/20, which DfE did not publish: June 2021 reads 2019', async () => {
    expect(await comparison('SFPriPerAbNew', '2020')).toBeUndefined();
    const snapshot = { memo: new Map() } as unknown as Snapshot;
    expect((await benchmarksAt(t.db, snapshot, '2021-06')).get('pa_primary_10pct')?.period).toBe('2019');
    // July 2018 is before the academic year 2018 ends: 2017; August 2018 reads 2018.
    expect((await benchmarksAt(t.db, snapshot, '2018-07')).get('pa_primary_10pct')).toMatchObject({ period: '2017', value: 8.72 });
    expect((await benchmarksAt(t.db, snapshot, '2018-08')).get('pa_secondary_10pct')).toMatchObject({ period: '2018', value: 14.69 });
  });

  it('ends financial years on 31 March and calendar years on 31 December', async () => {
    const snapshot = { memo: new Map() } as unknown as Snapshot;
    const at = async (month: string, code: string) => (await benchmarksAt(t.db, snapshot, month)).get(code)?.period;
    // 16-17 NEET (financial year, published from 2018): 2019 ends on 31 March 2019.
    expect(await at('2019-02', 'neet_16_18_pct')).toBe('2018');
    expect(await at('2019-03', 'neet_16_18_pct')).toBe('2019');
    // FirstYJS (calendar year): 2017 ends on 31 December 2017.
    expect(await at('2017-11', 'yj_first_time_entrants')).toBe('2016');
    expect(await at('2017-12', 'yj_first_time_entrants')).toBe('2017');
    // Exclusions (academic year labelled 2017/18): ends on 31 August 2018.
    expect(await at('2018-07', 'excl_fixed_secondary')).toBe('2016/17');
    expect(await at('2018-08', 'excl_fixed_secondary')).toBe('2017/18');
    // Before the first published period: no benchmark.
    expect(await at('2018-02', 'neet_16_18_pct')).toBeUndefined();
  });
});
