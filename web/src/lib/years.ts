import type { YearBasis } from '../api/types';

// Target years are labelled by the year they end in (financial year 2016 = April 2015 – March 2016).
export function formatTargetYear(targetYear: number | null | undefined, yearBasis?: YearBasis): string {
  if (targetYear == null) return '';
  const end = targetYear;
  const span = `${end - 1}–${String(end).slice(-2)}`;
  if (yearBasis === 'academic') return `academic year ${span}`;
  if (yearBasis === 'financial') return `financial year ${span}`;
  return span;
}
