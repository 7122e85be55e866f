// A release holds what the API answers for the month: every geography's scorecard, the 24-month series, the
// caseloads, the datasets' coverage and the catalogue; and it matches its contract schema.
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { INDICATORS } from '../../../api/src/indicators/catalog.js';
import { Release as ReleaseSchema, type Release } from '../../../api/src/schemas/publications.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { getJson } from '../export/helpers.js';
import { MONTH } from '../export/seed.js';
import { APPROVER, seededRelease } from './release-fixture.js';

let t: TestDatabase;
let app: App;
let release: Release;
beforeAll(async () => {
  t = await createTestDatabase();
  ({ release } = await seededRelease(t));
  app = await buildApp({ pool: t.pool });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('assembleRelease', () => {
  it('matches the contract schema', () => {
    const errors = [...Value.Errors(ReleaseSchema, release)].slice(0, 3).map((e) => JSON.stringify(e));
    expect(errors).toEqual([]);
    expect(release).toMatchObject({ month: MONTH, version: 1, publishedAt: '2016-03-10T09:30:00.000Z', publishedBy: APPROVER, note: 'First release' });
  });

  it('holds the scorecard of the county, every area and every district, as /api/scorecard answers it', async () => {
    const geographies = await getJson(app, '/api/geographies');
    const urls = [
      `/api/scorecard?month=${MONTH}`,
      ...geographies.areas.map((a: { code: string }) => `/api/scorecard?month=${MONTH}&area=${a.code}`),
      ...geographies.districts.map((d: { code: string }) => `/api/scorecard?month=${MONTH}&district=${d.code}`),
    ];
    expect(release.scorecards.length).toBe(urls.length);
    for (const [i, url] of urls.entries()) expect(release.scorecards[i], url).toEqual(await getJson(app, url));
    expect(release.geographies).toEqual(geographies);
  });

  it('holds each indicator\'s 24 months up to the month for every geography, as the series route answers them', async () => {
    expect(release.series.map((s) => s.code)).toEqual(INDICATORS.map((i) => i.code));
    const neet = release.series.find((s) => s.code === 'neet_16_18_pct')!;
    const months = [...new Set(neet.points.map((p) => p.month))];
    expect(months.length).toBe(24);
    expect([months[0], months[23]]).toEqual(['2014-03', MONTH]);
    // The data starts at 2015-02: the months before it are in the release without a value, never as zeros.
    const first = '2015-02';
    expect(neet.points.filter((p) => p.month < first).every((p) => p.value === null && p.status === 'no_data')).toBe(true);
    for (const query of ['', '&area=EAST', '&district=DAR']) {
      const live = await getJson(app, `/api/indicators/neet_16_18_pct/series?from=${first}&to=${MONTH}${query}`);
      const code = live.geography.code;
      expect(live.points.length).toBe(13);
      expect(neet.points.filter((p) => p.geographyCode === code && p.month >= first), query).toEqual(live.points);
    }
  });

  it('holds the caseloads, the datasets and the catalogue\'s definitions', async () => {
    expect(release.caseloads).toEqual(await getJson(app, `/api/caseloads?month=${MONTH}`));
    expect(release.datasets).toEqual((await getJson(app, '/api/datasets')).datasets);
    expect(release.definitions).toEqual((await getJson(app, '/api/indicators')).indicators);
    expect(release.activity).toBeNull();
  });
});
