// A geography's scorecard as a version of the month published it, optionally in publication mode (partners):
// the suppression is decided from the release's own frozen district figures (reporting/suppression.ts), so
// it hides the same cells as that release's suppressed board packs.
import { hideCell, hidePreviousYear, VIEW_HIDDEN } from '../export/rows.js';
import { notFound } from '../lib/errors.js';
import type { Release } from '../schemas/publications.js';
import type { ScorecardResponse } from '../schemas/scorecard.js';
import { releaseSuppression } from './suppression.js';

export function publishedScorecard(release: Release, geographyCode: string, suppress: boolean): ScorecardResponse {
  const scorecard = release.scorecards.find((s) => s.geography.code === geographyCode);
  if (!scorecard) throw notFound(`the published ${release.month} (version ${release.version}) has no geography ${geographyCode}`);
  if (!suppress || scorecard.geography.type === 'county') return scorecard;
  const suppression = releaseSuppression(release);
  const geography = scorecard.geography;
  return {
    ...scorecard,
    indicators: scorecard.indicators.map((indicator) => {
      const hidden = suppression.scorecard.current.cell(indicator.code, geography);
      const { suppressed, ...shown } = hideCell(indicator, hidden, VIEW_HIDDEN);
      const previousHidden = suppression.scorecard.previousYear.cell(indicator.code, geography).value;
      const sparkline = indicator.sparkline.map((point) => (suppression.planFor(point.month).cell(indicator.code, geography).value
        ? { ...point, value: VIEW_HIDDEN.figure } : point));
      return {
        ...indicator,
        ...shown,
        // A direction too would place the hidden value against last month's.
        direction: hidden.value ? null : indicator.direction,
        previousYearValue: hidePreviousYear(indicator.previousYearValue, previousHidden, VIEW_HIDDEN),
        sparkline,
        ...(suppressed ? { suppressed } : {}),
      };
    }),
    // Context measures are not in the release's series, so no plan protects them: a partner's view leaves them out.
    context: scorecard.context.map((c) => ({ ...c, value: null, numerator: null, denominator: null })),
  };
}
