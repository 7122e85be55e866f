// Every workbook the product makes, printed by a real spreadsheet application: the scorecard exports (from
// the server, as a reader downloads them) and the board pack's workbook (built from a release of the same
// database, as `npm run board-pack` builds it, with commentary on the red indicators) are converted to PDF by
// LibreOffice Calc and read back with poppler. Nothing may be cut (every word of every text cell is printed:
// codes unbroken, titles and definitions whole), no text may run over other text, and every sheet is one page
// wide (each page shows the sheet's first column). The first page of each goes to artifacts/ as a PNG.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, createPool } from '../../api/src/db/kysely.js';
import { SnapshotCache } from '../../api/src/lib/snapshot.js';
import { renderBoardPackXlsx } from '../../api/src/reporting/board-pack-xlsx.js';
import { assembleRelease } from '../../api/src/reporting/release.js';
import type { CommentaryItem } from '../../api/src/schemas/commentary.js';
import { ARTIFACTS } from './browser.js';
import {
  drawPage, missingWords, overlappingWords, pagesBySheet, pagesWithoutFirstColumn, PRINT_TOOLS_REQUIRED_VARIABLE, printedPages,
  printToolsMissing, printToolsRequired, printWithLibreOffice, workbookTexts,
} from './workbook-print.js';

const baseUrl = inject('e2eBaseUrl');
const EXCEL_MAX_ROW_HEIGHT = 409;
const viewer = inject('e2eViewer');
const databaseUrl = inject('e2eDatabaseUrl');
const missingTools = printToolsMissing();
const toolsRequired = printToolsRequired();
if (missingTools && !toolsRequired) {
  process.stderr.write(`[e2e] workbooks-print: skipped, ${missingTools} (set ${PRINT_TOOLS_REQUIRED_VARIABLE}=1 to fail instead)\n`);
}

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'ehps-workbooks-print-'));
});
afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/**
 * A text as long as the forms take (4,000 characters: a commentary, a part of the executive summary), in
 * numbered sentences and paragraphs: one row of it would be taller than a page (and than Excel allows).
 */
function longestText(subject: string): string {
  let text = '';
  for (let n = 1; ; n += 1) {
    const sentence = `${subject} point ${n}: the service reviewed the cases of the month with schools and partners, and ` +
      `agreed what each family needs next.${n % 6 === 0 ? '\n' : ' '}`;
    if (text.length + sentence.length > 4000) return text.trim();
    text += sentence;
  }
}

async function getFile(url: string): Promise<Buffer> {
  const response = await fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${viewer.token}` } });
  expect(response.status, url).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function getJson<T>(url: string): Promise<T> {
  return JSON.parse((await getFile(url)).toString('utf8')) as T;
}

/** Prints the workbook with LibreOffice and checks the print; the first page goes to artifacts/<name>.png. */
async function expectPrintsCleanly(name: string, xlsx: Buffer) {
  const sheets = await workbookTexts(xlsx);
  const pdf = printWithLibreOffice(xlsx, name, workDir);
  const pages = printedPages(pdf, workDir);
  drawPage(pdf, 1, path.join(ARTIFACTS, `workbook-${name}.png`), workDir);
  const bySheet = pagesBySheet(pages, sheets.map((s) => s.name));
  for (const sheet of sheets) {
    const printed = bySheet.get(sheet.name)!;
    expect(printed.length, `${name}: sheet ${sheet.name} is printed`).toBeGreaterThan(0);
    // A row is not split over pages: taller than a page, it is cut (Excel refuses rows over 409 points). What
    // the text needs is checked, not only what is stored: a stored height is capped, the text is not.
    expect(sheet.tallestRow, `${name}: the tallest row of sheet ${sheet.name}, in points`).toBeLessThanOrEqual(EXCEL_MAX_ROW_HEIGHT);
    expect(sheet.tallestNeed, `${name}: the most a row's text of sheet ${sheet.name} needs, in points`).toBeLessThanOrEqual(EXCEL_MAX_ROW_HEIGHT);
    expect(pagesWithoutFirstColumn(sheet, printed), `${name}: pages of sheet ${sheet.name} continuing it to the right`).toEqual([]);
    expect(missingWords(sheet.texts, printed), `${name}: words of sheet ${sheet.name} cut or missing in print`).toEqual([]);
    for (const page of printed) {
      const overlaps = overlappingWords(page).map(([a, b]) => `'${a.text}' over '${b.text}'`);
      expect(overlaps, `${name}: text running over text on page ${page.number} (sheet ${sheet.name})`).toEqual([]);
    }
  }
}

