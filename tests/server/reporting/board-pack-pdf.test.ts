// The board pack PDF, read back with poppler-utils: cover, contents with the right page numbers, page numbers
// on every page, every red indicator's commentary, the characters it uses, one page as an image in artifacts/,
// the same bytes on every render, and publication-mode suppression.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotCache } from '../../../api/src/lib/snapshot.js';
import { assembleRelease } from '../../../api/src/reporting/release.js';
import { OGL_ATTRIBUTION, renderBoardPackPdf } from '../../../api/src/reporting/board-pack-pdf.js';
import type { CommentaryItem } from '../../../api/src/schemas/commentary.js';
import type { Release } from '../../../api/src/schemas/publications.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { MONTH, seedExportData } from '../export/seed.js';
import { pdfInfo, pdfPages, renderPage } from './pdf-tools.js';

const ARTIFACTS = path.resolve('artifacts');
const approver = { email: 'approver@kent.example', name: 'Alex Approver' };
const writer = { email: 'writer@kent.example', name: 'Sam Writer' };

function commentary(indicatorCode: string, geographyCode: string, text: string): CommentaryItem {
  return {
    indicatorCode, geographyCode, text, state: 'approved', required: geographyCode === 'KENT', author: writer,
    updatedAt: '2016-03-08T10:00:00.000Z', reviewer: approver, reviewNote: null,
  };
}

let t: TestDatabase;
let release: Release;
let redCodes: string[];
beforeAll(async () => {
  t = await createTestDatabase();
  await seedExportData(t.pool);
  const snapshot = await new SnapshotCache(t.db).current();
  const draft = await assembleRelease(t.db, snapshot, MONTH, {
    commentary: [], summary: { dataHeadlines: '', recentActivity: '', plannedActivity: '', state: 'approved' },
    publishedBy: approver, note: 'First release', version: 1, publishedAt: new Date('2016-03-10T09:30:00Z'),
  });
  const county = draft.scorecards.find((s) => s.geography.code === 'KENT')!;
  redCodes = county.indicators.filter((i) => i.status === 'red').map((i) => i.code);
  release = {
    ...draft,
    commentary: [
      ...redCodes.map((code) => commentary(code, 'KENT',
        `Commentary on ${code}: the figure moved – it is ≥ last year’s, “as expected”, at a cost of £1,200.\nWhat is being done: more visits.`)),
      commentary('neet_16_18_pct', 'DAR', 'Dartford NEET commentary: a small cohort this month.'),
    ],
    summary: {
      dataHeadlines: 'NEET rose to 7.1% – above its floor.', recentActivity: 'Two new family hubs opened.',
      plannedActivity: 'A review of step-down in April.', state: 'approved',
    },
  };
});
afterAll(async () => {
  await t?.drop();
});

describe('board pack PDF', () => {
  let pdf: Buffer;
  let pages: string[];
  beforeAll(async () => {
    pdf = await renderBoardPackPdf(release, { suppress: false });
    pages = pdfPages(pdf);
    if (process.env.BP_DUMP) (await import('node:fs')).writeFileSync(process.env.BP_DUMP, JSON.stringify(release));
  });

  it('is A4, tagged, with as many pages as pdfinfo counts and a title', () => {
    expect(redCodes.length).toBeGreaterThan(0);
    const info = pdfInfo(pdf);
    expect(Number(info['Pages'])).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(6);
    expect(info['Page size']).toContain('(A4)');
    expect(info['Tagged']).toBe('yes');
    expect(info['Title']).toBe('EHPS scorecard: Kent, March 2016 release (February 2016 data)');
  });

  it('has the cover line, the version and the publication date on the cover', () => {
    expect(pages[0]).toContain('March 2016 release (February 2016 data)');
    expect(pages[0]).toMatch(/Version\s+1/);
    expect(pages[0]).toMatch(/Published\s+10 March 2016 by Alex Approver/);
    expect(pages[0]).not.toContain('DRAFT');
  });

  it('numbers every page "Page n of N"', () => {
    pages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it('lists the sections in its contents with the pages they start on', () => {
    const contents = pages[1]!;
    expect(contents).toContain('Contents');
    for (const title of ['Executive summary', 'Summary of statuses', 'Scorecard by theme', 'Indicators with commentary',
      'Caseloads', 'Definitions', 'About']) {
      const match = new RegExp(`^\\s*${title}\\s+(\\d+)\\s*$`, 'm').exec(contents);
      expect(match, `${title} in the contents`).not.toBeNull();
      const page = Number(match![1]);
      expect(pages[page - 1]!.trimStart().startsWith(title), `${title} starts page ${page}`).toBe(true);
    }
  });

  it('holds every red indicator\'s commentary, with – ≥ “ ” £ as written', () => {
    const text = pages.join('\n').replace(/\s+/g, ' ');
    for (const code of redCodes) {
      expect(text).toContain(`Commentary on ${code}: the figure moved – it is ≥ last year’s, “as expected”, at a cost of £1,200.`);
    }
    expect(text).toContain('What is being done: more visits.');
    // Commentary of another geography belongs in that geography's pack.
    expect(text).not.toContain('Dartford NEET commentary');
  });

  it('has the executive summary, the scorecard by theme, caseloads, definitions and About', () => {
    const text = pages.join('\n');
    expect(text).toContain('NEET rose to 7.1% – above its floor.');
    expect(text).toContain('Two new family hubs opened.');
    expect(text).toMatch(/Thanet\s+District\s+4\s/); // the caseloads table, in full
    expect(text).toContain('Not applied: figures are shown in full');
    // The seed has an England comparator for NEET: the benchmark attribution is given.
    expect(text.replace(/\s+/g, ' ')).toContain(OGL_ATTRIBUTION);
  });

  it('renders the same bytes every time', async () => {
    const again = await renderBoardPackPdf(structuredClone(release), { suppress: false });
    expect(again.equals(pdf)).toBe(true);
  });

  it('renders its pages to images (cover and an indicator page in artifacts/)', () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const cover = renderPage(pdf, 1, path.join(ARTIFACTS, 'board-pack-cover.png'));
    expect(cover.subarray(1, 4).toString()).toBe('PNG');
    const indicatorPage = pages.findIndex((page) => page.includes('Figures by area')) + 1;
    expect(indicatorPage).toBeGreaterThan(0);
    const chart = renderPage(pdf, indicatorPage, path.join(ARTIFACTS, 'board-pack-indicator.png'));
    expect(chart.length).toBeGreaterThan(cover.length / 4);
  });
});
