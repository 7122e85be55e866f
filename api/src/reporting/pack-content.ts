// What both board packs (PDF and workbook) take from a release, decided in one place: the title, the pack's
// scorecard and commentary, the counts by status, and an indicator's trend with suppression applied.
import type { ScorecardRow } from '../export/rows.js';
import { SUPPRESSION_MARK } from '../export/suppression.js';
import { monthLabel, STATUS_WORDS } from '../export/workbook.js';
import type { Geography, Status } from '../schemas/common.js';
import type { CommentaryItem } from '../schemas/commentary.js';
import type { Release } from '../schemas/publications.js';
import type { ScorecardResponse } from '../schemas/scorecard.js';
import type { SeriesPoint } from '../schemas/series.js';
import type { ReleaseSuppression } from './suppression.js';

export interface BoardPackOptions {
  /** The pack's geography: KENT (default), an area or a district code of the release. */
  geographyCode?: string;
  /** Publication mode (partners always get it): small numbers shown as "c". */
  suppress: boolean;
}

/** "February 2016 release (January 2016 data)", as Kent titles its scorecards. */
export function releaseTitle(release: Pick<Release, 'month' | 'publishedAt'>): string {
  return `${monthLabel(release.publishedAt.slice(0, 7))} release (${monthLabel(release.month)} data)`;
}

/** The scorecard of a geography in the release, or a clear error naming what exists. */
export function packScorecard(release: Release, geographyCode: string): ScorecardResponse {
  const scorecard = release.scorecards.find((s) => s.geography.code === geographyCode);
  if (!scorecard) {
    throw new Error(`the release of ${release.month} has no geography '${geographyCode}' (it has ${release.scorecards.map((s) => s.geography.code).join(', ')})`);
  }
  return scorecard;
}

/** The commentary a pack prints: its geography's items with text, in the catalogue's order. */
export function packCommentary(release: Release, geographyCode: string): CommentaryItem[] {
  const order = new Map(release.definitions.map((d, i) => [d.code, i]));
  return release.commentary
    .filter((item) => item.geographyCode === geographyCode && item.text.trim() !== '')
    .sort((a, b) => (order.get(a.indicatorCode) ?? 999) - (order.get(b.indicatorCode) ?? 999));
}

/** The version of a preview made before publication (scripts/board-pack.ts); releases start at 1. */
export const PREVIEW_VERSION = 0;

/** "version 2", or that it is a preview. */
export function versionLabel(release: Pick<Release, 'version'>): string {
  return release.version === PREVIEW_VERSION ? 'preview, not published' : `version ${release.version}`;
}

const STATUS_ORDER: (Status | typeof SUPPRESSION_MARK)[] = ['red', 'amber', 'green', 'no_target', 'no_data', SUPPRESSION_MARK];

/** How many indicators have each status (suppressed ones counted apart, and only when there are any). */
export function statusCounts(rows: readonly ScorecardRow[]): { status: Status | typeof SUPPRESSION_MARK; label: string; count: number }[] {
  return STATUS_ORDER
    .map((status) => ({
      status,
      label: status === SUPPRESSION_MARK ? 'Suppressed (c)' : STATUS_WORDS[status],
      count: rows.filter((r) => r.status === status).length,
    }))
    .filter(({ status, count }) => count > 0 || status !== SUPPRESSION_MARK);
}

export type TrendPoint = Omit<SeriesPoint, 'status'> & { status: Status | typeof SUPPRESSION_MARK };

/** An indicator's months at a geography, what publication mode hides taken out (no value, no status). */
export function packTrend(
  release: Release, code: string, geography: Geography, suppression: ReleaseSuppression | null,
): TrendPoint[] {
  return (release.series.find((s) => s.code === code)?.points ?? [])
    .filter((p) => p.geographyCode === geography.code)
    .map((p) => (suppression?.planFor(p.month).cell(code, geography).value
      ? { ...p, value: null, numerator: null, denominator: null, status: SUPPRESSION_MARK } : p));
}
