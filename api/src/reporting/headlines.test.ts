// The drafted data headlines on small hand-made figures: each rule gives the sentence one would write, in a
// fixed order, ties included.
import { describe, expect, it } from 'vitest';
import {
  activityHeadlines, headlinesFrom, movementHeadlines, statusChangeHeadlines, type HeadlineActivity, type HeadlineIndicator,
} from './headlines.js';

type Point = HeadlineIndicator['sparkline'][number];

/** A row whose sparkline holds the given months' values (full coverage unless said). */
function row(code: string, unit: 'percent' | 'count', status: HeadlineIndicator['status'], values: Record<string, number | null>,
  partial: string[] = []): HeadlineIndicator {
  const sparkline: Point[] = Object.entries(values).map(([month, value]) => ({
    month, value, coverage: partial.includes(month) ? 'partial' : value === null ? 'none' : 'full', target: null,
  }));
  return { code, title: `Title ${code}`, unit, status, sparkline };
}

const activity = (code: string, signal: HeadlineActivity['signal'], value: number | null, lower: number | null, upper: number | null): HeadlineActivity =>
  ({ code, title: `Activity ${code}`, value, lower, upper, signal });

describe('status changes', () => {
  it('names each change between RAG statuses, those now red first, then amber, then green, each in catalogue order', () => {
    const current = [
      row('a', 'percent', 'green', {}), row('b', 'percent', 'red', {}), row('c', 'count', 'amber', {}),
      row('d', 'count', 'red', {}), row('e', 'count', 'red', {}), row('f', 'count', 'amber', {}),
    ];
    const previous = new Map([['a', 'amber'], ['b', 'amber'], ['c', 'red'], ['d', 'green'], ['e', 'red'], ['f', 'no_data']]);
    expect(statusChangeHeadlines(current, previous)).toEqual([
      'Title b moved from amber to red.',
      'Title d moved from green to red.',
      'Title c moved from red to amber.',
      'Title a moved from amber to green.',
    ]);
  });
  it('says nothing when a month has no RAG (no target, no data) or the indicator is new', () => {
    const current = [row('a', 'percent', 'no_data', {}), row('b', 'percent', 'red', {}), row('c', 'count', 'red', {})];
    expect(statusChangeHeadlines(current, new Map([['a', 'red'], ['b', 'no_target']]))).toEqual([]);
  });
});

describe('largest movements', () => {
  const current = [
    row('count_up', 'count', 'green', { '2016-02': 1200, '2016-03': 1500, '2015-03': 1000 }),
    row('pct_down', 'percent', 'red', { '2016-02': 80, '2016-03': 56, '2015-03': 56 }),
    row('count_small', 'count', 'green', { '2016-02': 100, '2016-03': 101, '2015-03': 50 }),
    row('tie_first', 'count', 'green', { '2016-02': 10, '2016-03': 11 }),
    row('tie_second', 'count', 'green', { '2016-02': 20, '2016-03': 22 }),
    row('from_zero', 'count', 'green', { '2016-02': 0, '2016-03': 5 }),
    row('partial', 'count', 'green', { '2016-02': 1, '2016-03': 100 }, ['2016-03']),
    row('rounds_same', 'percent', 'green', { '2016-02': 50.01, '2016-03': 50.04 }),
  ];
  it('names the largest relative changes on last month, largest first, ties in catalogue order, formatted as the pages show', () => {
    expect(movementHeadlines(current, '2016-03', 'last_month', 4)).toEqual([
      'Title pct_down fell from 80.0% to 56.0% against last month (down 24.0 percentage points).',
      'Title count_up rose from 1,200 to 1,500 against last month (up 25.0%).',
      'Title tie_first rose from 10 to 11 against last month (up 10.0%).',
      'Title tie_second rose from 20 to 22 against last month (up 10.0%).',
    ]);
  });
  it('keeps the top three by default, and compares with the same month last year', () => {
    expect(movementHeadlines(current, '2016-03', 'last_month')).toHaveLength(3);
    expect(movementHeadlines(current, '2016-03', 'last_year')).toEqual([
      'Title count_small rose from 50 to 101 against the same month last year (up 102.0%).',
      'Title count_up rose from 1,000 to 1,500 against the same month last year (up 50.0%).',
    ]);
  });
  it('says nothing of a value without full coverage, from zero, or a change that does not show at the usual precision', () => {
    const quiet = current.filter((r) => ['from_zero', 'partial', 'rounds_same'].includes(r.code));
    expect(movementHeadlines(quiet, '2016-03', 'last_month')).toEqual([]);
  });
});

describe('activity outside its expected range', () => {
  it('names each special cause, higher or lower, with the expected range, in catalogue order', () => {
    expect(activityHeadlines([
      activity('a', 'common_cause', 12, 5, 19),
      activity('b', 'special_cause_high', 1234, 800.4, 1100.6),
      activity('c', 'special_cause_low', 2, -3.2, 19.5),
      activity('d', null, null, null, null),
      activity('e', 'special_cause_low', 40, null, null),
    ], '2016-03')).toEqual([
      'Activity b was higher than expected in March 2016 (1,234; expected 800 to 1,101).',
      'Activity c was lower than expected in March 2016 (2; expected 0 to 20).',
      'Activity e was lower than expected in March 2016 (40).',
    ]);
  });
});

describe('all the rules together', () => {
  it('reads status changes, then movements on last month and last year, then activity', () => {
    const indicators = [row('x', 'count', 'red', { '2016-02': 100, '2016-03': 50, '2015-03': 200 })];
    expect(headlinesFrom({
      month: '2016-03', indicators, previousStatus: new Map([['x', 'amber']]),
      activity: [activity('act', 'special_cause_high', 30, 5, 19)],
    })).toEqual([
      'Title x moved from amber to red.',
      'Title x fell from 100 to 50 against last month (down 50.0%).',
      'Title x fell from 200 to 50 against the same month last year (down 75.0%).',
      'Activity act was higher than expected in March 2016 (30; expected 5 to 19).',
    ]);
  });
});
