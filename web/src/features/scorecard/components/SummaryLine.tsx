import type { Coverage, Status } from '../../../api/types';
import { StatusShape } from '../../../components/StatusBadge';

const ORDER: [Status, string][] = [
  ['green', 'green'],
  ['amber', 'amber'],
  ['red', 'red'],
  ['no_target', 'without target'],
  ['no_data', 'without data'],
];

export function countStatuses(statuses: Status[]): Record<Status, number> {
  const counts: Record<Status, number> = { green: 0, amber: 0, red: 0, no_target: 0, no_data: 0 };
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** "(1 partial window, 1 outside coverage)": why some figures are without data; empty when all are covered. */
export function coverageBreakdown(coverages: Coverage[]): string {
  const partial = coverages.filter((c) => c === 'partial').length;
  const none = coverages.filter((c) => c === 'none').length;
  const parts = [
    partial ? `${partial} partial window${partial === 1 ? '' : 's'}` : '',
    none ? `${none} outside coverage` : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** "Of 24 indicators: 10 green, 5 amber, 4 red, 3 without target, 2 without data (1 partial window, 1 outside coverage)." */
export function SummaryLine({ statuses, coverages = [] }: { statuses: Status[]; coverages?: Coverage[] }) {
  const counts = countStatuses(statuses);
  return (
    <p className="summary-line">
      <span>Of {statuses.length} indicators: </span>
      {ORDER.map(([status, words], i) => (
        <span key={status} className="summary-line__item">
          <StatusShape status={status} />
          <strong>{counts[status]}</strong> {words}
          {status === 'no_data' && coverageBreakdown(coverages)}
          {i < ORDER.length - 1 ? ', ' : '.'}
        </span>
      ))}
    </p>
  );
}
