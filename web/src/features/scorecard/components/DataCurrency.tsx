// How current the scorecard is: the extracts' as-at date and the latest month every dataset covers, with a
// link to the Data page; for a month after that, a note that some datasets do not cover it yet.
import { Link } from 'react-router-dom';
import { asAtRange, datasetLabel } from '../../../api/datasets';
import type { DatasetInfo, MonthsResponse } from '../../../api/types';
import { formatDay, formatMonth, monthEnd } from '../../../lib/format';

export function DataCurrency({ months, month, datasets }: { months: MonthsResponse; month: string | undefined; datasets: DatasetInfo[] }) {
  const range = asAtRange(datasets);
  const asAt = range == null ? null : range.earliest === range.latest ? formatDay(range.latest) : `${formatDay(range.earliest)} to ${formatDay(range.latest)}`;
  const { latestComplete } = months;
  const incomplete = month != null && latestComplete != null && month > latestComplete;
  // Extracts taken before the shown month ended cannot cover it (their as-at date bounds their coverage).
  const behind = incomplete ? datasets.filter((d) => d.asAt != null && d.asAt < monthEnd(month)) : [];

  const parts: string[] = [];
  if (asAt) parts.push(`Data as at ${asAt}${range!.earliest === range!.latest ? '' : ' (by dataset)'}`);
  if (latestComplete) parts.push(`latest complete month ${formatMonth(latestComplete)}`);

  return (
    <div className="data-currency">
      <p className="data-currency__line">
        {parts.length ? parts.join(' · ') : 'No dataset has an as-at date yet'}
        {' · '}
        <Link to="/data">Data page: coverage and last imports</Link>
      </p>
      {incomplete && (
        <p className="data-currency__note" role="note">
          <strong>{formatMonth(month)} is incomplete:</strong> some datasets do not cover it yet, so figures that
          read them show no value.
          {behind.length > 0 &&
            ` Extracts taken before it ended: ${behind.map((d) => `${datasetLabel(d.name)} (as at ${formatDay(d.asAt)})`).join(', ')}.`}
        </p>
      )}
    </div>
  );
}
