// The scorecard's Activity section: each activity indicator's count for the month, its expected range and
// whether the month is unusual (indicators.md, "Activity indicators"). Monitored, never targeted.
import { Link } from 'react-router-dom';
import type { ActivityItem } from '../../../api/activity';
import { formatRange, SignalBadge } from '../../../components/ActivitySignal';
import { formatCount } from '../../../lib/format';
import { TableScroll } from '../../../components/TableScroll';

export interface ActivityRow extends ActivityItem {
  /** The activity page for this measure, with the same month and geography. */
  href: string;
}

export function ActivityTable({ rows, caption }: { rows: ActivityRow[]; caption: string }) {
  return (
    <TableScroll label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Activity</th>
            <th scope="col" className="num">Count in the month</th>
            <th scope="col">Expected range</th>
            <th scope="col">Signal</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code}>
              <th scope="row">
                <Link to={row.href}>{row.title}</Link>
              </th>
              <td className="num">{formatCount(row.value)}</td>
              <td>{formatRange(row, formatCount)}</td>
              <td>
                <SignalBadge signal={row.signal} explain />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** How the expected range is worked out, in words, under the table. */
export function ActivityKey() {
  return (
    <p className="activity-key">
      The expected range is the mean ± 2.66 × the average month-to-month change over up to 24 months (at least 12
      with data), unless a fixed range has been set. A month is unusual when it is outside the range, is the 7th
      month in a row on one side of the mean, the 6th rising or falling in a row, or 2 of the last 3 months are
      close to the same limit.
    </p>
  );
}