// Where the check must run (CI), missing tools fail it rather than skip it unseen.
it.runIf(toolsRequired)(`has LibreOffice Calc and poppler to print with (${PRINT_TOOLS_REQUIRED_VARIABLE}=1)`, () => {
  expect(missingTools, `${PRINT_TOOLS_REQUIRED_VARIABLE}=1 but the workbooks cannot be printed: ${missingTools}`).toBeNull();
});

describe.skipIf(missingTools !== null)('workbooks printed by LibreOffice Calc', () => {
  it('the scorecard workbook of the county prints whole, without overlaps, one page wide per sheet', async () => {
    const { latest } = await getJson<{ latest: string }>('/api/months');
    await expectPrintsCleanly('scorecard-county', await getFile(`/api/export/scorecard.xlsx?month=${latest}`));
  });

  it('the publication version of a district\'s scorecard workbook prints cleanly too', async () => {
    const { latest } = await getJson<{ latest: string }>('/api/months');
    const { districts } = await getJson<{ districts: { code: string }[] }>('/api/geographies');
    await expectPrintsCleanly('scorecard-district-published',
      await getFile(`/api/export/scorecard.xlsx?month=${latest}&district=${districts[0]!.code}&suppress=true`));
  });

  // Needs the database to build a release (not available against a server started elsewhere).
  it.skipIf(databaseUrl === null)('the board pack workbook, with commentary on the red indicators, prints cleanly', async () => {
    const pool = createPool(databaseUrl!);
    try {
      const db = createDb(pool);
      const snapshot = await new SnapshotCache(db).current();
      const month = snapshot.months.latest!;
      const person = { email: 'approver@e2e.example', name: 'Alex Approver' };
      const summary = {
        dataHeadlines: 'NEET rose to 3.1%, above its floor of 1.0%.\nFirst time entrants fell for the third month running.',
        recentActivity: 'Two family hubs opened in Thanet and Swale; the step-down panel now meets weekly.',
        plannedActivity: longestText('Plan'),
        state: 'approved' as const,
      };
      const inputs = { summary, publishedBy: person, note: 'Published for the Joint Commissioning Board', version: 1 };
      const draft = await assembleRelease(db, snapshot, month, { ...inputs, commentary: [] });
      const county = draft.scorecards.find((s) => s.geography.type === 'county')!;
      // The first as long as the form takes: it goes on continuation rows, each fitting a page.
      const commentary: CommentaryItem[] = county.indicators.filter((i) => i.status === 'red').map((i, index) => ({
        indicatorCode: i.code, geographyCode: county.geography.code, state: 'approved', required: true,
        text: index === 0 ? longestText('Commentary') : `What the figure shows: ${i.title} is red this month, behind its target and below its floor, and it has been for ` +
          'three months; the gap is widest in East Kent.\nWhy: fewer workers in post over the summer, and a rise in ' +
          'notifications after the schools returned.\nWhat is being done: the service is recruiting, and cases are reviewed weekly.',
        author: { email: 'writer@e2e.example', name: 'Sam Writer' }, updatedAt: new Date().toISOString(), reviewer: person, reviewNote: null,
      }));
      const release = await assembleRelease(db, snapshot, month, { ...inputs, commentary });
      const xlsx = await renderBoardPackXlsx(release, { suppress: false });
      await expectPrintsCleanly('board-pack', xlsx);
    } finally {
      await pool.end();
    }
  });
});
