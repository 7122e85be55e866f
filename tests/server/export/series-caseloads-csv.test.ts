// GET /api/export/series.csv and /api/export/caseloads.csv against their JSON routes, plain and published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { neutraliseFormula } from '../../../api/src/export/csv.js';
import { CASELOADS_CSV_HEADER, SERIES_CSV_HEADER } from '../../../api/src/export/rows.js';
import { monthRange } from '../../../api/src/lib/months.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { determinedByLinearAlgebra, recoverBySubtraction, type Published } from './disclosure.js';
import { figure, getCsv, getJson } from './helpers.js';
import { DISTRICTS, MONTH, PREVIOUS_YEAR, seedExportData } from './seed.js';

let t: TestDatabase;
let app: App;
let api: SignedInClient;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedExportData(t.pool);
  app = await buildApp({ pool: t.pool });
  api = await signedIn(app, t.pool, 'viewer');
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const areaOf = new Map(DISTRICTS.map((d) => [d[0] as string, d[2] as string]));

describe('series CSV', () => {
  it('holds every point of the JSON series, at one geography and by district or area', async () => {
    for (const query of ['', '&area=NORTH', '&district=SWA', '&by=district', '&by=area', '&area=EAST&by=district']) {
      const range = `from=2015-04&to=${MONTH}`;
      const json = await getJson(api, `/api/indicators/neet_16_18_pct/series?${range}${query}`);
      const csv = await getCsv(api, `/api/export/series.csv?code=neet_16_18_pct&${range}${query}`);
      expect(csv.header).toEqual([...SERIES_CSV_HEADER]);
      expect(csv.records.length, query).toBe(json.points.length);
      json.points.forEach((point: any, i: number) => {
        const row = csv.records[i]!;
        expect(row.month).toBe(point.month);
        expect(row.geography_code).toBe(point.geographyCode);
        for (const field of ['value', 'numerator', 'denominator', 'target', 'floor'] as const) {
          expect(figure(row[field]), `${query} ${point.month} ${point.geographyCode} ${field}`).toBe(point[field]);
        }
        expect(row.status).toBe(point.status);
        expect(row.code).toBe('neet_16_18_pct');
      });
    }
    const byArea = await getCsv(api, `/api/export/series.csv?code=neet_16_18_pct&from=${MONTH}&to=${MONTH}&by=area`);
    expect(byArea.records.map((r) => [r.geography_type, r.geography_code, r.geography_name]))
      .toEqual([['area', 'EAST', 'East'], ['area', 'NORTH', 'North'], ['area', 'WEST', 'West']]);
  });

  it('is named for indicator, range, geography and breakdown; a BOM and CRLF like every CSV', async () => {
    const csv = await getCsv(api, `/api/export/series.csv?code=neet_16_18_pct&from=2015-04&to=2016-02&by=district`);
    expect(csv.fileName).toBe('ehps-series-neet_16_18_pct-2015-04-to-2016-02-kent-by-district.csv');
    expect([...csv.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.endsWith('\r\n')).toBe(true);
    const thanet = await getCsv(api, `/api/export/series.csv?code=yj_first_time_entrants&district=THA&suppress=true`);
    expect(thanet.fileName).toBe(`ehps-series-yj_first_time_entrants-${PREVIOUS_YEAR}-to-${MONTH}-thanet-published.csv`);
    expect(thanet.records.length).toBe(monthRange(PREVIOUS_YEAR, MONTH).length);
  });

  it('rejects an unknown code, a reversed range, unknown parameters', async () => {
    for (const [query, message] of [
      ['code=nope', /code/],
      [`code=neet_16_18_pct&from=${MONTH}&to=${PREVIOUS_YEAR}`, /after/],
      ['code=neet_16_18_pct&by=ward', /by/],
      ['code=neet_16_18_pct&district=THA&by=area', /by=area/],
      ['code=neet_16_18_pct&sort=asc', /unknown query parameter 'sort'/],
      ['from=2015-04', /missing query parameter 'code'/],
    ] as const) {
      const res = await api.inject({ method: 'GET', url: `/api/export/series.csv?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ error: 'bad_request' });
      expect(res.json().message).toMatch(message);
    }
  });

  it('in publication mode hides each month\'s small counts and secondary cells, and nothing is recoverable', async () => {
    const range = `from=${PREVIOUS_YEAR}&to=${MONTH}`;
    const byDistrict = await getCsv(api, `/api/export/series.csv?code=neet_16_18_pct&${range}&by=district&suppress=true`);
    const byArea = await getCsv(api, `/api/export/series.csv?code=neet_16_18_pct&${range}&by=area&suppress=true`);
    const county = await getCsv(api, `/api/export/series.csv?code=neet_16_18_pct&${range}&suppress=true`);
    const hiddenAt = (month: string) => byDistrict.records
      .filter((r) => r.month === month && r.value === 'c').map((r) => r.geography_code).sort();
    expect(hiddenAt(MONTH)).toEqual(['CAN', 'DAR', 'GRA', 'MAI', 'SWA', 'WEA']);
    expect(hiddenAt(PREVIOUS_YEAR)).toEqual(['DAR', 'SEV']);
    expect(hiddenAt('2015-08')).toEqual([]);
    let checked = 0;
    for (const month of monthRange(PREVIOUS_YEAR, MONTH)) {
      for (const measure of ['numerator', 'denominator'] as const) {
        const at = (records: Record<string, string>[]) => records.filter((r) => r.month === month);
        const table = {
          areaOf,
          districts: new Map(at(byDistrict.records).map((r) => [r.geography_code!, figure(r[measure]) as Published])),
          areas: new Map(at(byArea.records).map((r) => [r.geography_code!, figure(r[measure]) as Published])),
          county: figure(at(county.records)[0]![measure]) as number,
        };
        expect(recoverBySubtraction(table), `${month} ${measure}`).toEqual(new Map());
        expect(determinedByLinearAlgebra(table)).toEqual([]);
        checked += 1;
      }
    }
    expect(checked).toBe(26);
    // One district alone hides the same cells as the breakdown: SWA's secondary denominator at 2016-02.
    const swa = await getCsv(api, `/api/export/series.csv?code=neet_16_18_pct&${range}&district=SWA&suppress=true`);
    expect(swa.records.find((r) => r.month === MONTH)).toMatchObject({ numerator: '5', denominator: 'c', value: 'c', status: 'c' });
    // Totals stay: the county series is the unsuppressed one.
    const plainCounty = await getCsv(api, `/api/export/series.csv?code=neet_16_18_pct&${range}`);
    expect(county.records).toEqual(plainCounty.records);
  });
});

describe('caseloads CSV', () => {
  it('holds the caseloads route for the month: districts, areas, county', async () => {
    const json = await getJson(api, `/api/caseloads?month=${MONTH}`);
    const csv = await getCsv(api, `/api/export/caseloads.csv?month=${MONTH}`);
    expect(csv.fileName).toBe('ehps-caseloads-2016-02.csv');
    expect(csv.header).toEqual([...CASELOADS_CSV_HEADER]);
    const expected = [
      // GRA's name starts with '=': neutralised with a leading apostrophe.
      ...json.districts.map((r: any) => ['district', r.code, neutraliseFormula(r.name), r.areaCode, r.current, r.baseline, r.target]),
      ...json.areas.map((r: any) => ['area', r.code, r.name, r.code, r.current, r.baseline, r.target]),
      ['county', json.county.code, json.county.name, null, json.county.current, json.county.baseline, json.county.target],
    ];
    const actual = csv.records.map((r) => {
      expect(r.month).toBe(MONTH);
      return [
        r.geography_type, r.geography_code, r.geography_name, r.area_code || null,
        figure(r.current), figure(r.baseline), figure(r.target),
      ];
    });
    expect(actual).toEqual(expected);
    // EAST: 150 + 160 + 4 open cases.
    expect(actual.find((r) => r[1] === 'EAST')![4]).toBe(314);
  });

  it('in publication mode hides THA\'s 4 and the next smallest in its area, CAN\'s 150; totals stay', async () => {
    const csv = await getCsv(api, `/api/export/caseloads.csv?month=${MONTH}&suppress=true`);
    expect(csv.fileName).toBe('ehps-caseloads-2016-02-published.csv');
    const current = new Map(csv.records.map((r) => [r.geography_code!, figure(r.current)]));
    expect(current.get('THA')).toBe('c');
    expect(current.get('CAN')).toBe('c');
    expect(current.get('SWA')).toBe(160);
    expect(current.get('EAST')).toBe(314);
    const table = {
      areaOf,
      districts: new Map(DISTRICTS.map(([code]) => [code as string, current.get(code) as Published])),
      areas: new Map(['NORTH', 'EAST', 'WEST'].map((a) => [a, current.get(a) as Published])),
      county: current.get('KENT') as number,
    };
    expect(recoverBySubtraction(table)).toEqual(new Map());
    // Baselines (all at least 260) are published in full.
    expect(csv.records.every((r) => r.baseline !== 'c')).toBe(true);
  });

  it('needs a month inside the data', async () => {
    const res = await api.inject({ method: 'GET', url: '/api/export/caseloads.csv' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/missing query parameter 'month'/);
  });
});
