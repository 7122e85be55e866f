// The scorecard workbook for the Joint Commissioning Board: Scorecard, By district, Caseloads,
// Definitions and About sheets, built from the same JSON the API serves.
import ExcelJS from 'exceljs';
import { BENCHMARK_ATTRIBUTION, INDICATORS, THEMES } from '../indicators/catalog.js';
import { figureDecimals, usualDecimals } from '../../../shared/precision.js';
import {
  caseloadRows, scorecardRows, type Figure, type ScorecardRow, type ScorecardSuppression,
} from './rows.js';
import { SUPPRESSION_MARK, SUPPRESSION_RULE, type SuppressionPlan } from './suppression.js';
import type { Caseloads, Coverage, DatasetImport, DistrictInfo, Scorecard, Status } from './types.js';
import type { CommentaryItem } from '../schemas/commentary.js';
import type { DatasetInfo } from '../schemas/datasets.js';
import type { IndicatorInfo } from '../schemas/indicators.js';
import type { ExecutiveSummary } from '../schemas/publications.js';
import { addTextRows, layOutForPrint, widthForText } from './print-layout.js';

export const SHEET_NAMES = ['Scorecard', 'By district', 'Caseloads', 'Definitions', 'About'] as const;

export interface ScorecardWorkbookInput {
  scorecard: Scorecard;
  /** Every district, in the order the By district sheet shows them. */
  districts: readonly DistrictInfo[];
  /** The scorecard of each district for the same month (any order). */
  districtScorecards: readonly Scorecard[];
  caseloads: Caseloads;
  imports: readonly DatasetImport[];
  generatedAt: Date;
  /** Publication mode: the plans for the scorecard (month and a year earlier) and the caseloads. */
  suppression: { scorecard: ScorecardSuppression; caseloads: SuppressionPlan } | null;
  /** A published release's board pack: its sheets beside the scorecard's (api/src/reporting/board-pack-xlsx.ts). */
  boardPack?: BoardPackSheets;
}

export interface TrendRow {
  code: string;
  title: string;
  unit: 'percent' | 'count';
  month: string;
  value: Figure;
  target: number | null;
  floor: number | null;
  status: Status | typeof SUPPRESSION_MARK;
}

export interface BoardPackSheets {
  /** Release facts for the About sheet (release, version, published by, note), in order. */
  facts: [string, string][];
  summary: ExecutiveSummary;
  statusCounts: [string, number][];
  /** Each indicator's 24 months at the pack's geography (the PDF's trend charts as a table). */
  trends: TrendRow[];
  commentary: (CommentaryItem & { geographyName: string; indicatorTitle: string })[];
  /** Each dataset's coverage when published; replaces the import list of the About sheet. */
  coverage: DatasetInfo[];
  /** The catalogue's definitions as they stood when published. */
  definitions: readonly IndicatorInfo[];
}

export const COVERAGE_WORDS: Record<Coverage, string> = {
  full: 'Full', partial: 'Partial window (not scored)', none: 'Not covered (no data)',
};

export const STATUS_WORDS: Record<Status, string> = {
  green: 'Green', amber: 'Amber', red: 'Red', no_target: 'No target', no_data: 'No data',
};

// Fills for the RAG words (the word is always there: colour is never the only signal).
const STATUS_FILLS: Partial<Record<Status, string>> = { green: 'FFC6EFCE', amber: 'FFFFEB9C', red: 'FFFFC7CE' };
const HEADER_FILL = 'FFD9D9D9';
const THEME_FILL = 'FFEDEDED';

export const PERCENT_FORMAT = '0.0';
export const COUNT_FORMAT = '#,##0';

const DIRECTION_WORDS = { improving: 'Improving', worsening: 'Worsening', stable: 'Stable' } as const;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

