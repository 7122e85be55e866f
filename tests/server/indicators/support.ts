// Shared set-up for the indicator SQL tests: reference data, a refresh, and reading indicator_results.
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { refreshResults } from '../../../api/src/results/refresh.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/**
 * A fresh database for one describe block: districts, then the block's own records, then a refresh.
 * Returns a getter for the pool (available once beforeAll has run).
 */
export function useIndicatorDatabase(records: (pool: pg.Pool) => Promise<void>): () => pg.Pool {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await createTestDatabase();
    await insertDistricts(t.pool);
    await records(t.pool);
    await refreshResults(t.pool);
  });
  afterAll(async () => {
    await t?.drop();
  });
  return () => {
    if (!t) throw new Error('the test database is not ready');
    return t.pool;
  };
}

/** Three districts in two areas: DAR and GRA in NORTH, CAN in EAST. */
export async function insertDistricts(pool: pg.Pool): Promise<void> {
  await pool.query(`INSERT INTO districts VALUES
    ('DAR', 'Dartford', 'NORTH', 'North'),
    ('GRA', 'Gravesham', 'NORTH', 'North'),
    ('CAN', 'Canterbury', 'EAST', 'East')`);
}

/**
 * Makes the report months run at least from `first` to `last` (YYYY-MM-DD): report_months spans the
 * record dates, so a test adds two youth contacts of a person no other table names.
 */
export async function coverMonths(pool: pg.Pool, first: string, last: string): Promise<void> {
  await pool.query(
    `INSERT INTO youth_contacts VALUES ('span-first', 'no-such-person', $1), ('span-last', 'no-such-person', $2)`,
    [first, last],
  );
}

export interface Figure {
  numerator: number;
  denominator: number | null;
}

/** The stored figure of one measure for a month (YYYY-MM) and district. */
export async function figure(pool: pg.Pool, code: string, month: string, district: string): Promise<Figure> {
  const { rows } = await pool.query<Figure>(
    `SELECT numerator, denominator FROM indicator_results
     WHERE indicator_code = $1 AND month = ($2 || '-01')::date AND district_code = $3`,
    [code, month, district],
  );
  const [row] = rows;
  if (!row || rows.length !== 1) throw new Error(`no result for ${code} ${month} ${district}`);
  return row;
}

/** numerator/denominator of one measure for a month in each district, as 'n/d' (or 'n' for counts). */
export async function figures(pool: pg.Pool, code: string, month: string): Promise<Record<string, string>> {
  const { rows } = await pool.query<{ district_code: string; numerator: number; denominator: number | null }>(
    `SELECT district_code, numerator, denominator FROM indicator_results
     WHERE indicator_code = $1 AND month = ($2 || '-01')::date ORDER BY district_code`,
    [code, month],
  );
  if (rows.length === 0) throw new Error(`no results for ${code} ${month}`);
  return Object.fromEntries(rows.map((r) => [r.district_code, r.denominator === null ? `${r.numerator}` : `${r.numerator}/${r.denominator}`]));
}

/** A measure's series in one district over months, as 'n/d' (or 'n') per month. */
export async function series(pool: pg.Pool, code: string, district: string, from: string, to: string): Promise<Record<string, string>> {
  const { rows } = await pool.query<{ month: string; numerator: number; denominator: number | null }>(
    `SELECT to_char(month, 'YYYY-MM') AS month, numerator, denominator FROM indicator_results
     WHERE indicator_code = $1 AND district_code = $2 AND month BETWEEN ($3 || '-01')::date AND ($4 || '-01')::date
     ORDER BY month`,
    [code, district, from, to],
  );
  return Object.fromEntries(rows.map((r) => [r.month, r.denominator === null ? `${r.numerator}` : `${r.numerator}/${r.denominator}`]));
}

/** An area's or the county's figure: Σ numerators and Σ denominators of its districts. */
export async function rollup(pool: pg.Pool, code: string, month: string, area: string | null): Promise<Figure> {
  const { rows } = await pool.query<Figure>(
    `SELECT sum(r.numerator) AS numerator, sum(r.denominator) AS denominator
     FROM indicator_results r JOIN districts d ON d.district_code = r.district_code
     WHERE r.indicator_code = $1 AND r.month = ($2 || '-01')::date AND ($3::text IS NULL OR d.area_code = $3)`,
    [code, month, area],
  );
  const [row] = rows;
  if (!row) throw new Error(`no results for ${code} ${month}`);
  return { numerator: Number(row.numerator), denominator: row.denominator === null ? null : Number(row.denominator) };
}
