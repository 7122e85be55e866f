// GET /api/export/scorecard.csv: the JSON scorecard as a file, field for field, and its publication version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { findIndicator, INDICATORS } from '../../../api/src/indicators/catalog.js';
import { SCORECARD_CSV_HEADER } from '../../../api/src/export/rows.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { determinedByLinearAlgebra, recoverBySubtraction, type Published } from './disclosure.js';
import { figure, getCsv, getJson } from './helpers.js';
import { DISTRICTS, MONTH, seedExportData } from './seed.js';

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

/** Every column of a CSV row against the JSON scorecard's indicator, exactly (values unrounded). */
function expectRowMatchesJson(row: Record<string, string>, json: any, indicator: any) {
  expect(row.code).toBe(indicator.code);
  expect(row.title).toBe(indicator.title);
  expect(row.theme).toBe(findIndicator(indicator.code)!.theme);
  expect(row.unit).toBe(indicator.unit);
  expect(row.polarity).toBe(indicator.polarity);
  expect(row.month).toBe(json.month);
  expect(row.geography_type).toBe(json.geography.type);
  expect(row.geography_code).toBe(json.geography.code);
  for (const [column, field] of [
    ['value', 'value'], ['numerator', 'numerator'], ['denominator', 'denominator'], ['target_year', 'targetYear'],
    ['target', 'target'], ['floor', 'floor'], ['previous_year_value', 'previousYearValue'],
  ] as const) {
    expect(figure(row[column]), `${indicator.code} ${column}`).toBe(indicator[field]);
  }
  expect(row.floor_assumed).toBe(indicator.floorAssumed === null ? '' : String(indicator.floorAssumed));
  expect(row.status).toBe(indicator.status);
  expect(row.direction).toBe(indicator.direction ?? '');
  expect(row.comparators).toBe(indicator.comparators.map((c: any) => `${c.comparator} ${c.value} (${c.period})`).join('; '));
  expect(row.coverage).toBe(indicator.coverage);
}

