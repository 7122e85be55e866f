// Turns records into results: installs the indicator views of sql/views and rebuilds the precomputed
// tables (report_months, indicator_results) from them, so requests never scan record tables.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { sqlDir } from '../paths.js';
import { COMPUTED_MEASURES, MEASURE_CODES } from '../indicators/catalog.js';
import { EVENT_BUILDING_BLOCKS, updateCoveredSpans, updateCoverageMonths, updateDatasetEvents } from './coverage.js';
import { DATA_LOCK, takeLock, type OnLockWait } from '../db/locks.js';
import { OWN_SCHEMA } from '../db/own-schema.js';

const MEASURES = COMPUTED_MEASURES.map(({ code, unit }) => ({ code, unit }));

/**
 * (Re)creates every view in sql/views, in file-name order (shared helpers start with `_`), in the product's
 * schema (the connections' search_path): nothing outside it is created, replaced or dropped.
 */
export async function installViews(pool: pg.Pool, onLockWait?: OnLockWait): Promise<void> {
  const dir = path.join(sqlDir, 'views');
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Not under an import or a refresh, which read these views.
    await takeLock(client, DATA_LOCK, 'xact', onLockWait);
    // Drop the views of a previous install first (measure views and `_` building blocks), so a view whose
    // columns changed, or that no longer exists, does not linger or block CREATE OR REPLACE. Building-block
    // functions too (`_pa_counts`): one left behind by an older install would hold on to the columns it
    // reads and block a later migration of their types. Only in our schema: another application's `_st_`
    // functions or `_` views in public are not ours.
    const { rows: installed } = await client.query<{ oid: number; drop: string }>(`
      SELECT c.oid, format('DROP %s IF EXISTS %I.%I CASCADE',
        CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, n.nspname, c.relname) AS drop
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('v', 'm') AND (c.relname LIKE '\\_%' OR c.relname = ANY($2::text[]))
      UNION ALL
      SELECT p.oid, format('DROP FUNCTION IF EXISTS %s CASCADE', p.oid::regprocedure) FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proname LIKE '\\_%'`, [OWN_SCHEMA, MEASURE_CODES]);
    // CASCADE drops what depends on these views among themselves; it must not reach into another schema.
    const { rows: outside } = await client.query<{ identity: string }>(`
      SELECT DISTINCT CASE WHEN v.oid IS NULL THEN o.type || ' ' || o.identity
                           ELSE format('view %I.%I', vn.nspname, v.relname) END AS identity
      FROM pg_depend d
      CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) o
      -- a view depends through its rewrite rule, which has no schema of its own: take the view's
      LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
      LEFT JOIN pg_class v ON v.oid = r.ev_class
      LEFT JOIN pg_namespace vn ON vn.oid = v.relnamespace
      WHERE d.refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass) AND d.refobjid = ANY($1::oid[])
        AND d.deptype = 'n' AND coalesce(vn.nspname, o.schema) IS DISTINCT FROM $2`,
    [installed.map((row) => row.oid), OWN_SCHEMA]);
    if (outside.length > 0) {
      throw new Error(`The indicator views cannot be re-installed: ${outside.map((row) => row.identity).join(', ')}, outside schema ` +
        `${OWN_SCHEMA}, depends on them. Drop it first (it would be dropped with them).`);
    }
    for (const { drop } of installed) await client.query(drop);
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
  /** Told who holds the data lock when the refresh must wait for it. */
  onLockWait?: OnLockWait;
}

/**
 * Rebuilds report_months, coverage and indicator_results inside the caller's transaction (or its own),
 * filling every month × district with a row (zero when nothing counted) so that rollups and series are
 * complete; whether a month's figure stands for anything is its coverage (measure_coverage).
 * Readers never wait for it: the new rows are written beside the old ones (DELETE and INSERT, no TRUNCATE
 * nor any other lock that conflicts with a SELECT), so until the commit every request reads the previous
 * results, and from the commit the new ones, all at once (docs/indicator-sql.md, "Readers never wait").
 */
export async function refreshResults(client: pg.PoolClient | pg.Pool, options: RefreshOptions = {}): Promise<RefreshTiming[]> {
  const timings: RefreshTiming[] = [];
  const ownTransaction = !('release' in client);
  const run = ownTransaction ? await (client as pg.Pool).connect() : (client as pg.PoolClient);
  try {
    if (ownTransaction) await run.query('BEGIN');
    // One writer at a time (an import holds the lock already): two refreshes deleting and inserting the
    // same keys at once would collide.
    await takeLock(run, DATA_LOCK, 'xact', options.onLockWait);
    // The larger building blocks hash and sort a few hundred MB at scale 10 (attendances by child, NEET
    // months): let them stay in memory, for this transaction only.
    await run.query(`SELECT set_config('work_mem', '512MB', true)`);
    // The heavy building blocks (sql/views/_*.sql) are materialized views: refreshed first, in name
    // order, so that each large record table is scanned once however many measures read it. They read
    // record tables only (never report_months, rebuilt next from one of them: _neet_by_month).
    const helpers = await run.query<{ name: string }>(`
      SELECT matviewname AS name FROM pg_matviews
      WHERE schemaname = $1 AND matviewname LIKE '\\_%'
      ORDER BY matviewname`, [OWN_SCHEMA]);
    // A dry run stops once the as-at dates are settled: only the blocks the event bounds are read from.
    const toRefresh = options.stopAfterAsAt ? helpers.rows.filter(({ name }) => EVENT_BUILDING_BLOCKS.includes(name)) : helpers.rows;
    for (const { name } of toRefresh) {
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
    await run.query('DELETE FROM indicator_results');
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
