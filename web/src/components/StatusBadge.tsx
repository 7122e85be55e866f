// RAG status shown by text, shape and colour together, never colour alone.
import type { Coverage, Status } from '../api/types';
import { CoverageStatusNote } from './Coverage';

export const STATUS_LABEL: Record<Status, string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  no_target: 'No target',
  no_data: 'No data',
};

export const STATUS_MEANING: Record<Status, string> = {
  green: 'target met',
  amber: 'floor met, target not met',
  red: 'floor not met',
  no_target: 'no target for the year',
  no_data: 'no value for the month',
};

export function StatusShape({ status }: { status: Status }) {
  return (
    <svg className={`status-shape status-shape--${status}`} viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
      {status === 'green' && <circle cx="6" cy="6" r="5" />}
      {status === 'amber' && <polygon points="6,1 11.5,11 0.5,11" />}
      {status === 'red' && <rect x="1.5" y="1.5" width="9" height="9" />}
      {status === 'no_target' && <circle cx="6" cy="6" r="4.5" className="hollow" />}
      {status === 'no_data' && <rect x="1" y="5" width="10" height="2" />}
    </svg>
  );
}

/**
 * The status in words, shape and colour. With a coverage other than full, the reason for "No data" (partial
 * window, outside coverage) follows in words instead of the general meaning.
 */
export function StatusBadge({ status, explain = false, coverage }: { status: Status; explain?: boolean; coverage?: Coverage }) {
  const covered = coverage == null || coverage === 'full';
  return (
    <>
      <span className={`status-badge status-badge--${status}`}>
        <StatusShape status={status} />
        <span>{STATUS_LABEL[status]}</span>
        {explain && covered && <span className="visually-hidden">: {STATUS_MEANING[status]}</span>}
      </span>
      <CoverageStatusNote coverage={coverage} />
    </>
  );
}

export function StatusLegend() {
  const statuses: Status[] = ['green', 'amber', 'red', 'no_target', 'no_data'];
  return (
    <div role="group" aria-label="Status key">
      <dl className="status-legend">
        {statuses.map((status) => (
          <div key={status} className="status-legend__item">
            <dt>
              <StatusBadge status={status} />
            </dt>
            <dd>{STATUS_MEANING[status]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
