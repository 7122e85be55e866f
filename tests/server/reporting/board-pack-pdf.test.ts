// The board pack PDF, read back with poppler-utils: cover, contents with the right page numbers, page numbers
// on every page, every red indicator's commentary, the characters it uses, one page as an image in artifacts/,
// the same bytes on every render, and publication-mode suppression.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OGL_ATTRIBUTION, renderBoardPackPdf } from '../../../api/src/reporting/board-pack-pdf.js';
import type { Release } from '../../../api/src/schemas/publications.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { countyText, DARTFORD_TEXT, seededRelease } from './release-fixture.js';
import { pdfInfo, pdfPages, renderPage } from './pdf-tools.js';

const ARTIFACTS = path.resolve('artifacts');

let t: TestDatabase;
let release: Release;
let redCodes: string[];
beforeAll(async () => {
  t = await createTestDatabase();
  ({ release, redCodes } = await seededRelease(t));
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
      expect(text).toContain(countyText(code).replace(/\s+/g, ' '));
    }
    // Commentary of another geography belongs in that geography's pack.
    expect(text).not.toContain(DARTFORD_TEXT);
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

describe('board pack PDF of a district, in publication mode', () => {
  let plainPages: string[];
  let suppressedPages: string[];
  let countySuppressed: string;
  beforeAll(async () => {
    plainPages = pdfPages(await renderBoardPackPdf(release, { geographyCode: 'DAR', suppress: false }));
    suppressedPages = pdfPages(await renderBoardPackPdf(release, { geographyCode: 'DAR', suppress: true }));
    countySuppressed = pdfPages(await renderBoardPackPdf(release, { suppress: true })).join('\n');
  });
  const line = (pages: string[], pattern: RegExp) => pages.join('\n').split('\n').filter((l) => pattern.test(l));

  it('is the district\'s pack, with its own commentary', () => {
    expect(suppressedPages[0]).toContain('Dartford');
    expect(suppressedPages[0]).toContain('Publication version');
    const text = suppressedPages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(DARTFORD_TEXT);
    expect(text).not.toContain(countyText(redCodes[0]!).slice(0, 40));
  });

  it('shows Dartford\'s NEET count of 3 in full without suppression, and as c with it', () => {
    // The scorecard row: NEET 3 / 100 = 3.0% in full; suppressed (numerator 3 is 1 to 4) value and status.
    expect(line(plainPages, /cohort that are\s+3\.0%\s/).length).toBeGreaterThan(0);
    expect(line(suppressedPages, /cohort that are\s+3\.0%\s/)).toEqual([]);
    expect(line(suppressedPages, /cohort that are\s+c\s/).length).toBeGreaterThan(0);
    // The figures by area of its indicator section: value and numerator hidden, the denominator (100) kept.
    expect(line(plainPages, /^\s*Dartford\s+3\.0%/).length).toBe(1);
    expect(line(suppressedPages, /^\s*Dartford\s+c\s+c\s+100\s+c/).length).toBe(1);
    // The About page states the rule.
    expect(suppressedPages.join(' ').replace(/\s+/g, ' ')).toContain('Publication mode: any count from 1 to 4');
  });

  it('hides small caseloads and the secondary cell in every pack, the county\'s included', () => {
    // Thanet's open caseload 4 (primary) and Canterbury's 150 (secondary); area and county totals stay.
    expect(line(plainPages, /^\s*Thanet\s+District\s+4\s/).length).toBe(1);
    expect(line(suppressedPages, /^\s*Thanet\s+District\s+c\s/).length).toBe(1);
    expect(line(suppressedPages, /^\s*Canterbury\s+District\s+c\s/).length).toBe(1);
    expect(countySuppressed).toMatch(/Thanet\s+District\s+c\s/);
    expect(countySuppressed).toMatch(/Kent\s+County\s+1,554\s/);
    // The county pack's figures by area list the districts: Dartford's NEET hidden there too.
    expect(countySuppressed).toMatch(/^\s*Dartford\s+c\s+c\s+100\s+c/m);
  });
});
