// The one age rule and the month helpers every measure uses, and the catalogue/view correspondence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEASURE_CODES } from '../../../api/src/indicators/catalog.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { coverMonths, insertDistricts } from './support.js';
import { refreshResults } from '../../../api/src/results/refresh.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function scalar<T>(text: string, values: unknown[] = []): Promise<T> {
  const { rows } = await t.pool.query<{ value: T }>(`SELECT ${text} AS value`, values);
  return rows[0]!.value;
}

describe('age_in_years', () => {
  it('counts whole years completed, a year older on the birthday itself', async () => {
    expect(await scalar(`age_in_years('2005-06-15', '2015-06-14')`)).toBe(9);
    expect(await scalar(`age_in_years('2005-06-15', '2015-06-15')`)).toBe(10);
    expect(await scalar(`age_in_years('1997-01-01', '2014-12-31')`)).toBe(17);
    expect(await scalar(`age_in_years('1997-01-01', '2015-01-01')`)).toBe(18);
  });

  it('makes a child born on 29 February a year older on 1 March in non-leap years', async () => {
    expect(await scalar(`age_in_years('2000-02-29', '2001-02-28')`)).toBe(0);
    expect(await scalar(`age_in_years('2000-02-29', '2001-03-01')`)).toBe(1);
    expect(await scalar(`age_in_years('2000-02-29', '2004-02-28')`)).toBe(3);
    expect(await scalar(`age_in_years('2000-02-29', '2004-02-29')`)).toBe(4);
  });
});

describe('month_reaching_age and month_of', () => {
  it('gives the first month at whose end a person has reached an age', async () => {
    expect(await scalar(`month_reaching_age('2010-06-30', 5)::text`)).toBe('2015-06-01');
    expect(await scalar(`month_reaching_age('2010-07-01', 5)::text`)).toBe('2015-07-01');
    expect(await scalar(`month_reaching_age('2012-02-29', 5)::text`)).toBe('2017-03-01'); // 28 February 2017: still 4
    expect(await scalar(`month_reaching_age('2012-02-29', 4)::text`)).toBe('2016-02-01'); // 2016 is a leap year
  });

  it('agrees with age_in_years at every month end for birthdays around the year', async () => {
    const disagreements = await scalar<number>(`(
      SELECT count(*)::int FROM generate_series(date '2008-01-01', date '2012-12-31', interval '1 day') AS b(born),
        LATERAL generate_series(date '2012-01-01', date '2018-12-01', interval '1 month') AS m(month)
      WHERE (age_in_years(born::date, (month + interval '1 month - 1 day')::date) >= 5)
         <> (month::date >= month_reaching_age(born::date, 5)))`);
    expect(disagreements).toBe(0);
  });

  it('gives the first day of the month of a date', async () => {
    expect(await scalar(`month_of('2016-02-29')::text`)).toBe('2016-02-01');
    expect(await scalar(`month_of('2015-12-31')::text`)).toBe('2015-12-01');
  });
});

describe('every measure of the catalogue', () => {
  it('has a view, and the refresh fills every month and district', async () => {
    await insertDistricts(t.pool);
    await coverMonths(t.pool, '2015-01-01', '2015-03-31');
    await refreshResults(t.pool);
    const { rows } = await t.pool.query<{ indicator_code: string; rows: number }>(
      `SELECT indicator_code, count(*)::int AS rows FROM indicator_results GROUP BY 1 ORDER BY 1`);
    const codes = [...MEASURE_CODES].sort();
    expect(rows.map((row) => row.indicator_code)).toEqual(codes);
    expect(rows.every((row) => row.rows === 3 * 3)).toBe(true); // 3 months x 3 districts
  });
});