/** '2016-02' -> 'February 2016'. */
export function monthLabel(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? ''} ${month.slice(0, 4)}`;
}

function setFill(cell: ExcelJS.Cell, argb: string) {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => setFill(cell, HEADER_FILL));
}

/** A figure cell: the number with its format, or the suppression mark right-aligned. */
function setFigure(cell: ExcelJS.Cell, value: Figure, format: string) {
  if (value === SUPPRESSION_MARK) {
    cell.value = SUPPRESSION_MARK;
    cell.alignment = { horizontal: 'right' };
  } else {
    cell.value = value;
    cell.numFmt = format;
  }
}

function setStatus(cell: ExcelJS.Cell, status: Status | typeof SUPPRESSION_MARK) {
  if (status === SUPPRESSION_MARK) {
    cell.value = SUPPRESSION_MARK;
    cell.alignment = { horizontal: 'right' };
    return;
  }
  cell.value = STATUS_WORDS[status];
  const fill = STATUS_FILLS[status];
  if (fill) setFill(cell, fill);
}

/** The width of a column of indicator codes: the longest on one line (at least the header's 14). */
const codeColumnWidth = (codes: readonly string[]) => widthForText(codes, { min: 14 });

const formatFor = (unit: string) => (unit === 'percent' ? PERCENT_FORMAT : COUNT_FORMAT);

/** The number format of a percent or count shown to `decimals` places ('0.00', '#,##0.0'). */
export function formatWithDecimals(unit: string, decimals: number): string {
  const base = formatFor(unit);
  return decimals === 0 ? base : `${base.split('.')[0]}.${'0'.repeat(decimals)}`;
}

/**
 * The formats of a row's value, target and floor: the usual ones, or with the decimals that keep a value
 * that misses a threshold from looking equal to it (79.96 beside a target of 80.0), as on screen.
 */
function rowFormats(row: Pick<ScorecardRow, 'unit' | 'value' | 'target' | 'floor' | 'status'>) {
  if (row.value === SUPPRESSION_MARK || row.status === SUPPRESSION_MARK) {
    const usual = formatWithDecimals(row.unit, usualDecimals(row.unit));
    return { value: usual, target: usual, floor: usual };
  }
  const decimals = figureDecimals({ unit: row.unit, value: row.value, target: row.target, floor: row.floor, status: row.status });
  return {
    value: formatWithDecimals(row.unit, decimals.value),
    target: formatWithDecimals(row.unit, decimals.target),
    floor: formatWithDecimals(row.unit, decimals.floor),
  };
}

// Sheets ------------------------------------------------------------------------------------------------

export const SCORECARD_SHEET_HEADER = [
  'Code', 'Indicator', 'Unit', 'Polarity', 'Value', 'Numerator', 'Denominator', 'Target year', 'Target', 'Floor',
  'Floor assumed', 'Status', 'Direction', 'Last year', 'Comparators', 'Coverage', 'Target carried forward from',
  'Benchmark measure', 'Benchmark period', 'Benchmark unit', 'Published value', 'England', 'Region',
  'Neighbours mean', 'Neighbours with a value', 'Rank', 'Of', 'Band',
];

function addScorecardSheet(workbook: ExcelJS.Workbook, input: ScorecardWorkbookInput) {
  const { scorecard } = input;
  const sheet = workbook.addWorksheet('Scorecard', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = [14, 60, 9, 16, 10, 12, 12, 11, 10, 10, 10, 11, 12, 10, 34, 16, 14, 16, 10, 18, 10, 10, 10, 10, 10, 7, 7, 7]
    .map((width) => ({ width }));
  // Codes are never wrapped (a spreadsheet breaks them anywhere): the column fits the longest.
  sheet.getColumn(1).width = codeColumnWidth(scorecard.indicators.map((i) => i.code));
  const published = input.suppression ? ' (publication version)' : '';
  const title = sheet.addRow([
    `EHPS scorecard: ${scorecard.geography.name}, ${monthLabel(scorecard.month)}${published}`,
  ]);
  title.font = { bold: true, size: 14 };
  styleHeader(sheet.addRow(SCORECARD_SHEET_HEADER));

  const rows = scorecardRows(scorecard, input.suppression?.scorecard ?? null);
  for (const theme of THEMES) {
    const inTheme = rows.filter((row) => row.theme === theme);
    if (inTheme.length === 0) continue;
    const heading = sheet.addRow([theme]);
    heading.font = { bold: true };
    sheet.mergeCells(heading.number, 1, heading.number, SCORECARD_SHEET_HEADER.length);
    setFill(heading.getCell(1), THEME_FILL);
    for (const row of inTheme) addScorecardRow(sheet, row);
  }
  // Anything the catalogue does not place in a theme still appears, at the end.
  for (const row of rows.filter((r) => !(THEMES as readonly string[]).includes(r.theme))) addScorecardRow(sheet, row);
  layOutForPrint(sheet, 2);
}

function addScorecardRow(sheet: ExcelJS.Worksheet, row: ScorecardRow) {
  const line = sheet.addRow([
    row.code, row.title, row.unit, row.polarity === 'higher_is_better' ? 'Higher is better' : 'Lower is better',
  ]);
  line.alignment = { vertical: 'top', wrapText: true };
  const format = formatFor(row.unit);
  const formats = rowFormats(row);
  setFigure(line.getCell(5), row.value, formats.value);
  setFigure(line.getCell(6), row.numerator, COUNT_FORMAT);
  setFigure(line.getCell(7), row.denominator, COUNT_FORMAT);
  line.getCell(8).value = row.targetYear;
  setFigure(line.getCell(9), row.target, formats.target);
  setFigure(line.getCell(10), row.floor, formats.floor);
  line.getCell(11).value = row.floor == null ? null : row.floorAssumed ? 'Assumed' : 'Published';
  setStatus(line.getCell(12), row.status);
  line.getCell(13).value = row.direction ? DIRECTION_WORDS[row.direction] : null;
  setFigure(line.getCell(14), row.previousYearValue, format);
  line.getCell(15).value = row.comparators || null;
  line.getCell(16).value = COVERAGE_WORDS[row.coverage];
  // The target year (column 8) stays the month's; a carried target names the year it comes from.
  line.getCell(17).value = row.targetCarriedForward && row.targetFromYear !== null ? row.targetFromYear : null;
  const benchmark = row.benchmark;
  if (benchmark) {
    // The published figures keep DfE's unit (a rate where the KPI is a count): shown with its decimals.
    const published = '0.0##';
    line.getCell(18).value = benchmark.measureCode;
    line.getCell(19).value = benchmark.period;
    line.getCell(20).value = benchmark.unit;
    setFigure(line.getCell(21), benchmark.value, published);
    setFigure(line.getCell(22), benchmark.england, published);
    setFigure(line.getCell(23), benchmark.region, published);
    setFigure(line.getCell(24), benchmark.neighbours.mean, published);
    line.getCell(25).value = benchmark.neighbours.count;
    line.getCell(26).value = benchmark.rank;
    line.getCell(27).value = benchmark.of;
    line.getCell(28).value = benchmark.band;
  }
}

function addByDistrictSheet(workbook: ExcelJS.Workbook, input: ScorecardWorkbookInput) {
  const sheet = workbook.addWorksheet('By district', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  const { districts } = input;
  sheet.getColumn(1).width = codeColumnWidth(input.scorecard.indicators.map((i) => i.code));
  sheet.getColumn(2).width = 50;
  const names = sheet.addRow(['Code', 'Indicator']);
  const measures = sheet.addRow(['', '']);
  districts.forEach((district, i) => {
    const column = 3 + 2 * i;
    names.getCell(column).value = `${district.name} (${district.areaName})`;
    sheet.mergeCells(1, column, 1, column + 1);
    measures.getCell(column).value = 'Value';
    measures.getCell(column + 1).value = 'Status';
    sheet.getColumn(column).width = 10;
    sheet.getColumn(column + 1).width = 10;
  });
  styleHeader(names);
  styleHeader(measures);

  const byDistrict = new Map(input.districtScorecards.map((s) => [s.geography.code, s]));
  const rowsByDistrict = new Map(districts.map((d) => {
    const scorecard = byDistrict.get(d.code);
    const rows = scorecard ? scorecardRows(scorecard, input.suppression?.scorecard ?? null) : [];
    return [d.code, new Map(rows.map((row) => [row.code, row]))];
  }));
  for (const indicator of input.scorecard.indicators) {
    const line = sheet.addRow([indicator.code, indicator.title]);
    line.alignment = { vertical: 'top', wrapText: true };
    districts.forEach((district, i) => {
      const row = rowsByDistrict.get(district.code)?.get(indicator.code);
      if (!row) return;
      // Beside its status, a value never looks equal to a threshold it misses.
      setFigure(line.getCell(3 + 2 * i), row.value, rowFormats(row).value);
      setStatus(line.getCell(4 + 2 * i), row.status);
    });
  }
  layOutForPrint(sheet, 2);
}

export const CASELOADS_SHEET_HEADER = ['Level', 'Code', 'Name', 'Area', 'Current', 'Baseline', 'Target'];

function addCaseloadsSheet(workbook: ExcelJS.Workbook, input: ScorecardWorkbookInput) {
  const sheet = workbook.addWorksheet('Caseloads', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [10, 10, 24, 10, 10, 10, 10].map((width) => ({ width }));
  styleHeader(sheet.addRow(CASELOADS_SHEET_HEADER));
  const levels = { district: 'District', area: 'Area', county: 'County' } as const;
  for (const row of caseloadRows(input.caseloads, input.suppression?.caseloads ?? null)) {
    const line = sheet.addRow([levels[row.geographyType], row.code, row.name, row.areaCode]);
    if (row.geographyType !== 'district') line.font = { bold: true };
    setFigure(line.getCell(5), row.current, COUNT_FORMAT);
    setFigure(line.getCell(6), row.baseline, COUNT_FORMAT);
    setFigure(line.getCell(7), row.target, COUNT_FORMAT);
  }
  layOutForPrint(sheet, 1);
}

export const DEFINITIONS_SHEET_HEADER = [
  'Code', 'Title', 'Theme', 'Unit', 'Polarity', 'Year basis', 'Definition', 'Numerator', 'Denominator', 'Source',
];

function addDefinitionsSheet(workbook: ExcelJS.Workbook, definitions: readonly IndicatorInfo[]) {
  const sheet = workbook.addWorksheet('Definitions', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [14, 40, 18, 9, 16, 10, 60, 40, 40, 24].map((width) => ({ width }));
  sheet.getColumn(1).width = codeColumnWidth(definitions.map((i) => i.code));
  styleHeader(sheet.addRow(DEFINITIONS_SHEET_HEADER));
  for (const i of definitions) {
    const lines = addTextRows(sheet, [
      i.code, i.title, i.theme, i.unit, i.polarity === 'higher_is_better' ? 'Higher is better' : 'Lower is better',
      i.yearBasis, i.definition, i.numerator, i.denominator, i.source,
    ], { textColumns: [7, 8, 9], labelColumn: 2 });
    for (const line of lines) line.alignment = { vertical: 'top', wrapText: true };
  }
  layOutForPrint(sheet, 1);
}

export const BENCHMARK_NOTE =
  "On the county's rows, DfE's published figures for the latest period ending by the month (Local Authority Interactive " +
  'Tool): the authority, England, its region, the mean of its statistical neighbours with a value, and its rank among ' +
  'local authorities with a value (1 is best) with its quartile band (A top quarter … D bottom quarter). Exclusions and ' +
  'first time entrants are published as rates, not counts.';

export const FLOORS_NOTE =
  'Floors marked "Assumed" are not published figures: the plan publishes targets only, and these floors were set ' +
  'by a documented rule so that amber can be shown.';

export const CARRIED_TARGETS_NOTE =
  'Years are labelled by the year they end in. Where the target year has no target (after the plan\'s last ' +
  'year), the latest earlier year\'s target and floor apply; "Target carried forward from" names that year.';

export const UNSUPPRESSED_NOTE =
  'Not applied: figures are shown in full, including small counts. For internal use; download the publication ' +
  'version (suppress=true) before sharing outside the council.';

function addAboutSheet(workbook: ExcelJS.Workbook, input: ScorecardWorkbookInput) {
  const sheet = workbook.addWorksheet('About');
  sheet.columns = [{ width: 26 }, { width: 60 }, { width: 24 }];
  const { scorecard } = input;
  const title = sheet.addRow(['EHPS performance scorecard']);
  title.font = { bold: true, size: 14 };
  const fact = (label: string, value: string) => {
    const lines = addTextRows(sheet, [label, value], { textColumns: [2], labelColumn: 1 });
    for (const line of lines) {
      line.getCell(1).font = { bold: true };
      line.alignment = { vertical: 'top', wrapText: true };
    }
  };
  for (const [label, value] of input.boardPack?.facts ?? []) fact(label, value);
  fact('Month', `${scorecard.month} (${monthLabel(scorecard.month)})`);
  fact('Geography', `${scorecard.geography.name} (${scorecard.geography.type} ${scorecard.geography.code})`);
  fact(input.boardPack ? 'Published' : 'File generated', formatTimestamp(input.generatedAt));
  fact('Suppression', input.suppression ? SUPPRESSION_RULE : UNSUPPRESSED_NOTE);
  fact('Floors', FLOORS_NOTE);
  fact('Targets', CARRIED_TARGETS_NOTE);
  fact('Values', 'Percentages are shown to one decimal place and counts as whole numbers, with more decimals where a value ' +
    'that misses its target or floor would otherwise look equal to it (79.96 beside 80.0); the cells hold the unrounded figures.');
  fact('Benchmarks', `${BENCHMARK_NOTE} ${BENCHMARK_ATTRIBUTION}`);
  sheet.addRow([]);
  if (input.boardPack) {
    addCoverageTable(sheet, input.boardPack.coverage);
  } else {
    styleHeader(sheet.addRow(['Dataset', 'File', 'Last imported']));
    if (input.imports.length === 0) sheet.addRow(['(no imports recorded)']);
    for (const entry of input.imports) sheet.addRow([entry.dataset, entry.fileName, formatTimestamp(entry.importedAt)]);
  }
  layOutForPrint(sheet, 0);
}

export const COVERAGE_TABLE_HEADER = ['Dataset', 'Rows', 'Covered from', 'Covered to', 'Extract as at', 'Last imported'];

function addCoverageTable(sheet: ExcelJS.Worksheet, coverage: readonly DatasetInfo[]) {
  sheet.getColumn(4).width = 14;
  sheet.getColumn(5).width = 14;
  sheet.getColumn(6).width = 22;
  styleHeader(sheet.addRow(COVERAGE_TABLE_HEADER));
  for (const d of coverage) {
    const line = sheet.addRow([
      d.name, d.rows, d.kind === 'reference' ? 'Reference data' : d.coveredFrom, d.coveredTo, d.asAt,
      d.lastImportedAt ? formatTimestamp(new Date(d.lastImportedAt)) : null,
    ]);
    line.getCell(2).numFmt = COUNT_FORMAT;
  }
}

// Board pack sheets -----------------------------------------------------------------------------------------

export const SUMMARY_SHEET_TITLE = 'Executive summary';

function addSummarySheet(workbook: ExcelJS.Workbook, input: ScorecardWorkbookInput, pack: BoardPackSheets) {
  const sheet = workbook.addWorksheet('Summary');
  sheet.columns = [{ width: 24 }, { width: 100 }];
  const published = input.suppression ? ' (publication version)' : '';
  const title = sheet.addRow([`${SUMMARY_SHEET_TITLE}: ${input.scorecard.geography.name}, ${monthLabel(input.scorecard.month)}${published}`]);
  title.font = { bold: true, size: 14 };
  if (pack.summary.state !== 'approved') sheet.addRow([`DRAFT – not approved (${pack.summary.state})`]).font = { bold: true, color: { argb: 'FFC62828' } };
  const part = (label: string, text: string) => {
    // A long part goes on continuation rows: a row taller than a page would be cut in print.
    const lines = addTextRows(sheet, [label, text], { textColumns: [2], labelColumn: 1 });
    for (const line of lines) {
      line.getCell(1).font = { bold: true };
      line.alignment = { vertical: 'top', wrapText: true };
    }
  };
  part('Data headlines', pack.summary.dataHeadlines);
  part('Recent activity', pack.summary.recentActivity);
  part('Planned activity', pack.summary.plannedActivity);
  sheet.addRow([]);
  styleHeader(sheet.addRow(['Status', 'Indicators']));
  for (const [label, count] of pack.statusCounts) sheet.addRow([label, count]);
  layOutForPrint(sheet, 1);
}

export const TRENDS_SHEET_HEADER = ['Code', 'Indicator', 'Month', 'Value', 'Target', 'Floor', 'Status'];

function addTrendsSheet(workbook: ExcelJS.Workbook, pack: BoardPackSheets) {
  const sheet = workbook.addWorksheet('Trends', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [14, 60, 10, 10, 10, 10, 11].map((width) => ({ width }));
  sheet.getColumn(1).width = codeColumnWidth(pack.trends.map((row) => row.code));
  styleHeader(sheet.addRow(TRENDS_SHEET_HEADER));
  for (const row of pack.trends) {
    const line = sheet.addRow([row.code, row.title, row.month]);
    line.alignment = { vertical: 'top', wrapText: true };
    const format = formatFor(row.unit);
    setFigure(line.getCell(4), row.value, format);
    setFigure(line.getCell(5), row.target, format);
    setFigure(line.getCell(6), row.floor, format);
    setStatus(line.getCell(7), row.status);
  }
  layOutForPrint(sheet, 1);
}

export const COMMENTARY_SHEET_HEADER = ['Code', 'Indicator', 'Geography', 'State', 'Commentary', 'Written by', 'Approved by', 'Updated'];

function addCommentarySheet(workbook: ExcelJS.Workbook, pack: BoardPackSheets) {
  const sheet = workbook.addWorksheet('Commentary', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [14, 36, 16, 11, 80, 18, 18, 18].map((width) => ({ width }));
  sheet.getColumn(1).width = codeColumnWidth(pack.commentary.map((item) => item.indicatorCode));
  styleHeader(sheet.addRow(COMMENTARY_SHEET_HEADER));
  if (pack.commentary.length === 0) sheet.addRow(['', '(no commentary)']);
  for (const item of pack.commentary) {
    // A long text goes on continuation rows: a row taller than a page would be cut in print.
    const lines = addTextRows(sheet, [
      item.indicatorCode, item.indicatorTitle, item.geographyName, item.state, item.text,
      item.author?.name ?? null, item.reviewer?.name ?? null,
      item.updatedAt ? formatTimestamp(new Date(item.updatedAt)) : null,
    ], { textColumns: [COMMENTARY_SHEET_HEADER.indexOf('Commentary') + 1], labelColumn: 2 });
    for (const line of lines) line.alignment = { vertical: 'top', wrapText: true };
  }
  layOutForPrint(sheet, 1);
}

/** '2016-03-04 09:05 UTC': unambiguous in print, whatever the reader's time zone. */
export function formatTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Builds the whole workbook as an .xlsx file. */
export async function buildScorecardWorkbook(input: ScorecardWorkbookInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'EHPS scorecard';
  workbook.created = input.generatedAt;
  workbook.modified = input.generatedAt;
  if (input.boardPack) addSummarySheet(workbook, input, input.boardPack);
  addScorecardSheet(workbook, input);
  addByDistrictSheet(workbook, input);
  if (input.boardPack) addTrendsSheet(workbook, input.boardPack);
  addCaseloadsSheet(workbook, input);
  if (input.boardPack) addCommentarySheet(workbook, input.boardPack);
  addDefinitionsSheet(workbook, input.boardPack?.definitions ?? INDICATORS);
  addAboutSheet(workbook, input);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

