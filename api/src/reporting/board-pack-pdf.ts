// The board pack as PDF (reporting.md, "The board pack"), built from a release object alone: a cover, contents,
// the executive summary, the summary of statuses, the scorecard by theme, a section per indicator with
// commentary (its trend chart against target and floor, its figures by area, the commentary), the caseloads,
// the definitions and About. Charts are vector graphics drawn from the same figures as the tables.
//
// Deterministic: the same release and options give the same bytes (creation date = publishedAt; pdfkit derives
// the file id and font subset tags from the content), so the stored file is the one every download gets.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { findIndicator, THEMES } from '../indicators/catalog.js';
import { caseloadRows, scorecardRows, type Figure, type ScorecardRow } from '../export/rows.js';
import { SUPPRESSION_MARK, SUPPRESSION_RULE } from '../export/suppression.js';
import { COVERAGE_WORDS, FLOORS_NOTE, monthLabel, STATUS_WORDS, UNSUPPRESSED_NOTE } from '../export/workbook.js';
import { addMonths } from '../lib/months.js';
import type { Geography, Status } from '../schemas/common.js';
import type { CommentaryItem } from '../schemas/commentary.js';
import type { Release } from '../schemas/publications.js';
import type { ScorecardResponse } from '../schemas/scorecard.js';
import { releaseSuppression, type ReleaseSuppression } from './suppression.js';
import {
  packCommentary, packScorecard, packTrend, releaseTitle, statusCounts, versionLabel,
  PREVIEW_VERSION, type BoardPackOptions, type TrendPoint,
} from './pack-content.js';

export type { BoardPackOptions };

