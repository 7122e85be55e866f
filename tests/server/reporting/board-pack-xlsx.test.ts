// The board pack workbook, read back with exceljs and compared with the release and with the live export of
// the same month (the sheets they share must hold the same cells, suppression included).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { INDICATORS } from '../../../api/src/indicators/catalog.js';
import { renderBoardPackXlsx } from '../../../api/src/reporting/board-pack-xlsx.js';
import { COMMENTARY_SHEET_HEADER, COVERAGE_TABLE_HEADER, TRENDS_SHEET_HEADER } from '../../../api/src/export/workbook.js';
import type { Release } from '../../../api/src/schemas/publications.js';
import { CONTINUED_LABEL, MAX_ROW_HEIGHT, overfullCells, rowHeightForLines, rowHeightNeeded } from '../../../api/src/export/print-layout.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { getWorkbook } from '../export/helpers.js';
import { MONTH } from '../export/seed.js';
import { countyText, DARTFORD_TEXT, seededRelease } from './release-fixture.js';

let t: TestDatabase;
let app: App;
let api: SignedInClient;
let release: Release;
let redCodes: string[];
let county: ExcelJS.Workbook;
let dartford: ExcelJS.Workbook;
beforeAll(async () => {
  t = await createTestDatabase();
  ({ release, redCodes } = await seededRelease(t));
  app = await buildApp({ pool: t.pool });
  api = await signedIn(app, t.pool, 'viewer');
  const read = async (buffer: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    return workbook;
  };
  county = await read(await renderBoardPackXlsx(release, { suppress: false }));
  dartford = await read(await renderBoardPackXlsx(release, { geographyCode: 'DAR', suppress: true }));
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
const values = (ws: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  ws.eachRow((row, n) => { rows[n] = (row.values as unknown[]).slice(1); });
  return rows;
};

describe('board pack workbook', () => {
  it('has the scorecard workbook\'s sheets and the board pack\'s own', () => {
    expect(county.worksheets.map((ws) => ws.name))
      .toEqual(['Summary', 'Scorecard', 'By district', 'Trends', 'Caseloads', 'Commentary', 'Definitions', 'About']);
  });

  it('lays every sheet out for print: A4 one page wide, stored heights for the wrapped commentary and summary', () => {
    for (const ws of county.worksheets) {
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
      // rowHeightNeeded is what the text needs, never capped: a text cut by its row fails here.
      ws.eachRow((row) => expect(row.height, `${ws.name} row ${row.number}`).toBeGreaterThanOrEqual(rowHeightNeeded(ws, row)));
      expect(overfullCells(ws), `${ws.name}: wrapped cells needing more lines than a row holds`).toEqual([]);
    }
    // The county commentary has a line break: at least two lines.
    const commentary = sheet(county, 'Commentary');
    expect(commentary.getRow(2).height).toBeGreaterThanOrEqual(rowHeightForLines(2));
  });

  it('puts a commentary and a summary part as long as the forms take on continuation rows, none taller than a page', async () => {
    // 4,000 characters (the forms' limit) in one row would need about 615 points: more than Excel's 409, and a
    // row is not split over printed pages (the text would be cut).
    let long = '';
    for (let n = 1; long.length < 3900; n += 1) long += `Sentence ${n} says what the service did and why it matters this month.${n % 7 === 0 ? '\n' : ' '}`;
    long = long.trim();
    const item = release.commentary.find((c) => c.geographyCode === release.geographies.county.code && c.text.trim() !== '')!;
    const longRelease: Release = {
      ...release,
      summary: { ...release.summary, plannedActivity: long },
      commentary: release.commentary.map((c) => (c === item ? { ...c, text: long } : c)),
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await renderBoardPackXlsx(longRelease, { suppress: false }) as unknown as ArrayBuffer);
    const words = (text: string) => text.split(/\s+/).filter((w) => w !== '');
    for (const [name, textColumn, labelColumn, label] of [['Commentary', 5, 2, item.indicatorCode], ['Summary', 2, 1, 'Planned activity']] as const) {
      const ws = sheet(workbook, name);
      ws.eachRow((row) => {
        expect(row.height, `${name} row ${row.number}`).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
        expect(rowHeightNeeded(ws, row), `${name} row ${row.number}, what its text needs`).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
      });
      expect(overfullCells(ws), name).toEqual([]);
      const rows: ExcelJS.Row[] = [];
      ws.eachRow((row) => rows.push(row));
      const first = rows.findIndex((row) => row.getCell(name === 'Commentary' ? 1 : labelColumn).value === label);
      const continuations = rows.slice(first + 1).filter((row, i, all) => all.slice(0, i + 1).every((r) => r.getCell(labelColumn).value === CONTINUED_LABEL));
      expect(continuations.length, name).toBeGreaterThan(0);
      const printed = [rows[first]!, ...continuations].flatMap((row) => words(String(row.getCell(textColumn).value)));
      expect(printed, `${name}: the whole text, in order`).toEqual(words(long));
      expect([rows[first]!, ...continuations].map((row) => row.getCell(textColumn).value).join(''), `${name}: the text exactly`).toBe(long);
      for (const row of [rows[first]!, ...continuations]) expect(row.height, name).toBeGreaterThanOrEqual(rowHeightNeeded(ws, row));
    }
  });

  it('holds the same Scorecard, By district and Caseloads cells as the export of the month, with and without suppression', async () => {
    const liveCounty = (await getWorkbook(api, `/api/export/scorecard.xlsx?month=${MONTH}`)).workbook;
    const liveDartford = (await getWorkbook(api, `/api/export/scorecard.xlsx?month=${MONTH}&district=DAR&suppress=true`)).workbook;
    for (const name of ['Scorecard', 'By district', 'Caseloads']) {
      expect(values(sheet(county, name)), name).toEqual(values(sheet(liveCounty, name)));
      expect(values(sheet(dartford, name)), `${name}, Dartford suppressed`).toEqual(values(sheet(liveDartford, name)));
    }
    // The comparison can fail: the suppressed pack does hide Dartford's NEET figure.
    const neet = values(sheet(dartford, 'Scorecard')).find((row) => row?.[0] === 'neet_16_18_pct')!;
    expect(neet[4]).toBe('c');
  });

  it('Trends: each indicator\'s 24 months at the pack\'s geography, as in the release, suppressed cells as c', () => {
    const rows = values(sheet(county, 'Trends'));
    expect(rows[1]).toEqual(TRENDS_SHEET_HEADER);
    const body = rows.slice(2);
    expect(body.length).toBe(24 * INDICATORS.length);
    const kent = release.series.find((s) => s.code === 'neet_16_18_pct')!.points.filter((p) => p.geographyCode === 'KENT');
    const neet = body.filter((row) => row[0] === 'neet_16_18_pct');
    expect(neet.map((row) => row[2])).toEqual(kent.map((p) => p.month));
    expect(neet.map((row) => row[3] ?? null)).toEqual(kent.map((p) => p.value));
    const dartfordNeet = values(sheet(dartford, 'Trends')).find((row) => row?.[0] === 'neet_16_18_pct' && row[2] === MONTH)!;
    expect([dartfordNeet[3], dartfordNeet[6]]).toEqual(['c', 'c']);
  });

  it('Commentary: the pack\'s geography\'s commentary as approved', () => {
    const rows = values(sheet(county, 'Commentary'));
    expect(rows[1]).toEqual(COMMENTARY_SHEET_HEADER);
    const body = rows.slice(2);
    expect(body.map((row) => row[0]).sort()).toEqual([...redCodes].sort());
    for (const row of body) {
      expect(row[2]).toBe('Kent');
      expect(row[3]).toBe('approved');
      expect(row[4]).toBe(countyText(String(row[0])));
      expect([row[5], row[6]]).toEqual(['Sam Writer', 'Alex Approver']);
    }
    expect(values(sheet(dartford, 'Commentary')).slice(2).map((row) => row[4])).toEqual([DARTFORD_TEXT]);
  });

  it('Summary and About: the executive summary, counts by status, the release and its coverage', () => {
    const summary = values(sheet(county, 'Summary'));
    expect(summary.some((row) => row?.[0] === 'Data headlines' && row[1] === release.summary.dataHeadlines)).toBe(true);
    const counts = summary.filter((row) => row && ['Red', 'Amber', 'Green', 'No target', 'No data'].includes(String(row[0])));
    expect(counts.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(INDICATORS.length);
    expect(counts.find((row) => row[0] === 'Red')?.[1]).toBe(redCodes.length);

    const about = values(sheet(county, 'About'));
    expect(about.some((row) => row?.[0] === 'Release' && row[1] === 'March 2016 release (February 2016 data), version 1')).toBe(true);
    const header = about.findIndex((row) => row?.[0] === COVERAGE_TABLE_HEADER[0]);
    expect(about[header]).toEqual(COVERAGE_TABLE_HEADER);
    expect(about.slice(header + 1).map((row) => row[0])).toEqual(release.datasets.map((d) => d.name));
    expect(values(sheet(dartford, 'About')).some((row) => String(row?.[1]).startsWith('Publication mode:'))).toBe(true);
  });
});
