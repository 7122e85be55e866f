// Turns records into results: installs the indicator views of sql/views and rebuilds the precomputed
// tables (report_months, indicator_results) from them, so requests never scan record tables.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { sqlDir } from '../paths.js';
import { CONTEXT_MEASURES, INDICATORS, MEASURE_CODES } from '../indicators/catalog.js';
import { updateCoveredSpans, updateCoverageMonths, updateDatasetEvents } from './coverage.js';

const MEASURES = [
  ...INDICATORS.map(({ code, unit }) => ({ code, unit })),
  ...CONTEXT_MEASURES.map(({ code, unit }) => ({ code, unit })),
];

/** (Re)creates every view in sql/views, in file-name order (shared helpers start with `_`). */
export async function installViews(pool: pg.Pool): Promise<void> {
  const dir = path.join(sqlDir, 'views');
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Drop the views of a previous install first (measure views and `_` building blocks), so a view whose
    // columns changed, or that no longer exists, does not linger or block CREATE OR REPLACE.
    const installed = await client.query<{ name: string; kind: string }>(`
      SELECT c.relname AS name, c.relkind AS kind FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm')
        AND (c.relname LIKE '\\_%' OR c.relname = ANY($1::text[]))`, [MEASURE_CODES]);
    for (const { name, kind } of installed.rows) {
      await client.query(`DROP ${kind === 'm' ? 'MATERIALIZED VIEW' : 'VIEW'} IF EXISTS "${name}" CASCADE`);
    }
    // Building-block functions too (`_pa_counts`): one left behind by an older install would hold on to the
    // columns it reads and block a later migration of their types.
    const functions = await client.query<{ signature: string }>(`
      SELECT p.oid::regprocedure::text AS signature FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = current_schema() AND p.proname LIKE '\\_%'`);
    for (const { signature } of functions.rows) await client.query(`DROP FUNCTION IF EXISTS ${signature} CASCADE`);
    for (const name of files) {
      const text = await readFile(path.join(dir, name), 'utf8');
      try {
        await client.query(text);
      } catch (error) {
        throw new Error(`sql/views/${name}: ${(error as Error).message}`, { cause: error });
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export interface RefreshTiming { code: string; ms: number }

export interface RefreshOptions {
  /**
   * Called once each dataset's rows and event span are known (dataset_coverage), before coverage is worked
   * out from the as-at dates: the import sets the as-at dates of its batch here.
   */
  settleAsAt?: (client: pg.PoolClient) => Promise<void>;
  /** Stop once the as-at dates are settled (a dry run checks them, and computes nothing more). */
  stopAfterAsAt?: boolean;
}

/**
 * Rebuilds report_months, coverage and indicator_results inside the caller's transaction (or its own),
 * filling every month × district with a row (zero when nothing counted) so that rollups and series are
 * complete; whether a month's figure stands for anything is its coverage (measure_coverage).
 */
export async function refreshResults(client: pg.PoolClient | pg.Pool, options: RefreshOptions = {}): Promise<RefreshTiming[]> {
  const timings: RefreshTiming[] = [];
  const ownTransaction = !('release' in client);
  const run = ownTransaction ? await (client as pg.Pool).connect() : (client as pg.PoolClient);
  try {
    if (ownTransaction) await run.query('BEGIN');
    // The larger building blocks hash and sort a few hundred MB at scale 10 (attendances by child, NEET
    // months): let them stay in memory, for this transaction only.
    await run.query(`SELECT set_config('work_mem', '512MB', true)`);
    // The heavy building blocks (sql/views/_*.sql) are materialized views: refreshed first, in name
    // order, so that each large record table is scanned once however many measures read it. They read
    // record tables only (never report_months, rebuilt next from one of them: _neet_by_month).
    const helpers = await run.query<{ name: string }>(`
      SELECT matviewname AS name FROM pg_matviews
      WHERE schemaname = current_schema() AND matviewname LIKE '\\_%'
      ORDER BY matviewname`);
    for (const { name } of helpers.rows) {
      const started = performance.now();
      await run.query(`REFRESH MATERIALIZED VIEW "${name}"`);
      await run.query(`ANALYZE "${name}"`);
      timings.push({ code: name, ms: performance.now() - started });
    }
    let started = performance.now();
    await updateDatasetEvents(run);
    timings.push({ code: 'dataset_coverage', ms: performance.now() - started });
    await options.settleAsAt?.(run);
    if (options.stopAfterAsAt) {
      if (ownTransaction) await run.query('ROLLBACK');
      return timings;
    }
    await updateCoveredSpans(run);
    started = performance.now();
    await run.query(await readFile(path.join(sqlDir, 'refresh', 'report_months.sql'), 'utf8'));
    timings.push({ code: 'report_months', ms: performance.now() - started });
    started = performance.now();
    await updateCoverageMonths(run);
    timings.push({ code: 'measure_coverage', ms: performance.now() - started });
    await run.query('TRUNCATE indicator_results');
    for (const { code, unit } of MEASURES) {
      const started = performance.now();
      // The code comes from the catalogue, never from input.
      await run.query(`
        INSERT INTO indicator_results (indicator_code, month, district_code, numerator, denominator)
        SELECT $1, m.month, d.district_code,
               coalesce(v.numerator, 0),
               ${unit === 'count' ? 'NULL' : 'coalesce(v.denominator, 0)'}
        FROM report_months m
        CROSS JOIN districts d
        LEFT JOIN ${code} v ON v.month = m.month AND v.district_code = d.district_code`, [code]);
      timings.push({ code, ms: performance.now() - started });
    }
    await run.query('ANALYZE indicator_results');
    if (ownTransaction) await run.query('COMMIT');
  } catch (error) {
    if (ownTransaction) await run.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    if (ownTransaction) run.release();
  }
  return timings;
}