export const OGL_ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0 (Department for Education, ' +
  'Local Authority Interactive Tool).';

export const DRAFT_MARK = 'DRAFT – not approved';

// Fonts: DejaVu Sans (an open font shipped in an npm package) has every character the pack uses (– ≥ “ ” £ −),
// which the standard PDF fonts do not.
const requireFile = createRequire(import.meta.url);
const fonts = new Map<number, Buffer>();
function font(weight: 400 | 700): Buffer {
  const name = `@fontsource/dejavu-sans/files/dejavu-sans-latin-${weight}-normal.woff`;
  let file: string;
  try {
    file = requireFile.resolve(name);
  } catch {
    throw new Error(`the board pack's font ${name} is missing: run npm install (package @fontsource/dejavu-sans)`);
  }
  let sfnt = fonts.get(weight);
  if (!sfnt) fonts.set(weight, (sfnt = woffToSfnt(readFileSync(file))));
  return sfnt;
}

/**
 * A WOFF font as the TrueType file it wraps. fontkit reads WOFF, but inflates a table at every glyph lookup,
 * which made a pack take 25 s instead of under one; inflating once here keeps the same glyphs.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const entry = 44 + 20 * i;
    const offset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.readUInt32BE(entry),
      checksum: woff.readUInt32BE(entry + 16),
      data: compLength < origLength ? inflateSync(stored) : stored,
    };
  });
  const headerLength = 12 + 16 * numTables;
  const padded = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(headerLength + tables.reduce((sum, t) => sum + padded(t.data.length), 0));
  let searchRange = 1;
  let entrySelector = 0;
  while (searchRange * 2 <= numTables) { searchRange *= 2; entrySelector++; }
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange * 16, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange * 16, 10);
  let offset = headerLength;
  tables.forEach((table, i) => {
    const entry = 12 + 16 * i;
    out.writeUInt32BE(table.tag, entry);
    out.writeUInt32BE(table.checksum, entry + 4);
    out.writeUInt32BE(offset, entry + 8);
    out.writeUInt32BE(table.data.length, entry + 12);
    table.data.copy(out, offset);
    offset += padded(table.data.length);
  });
  return out;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = { top: 56, bottom: 64, left: 50, right: 50 };
const CONTENT_WIDTH = A4[0] - MARGIN.left - MARGIN.right;
const BOTTOM = A4[1] - MARGIN.bottom;

const COLOURS = {
  text: '#1a1a1a', muted: '#555555', rule: '#999999', header: '#e6e6e6', theme: '#f2f2f2',
  value: '#1f4e79', target: '#2e7d32', floor: '#b35900', baseline: '#9e9e9e',
  green: '#2e7d32', amber: '#b37400', red: '#c62828', none: '#757575',
};
const STATUS_COLOURS: Record<Status, string> = {
  green: COLOURS.green, amber: COLOURS.amber, red: COLOURS.red, no_target: COLOURS.none, no_data: COLOURS.none,
};
const DIRECTION_WORDS = { improving: 'Improving', worsening: 'Worsening', stable: 'Stable' } as const;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/** A figure as printed: 1 decimal place and % for rates, whole numbers for counts, – for none, c suppressed. */
export function formatFigure(value: Figure | undefined, unit: 'percent' | 'count'): string {
  if (value === SUPPRESSION_MARK) return SUPPRESSION_MARK;
  if (value == null) return '–';
  return unit === 'percent' ? `${value.toFixed(1)}%` : WHOLE_NUMBER.format(value);
}

const WHOLE_NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

const formatCount = (value: Figure | undefined) => formatFigure(value, 'count');

/** '2016-03-10T09:00:00.000Z' -> '10 March 2016' (UTC). */
function dateLabel(iso: string): string {
  const day = Number(iso.slice(8, 10));
  return `${day} ${monthLabel(iso.slice(0, 7))}`;
}

/** '2016-02' -> 'Feb 16' (chart axes). */
function shortMonth(month: string): string {
  return `${monthLabel(month).slice(0, 3)} ${month.slice(2, 4)}`;
}

interface Column { header: string; width: number; align?: 'left' | 'right' }
interface Cell { text: string; status?: Status; bold?: boolean }
interface ContentsEntry { title: string; page: number; level: 1 | 2; destination: string }

class Pack {
  readonly doc: Doc;
  readonly contents: ContentsEntry[] = [];
  private section: Struct | null = null;
  private destinations = 0;
  private outline: PDFKit.PDFOutline | null = null;

  constructor(readonly release: Release, readonly geography: Geography, readonly options: BoardPackOptions,
    readonly suppression: ReleaseSuppression | null) {
    const publishedAt = new Date(release.publishedAt);
    this.doc = new PDFDocument({
      size: A4,
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: false,
      tagged: true,
      lang: 'en-GB',
      displayTitle: true,
      pdfVersion: '1.7',
      info: {
        Title: `EHPS scorecard: ${geography.name}, ${releaseTitle(release)}`,
        Author: 'Kent County Council, Early Help and Preventative Services',
        Subject: `Board pack, ${versionLabel(release)}${options.suppress ? ', publication version (small numbers suppressed)' : ''}`,
        CreationDate: publishedAt,
        ModDate: publishedAt,
      },
    });
    this.doc.registerFont('Body', font(400));
    this.doc.registerFont('Bold', font(700));
    this.doc.font('Body');
  }

  get y(): number { return this.doc.y; }

  newPage() {
    this.doc.addPage();
    this.doc.x = MARGIN.left;
    this.doc.y = MARGIN.top;
  }

  /** Starts a section of the document structure (a new page unless `samePage`). */
  startSection(title: string, options: { samePage?: boolean; level?: 1 | 2 } = {}) {
    const level = options.level ?? 1;
    if (!options.samePage) this.newPage();
    else this.ensureSpace(80);
    if (level === 1) {
      this.section?.end();
      this.section = this.doc.struct('Sect');
      this.doc.addStructure(this.section);
    }
    const destination = `section-${++this.destinations}`;
    if (level === 1) this.outline = this.doc.outline.addItem(title);
    else (this.outline ?? this.doc.outline).addItem(title);
    this.doc.addNamedDestination(destination, 'XYZ', 0, A4[1] - this.doc.y + 10, null);
    this.contents.push({ title, page: this.doc.bufferedPageRange().count, level, destination });
    this.heading(title, level === 1 ? 'H1' : 'H2');
  }

  heading(text: string, tag: 'H1' | 'H2' | 'H3' = 'H2') {
    const size = tag === 'H1' ? 16 : tag === 'H2' ? 12.5 : 10.5;
    // A heading is kept with at least a few lines of what follows it.
    this.ensureSpace(tag === 'H1' ? size * 3 : size * 3 + 48);
    this.doc.font('Bold').fontSize(size).fillColor(COLOURS.text)
      .text(text, MARGIN.left, this.doc.y, { width: CONTENT_WIDTH, structParent: this.parent(), structType: tag });
    this.doc.moveDown(0.4);
  }

  para(text: string, options: { size?: number; bold?: boolean; colour?: string; gap?: number } = {}) {
    const size = options.size ?? 9.5;
    this.doc.font(options.bold ? 'Bold' : 'Body').fontSize(size);
    this.ensureSpace(Math.min(this.doc.heightOfString(text, { width: CONTENT_WIDTH }), size * 4));
    this.doc.fillColor(options.colour ?? COLOURS.text)
      .text(text, MARGIN.left, this.doc.y, { width: CONTENT_WIDTH, structParent: this.parent(), structType: 'P' });
    this.doc.fillColor(COLOURS.text).moveDown(options.gap ?? 0.6);
  }

  /** Label and value on one line, the label bold. */
  fact(label: string, value: string) {
    this.doc.font('Bold').fontSize(9.5);
    const labelWidth = 130;
    const height = Math.max(
      this.doc.heightOfString(label, { width: labelWidth }),
      this.doc.font('Body').heightOfString(value, { width: CONTENT_WIDTH - labelWidth }),
    );
    this.ensureSpace(height);
    const y = this.doc.y;
    const line = this.doc.struct('P');
    this.parent().add(line);
    this.doc.font('Bold').text(label, MARGIN.left, y, { width: labelWidth - 8, structParent: line, structType: 'Span' });
    this.doc.font('Body').text(value, MARGIN.left + labelWidth, y, { width: CONTENT_WIDTH - labelWidth, structParent: line, structType: 'Span' });
    line.end();
    this.doc.y = y + height + 4;
  }

  ensureSpace(height: number) {
    if (this.doc.y + height > BOTTOM) this.newPage();
  }

  parent(): Struct {
    if (!this.section) {
      this.section = this.doc.struct('Sect');
      this.doc.addStructure(this.section);
    }
    return this.section;
  }

  /** Decorative or chart drawing, kept out of the text a screen reader reads. */
  artifact(draw: () => void) {
    this.doc.markContent('Artifact');
    this.doc.save();
    draw();
    this.doc.restore();
    this.doc.endMarkedContent();
  }

  /** The status's shape (circle, triangle, square, ring, bar, as on the web pages) in its colour. */
  shape(status: Status, x: number, y: number, size = 7) {
    const doc = this.doc;
    this.artifact(() => {
      doc.fillColor(STATUS_COLOURS[status]).strokeColor(STATUS_COLOURS[status]).lineWidth(1);
      const r = size / 2;
      if (status === 'green') doc.circle(x + r, y + r, r).fill();
      else if (status === 'amber') doc.polygon([x + r, y], [x + size, y + size], [x, y + size]).fill();
      else if (status === 'red') doc.rect(x, y, size, size).fill();
      else if (status === 'no_target') doc.circle(x + r, y + r, r - 0.5).stroke();
      else doc.rect(x, y + r - 1, size, 2).fill();
    });
  }

  /** A table with a header row repeated on each page; each cell wraps within its column. */
  table(columns: Column[], rows: { cells: Cell[]; shade?: string }[], options: { size?: number } = {}) {
    const doc = this.doc;
    const size = options.size ?? 8;
    const pad = 3;
    const table = doc.struct('Table');
    this.parent().add(table);
    const rowHeight = (cells: Cell[]) => Math.max(...cells.map((cell, i) => {
      doc.font(cell.bold ? 'Bold' : 'Body').fontSize(size);
      const width = columns[i]!.width - 2 * pad - (cell.status ? 10 : 0);
      return doc.heightOfString(cell.text || ' ', { width });
    })) + 2 * pad;
    const drawRow = (cells: Cell[], header: boolean, shade?: string) => {
      const height = rowHeight(cells);
      const y = doc.y;
      this.artifact(() => {
        if (header || shade) doc.rect(MARGIN.left, y, CONTENT_WIDTH, height).fill(header ? COLOURS.header : shade!);
        doc.moveTo(MARGIN.left, y + height).lineTo(MARGIN.left + CONTENT_WIDTH, y + height).lineWidth(0.4).stroke(COLOURS.rule);
      });
      const tr = doc.struct('TR');
      table.add(tr);
      let x = MARGIN.left;
      cells.forEach((cell, i) => {
        const column = columns[i]!;
        let textX = x + pad;
        let width = column.width - 2 * pad;
        if (cell.status) {
          this.shape(cell.status, textX, y + pad + 1);
          textX += 10;
          width -= 10;
        }
        doc.font(header || cell.bold ? 'Bold' : 'Body').fontSize(size).fillColor(COLOURS.text)
          .text(cell.text, textX, y + pad, {
            width, align: column.align ?? 'left', structParent: tr, structType: header ? 'TH' : 'TD',
          });
        x += column.width;
      });
      tr.end();
      doc.x = MARGIN.left;
      doc.y = y + height;
    };
    const headerCells = columns.map((c) => ({ text: c.header }));
    this.ensureSpace(rowHeight(headerCells) + (rows[0] ? rowHeight(rows[0].cells) : 0));
    drawRow(headerCells, true);
    for (const row of rows) {
      if (doc.y + rowHeight(row.cells) > BOTTOM) {
        this.newPage();
        drawRow(headerCells, true);
      }
      drawRow(row.cells, false, row.shade);
    }
    table.end();
    doc.moveDown(0.8);
  }

  /** A figure: vector drawing with an alternative text, in the structure tree. */
  figure(alt: string, height: number, draw: (top: number) => void) {
    this.ensureSpace(height);
    const top = this.doc.y;
    const figure = this.doc.struct('Figure', { alt });
    this.parent().add(figure);
    figure.add(this.doc.markStructureContent('Figure'));
    this.doc.save();
    draw(top);
    this.doc.restore();
    this.doc.endMarkedContent();
    figure.end();
    this.doc.x = MARGIN.left;
    this.doc.y = top + height;
  }

  /** Page numbers and a running footer on every page, marked as pagination artifacts. */
  footers(label: string) {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing below the margin must not open a new page
      const y = A4[1] - 40;
      doc.markContent('Artifact', { type: 'Pagination' });
      doc.font('Body').fontSize(7.5).fillColor(COLOURS.muted);
      doc.text(label, MARGIN.left, y, { width: CONTENT_WIDTH - 80, height: 10, lineBreak: false, ellipsis: true });
      doc.text(`Page ${i + 1} of ${count}`, MARGIN.left + CONTENT_WIDTH - 80, y, { width: 80, align: 'right', lineBreak: false });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottomMargin;
    }
  }
}

