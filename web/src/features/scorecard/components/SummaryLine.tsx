import type { Status } from '../../../api/types';
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

/** "Of 24 indicators: 10 green, 5 amber, 4 red, 3 without target, 2 without data." */
export function SummaryLine({ statuses }: { statuses: Status[] }) {
  const counts = countStatuses(statuses);
  return (
    <p className="summary-line">
      <span>Of {statuses.length} indicators: </span>
      {ORDER.map(([status, words], i) => (
        <span key={status} className="summary-line__item">
          <StatusShape status={status} />
          <strong>{counts[status]}</strong> {words}
          {i < ORDER.length - 1 ? ', ' : '.'}
        </span>
      ))}
    </p>
  );
}
