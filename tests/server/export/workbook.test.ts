// GET /api/export/scorecard.xlsx: every sheet against the JSON routes, layout for print, publication mode.
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { INDICATORS, THEMES } from '../../../api/src/indicators/catalog.js';
import { SUPPRESSION_RULE } from '../../../api/src/export/suppression.js';
import { COUNT_FORMAT, PERCENT_FORMAT, SCORECARD_SHEET_HEADER, COVERAGE_WORDS, STATUS_WORDS } from '../../../api/src/export/workbook.js';
import { overfullCells, PRINT_FONT, rowHeightForLines, rowHeightNeeded, wrappedLines } from '../../../api/src/export/print-layout.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { determinedByLinearAlgebra, recoverBySubtraction, type Published } from './disclosure.js';
import { getJson, getWorkbook } from './helpers.js';
import { DISTRICTS, MONTH, seedExportData } from './seed.js';

let t: TestDatabase;
let app: App;
let api: SignedInClient;
let plain: ExcelJS.Workbook;
let published: ExcelJS.Workbook;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedExportData(t.pool);
  app = await buildApp({ pool: t.pool });
  api = await signedIn(app, t.pool, 'viewer');
  plain = (await getWorkbook(api, `/api/export/scorecard.xlsx?month=${MONTH}&district=THA`)).workbook;
  published = (await getWorkbook(api, `/api/export/scorecard.xlsx?month=${MONTH}&district=DAR&suppress=true`)).workbook;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const sheet = (workbook: ExcelJS.Workbook, name: string) => {
  const ws = workbook.getWorksheet(name);
  expect(ws, name).toBeDefined();
  return ws!;
};
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

/** Scorecard sheet rows by indicator code (theme headings have no code in a code-shaped first cell). */
function scorecardSheetRows(ws: ExcelJS.Worksheet): Map<string, ExcelJS.Row> {
  const codes = new Set(INDICATORS.map((i) => i.code));
  const rows = new Map<string, ExcelJS.Row>();
  ws.eachRow((row) => {
    const first = row.getCell(1).value;
    if (typeof first === 'string' && codes.has(first)) rows.set(first, row);
  });
  return rows;
}