// Sections -----------------------------------------------------------------------------------------------

function cover(pack: Pack, summaryApproved: boolean) {
  const { doc, release, geography, options } = pack;
  pack.newPage();
  doc.y = 200;
  pack.heading('EHPS performance scorecard', 'H1');
  pack.para(`Early Help and Preventative Services, Kent County Council: ${geography.name}`, { size: 13 });
  pack.para(releaseTitle(release), { size: 18, bold: true, gap: 1.5 });
  pack.fact('Version', release.version === PREVIEW_VERSION ? 'Preview, not published' : String(release.version));
  pack.fact(release.version === PREVIEW_VERSION ? 'Made' : 'Published', `${dateLabel(release.publishedAt)} by ${release.publishedBy.name}`);
  if (release.note.trim()) pack.fact('Note', release.note);
  pack.fact('Geography', `${geography.name} (${geography.type})`);
  if (options.suppress) pack.fact('Publication version', 'Small numbers are suppressed and shown as “c” (see About).');
  if (!summaryApproved) {
    doc.moveDown(1);
    pack.para(`${DRAFT_MARK}: this document is a preview, not a published release.`, { size: 13, bold: true, colour: COLOURS.red });
  }
}

/** Page 2 is kept for the contents, written once every section's page is known. */
function writeContents(pack: Pack, page: number) {
  const { doc } = pack;
  doc.switchToPage(page);
  doc.x = MARGIN.left;
  doc.y = MARGIN.top;
  pack.heading('Contents', 'H1');
  const list = doc.struct('TOC');
  pack.parent().add(list);
  for (const entry of pack.contents) {
    const indent = entry.level === 1 ? 0 : 14;
    const y = doc.y;
    const item = doc.struct('TOCI');
    list.add(item);
    doc.font(entry.level === 1 ? 'Bold' : 'Body').fontSize(entry.level === 1 ? 10 : 9).fillColor(COLOURS.text);
    doc.text(entry.title, MARGIN.left + indent, y, {
      width: CONTENT_WIDTH - indent - 50, goTo: entry.destination, structParent: item, structType: 'Reference',
    });
    const after = doc.y;
    doc.text(String(entry.page), MARGIN.left + CONTENT_WIDTH - 40, y, {
      width: 40, align: 'right', goTo: entry.destination, structParent: item, structType: 'Reference',
    });
    item.end();
    doc.y = Math.max(after, doc.y) + (entry.level === 1 ? 3 : 1);
  }
  list.end();
}

