// Coverage (indicators.md, "Coverage") from records to the API: a month outside a dataset's coverage has no
// value (never a zero), a window that starts before the data is partial (a value, no RAG, out of the
// direction of travel), absence months need their terms, and /api/months and /api/datasets say what the
// data speak for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { refreshResults } from '../../../api/src/results/refresh.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { insertDistricts } from '../indicators/support.js';
import { LAST_12, seedScorecardData } from './seed.js';

async function get(client: SignedInClient, url: string) {
  const response = await client.inject(url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

function row(body: { indicators: { code: string }[]; context: { code: string }[] }, code: string) {
  const found = [...body.indicators, ...body.context].find((i) => i.code === code);
  if (!found) throw new Error(`no ${code} in the scorecard`);
  return found as Record<string, unknown>;
}

describe('coverage computed by the refresh from the datasets and their as-at dates', () => {
  let t: TestDatabase;
  let app: App;
  let api: SignedInClient;

  beforeAll(async () => {
    t = await createTestDatabase();
    await insertDistricts(t.pool);
    // Early help from January 2015 to June 2016, taken on 30 June 2016.
    await t.pool.query(`INSERT INTO early_help_cases VALUES
      ('E1', 'K1', 'DAR', '2015-01-10', '2015-01-12', NULL, '2015-02-10', 'outcomes_achieved'),
      ('E2', 'K2', 'DAR', '2015-11-02', '2015-11-05', NULL, '2015-12-15', 'moved_away'),
      ('E3', 'K3', 'GRA', '2016-06-20', NULL, NULL, NULL, NULL)`);
    // Exclusions only from January 2016, in an extract taken on 31 March 2016.
    await t.pool.query(`INSERT INTO exclusions VALUES
      ('X1', 'P1', 'DAR', 'primary', 'fixed', '2016-01-15'),
      ('X2', 'P2', 'DAR', 'primary', 'fixed', '2016-03-10')`);
    // Absence: the autumn and spring terms of academic year 2016 only.
    await t.pool.query(`INSERT INTO pupil_absence VALUES
      ('U1', 'DAR', 'primary', 2016, 'autumn', 100, 20),
      ('U1', 'DAR', 'primary', 2016, 'spring', 200, 0)`);
    // One SCS referral: the re-referral measure reads them too.
    await t.pool.query(`INSERT INTO scs_referrals VALUES ('R1', 'K9', 'DAR', '2015-01-20')`);
    // As an import would have left them.
    await t.pool.query(`INSERT INTO dataset_coverage (dataset, as_at, last_imported_at, last_imported_by) VALUES
      ('early_help_cases', '2016-06-30', '2016-07-01 09:30:00+01', 'cli:analyst'),
      ('exclusions', '2016-03-31', '2016-04-02 10:00:00+00', 'cli:analyst'),
      ('pupil_absence', '2016-06-30', '2016-07-01 09:30:00+01', 'cli:analyst'),
      ('scs_referrals', '2016-06-30', '2016-07-01 09:30:00+01', 'cli:analyst')`);
    // Targets that would score the partial figures if they were scored.
    await t.pool.query(`INSERT INTO targets VALUES
      ('excl_fixed_primary', 2016, 'KENT', 10, NULL, false),
      ('eh_rereferred_within_12m_pct', 2016, 'KENT', 50, NULL, false),
      ('eh_closed_positive_outcome_pct', 2016, 'KENT', 40, NULL, false)`);
    await refreshResults(t.pool);
    app = await buildApp({ pool: t.pool });
    api = await signedIn(app, t.pool, 'viewer');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('gives a count no value, not 0, in a month before its dataset starts and after its as-at date', async () => {
    // The refresh still zero-fills the results: coverage is what says the zero stands for nothing.
    const { rows } = await t.pool.query(`SELECT sum(numerator)::int AS n FROM indicator_results
      WHERE indicator_code = 'excl_fixed_primary' AND month = '2015-12-01'`);
    expect(rows[0].n).toBe(0);
    for (const month of ['2015-12', '2016-04']) {
      expect(row(await get(api, `/api/scorecard?month=${month}`), 'excl_fixed_primary'))
        .toMatchObject({ value: null, numerator: null, coverage: 'none', status: 'no_data', direction: null });
    }
  });

  it('marks a rolling window that starts before the data partial: the value is given, unscored', async () => {
    // February 2016: the window runs from March 2015, the exclusions from January 2016.
    expect(row(await get(api, '/api/scorecard?month=2016-02'), 'excl_fixed_primary'))
      .toMatchObject({ value: 1, coverage: 'partial', status: 'no_data', target: 10 });
    // A cohort of M − 12 followed up to M starts at M − 23: March 2014 for February 2016, before January 2015.
    expect(row(await get(api, '/api/scorecard?month=2016-02'), 'eh_rereferred_within_12m_pct'))
      .toMatchObject({ value: 0, coverage: 'partial', status: 'no_data', target: 50 });
  });

  it('scores a full window', async () => {
    // December 2015: the window starts in January 2015, the month of the first notification.
    expect(row(await get(api, '/api/scorecard?month=2015-12'), 'eh_closed_positive_outcome_pct'))
      .toMatchObject({ value: 50, coverage: 'full', status: 'green' });
  });

  it('covers an absence month only when the terms that count by it are loaded', async () => {
    const scorecard = (month: string) => get(api, `/api/scorecard?month=${month}`);
    expect(row(await scorecard('2016-02'), 'pa_primary_10pct')).toMatchObject({ value: 100, coverage: 'full' });
    // Autumn and spring: 20 of 300 sessions, under 10%: a real zero.
    expect(row(await scorecard('2016-06'), 'pa_primary_10pct')).toMatchObject({ value: 0, coverage: 'full' });
    // September to December 2015 show academic year 2015, which has no terms loaded.
    expect(row(await scorecard('2015-12'), 'pa_primary_10pct')).toMatchObject({ value: null, coverage: 'none', status: 'no_data' });
    expect(row(await scorecard('2015-12'), 'pa_primary_15pct')).toMatchObject({ value: null, coverage: 'none' });
  });

  it('gives each series point its coverage', async () => {
    const { points } = await get(api, '/api/indicators/excl_fixed_primary/series?from=2015-12&to=2016-04');
    expect(points.map((p: { month: string; coverage: string; value: number | null }) => [p.month, p.coverage, p.value])).toEqual([
      ['2015-12', 'none', null], ['2016-01', 'partial', 1], ['2016-02', 'partial', 1], ['2016-03', 'partial', 2], ['2016-04', 'none', null],
    ]);
  });

  it('serves the months from the first full rolling window to the latest covered month, and the latest month every dataset covers', async () => {
    // Early help has its first full twelve months at 2015-12; it covers June 2016 (as at 30 June); the
    // exclusions end at March 2016.
    expect(await get(api, '/api/months')).toEqual({ first: '2015-12', latest: '2016-06', latestComplete: '2016-03' });
    expect((await api.inject('/api/scorecard?month=2015-06')).statusCode).toBe(400);
  });

  it('lists every dataset with its rows, months covered, as-at date and last import', async () => {
    const { datasets } = await get(api, '/api/datasets');
    const byName = (name: string) => datasets.find((d: { name: string }) => d.name === name);
    expect(datasets.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['districts', 'early_help_cases', 'exclusions']));
    expect(byName('exclusions')).toEqual({
      name: 'exclusions', kind: 'record', rows: 2, coveredFrom: '2016-01', coveredTo: '2016-03', asAt: '2016-03-31',
      lastImportedAt: '2016-04-02T10:00:00.000Z', lastImportedBy: 'cli:analyst',
    });
    expect(byName('early_help_cases')).toMatchObject({ rows: 3, coveredFrom: '2015-01', coveredTo: '2016-06', asAt: '2016-06-30',
      lastImportedAt: '2016-07-01T08:30:00.000Z' });
    expect(byName('districts')).toMatchObject({ kind: 'reference', rows: 3, coveredFrom: null, asAt: null });
    expect(byName('neet_activity')).toMatchObject({ rows: 0, coveredFrom: null, asAt: null, lastImportedAt: null });
  });

  it('serves the datasets from the cache of the data version, and follows a change at once', async () => {
    const rows = async () => (await get(api, '/api/datasets')).datasets.find((d: { name: string }) => d.name === 'exclusions').rows;
    expect(await rows()).toBe(2);
    // A change the version does not see (its trigger off) is not read: the answer comes from the cache.
    await t.pool.query('ALTER TABLE dataset_coverage DISABLE TRIGGER dataset_coverage_version');
    try {
      await t.pool.query(`UPDATE dataset_coverage SET row_count = 5 WHERE dataset = 'exclusions'`);
    } finally {
      await t.pool.query('ALTER TABLE dataset_coverage ENABLE TRIGGER dataset_coverage_version');
    }
    expect(await rows()).toBe(2);
    // As an import does, the next change bumps the version, and the new figures show on the next request.
    await t.pool.query(`UPDATE dataset_coverage SET row_count = 6 WHERE dataset = 'exclusions'`);
    expect(await rows()).toBe(6);
    await t.pool.query(`UPDATE dataset_coverage SET row_count = 2 WHERE dataset = 'exclusions'`);
  });
});

describe('partial figures and the direction of travel', () => {
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
    await app?.close();
    await t?.drop();
  });

  it('leaves partial months out of the direction: too few full values left gives no direction', async () => {
    const direction = async () => (row(await get(api, '/api/scorecard?month=2015-06&district=DAR'), 'eh_closed_positive_outcome_pct')).direction;
    // Rising by about a point a month over twelve full months: improving.
    expect(await direction()).toBe('improving');
    // The first seven of the twelve partial: five values left, fewer than six.
    await t.pool.query(`UPDATE measure_coverage SET coverage = 'partial'
      WHERE indicator_code = 'eh_closed_positive_outcome_pct' AND month = ANY($1::date[])`, [LAST_12.slice(0, 7).map((m) => `${m}-01`)]);
    expect(await direction()).toBeNull();
    // The same figure at a partial month keeps its value, but not its status.
    const partial = row(await get(api, '/api/scorecard?month=2015-01&district=DAR'), 'eh_closed_positive_outcome_pct');
    expect(partial).toMatchObject({ value: 16, coverage: 'partial', status: 'no_data' });
  });

  it('gives no current caseload, rather than 0, where the early help cases do not cover the month, and says so on every row', async () => {
    const caseloads = () => get(api, '/api/caseloads?month=2015-06');
    type Row = { current: number | null; coverage: string };
    const rows = (body: { districts: Row[]; areas: Row[]; county: Row }) => [...body.districts, ...body.areas, body.county];
    const covered = await caseloads();
    expect(covered.county.current).toBe(350);
    expect(rows(covered).map((r) => r.coverage)).toEqual(Array(3 + 2 + 1).fill('full'));
    await t.pool.query(`UPDATE measure_coverage SET coverage = 'none' WHERE indicator_code = 'caseload_open' AND month = '2015-06-01'`);
    const uncovered = await caseloads();
    expect(uncovered.county.current).toBeNull();
    expect(rows(uncovered).map((r) => [r.current, r.coverage])).toEqual(Array(3 + 2 + 1).fill([null, 'none']));
  });
});
