// Readers never wait for an import: while an import that changes every table the API reads is still
// open (blocked just before it commits), every route answers from the previous data at once, without
// waiting for any lock; at the commit the new figures appear, all of them, through the same cache.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { createPool } from '../../../api/src/db/kysely.js';
import { importFiles, type ImportFile, type ImportReport } from '../../../api/src/import/index.js';
import { tokenHeaders } from '../../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { csv, scratchFolder, type Scratch } from '../import/helpers.js';

let t: TestDatabase;
let scratch: Scratch;
/** The readers' connections give up on any lock after 200 ms (and on any statement after 5 s). */
let readers: pg.Pool;
const apps: App[] = [];
/** A viewer's API token: every route but health needs a user. */
let viewer: Record<string, string>;

const URLS = [
  '/api/months',
  '/api/geographies',
  '/api/scorecard?month=2015-03',
  '/api/scorecard?month=2015-03&area=NORTH',
  '/api/scorecard?month=2015-03&district=DAR',
  '/api/indicators/eh_notifications_assessed_pct/series?district=DAR',
  '/api/indicators/eh_notifications_assessed_pct/series?area=NORTH&by=district',
  '/api/caseloads?month=2015-03',
  '/api/export/scorecard.csv?month=2015-03',
  '/api/export/series.csv?code=eh_notifications_assessed_pct&by=district',
  '/api/export/caseloads.csv?month=2015-03',
];

/** Every URL's status and body, from an app with an empty cache (so each reads the tables afresh). */
async function answers(app?: App): Promise<Record<string, { status: number; body: string }>> {
  if (!app) {
    app = await buildApp({ pool: readers });
    apps.push(app);
  }
  const result: Record<string, { status: number; body: string }> = {};
  for (const url of URLS) {
    const response = await app.inject({ url, headers: viewer });
    result[url] = { status: response.statusCode, body: response.body };
  }
  return result;
}

/** The extracts were taken at the end of March and of April 2015: March is covered from the first, April from the second. */
const FIRST_AS_AT = '2015-03-31';
const SECOND_AS_AT = '2015-04-30';

const FIRST_BATCH = {
  districts: csv('district_code,district_name,area_code,area_name',
    'DAR,Dartford,NORTH,North Kent', 'GRA,Gravesham,NORTH,North Kent', 'CAN,Canterbury,EAST,East Kent'),
  caseload_targets: csv('district_code,effective_from,baseline,target', 'DAR,2015-01,10,8'),
  comparators: csv('indicator_code,period,comparator,value,note', 'eh_notifications_assessed_pct,2015-03,ENGLAND,75,'),
  early_help_cases: csv('case_id,child_id,district_code,notified_on,assessed_on,plan_on,closed_on,closure_reason',
    'E1,K1,DAR,2015-01-10,2015-01-12,,,', 'E2,K2,DAR,2015-03-20,,,,', 'E3,K3,CAN,2015-02-01,2015-02-02,,,'),
};

/**
 * A later extract that changes every table the API reads: a new district, caseload targets, comparators,
 * cases, and the first targets, a file large enough (over a megabyte) for the bulk load of an empty table.
 */
const SECOND_BATCH = {
  districts: csv('district_code,district_name,area_code,area_name', 'MAI,Maidstone,WEST,West Kent'),
  targets: csv('indicator_code,year,geography_code,target,floor,floor_assumed', 'eh_notifications_assessed_pct,2015,KENT,90,70,false',
    ...Array.from({ length: 25_000 }, (_, i) => `eh_notifications_assessed_pct,${3000 + i},KENT,90,70,false`)),
  caseload_targets: csv('district_code,effective_from,baseline,target', 'DAR,2015-01,12,9', 'MAI,2015-01,5,4'),
  comparators: csv('indicator_code,period,comparator,value,note', 'eh_notifications_assessed_pct,2015-03,ENGLAND,77,revised'),
  early_help_cases: csv('case_id,child_id,district_code,notified_on,assessed_on,plan_on,closed_on,closure_reason',
    'E2,K2,DAR,2015-03-20,2015-03-25,,,', 'E4,K4,MAI,2015-03-02,2015-03-03,,,', 'E5,K5,GRA,2015-04-15,,,,'),
};

async function batch(files: Record<string, string>): Promise<ImportFile[]> {
  const list: ImportFile[] = [];
  for (const [dataset, text] of Object.entries(files)) list.push({ dataset, path: await scratch.write(`${dataset}.csv`, text) });
  return list;
}

beforeAll(async () => {
  t = await createTestDatabase();
  scratch = await scratchFolder();
  const report = await importFiles(t.pool, await batch(FIRST_BATCH), { asAt: FIRST_AS_AT });
  expect(report.ok ? [] : report.problems).toEqual([]);
  readers = createPool(t.url, { lock_timeout: 200, statement_timeout: 5000 });
  viewer = (await tokenHeaders(t.pool, 'viewer')).headers;
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await readers?.end();
  await scratch.remove();
  await t.drop();
});

/** Waits until another session of this database waits for a lock (the import, held before its commit). */
async function untilImportWaits(): Promise<string> {
  for (;;) {
    const { rows } = await t.pool.query<{ query: string }>(`
      SELECT query FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`);
    if (rows[0]) return rows[0].query;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('readers during an import', () => {
  it('read the previous figures without waiting, and the new ones all at once from the commit', async () => {
    const before = await answers();
    expect(Object.values(before).map((a) => a.status)).toEqual(URLS.map(() => 200));
    const cachedApp = await buildApp({ pool: readers });
    apps.push(cachedApp);
    expect(await answers(cachedApp)).toEqual(before);

    // Holds the import at its last step: the lock this takes lets every reader through, and stops only
    // what needs the results table to itself (the statistics, after the results are written).
    const blocker = await t.pool.connect();
    let importing: Promise<ImportReport> | undefined;
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE indicator_results IN SHARE UPDATE EXCLUSIVE MODE');
      importing = importFiles(t.pool, await batch(SECOND_BATCH), { asAt: SECOND_AS_AT });
      const waitingIn = await untilImportWaits();
      expect(waitingIn).toMatch(/indicator_results/);

      // Every table the API reads has been rewritten by the open import: a new cache and the warm one
      // both answer the previous data, none of them waiting for a lock (200 ms would fail them).
      expect(await answers()).toEqual(before);
      expect(await answers(cachedApp)).toEqual(before);
    } finally {
      await blocker.query('COMMIT');
      blocker.release();
      // Settled before anything else happens to the database, whatever the outcome.
      await importing?.catch(() => undefined);
    }
    const report = await importing!;
    expect(report.ok ? [] : report.problems).toEqual([]);

    const after = await answers();
    for (const url of URLS) expect(after[url]!.status, url).toBe(200);
    // Every answer changed with the batch (the months too: April 2015 is new)...
    for (const url of URLS) expect(after[url]!.body, url).not.toEqual(before[url]!.body);
    // ...and the warm cache gives the new answers at once, not a mix.
    expect(await answers(cachedApp)).toEqual(after);
    const scorecard = JSON.parse(after['/api/scorecard?month=2015-03&district=DAR']!.body);
    const assessed = scorecard.indicators.find((row: { code: string }) => row.code === 'eh_notifications_assessed_pct');
    expect(assessed).toMatchObject({ numerator: 2, denominator: 2 });
  });
});
