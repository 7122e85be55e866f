// The 24-month series behind each scorecard row's sparkline: one series request per indicator,
// keyed like every other series request so the indicator page can reuse them.
import { useQueries } from '@tanstack/react-query';
import { seriesQueryOptions } from '../../../api/series';
import type { GeographyParams } from '../../../lib/filters';
import { addMonths, laterMonth } from '../../../lib/format';

export const SPARKLINE_MONTHS = 24;

export function sparklineRange(month: string, first: string) {
  return { from: laterMonth(addMonths(month, -(SPARKLINE_MONTHS - 1)), first), to: month };
}

export function useSparklines(codes: string[], month: string | undefined, first: string | undefined, geography: GeographyParams) {
  return useQueries({
    queries: codes.map((code) => ({
      ...seriesQueryOptions({ code, ...(month && first ? sparklineRange(month, first) : { from: '', to: '' }), ...geography }),
      enabled: month != null && first != null,
    })),
  });
}
