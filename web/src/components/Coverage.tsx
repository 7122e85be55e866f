// How a figure's coverage is put in words (indicators.md, "Coverage"). A full window needs no mark; a partial
// one keeps its value but is not scored; outside coverage there is no value. Always words, never colour alone.
import type { Coverage } from '../api/types';

export const COVERAGE_TEXT: Record<Exclude<Coverage, 'full'>, { label: string; status: string; meaning: string }> = {
  partial: {
    label: 'Partial window',
    status: 'Not scored: partial window',
    meaning: 'part of the window is before the data starts, so the value is shown but not scored',
  },
  none: {
    label: 'Outside coverage',
    status: 'Outside coverage',
    meaning: 'a dataset the figure reads does not cover this month, so there is no value',
  },
};

/** "Partial window" beside a value whose window the data only partly covers; nothing otherwise. */
export function PartialTag({ coverage }: { coverage: Coverage | undefined }) {
  if (coverage !== 'partial') return null;
  return <span className="tag tag--partial">{COVERAGE_TEXT.partial.label}</span>;
}

/** The words under a "No data" status that say why: a partial window or a month outside coverage. */
export function CoverageStatusNote({ coverage }: { coverage: Coverage | undefined }) {
  if (coverage == null || coverage === 'full') return null;
  return (
    <span className="cell-note coverage-note">
      <span className="visually-hidden">: </span>
      {COVERAGE_TEXT[coverage].status}
    </span>
  );
}