describe('scorecard workbook', () => {
  it('is named for month and geography and has the five sheets in order', async () => {
    const download = await getWorkbook(api, `/api/export/scorecard.xlsx?month=${MONTH}&district=THA`);
    expect(download.fileName).toBe('ehps-scorecard-2016-02-thanet.xlsx');
    expect(download.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(plain.worksheets.map((ws) => ws.name)).toEqual(['Scorecard', 'By district', 'Caseloads', 'Definitions', 'About']);
    expect((await getWorkbook(api, `/api/export/scorecard.xlsx?month=${MONTH}&suppress=true`)).fileName)
      .toBe('ehps-scorecard-2016-02-kent-published.xlsx');
  });

  it('Scorecard sheet: every figure of the JSON scorecard, grouped under theme headings, RAG in words', async () => {
    const json = await getJson(api, `/api/scorecard?month=${MONTH}&district=THA`);
    const ws = sheet(plain, 'Scorecard');
    expect(rowValues(ws, 2)).toEqual(SCORECARD_SHEET_HEADER);
    const rows = scorecardSheetRows(ws);
    expect(rows.size).toBe(INDICATORS.length);
    for (const indicator of json.indicators) {
      const row = rows.get(indicator.code)!;
      expect(row.getCell(2).value).toBe(indicator.title);
      expect(row.getCell(5).value, indicator.code).toBe(indicator.value);
      expect(row.getCell(6).value).toBe(indicator.numerator);
      expect(row.getCell(7).value).toBe(indicator.denominator);
      expect(row.getCell(8).value).toBe(indicator.targetYear);
      expect(row.getCell(9).value).toBe(indicator.target);
      expect(row.getCell(10).value).toBe(indicator.floor);
      expect(row.getCell(12).value).toBe(STATUS_WORDS[indicator.status as keyof typeof STATUS_WORDS]);
      expect(row.getCell(14).value).toBe(indicator.previousYearValue);
      expect(row.getCell(16).value).toBe(COVERAGE_WORDS[indicator.coverage as keyof typeof COVERAGE_WORDS]);
      expect(row.getCell(5).numFmt).toBe(indicator.unit === 'percent' ? PERCENT_FORMAT : COUNT_FORMAT);
      expect(row.getCell(6).numFmt).toBe(COUNT_FORMAT);
    }
    // THA's NEET: 30 / 300 = 10%, red against a target of 5 and an assumed floor of 6.5, with a red fill.
    const neet = rows.get('neet_16_18_pct')!;
    expect([neet.getCell(5).value, neet.getCell(9).value, neet.getCell(10).value, neet.getCell(11).value, neet.getCell(12).value])
      .toEqual([10, 5, 6.5, 'Assumed', 'Red']);
    expect((neet.getCell(12).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(neet.getCell(15).value).toBe('ENGLAND 4.7 (2015-01)');
    // Theme headings, in the catalogue's order, each followed by its indicators.
    const headings: string[] = [];
    ws.eachRow((row) => {
      const first = row.getCell(1).value;
      if (typeof first === 'string' && (THEMES as readonly string[]).includes(first)) headings.push(first);
    });
    expect(headings).toEqual(THEMES.filter((theme) => INDICATORS.some((i) => i.theme === theme)));
  });

  it('Scorecard sheet prints on A4 landscape with the header repeated, and freezes the header', () => {
    const ws = sheet(plain, 'Scorecard');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, printTitlesRow: '1:2' });
    expect(ws.getColumn(2).width).toBe(60);
    expect(sheet(plain, 'By district').views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });
    expect(sheet(plain, 'Caseloads').views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet(plain, 'Definitions').views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('every sheet is laid out for print: one font, stored heights for wrapped rows, codes on one line, A4 one page wide', () => {
    for (const ws of plain.worksheets) {
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.headerFooter.oddFooter, ws.name).toMatch(/&A.*Page &P of &N$/);
      ws.eachRow((row) => {
        // What the row's text needs, never capped: a text cut by its row fails here.
        expect(row.height, `${ws.name} row ${row.number}`).toBeGreaterThanOrEqual(rowHeightNeeded(ws, row));
        row.eachCell((cell) => expect(cell.font?.name, `${ws.name} ${cell.address}`).toBe(PRINT_FONT.name));
      });
      expect(overfullCells(ws), `${ws.name}: wrapped cells needing more lines than a row holds`).toEqual([]);
    }
    // The longest definitions take several lines, and their rows are that tall (the default would be 15).
    const definitions = sheet(plain, 'Definitions');
    const tallest = Math.max(...INDICATORS.map((_, i) => definitions.getRow(2 + i).height));
    expect(tallest).toBeGreaterThanOrEqual(rowHeightForLines(4));
    // Codes are not wrapped: their column fits the longest.
    const longest = Math.max(...INDICATORS.map((i) => i.code.length));
    expect(wrappedLines('x'.repeat(longest), sheet(plain, 'Scorecard').getColumn(1).width!)).toBe(1);
    expect(wrappedLines('x'.repeat(longest), definitions.getColumn(1).width!)).toBe(1);
  });

  it('By district sheet: each indicator by each district, value and status as the district scorecards say', async () => {
    const ws = sheet(plain, 'By district');
    const districts = (await getJson(api, `/api/indicators/neet_16_18_pct/series?from=${MONTH}&to=${MONTH}&by=district`)).points
      .map((p: any) => p.geographyCode) as string[];
    expect(districts.length).toBe(DISTRICTS.length);
    const header = ws.getRow(1);
    // GRA's name starts with '=': stored as text, never as a formula.
    const gra = header.getCell(3 + 2 * districts.indexOf('GRA'));
    expect(gra.value).toBe('=Gravesham+1 (North)');
    expect(gra.formula).toBeUndefined();
    for (const [i, code] of districts.entries()) {
      const json = await getJson(api, `/api/scorecard?month=${MONTH}&district=${code}`);
      expect(header.getCell(3 + 2 * i).value).toBe(`${json.geography.name} (${DISTRICTS.find((d) => d[0] === code)![3]})`);
      json.indicators.forEach((indicator: any, r: number) => {
        const row = ws.getRow(3 + r);
        expect(row.getCell(1).value).toBe(indicator.code);
        expect(row.getCell(3 + 2 * i).value, `${code} ${indicator.code}`).toBe(indicator.value);
        expect(row.getCell(4 + 2 * i).value).toBe(STATUS_WORDS[indicator.status as keyof typeof STATUS_WORDS]);
      });
    }
  });

  it('Caseloads sheet: the caseloads route for the month, districts then areas then the county', async () => {
    const json = await getJson(api, `/api/caseloads?month=${MONTH}`);
    const ws = sheet(plain, 'Caseloads');
    const expected = [
      ...json.districts.map((r: any) => ['District', r.code, r.name, r.areaCode, r.current, r.baseline, r.target]),
      ...json.areas.map((r: any) => ['Area', r.code, r.name, r.code, r.current, r.baseline, r.target]),
      ['County', json.county.code, json.county.name, null, json.county.current, json.county.baseline, json.county.target],
    ];
    const actual = expected.map((_: unknown, i: number) => [1, 2, 3, 4, 5, 6, 7].map((c) => ws.getRow(2 + i).getCell(c).value));
    expect(actual).toEqual(expected);
    // THA: 4 open cases against a baseline of 310 and a target of 260 (the sixth district: 250 + 60, 200 + 60).
    expect(actual.find((r: unknown[]) => r[1] === 'THA')).toEqual(['District', 'THA', 'Thanet', 'EAST', 4, 310, 260]);
  });

  it('Definitions sheet: the catalogue', () => {
    const ws = sheet(plain, 'Definitions');
    INDICATORS.forEach((i, r) => {
      expect(rowValues(ws, 2 + r).slice(0, 4)).toEqual([i.code, i.title, i.theme, i.unit]);
      expect(ws.getRow(2 + r).getCell(7).value).toBe(i.definition);
      expect(ws.getRow(2 + r).getCell(10).value).toBe(i.source);
    });
  });

  it('About sheet: month, geography, last import per dataset, generation time, the floors note', () => {
    const ws = sheet(plain, 'About');
    const text: string[] = [];
    ws.eachRow((row) => text.push((row.values as unknown[]).slice(1).map(String).join(' | ')));
    expect(text).toContain('Month | 2016-02 (February 2016)');
    expect(text).toContain('Geography | Thanet (district THA)');
    expect(text).toContain('neet_activity | neet-2016-02.csv | 2016-03-04 09:05 UTC');
    expect(text).toContain('yj_outcomes | yj-2016-02.csv | 2016-03-02 14:30 UTC');
    expect(text.some((line) => /^File generated \| \d{4}-\d\d-\d\d \d\d:\d\d UTC$/.test(line))).toBe(true);
    expect(text.some((line) => line.startsWith('Floors |') && line.includes('not published figures'))).toBe(true);
    expect(text.some((line) => line.startsWith('Suppression | Not applied'))).toBe(true);
  });
});

describe('scorecard workbook in publication mode', () => {
  it('hides small counts and their secondary cells on the Scorecard sheet at district level', () => {
    const neet = scorecardSheetRows(sheet(published, 'Scorecard')).get('neet_16_18_pct')!;
    expect([5, 6, 7, 12, 14].map((c) => neet.getCell(c).value)).toEqual(['c', 'c', 100, 'c', 'c']);
    const fte = scorecardSheetRows(sheet(published, 'Scorecard')).get('yj_first_time_entrants')!;
    expect(fte.getCell(5).value).toBe('c');
  });

  it('By district: no suppressed value recoverable from the published area and county totals', async () => {
    const ws = sheet(published, 'By district');
    const order = (await getJson(api, `/api/indicators/neet_16_18_pct/series?from=${MONTH}&to=${MONTH}&by=district`)).points
      .map((p: any) => p.geographyCode) as string[];
    const neetRow = ws.getRow(3 + INDICATORS.findIndex((i) => i.code === 'neet_16_18_pct'));
    const hidden = order.filter((_, i) => neetRow.getCell(3 + 2 * i).value === 'c');
    expect(hidden.sort()).toEqual(['CAN', 'DAR', 'GRA', 'MAI', 'SWA', 'WEA']);
    expect(order.filter((_, i) => neetRow.getCell(4 + 2 * i).value === 'c').sort()).toEqual(hidden);
    // The count indicator: value = numerator, so the sheet's values are the additive figures themselves.
    const fteRow = ws.getRow(3 + INDICATORS.findIndex((i) => i.code === 'yj_first_time_entrants'));
    const values = new Map(order.map((code, i) => [code, fteRow.getCell(3 + 2 * i).value as Published]));
    expect([...values].filter(([, v]) => v === 'c').map(([c]) => c).sort()).toEqual(['DAR', 'GRA']);
    const areaOf = new Map(DISTRICTS.map((d) => [d[0] as string, d[2] as string]));
    const areas = new Map<string, Published>();
    for (const area of new Set(areaOf.values())) {
      areas.set(area, (await getJson(api, `/api/scorecard?month=${MONTH}&area=${area}`)).indicators
        .find((i: any) => i.code === 'yj_first_time_entrants').value);
    }
    const county = (await getJson(api, `/api/scorecard?month=${MONTH}`)).indicators.find((i: any) => i.code === 'yj_first_time_entrants').value;
    const table = { areaOf, districts: values, areas, county };
    expect(recoverBySubtraction(table)).toEqual(new Map());
    expect(determinedByLinearAlgebra(table)).toEqual([]);
  });

  it('Caseloads sheet: THA\'s 4 open cases hidden with CAN\'s 150, totals kept', async () => {
    const ws = sheet(published, 'Caseloads');
    const json = await getJson(api, `/api/caseloads?month=${MONTH}`);
    const current = new Map<string, unknown>();
    ws.eachRow((row, n) => { if (n > 1) current.set(`${row.getCell(1).value}:${row.getCell(2).value}`, row.getCell(5).value); });
    expect(current.get('District:THA')).toBe('c');
    expect(current.get('District:CAN')).toBe('c');
    expect(current.get('District:SWA')).toBe(160);
    expect(current.get('Area:EAST')).toBe(json.areas.find((a: any) => a.code === 'EAST').current);
    expect(current.get('County:KENT')).toBe(json.county.current);
  });

  it('About sheet states the suppression rule', () => {
    const ws = sheet(published, 'About');
    const values: unknown[] = [];
    ws.eachRow((row) => values.push(row.getCell(2).value));
    expect(values).toContain(SUPPRESSION_RULE);
  });
});
