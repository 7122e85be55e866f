// The board pack as a workbook: the scorecard workbook of the exports (api/src/export/workbook.ts), filled from
// a release alone, with the board pack's own sheets: Summary (executive summary, counts by status), Trends (each
// indicator's 24 months: the PDF's charts as a table), Commentary, and About with the release and its coverage.
import { scorecardRows } from '../export/rows.js';
import { SUPPRESSION_MARK } from '../export/suppression.js';
import { buildScorecardWorkbook, type TrendRow } from '../export/workbook.js';
import type { District } from '../queries/geography.js';
import type { Release } from '../schemas/publications.js';
import { packCommentary, packScorecard, packTrend, releaseTitle, statusCounts, versionLabel, type BoardPackOptions } from './pack-content.js';
import { releaseSuppression } from './suppression.js';

export async function renderBoardPackXlsx(release: Release, options: BoardPackOptions): Promise<Buffer> {
  const geographyCode = options.geographyCode ?? release.geographies.county.code;
  const scorecard = packScorecard(release, geographyCode);
  const suppression = options.suppress ? releaseSuppression(release) : null;
  const areaNames = new Map(release.geographies.areas.map((a) => [a.code, a.name]));
  const districts: District[] = release.geographies.districts.map((d) => ({
    code: d.code, name: d.name, areaCode: d.areaCode, areaName: areaNames.get(d.areaCode) ?? d.areaCode,
  }));
  const districtCodes = new Set(districts.map((d) => d.code));
  const names = new Map(release.scorecards.map((s) => [s.geography.code, s.geography.name]));
  const titles = new Map(release.definitions.map((d) => [d.code, d.title]));
  const rows = scorecardRows(scorecard, suppression?.scorecard ?? null);
  const trends: TrendRow[] = release.definitions.flatMap((d) => packTrend(release, d.code, scorecard.geography, suppression)
    .map((p) => ({ code: d.code, title: d.title, unit: d.unit, month: p.month, value: p.status === SUPPRESSION_MARK ? SUPPRESSION_MARK : p.value, target: p.target, floor: p.floor, status: p.status })));
  // The workbook's About sheet names the release; a draft (preview) says so.
  const facts: [string, string][] = [
    ['Release', `${releaseTitle(release)}, ${versionLabel(release)}`],
    ['Published by', release.publishedBy.name],
    ...(release.note.trim() ? [['Note', release.note] as [string, string]] : []),
    ...(release.summary.state !== 'approved' ? [['Draft', 'DRAFT – not approved: a preview, not a published release.'] as [string, string]] : []),
  ];
  return buildScorecardWorkbook({
    scorecard,
    districts,
    districtScorecards: release.scorecards.filter((s) => districtCodes.has(s.geography.code)),
    caseloads: release.caseloads,
    imports: [],
    generatedAt: new Date(release.publishedAt),
    suppression: suppression ? { scorecard: suppression.scorecard, caseloads: suppression.caseloads } : null,
    boardPack: {
      facts,
      summary: release.summary,
      statusCounts: statusCounts(rows).map(({ label, count }) => [label, count]),
      trends,
      commentary: packCommentary(release, geographyCode).map((item) => ({
        ...item, geographyName: names.get(item.geographyCode) ?? item.geographyCode, indicatorTitle: titles.get(item.indicatorCode) ?? item.indicatorCode,
      })),
      coverage: release.datasets,
      definitions: release.definitions,
    },
  });
}

