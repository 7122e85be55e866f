// The two series the indicator page draws: the chosen geography over the chosen range, and every
// district (or area) of the county in the chosen month. In the published view both come from the month's
// release: the trend is its frozen months up to the month (from the first with data, or `from`).
import { useSeries } from '../../../api/series';
import type { ScorecardView } from '../../../api/scorecard';
import type { Breakdown } from '../../../api/types';
import type { GeographyParams } from '../../../lib/filters';

export function useTrend(code: string, range: { from?: string; to?: string }, geography: GeographyParams, view: ScorecardView = {}) {
  const ready = view.view === 'published' ? range.to != null : range.from != null && range.to != null;
  return useSeries({ code, from: range.from, to: range.to ?? '', ...geography, ...view }, { enabled: ready });
}

export function useComparison(code: string, month: string | undefined, by: Breakdown, view: ScorecardView = {}) {
  return useSeries({ code, from: month ?? '', to: month ?? '', by, ...view }, { enabled: month != null });
}
