// The open caseload per district month by month, read from /api/caseloads one month at a time (the same
// query the bar chart uses, so the chosen month is fetched once). Twelve months up to the chosen month.
import { useQueries } from '@tanstack/react-query';
import { caseloadsQueryOptions } from '../../../api/reference';
import { addMonths, laterMonth, monthRange } from '../../../lib/format';

export const TREND_MONTHS = 12;

export function trendMonths(month: string, first: string): string[] {
  return monthRange(laterMonth(addMonths(month, -(TREND_MONTHS - 1)), first), month);
}

export function useCaseloadTrend(month: string | undefined, first: string | undefined) {
  const months = month && first ? trendMonths(month, first) : [];
  const queries = useQueries({ queries: months.map((m) => caseloadsQueryOptions({ month: m })) });
  return { months, queries };
}
