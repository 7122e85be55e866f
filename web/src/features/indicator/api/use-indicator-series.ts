// The two series the indicator page draws: the chosen geography over the chosen range, and every
// district (or area) of the county in the chosen month.
import { useSeries } from '../../../api/series';
import type { Breakdown } from '../../../api/types';
import type { GeographyParams } from '../../../lib/filters';

export function useTrend(code: string, range: { from?: string; to?: string }, geography: GeographyParams) {
  const ready = range.from != null && range.to != null;
  return useSeries({ code, from: range.from ?? '', to: range.to ?? '', ...geography }, { enabled: ready });
}

export function useComparison(code: string, month: string | undefined, by: Breakdown) {
  return useSeries({ code, from: month ?? '', to: month ?? '', by }, { enabled: month != null });
}
