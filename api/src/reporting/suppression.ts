// Publication-mode suppression of a release: the same rule and module as the exports
// (api/src/export/suppression.ts), decided from the release's own frozen district figures, so a suppressed
// board pack hides the same cells whenever it is rendered and whatever the live data says since.
import { caseloadFigures, type ScorecardSuppression } from '../export/rows.js';
import { planSuppression, SuppressionPlan, type DistrictRef, type IndicatorDistrictFigures } from '../export/suppression.js';
import { addMonths } from '../lib/months.js';
import type { Release } from '../schemas/publications.js';

export interface ReleaseSuppression {
  /** The plan of any month of the release's series (an empty plan outside them). */
  planFor(month: string): SuppressionPlan;
  scorecard: ScorecardSuppression;
  caseloads: SuppressionPlan;
}

export function releaseSuppression(release: Release): ReleaseSuppression {
  const districts: DistrictRef[] = release.geographies.districts.map((d) => ({ code: d.code, areaCode: d.areaCode }));
  const districtCodes = new Set(districts.map((d) => d.code));
  // month → indicator → each district's numerator and denominator
  const figures = new Map<string, Map<string, IndicatorDistrictFigures[]>>();
  for (const { code, points } of release.series) {
    for (const point of points) {
      if (!districtCodes.has(point.geographyCode)) continue;
      let byCode = figures.get(point.month);
      if (!byCode) figures.set(point.month, (byCode = new Map()));
      const list = byCode.get(code) ?? [];
      list.push({ code: point.geographyCode, numerator: point.numerator, denominator: point.denominator });
      byCode.set(code, list);
    }
  }
  const plans = new Map([...figures].map(([month, byCode]) => [month, planSuppression(districts, byCode)]));
  const planFor = (month: string) => plans.get(month) ?? SuppressionPlan.none();
  return {
    planFor,
    scorecard: { current: planFor(release.month), previousYear: planFor(addMonths(release.month, -12)) },
    caseloads: planSuppression(districts, caseloadFigures(release.caseloads)),
  };
}