describe('scorecard CSV', () => {
  it('holds every scorecard field of the JSON route, one row per indicator, unrounded', async () => {
    for (const query of ['', '&area=EAST', '&district=THA']) {
      const json = await getJson(api, `/api/scorecard?month=${MONTH}${query}`);
      const csv = await getCsv(api, `/api/export/scorecard.csv?month=${MONTH}${query}`);
      expect(csv.header).toEqual([...SCORECARD_CSV_HEADER]);
      expect(csv.records.map((r) => r.code)).toEqual(INDICATORS.map((i) => i.code));
      csv.records.forEach((row, i) => {
        expect(row.geography_name).toBe(json.geography.name);
        expectRowMatchesJson(row, json, json.indicators[i]);
      });
    }
    // A figure a pencil can check: THA's NEET rate is 30 / 300 = 10%; Kent's 96 / 1352 unrounded.
    const tha = await getCsv(api, `/api/export/scorecard.csv?month=${MONTH}&district=THA`);
    expect(tha.records.find((r) => r.code === 'neet_16_18_pct')).toMatchObject({
      value: '10', numerator: '30', denominator: '300', target: '5', floor: '6.5', floor_assumed: 'true',
      status: 'red', comparators: 'ENGLAND 4.7 (2015-01)', target_year: '2016',
    });
    const kent = await getCsv(api, `/api/export/scorecard.csv?month=${MONTH}`);
    expect(Number(kent.records.find((r) => r.code === 'neet_16_18_pct')!.value)).toBe((100 * 96) / 1352);
  });

  it('is UTF-8 with a BOM and CRLF line ends, named for month and geography', async () => {
    const csv = await getCsv(api, `/api/export/scorecard.csv?month=${MONTH}&district=THA`);
    expect([...csv.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.split('\r\n').length).toBe(1 + INDICATORS.length + 1);
    expect(csv.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    expect(csv.fileName).toBe('ehps-scorecard-2016-02-thanet.csv');
    expect((await getCsv(api, `/api/export/scorecard.csv?month=${MONTH}`)).fileName).toBe('ehps-scorecard-2016-02-kent.csv');
    expect((await getCsv(api, `/api/export/scorecard.csv?month=${MONTH}&area=NORTH&suppress=true`)).fileName)
      .toBe('ehps-scorecard-2016-02-north-published.csv');
  });

  it('neutralises a text cell that starts like a formula; numbers stay numbers', async () => {
    const csv = await getCsv(api, `/api/export/scorecard.csv?month=${MONTH}&district=GRA`);
    expect(csv.records[0]!.geography_name).toBe("'=Gravesham+1");
    expect(csv.fileName).toBe('ehps-scorecard-2016-02-gravesham-1.csv');
    expect(csv.records.find((r) => r.code === 'neet_16_18_pct')!.numerator).toBe('12');
  });

  it('appears in the OpenAPI document with its parameters and file types, as every export does', async () => {
    const doc = await getJson(api, '/api/openapi.json');
    const expected = {
      '/api/export/scorecard.csv': ['text/csv', ['month', 'area', 'district', 'suppress']],
      '/api/export/scorecard.xlsx': ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ['month', 'area', 'district', 'suppress']],
      '/api/export/series.csv': ['text/csv', ['code', 'from', 'to', 'area', 'district', 'by', 'suppress']],
      '/api/export/caseloads.csv': ['text/csv', ['month', 'suppress']],
    } as const;
    for (const [path, [mediaType, parameters]] of Object.entries(expected)) {
      const operation = doc.paths[path]?.get;
      expect(operation, path).toBeDefined();
      expect(operation.parameters.map((p: any) => p.name)).toEqual(parameters);
      expect(Object.keys(operation.responses['200'].content)).toEqual([mediaType]);
      expect(operation.responses['400']).toBeDefined();
    }
  });

  it('rejects unknown and malformed parameters with the one error envelope', async () => {
    for (const [query, message] of [
      [`month=${MONTH}&colour=red`, /unknown query parameter 'colour'/],
      [`month=${MONTH}&suppress=perhaps`, /suppress/],
      [`month=2016-13`, /month/],
      [`month=2020-01`, /outside the data/],
      [`month=${MONTH}&area=EAST&district=THA`, /either area or district/],
      [`month=${MONTH}&district=NOPE`, /unknown district 'NOPE'/],
    ] as const) {
      const res = await api.inject({ method: 'GET', url: `/api/export/scorecard.csv?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error).toBe('bad_request');
      expect(res.json().message).toMatch(message);
    }
  });
});

describe('scorecard CSV in publication mode', () => {
  const row = async (query: string, code: string) => {
    const csv = await getCsv(api, `/api/export/scorecard.csv?month=${MONTH}${query}&suppress=true`);
    return csv.records.find((r) => r.code === code)!;
  };

  it('hides counts of 1 to 4 and the rate and status made from them, as "c"', async () => {
    // DAR: NEET numerator 3 of 100.
    expect(await row('&district=DAR', 'neet_16_18_pct')).toMatchObject({ numerator: 'c', denominator: '100', value: 'c', status: 'c' });
    // CAN: denominator 2; its numerator 0 is published (a zero is not suppressed).
    expect(await row('&district=CAN', 'neet_16_18_pct')).toMatchObject({ numerator: '0', denominator: 'c', value: 'c', status: 'c' });
    // DAR's first-time entrants: a count indicator's value 2.
    expect(await row('&district=DAR', 'yj_first_time_entrants')).toMatchObject({ value: 'c', numerator: 'c' });
  });

  it('hides secondary cells: the next smallest district of the area', async () => {
    expect(await row('&district=GRA', 'neet_16_18_pct')).toMatchObject({ numerator: 'c', denominator: '150', value: 'c' });
    expect(await row('&district=SWA', 'neet_16_18_pct')).toMatchObject({ numerator: '5', denominator: 'c', value: 'c' });
    expect(await row('&district=WEA', 'neet_16_18_pct')).toMatchObject({ numerator: 'c', denominator: '500', value: 'c' });
    expect(await row('&district=SEV', 'neet_16_18_pct')).toMatchObject({ numerator: '20', denominator: '200', value: '10' });
    expect(await row('&district=SEV', 'yj_first_time_entrants')).toMatchObject({ value: '0' });
  });

  it('hides last year\'s value where last year\'s figures were suppressed', async () => {
    // 2015-02: SEV's NEET numerator was 4 (primary) and DAR's 9 the next smallest in NORTH.
    expect((await row('&district=SEV', 'neet_16_18_pct')).previous_year_value).toBe('c');
    expect((await row('&district=DAR', 'neet_16_18_pct')).previous_year_value).toBe('c');
    expect((await row('&district=THA', 'neet_16_18_pct')).previous_year_value).toBe('10');
  });

  it('keeps area and county totals, identical to the unsuppressed file', async () => {
    for (const query of ['', '&area=NORTH', '&area=EAST', '&area=WEST']) {
      const plain = await getCsv(api, `/api/export/scorecard.csv?month=${MONTH}${query}`);
      const published = await getCsv(api, `/api/export/scorecard.csv?month=${MONTH}${query}&suppress=true`);
      expect(published.records).toEqual(plain.records);
    }
  });

  it('leaves no suppressed figure recoverable by subtraction from its area or county total', async () => {
    const fetchAll = async (query: string) => (await getCsv(api, `/api/export/scorecard.csv?month=${MONTH}${query}&suppress=true`)).records;
    const districtRows = new Map(await Promise.all(DISTRICTS.map(async ([code]) => [code, await fetchAll(`&district=${code}`)] as const)));
    const areaCodes = [...new Set(DISTRICTS.map((d) => d[2]))];
    const areaRows = new Map(await Promise.all(areaCodes.map(async (code) => [code, await fetchAll(`&area=${code}`)] as const)));
    const county = await fetchAll('');
    let suppressedCells = 0;
    for (const indicator of INDICATORS) {
      for (const measure of ['numerator', 'denominator'] as const) {
        if (indicator.unit === 'count' && measure === 'denominator') continue;
        const cell = (rows: Record<string, string>[]) => figure(rows.find((r) => r.code === indicator.code)![measure]) as Published;
        const table = {
          areaOf: new Map(DISTRICTS.map((d) => [d[0] as string, d[2] as string])),
          districts: new Map([...districtRows].map(([code, rows]) => [code as string, cell(rows)])),
          areas: new Map([...areaRows].map(([code, rows]) => [code as string, cell(rows)])),
          county: cell(county) as number,
        };
        suppressedCells += [...table.districts.values()].filter((v) => v === 'c').length;
        expect(recoverBySubtraction(table), `${indicator.code} ${measure}`).toEqual(new Map());
        expect(determinedByLinearAlgebra(table), `${indicator.code} ${measure}`).toEqual([]);
        // And no district value (rate or count) is shown where its numerator or denominator is hidden.
        for (const [code, rows] of districtRows) {
          const r = rows.find((x) => x.code === indicator.code)!;
          if (r.numerator === 'c' || r.denominator === 'c') expect(r.value, `${indicator.code} ${code}`).toBe('c');
        }
      }
    }
    // neet numerators (DAR, GRA, MAI, WEA), denominators (CAN, SWA), first-time entrants (DAR, GRA).
    expect(suppressedCells).toBe(8);
  });
});

describe('coverage in the scorecard CSV', () => {
  it('says each row\'s coverage, and leaves a figure outside coverage empty rather than 0', async () => {
    await t.pool.query(`UPDATE measure_coverage SET coverage = 'none'
      WHERE indicator_code = 'yj_first_time_entrants' AND month = ($1 || '-01')::date`, [MONTH]);
    await t.pool.query(`UPDATE measure_coverage SET coverage = 'partial'
      WHERE indicator_code = 'neet_16_18_pct' AND month = ($1 || '-01')::date`, [MONTH]);
    try {
      const csv = await getCsv(api, `/api/export/scorecard.csv?month=${MONTH}`);
      expect(csv.records.find((r) => r.code === 'yj_first_time_entrants'))
        .toMatchObject({ value: '', numerator: '', status: 'no_data', coverage: 'none' });
      const neet = csv.records.find((r) => r.code === 'neet_16_18_pct')!;
      expect(neet).toMatchObject({ status: 'no_data', coverage: 'partial' });
      expect(Number(neet.value)).toBeCloseTo((100 * 96) / 1352, 10);
      expect(csv.records.find((r) => r.code === 'eh_plans_within_4_weeks_pct')).toMatchObject({ coverage: 'full' });
    } finally {
      await t.pool.query(`UPDATE measure_coverage SET coverage = 'full' WHERE month = ($1 || '-01')::date`, [MONTH]);
    }
  });
});