function executiveSummary(pack: Pack) {
  const { summary } = pack.release;
  pack.startSection('Executive summary');
  if (summary.state !== 'approved') pack.para(DRAFT_MARK, { bold: true, colour: COLOURS.red });
  const part = (title: string, text: string) => {
    pack.heading(title, 'H2');
    pack.para(text.trim() || '(none)');
  };
  part('Data headlines', summary.dataHeadlines);
  part('Recent activity', summary.recentActivity);
  part('Planned activity', summary.plannedActivity);
}

function statusSummary(pack: Pack, rows: ScorecardRow[]) {
  pack.startSection('Summary of statuses');
  pack.para(`${rows.length} indicators for ${pack.geography.name} in ${monthLabel(pack.release.month)}. Red: the floor is not met; amber: the floor is met but not the target; green: the target is met.`);
  pack.table(
    [{ header: 'Status', width: 200 }, { header: 'Indicators', width: 80, align: 'right' }],
    statusCounts(rows).map(({ status, label, count }) => ({
      cells: [status === SUPPRESSION_MARK ? { text: label } : { text: label, status }, { text: String(count) }],
    })),
    { size: 9 },
  );
  pack.heading('Red indicators', 'H2');
  const red = rows.filter((r) => r.status === 'red');
  if (red.length === 0) pack.para('None this month.');
  else {
    pack.table(
      [{ header: 'Indicator', width: 285 }, { header: 'Value', width: 70, align: 'right' },
        { header: 'Target', width: 70, align: 'right' }, { header: 'Floor', width: 70, align: 'right' }],
      red.map((r) => ({
        cells: [{ text: r.title }, { text: formatFigure(r.value, r.unit) }, { text: formatFigure(r.target, r.unit) },
          { text: formatFigure(r.floor, r.unit) }],
      })),
      { size: 9 },
    );
  }
}

