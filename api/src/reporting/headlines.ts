// The data headlines the product drafts for the month's executive summary (reporting.md, "Executive summary"):
// deterministic sentences from the county's figures, for the analyst to edit rather than start from a blank
// page. The rules are pure functions of the figures (tested on hand-made inputs); draftHeadlines reads the
// figures they need from the live queries.
import type { Db } from '../db/kysely.js';
import { addMonths, monthIndex } from '../lib/months.js';
import type { Snapshot } from '../lib/snapshot.js';
import { getActivity } from '../queries/activity.js';
import { county } from '../queries/geography.js';
import { getScorecard } from '../queries/scorecard.js';
import type { ActivityResponse } from '../schemas/activity.js';
import type { ScorecardIndicator } from '../schemas/scorecard.js';
import { fixedFormat } from '../../../shared/figures.js';
import { usualDecimals } from '../../../shared/precision.js';
import { monthLabel } from '../export/workbook.js';

/** How many of the largest movements each comparison (last month, last year) names. */
export const TOP_MOVEMENTS = 3;

type Unit = 'percent' | 'count';
type RagStatus = 'green' | 'amber' | 'red';

/** What the rules read of a scorecard row. */
export type HeadlineIndicator = Pick<ScorecardIndicator, 'code' | 'title' | 'unit' | 'status' | 'sparkline'>;
/** What the rules read of an activity indicator. */
export type HeadlineActivity = Pick<ActivityResponse['items'][number], 'code' | 'title' | 'value' | 'lower' | 'upper' | 'signal'>;

const fixed = fixedFormat;

/** As the web app shows figures: percentages to one decimal place, counts whole with thousands separators. */
export function formatFigure(value: number, unit: Unit): string {
  const text = fixed(usualDecimals(unit)).format(value);
  return unit === 'percent' ? `${text}%` : text;
}

const RAG: readonly string[] = ['red', 'amber', 'green'];
const isRag = (status: string | undefined): status is RagStatus => status !== undefined && RAG.includes(status);

/**
 * "X moved from amber to red.": every indicator whose RAG status differs from the previous month's (a month
 * without a RAG — no target, no data, partial coverage — is not a change of status). Those now red first,
 * then amber, then green; within each, in the catalogue's order.
 */
export function statusChangeHeadlines(current: readonly HeadlineIndicator[], previousStatus: ReadonlyMap<string, string>): string[] {
  return current
    .map((indicator, order) => ({ indicator, order, before: previousStatus.get(indicator.code) }))
    .filter(({ indicator, before }) => isRag(before) && isRag(indicator.status) && before !== indicator.status)
    .sort((a, b) => RAG.indexOf(a.indicator.status) - RAG.indexOf(b.indicator.status) || a.order - b.order)
    .map(({ indicator, before }) => `${indicator.title} moved from ${before} to ${indicator.status}.`);
}

export type Comparison = 'last_month' | 'last_year';

const COMPARISON_WORDS: Record<Comparison, string> = {
  last_month: 'against last month',
  last_year: 'against the same month last year',
};

/** A month's value from a row's sparkline when the data cover that month fully; else null. */
function fullValue(indicator: HeadlineIndicator, month: string): number | null {
  const point = indicator.sparkline.find((p) => p.month === month);
  return point && point.coverage === 'full' && point.value !== null && Number.isFinite(point.value) ? point.value : null;
}

/**
 * "X rose from 1,200 to 1,500 against last month (up 25.0%).": the `top` indicators with the largest relative
 * change between the month and the comparison month (both fully covered, the earlier value not zero, a change
 * that shows at the usual precision). Percentages say their change in percentage points. Largest first; ties
 * in the catalogue's order.
 */
export function movementHeadlines(current: readonly HeadlineIndicator[], month: string, comparison: Comparison, top = TOP_MOVEMENTS): string[] {
  const then = addMonths(month, comparison === 'last_month' ? -1 : -12);
  return current
    .map((indicator, order) => ({ indicator, order, now: fullValue(indicator, month), before: fullValue(indicator, then) }))
    .filter((m): m is typeof m & { now: number; before: number } => m.now !== null && m.before !== null && m.before !== 0
      && formatFigure(m.now, m.indicator.unit) !== formatFigure(m.before, m.indicator.unit))
    .map((m) => ({ ...m, relative: (m.now - m.before) / Math.abs(m.before) }))
    .sort((a, b) => Math.abs(b.relative) - Math.abs(a.relative) || a.order - b.order)
    .slice(0, top)
    .map(({ indicator, now, before, relative }) => {
      const verb = now > before ? 'rose' : 'fell';
      const way = now > before ? 'up' : 'down';
      const change = indicator.unit === 'percent'
        ? `${way} ${fixed(1).format(Math.abs(now - before))} percentage points`
        : `${way} ${fixed(1).format(Math.abs(relative) * 100)}%`;
      return `${indicator.title} ${verb} from ${formatFigure(before, indicator.unit)} to ${formatFigure(now, indicator.unit)} `
        + `${COMPARISON_WORDS[comparison]} (${change}).`;
    });
}

/**
 * "X was higher than expected in March 2016 (30; expected 5 to 19).": every activity indicator whose signal
 * is a special cause, in the catalogue's order.
 */
export function activityHeadlines(items: readonly HeadlineActivity[], month: string): string[] {
  return items
    .filter((item) => item.value !== null && (item.signal === 'special_cause_high' || item.signal === 'special_cause_low'))
    .map((item) => {
      const way = item.signal === 'special_cause_high' ? 'higher' : 'lower';
      const range = item.lower !== null && item.upper !== null
        ? `; expected ${formatFigure(Math.max(0, item.lower), 'count')} to ${formatFigure(item.upper, 'count')}`
        : '';
      return `${item.title} was ${way} than expected in ${monthLabel(month)} (${formatFigure(item.value!, 'count')}${range}).`;
    });
}

export interface HeadlineFigures {
  month: string;
  /** The county scorecard of the month, in the catalogue's order. */
  indicators: readonly HeadlineIndicator[];
  /** Each indicator's status the month before (empty when that month is outside the data). */
  previousStatus: ReadonlyMap<string, string>;
  activity: readonly HeadlineActivity[];
}

/** Every rule, in the order the summary reads: status changes, movements on last month and last year, activity. */
export function headlinesFrom(figures: HeadlineFigures): string[] {
  return [
    ...statusChangeHeadlines(figures.indicators, figures.previousStatus),
    ...movementHeadlines(figures.indicators, figures.month, 'last_month'),
    ...movementHeadlines(figures.indicators, figures.month, 'last_year'),
    ...activityHeadlines(figures.activity, figures.month),
  ];
}

/** The drafted headlines of a month (within the data) for the county, from the live figures. */
export async function draftHeadlines(db: Db, snapshot: Snapshot, month: string): Promise<string[]> {
  const kent = county(snapshot.districts);
  const previousMonth = addMonths(month, -1);
  const first = snapshot.months.first;
  const [current, previous, activity] = await Promise.all([
    getScorecard(db, snapshot, month, kent),
    first !== null && monthIndex(previousMonth) >= monthIndex(first) ? getScorecard(db, snapshot, previousMonth, kent) : null,
    getActivity(db, snapshot, month, kent),
  ]);
  return headlinesFrom({
    month,
    indicators: current.indicators,
    previousStatus: new Map((previous?.indicators ?? []).map((i) => [i.code, i.status])),
    activity: activity.items,
  });
}
