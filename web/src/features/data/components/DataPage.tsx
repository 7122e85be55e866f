// Data page (`/data`): each dataset with its rows, the months it covers, the date its extract was taken and
// its last import, so a reader can see how current every figure is.
import { Link } from 'react-router-dom';
import { datasetLabel, useDatasets } from '../../../api/datasets';
import { useMonths } from '../../../api/reference';
import type { DatasetInfo, MonthsResponse } from '../../../api/types';
import { DataPanel, queryState } from '../../../components/DataPanel';
import { formatCount, formatDay, formatLondonTime, formatMonth } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import { TableScroll } from '../../../components/TableScroll';

export default function DataPage() {
  usePageTitle('Data: coverage and imports');
  const datasets = useDatasets();
  const months = useMonths();

  return (
    <>
      <div className="page-heading">
        <h1>Data</h1>
        <p className="page-heading__sub">The datasets behind the figures: coverage, as-at dates and imports</p>
      </div>

      <section aria-labelledby="coverage-heading" className="prose">
        <h2 id="coverage-heading">How coverage works</h2>
        <p>
          Each extract is taken on a date, its <strong>as-at date</strong>. A dataset <strong>covers</strong> the months
          from its first record to the last month that ends on or before its as-at date: an extract taken on 8 June
          covers May, not June.
        </p>
        <ul>
          <li>
            A figure in a month that a dataset it reads does not cover shows <strong>no value</strong> (status “No data:
            outside coverage”), never a zero.
          </li>
          <li>
            A figure whose window (for example the twelve months to the month) starts before a dataset's first month is
            shown but <strong>not scored</strong>: it is marked “Partial window”, has status “No data” and is left out of
            the direction of travel.
          </li>
          <li>
            The scorecard opens on the <strong>latest complete month</strong>, the latest month every dataset with
            records covers. Later months are offered, labelled “incomplete”.
          </li>
        </ul>
        <DataPanel what="the months" size="line" {...queryState(months)}>
          {() => <MonthsSummary months={months.data!} />}
        </DataPanel>
      </section>

      <section aria-labelledby="datasets-heading">
        <h2 id="datasets-heading">Datasets</h2>
        <DataPanel
          what="the datasets"
          size="medium"
          {...queryState(datasets)}
          isEmpty={datasets.data?.datasets.length === 0}
          emptyMessage="No dataset has been imported yet. Load the monthly extracts with the import command (see the README)."
        >
          {() => <DatasetsTable datasets={datasets.data!.datasets} />}
        </DataPanel>
      </section>
    </>
  );
}

function MonthsSummary({ months }: { months: MonthsResponse }) {
  if (!months.first || !months.latest) return <p>No data has been loaded yet.</p>;
  return (
    <p>
      The scorecard reports {formatMonth(months.first)} to {formatMonth(months.latest)}
      {months.latestComplete
        ? `; the latest complete month is ${formatMonth(months.latestComplete)}.`
        : '; no month is yet covered by every dataset.'}{' '}
      <Link to="/">Go to the scorecard</Link>.
    </p>
  );
}

function DatasetsTable({ datasets }: { datasets: DatasetInfo[] }) {
  return (
    <TableScroll label="Datasets: rows, coverage and last import (times in UK time)">
      <table className="table datasets-table">
        <caption>Datasets: rows, coverage and last import (times in UK time)</caption>
        <thead>
          <tr>
            <th scope="col">Dataset</th>
            <th scope="col" className="num">Rows</th>
            <th scope="col">Covered from</th>
            <th scope="col">As at</th>
            <th scope="col">Last import</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((dataset) => (
            <tr key={dataset.name}>
              <th scope="row">
                {datasetLabel(dataset.name)}
                <span className="cell-note">
                  <code>{dataset.name}</code>
                </span>
              </th>
              <td className="num">{formatCount(dataset.rows)}</td>
              <td>{dataset.coveredFrom ? formatMonth(dataset.coveredFrom) : dataset.rows > 0 ? 'Reference data' : 'No records'}</td>
              <td>{dataset.asAt ? formatDay(dataset.asAt) : <NotApplicable />}</td>
              <td>{dataset.lastImportedAt ? <time dateTime={dataset.lastImportedAt}>{formatLondonTime(dataset.lastImportedAt)}</time> : 'Never imported'}</td>
              <td>{dataset.lastImportedBy ?? <NotApplicable />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function NotApplicable() {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">none</span>
    </>
  );
}