const SCORECARD_COLUMNS: Column[] = [
  { header: 'Indicator', width: 170 }, { header: 'Value', width: 48, align: 'right' },
  { header: 'Target', width: 48, align: 'right' }, { header: 'Floor', width: 48, align: 'right' },
  { header: 'Status', width: 72 }, { header: 'Direction', width: 57 }, { header: 'Last year', width: 52, align: 'right' },
];

function scorecardByTheme(pack: Pack, rows: ScorecardRow[]) {
  pack.startSection('Scorecard by theme');
  pack.para(`Value at ${monthLabel(pack.release.month)}, target and floor for the target year, status in words and shape, direction of travel over the last twelve months, and the value a year earlier. A floor marked * is assumed (see About). “–”: no value.`, { size: 8.5 });
  const themes = [...THEMES, ...new Set(rows.map((r) => r.theme).filter((t) => !(THEMES as readonly string[]).includes(t)))];
  for (const theme of themes) {
    const inTheme = rows.filter((r) => r.theme === theme);
    if (inTheme.length === 0) continue;
    pack.heading(theme, 'H3');
    pack.table(SCORECARD_COLUMNS, inTheme.map((r) => ({
      cells: [
        { text: r.title },
        { text: formatFigure(r.value, r.unit) },
        { text: formatFigure(r.target, r.unit) },
        { text: `${formatFigure(r.floor, r.unit)}${r.floor != null && r.floorAssumed ? '*' : ''}` },
        r.status === SUPPRESSION_MARK ? { text: SUPPRESSION_MARK } : { text: STATUS_WORDS[r.status], status: r.status },
        { text: r.direction ? DIRECTION_WORDS[r.direction] : '–' },
        { text: formatFigure(r.previousYearValue, r.unit) },
      ],
    })));
  }
}

/** The geographies whose figures an indicator's section lists: inside the pack's geography, and above a district. */
function comparedGeographies(release: Release, geography: Geography): string[] {
  const { county, areas, districts } = release.geographies;
  if (geography.type === 'county') {
    return [county.code, ...areas.flatMap((a) => [a.code, ...a.districtCodes])];
  }
  if (geography.type === 'area') {
    return [geography.code, ...(areas.find((a) => a.code === geography.code)?.districtCodes ?? [])];
  }
  const areaCode = districts.find((d) => d.code === geography.code)?.areaCode;
  return [geography.code, ...(areaCode ? [areaCode] : []), county.code];
}

function indicatorSection(pack: Pack, item: CommentaryItem, rowsByGeography: Map<string, Map<string, ScorecardRow>>, first: boolean) {
  const { release, geography, suppression } = pack;
  const definition = release.definitions.find((d) => d.code === item.indicatorCode) ?? findIndicator(item.indicatorCode);
  const row = rowsByGeography.get(geography.code)?.get(item.indicatorCode);
  if (!definition || !row) return;
  pack.startSection(definition.title, { level: 2, samePage: first });
  const unit = definition.unit;
  pack.para(
    `${monthLabel(release.month)}: ${formatFigure(row.value, unit)} against a target of ${formatFigure(row.target, unit)}` +
    `${row.floor != null ? ` and a floor of ${formatFigure(row.floor, unit)}${row.floorAssumed ? ' (assumed)' : ''}` : ''}; ` +
    `status ${row.status === SUPPRESSION_MARK ? 'suppressed' : STATUS_WORDS[row.status].toLowerCase()}` +
    `${row.direction ? `, ${DIRECTION_WORDS[row.direction].toLowerCase()} over twelve months` : ''}.`,
  );

  const points = packTrend(release, item.indicatorCode, geography, suppression);
  trendChart(pack, definition.title, unit, points);

  pack.heading('Figures by area', 'H3');
  const names = geographyNames(release);
  const geographies = comparedGeographies(release, geography);
  const districtCodes = new Set(release.geographies.districts.map((d) => d.code));
  pack.table(
    [{ header: 'Geography', width: 165 }, { header: 'Value', width: 60, align: 'right' },
      { header: 'Numerator', width: 70, align: 'right' }, { header: 'Denominator', width: 75, align: 'right' },
      { header: 'Status', width: 125 }],
    geographies.flatMap((code) => {
      const r = rowsByGeography.get(code)?.get(item.indicatorCode);
      if (!r) return [];
      const indent = geography.type === 'county' && districtCodes.has(code) ? '    ' : '';
      return [{
        cells: [
          { text: `${indent}${names.get(code) ?? code}`, bold: !districtCodes.has(code) },
          { text: formatFigure(r.value, unit) },
          { text: formatCount(r.numerator) },
          { text: unit === 'count' ? '' : formatCount(r.denominator) },
          r.status === SUPPRESSION_MARK ? { text: SUPPRESSION_MARK } : { text: STATUS_WORDS[r.status], status: r.status },
        ],
        shade: districtCodes.has(code) ? undefined : COLOURS.theme,
      }];
    }),
  );

  pack.heading('Commentary', 'H3');
  if (item.state !== 'approved') pack.para(`${DRAFT_MARK} (${item.state})`, { bold: true, colour: COLOURS.red });
  pack.para(item.text);
  const by = [
    item.author ? `Written by ${item.author.name}` : null,
    item.reviewer ? `approved by ${item.reviewer.name}` : null,
  ].filter(Boolean).join(', ');
  if (by) pack.para(`${by}.`, { size: 8, colour: COLOURS.muted });
}

