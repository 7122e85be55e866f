// An activity indicator's signal (indicators.md, "Activity indicators") in words and an icon, never colour
// alone: an arrow up for higher than expected, down for lower, a level line for common cause.
import type { ActivitySignal as Signal } from '../api/activity';

export const SIGNAL_LABEL: Record<NonNullable<Signal> | 'none', string> = {
  special_cause_high: 'Higher than expected',
  special_cause_low: 'Lower than expected',
  common_cause: 'Within the expected range',
  none: 'Not enough data to judge',
};

export const SIGNAL_MEANING: Record<NonNullable<Signal> | 'none', string> = {
  special_cause_high: 'special cause variation: unusually high',
  special_cause_low: 'special cause variation: unusually low',
  common_cause: 'common cause variation: the usual month-to-month ups and downs',
  none: 'no value this month, or fewer than 12 months of data and no fixed range',
};

export function SignalIcon({ signal }: { signal: Signal }) {
  const key = signal ?? 'none';
  return (
    <svg className={`signal-icon signal-icon--${key}`} viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
      {signal === 'special_cause_high' && <polygon points="6,0.5 11.5,7 8,7 8,11.5 4,11.5 4,7 0.5,7" />}
      {signal === 'special_cause_low' && <polygon points="6,11.5 11.5,5 8,5 8,0.5 4,0.5 4,5 0.5,5" />}
      {signal === 'common_cause' && <rect x="0.5" y="4.5" width="11" height="3" />}
      {signal === null && <circle cx="6" cy="6" r="4.5" className="hollow" />}
    </svg>
  );
}

/** The signal as a badge: icon and words, with the meaning for screen readers when `explain`. */
export function SignalBadge({ signal, explain = false }: { signal: Signal; explain?: boolean }) {
  const key = signal ?? 'none';
  return (
    <span className={`signal-badge signal-badge--${key}`}>
      <SignalIcon signal={signal} />
      <span>{SIGNAL_LABEL[key]}</span>
      {explain && <span className="visually-hidden">: {SIGNAL_MEANING[key]}</span>}
    </span>
  );
}

/** "412 to 590", "5 to 40 (fixed range)", or "–" with no range. */
export function formatRange(
  range: { lower: number | null; upper: number | null; fixedRange: boolean },
  format: (value: number) => string,
): string {
  if (range.lower == null || range.upper == null) return '–';
  return `${format(range.lower)} to ${format(range.upper)}${range.fixedRange ? ' (fixed range)' : ''}`;
}