function geographyNames(release: Release): Map<string, string> {
  const { county, areas, districts } = release.geographies;
  return new Map([[county.code, county.name], ...areas.map((a) => [a.code, a.name] as const), ...districts.map((d) => [d.code, d.name] as const)]);
}

/** Round step for about four gridlines over `span`. */
function niceStep(span: number): number {
  const raw = span / 4 || 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  return step ?? 10 * magnitude;
}

function trendChart(pack: Pack, title: string, unit: 'percent' | 'count', points: TrendPoint[]) {
  const { doc } = pack;
  const months = points.map((p) => p.month);
  const numbers = points.flatMap((p) => [p.value, p.target, p.floor]).filter((v): v is number => v != null);
  const latest = points[points.length - 1];
  const alt = points.length === 0 || numbers.length === 0
    ? `${title}: no figures to chart.`
    : `Line chart of ${title} from ${monthLabel(months[0]!)} to ${monthLabel(months[months.length - 1]!)} against its target and floor. ` +
      `Latest value ${formatFigure(latest?.value ?? null, unit)}, target ${formatFigure(latest?.target ?? null, unit)}, floor ${formatFigure(latest?.floor ?? null, unit)}.`;
  if (numbers.length === 0) {
    pack.para(`No figures to chart for ${title}.`);
    return;
  }
  const height = 190;
  pack.figure(alt, height, (top) => {
    const plot = { left: MARGIN.left + 42, right: MARGIN.left + CONTENT_WIDTH - 8, top: top + 8, bottom: top + height - 48 };
    let min = Math.min(...numbers);
    let max = Math.max(...numbers);
    const padding = (max - min) * 0.1 || Math.abs(max) * 0.1 || 1;
    min = Math.max(unit === 'percent' || min >= 0 ? 0 : -Infinity, min - padding);
    max = unit === 'percent' ? Math.min(100, max + padding) : max + padding;
    const step = niceStep(max - min);
    min = Math.floor(min / step) * step;
    max = Math.ceil(max / step) * step;
    const xAt = (i: number) => plot.left + (months.length <= 1 ? 0 : (i / (months.length - 1)) * (plot.right - plot.left));
    const yAt = (v: number) => plot.bottom - ((v - min) / (max - min || 1)) * (plot.bottom - plot.top);
    {
      doc.font('Body').fontSize(6.5).fillColor(COLOURS.muted);
      for (let v = min; v <= max + step / 2; v += step) {
        doc.moveTo(plot.left, yAt(v)).lineTo(plot.right, yAt(v)).lineWidth(0.3).stroke('#d0d0d0');
        const label = unit === 'percent' ? `${Number(v.toFixed(1))}%` : WHOLE_NUMBER.format(v);
        doc.text(label, MARGIN.left, yAt(v) - 3, { width: 38, align: 'right', lineBreak: false });
      }
      months.forEach((month, i) => {
        if (i % 3 !== (months.length - 1) % 3) return;
        doc.text(shortMonth(month), xAt(i) - 15, plot.bottom + 4, { width: 30, align: 'center', lineBreak: false });
      });
      doc.moveTo(plot.left, plot.bottom).lineTo(plot.right, plot.bottom).lineWidth(0.6).stroke(COLOURS.rule);
      // Target and floor step with the target year; a gap where there is none.
      const line = (field: 'target' | 'floor' | 'value', colour: string, dash: number[] | null, width: number) => {
        let open = false;
        points.forEach((p, i) => {
          const v = p[field];
          if (v == null) { open = false; return; }
          if (open) doc.lineTo(xAt(i), yAt(v)); else doc.moveTo(xAt(i), yAt(v));
          open = true;
        });
        if (dash) doc.dash(dash[0]!, { space: dash[1]! }); else doc.undash();
        doc.lineWidth(width).stroke(colour);
        doc.undash();
      };
      line('floor', COLOURS.floor, [1.5, 2], 1.2);
      line('target', COLOURS.target, [5, 3], 1.2);
      line('value', COLOURS.value, null, 1.6);
      points.forEach((p, i) => { if (p.value != null) doc.circle(xAt(i), yAt(p.value), 1.8).fill(COLOURS.value); });
      // The legend says which line is which in words, not by colour alone.
      const legendY = plot.bottom + 20;
      const legend: [string, string, number[] | null][] = [
        [`${title} (solid)`, COLOURS.value, null], ['Target (dashed)', COLOURS.target, [5, 3]], ['Floor (dotted)', COLOURS.floor, [1.5, 2]],
      ];
      let x = plot.left;
      doc.fontSize(7).fillColor(COLOURS.text);
      for (const [label, colour, dash] of legend) {
        doc.moveTo(x, legendY + 3).lineTo(x + 18, legendY + 3);
        if (dash) doc.dash(dash[0]!, { space: dash[1]! }); else doc.undash();
        doc.lineWidth(1.4).stroke(colour);
        doc.undash();
        const width = Math.min(doc.widthOfString(label), 230);
        doc.fillColor(COLOURS.text).text(label, x + 22, legendY, { width: width + 2, lineBreak: false, height: 10, ellipsis: true });
        x += 22 + width + 16;
      }
    }
  });
}

function caseloadsSection(pack: Pack) {
  const { doc, release, suppression } = pack;
  pack.startSection('Caseloads');
  pack.para(`Open early help cases by district at ${monthLabel(release.month)}, against each district's baseline and target.`);
  const rows = caseloadRows(release.caseloads, suppression?.caseloads ?? null);
  const districts = rows.filter((r) => r.geographyType === 'district');
  const values = districts.flatMap((r) => [r.current, r.baseline, r.target]).filter((v): v is number => typeof v === 'number');
  if (districts.length > 0 && values.length > 0) {
    const band = 21;
    const height = districts.length * band + 40;
    const alt = `Bar chart of each district's open caseload, baseline and target at ${monthLabel(release.month)}; the table below gives the figures.`;
    pack.figure(alt, height, (top) => {
      const left = MARGIN.left + 120;
      const right = MARGIN.left + CONTENT_WIDTH - 40;
      const max = Math.max(...values) * 1.05 || 1;
      const xAt = (v: number) => left + (v / max) * (right - left);
      {
        doc.font('Body').fontSize(7);
        districts.forEach((r, i) => {
          const y = top + i * band;
          doc.fillColor(COLOURS.text).text(r.name, MARGIN.left, y + 5, { width: 115, align: 'right', lineBreak: false, height: 10, ellipsis: true });
          const bar = (value: Figure, offset: number, colour: string) => {
            if (typeof value === 'number') doc.rect(left, y + offset, Math.max(0.5, xAt(value) - left), 5).fill(colour);
            const label = typeof value === 'number' ? formatCount(value) : value === SUPPRESSION_MARK ? 'c' : '–';
            doc.fontSize(5.5).fillColor(COLOURS.muted)
              .text(label, (typeof value === 'number' ? xAt(value) : left) + 2, y + offset - 0.5, { width: 38, lineBreak: false });
            doc.fontSize(7);
          };
          bar(r.current, 0, COLOURS.value);
          bar(r.baseline, 6, COLOURS.baseline);
          bar(r.target, 12, COLOURS.target);
        });
        const legendY = top + districts.length * band + 8;
        let x = left;
        for (const [label, colour] of [['Current (top bar)', COLOURS.value], ['Baseline (middle)', COLOURS.baseline], ['Target (bottom)', COLOURS.target]] as const) {
          doc.rect(x, legendY, 10, 6).fill(colour);
          doc.fillColor(COLOURS.text).fontSize(7).text(label, x + 13, legendY - 0.5, { lineBreak: false });
          x += 100;
        }
      }
    });
  }
  const levels = { district: 'District', area: 'Area', county: 'County' } as const;
  pack.table(
    [{ header: 'Geography', width: 175 }, { header: 'Level', width: 70 }, { header: 'Current', width: 80, align: 'right' },
      { header: 'Baseline', width: 80, align: 'right' }, { header: 'Target', width: 90, align: 'right' }],
    rows.map((r) => ({
      cells: [{ text: r.name, bold: r.geographyType !== 'district' }, { text: levels[r.geographyType] },
        { text: formatCount(r.current) }, { text: formatCount(r.baseline) }, { text: formatCount(r.target) }],
      shade: r.geographyType === 'district' ? undefined : COLOURS.theme,
    })),
  );
}

function definitionsSection(pack: Pack) {
  pack.startSection('Definitions');
  for (const d of pack.release.definitions) {
    pack.heading(d.title, 'H3');
    pack.para(d.definition, { size: 8.5, gap: 0.2 });
    pack.para(`Numerator: ${d.numerator}${d.denominator ? `. Denominator: ${d.denominator}` : ''}. Source: ${d.source}. ` +
      `${d.polarity === 'higher_is_better' ? 'Higher is better' : 'Lower is better'}; ${d.yearBasis} year.`, { size: 8, colour: COLOURS.muted });
  }
}

function aboutSection(pack: Pack, scorecard: ScorecardResponse) {
  const { release, options } = pack;
  pack.startSection('About');
  pack.fact('Release', `${releaseTitle(release)}, ${versionLabel(release)}, published ${dateLabel(release.publishedAt)} by ${release.publishedBy.name}.`);
  pack.fact('Frozen figures', 'Every figure is as it stood when the month was published; later extracts do not change this document.');
  pack.fact('Suppression', options.suppress ? SUPPRESSION_RULE : UNSUPPRESSED_NOTE);
  const assumed = scorecard.indicators.filter((i) => i.floor != null && i.floorAssumed);
  pack.fact('Assumed floors', assumed.length === 0 ? 'None: every floor shown is published.'
    : `${FLOORS_NOTE} Assumed this month: ${assumed.map((i) => i.title).join('; ')}.`);
  const incomplete = scorecard.indicators.filter((i) => i.coverage !== 'full');
  if (incomplete.length > 0) {
    pack.fact('Coverage', incomplete.map((i) => `${i.title}: ${COVERAGE_WORDS[i.coverage]}`).join('; ') + '.');
  }
  pack.heading('Data coverage', 'H2');
  pack.table(
    [{ header: 'Dataset', width: 140 }, { header: 'Rows', width: 65, align: 'right' }, { header: 'Months covered', width: 110 },
      { header: 'Extract as at', width: 75 }, { header: 'Last imported', width: 105 }],
    release.datasets.map((d) => ({
      cells: [
        { text: d.name }, { text: formatCount(d.rows) },
        { text: d.kind === 'reference' ? 'Reference data' : d.coveredFrom && d.coveredTo ? `${monthLabel(d.coveredFrom)} – ${monthLabel(d.coveredTo)}` : 'No records' },
        { text: d.asAt ?? '–' }, { text: d.lastImportedAt ? `${d.lastImportedAt.slice(0, 16).replace('T', ' ')} UTC` : '–' },
      ],
    })),
  );
  const benchmarks = release.scorecards.some((s) => s.indicators.some((i) => i.comparators.length > 0));
  if (benchmarks) {
    pack.heading('Benchmarks', 'H2');
    pack.para(OGL_ATTRIBUTION);
  }
}

// The document --------------------------------------------------------------------------------------------

/** The board pack of a release as a PDF file. */
export async function renderBoardPackPdf(release: Release, options: BoardPackOptions): Promise<Buffer> {
  const geographyCode = options.geographyCode ?? release.geographies.county.code;
  const scorecard = packScorecard(release, geographyCode);
  const suppression = options.suppress ? releaseSuppression(release) : null;
  const pack = new Pack(release, scorecard.geography, options, suppression);
  const chunks: Buffer[] = [];
  pack.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pack.doc.on('end', () => resolve(Buffer.concat(chunks)));
    pack.doc.on('error', reject);
  });

  const rowsByGeography = new Map(release.scorecards.map((s) =>
    [s.geography.code, new Map(scorecardRows(s, suppression?.scorecard ?? null).map((r) => [r.code, r]))]));
  const rows = [...rowsByGeography.get(geographyCode)!.values()];

  cover(pack, release.summary.state === 'approved');
  pack.newPage(); // the contents, written last
  const contentsPage = pack.doc.bufferedPageRange().count - 1;
  executiveSummary(pack);
  statusSummary(pack, rows);
  scorecardByTheme(pack, rows);
  const commentary = packCommentary(release, geographyCode);
  if (commentary.length > 0) {
    pack.startSection('Indicators with commentary');
    pack.para(`Each indicator with commentary for ${scorecard.geography.name}: its trend over 24 months (${monthLabel(addMonths(release.month, -23))} to ${monthLabel(release.month)}) against its target and floor, its figures by area and the commentary.`);
    commentary.forEach((item, i) => indicatorSection(pack, item, rowsByGeography, i === 0));
  }
  caseloadsSection(pack);
  definitionsSection(pack);
  aboutSection(pack, scorecard);

  writeContents(pack, contentsPage);
  pack.footers(`EHPS scorecard · ${scorecard.geography.name} · ${monthLabel(release.month)} data · ` +
    `${release.version === PREVIEW_VERSION ? 'draft preview' : `version ${release.version}`}${options.suppress ? ' · publication version' : ''}`);
  pack.doc.end();
  return finished;
}
