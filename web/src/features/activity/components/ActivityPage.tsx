// Activity page (`/activity/{code}`): one activity indicator's XmR chart and table for the chosen geography,
// by default over the two years up to the chosen month. State in the address: month, from, to, area or district.
import { Link, useParams } from 'react-router-dom';
import { useActivity, useActivitySeries } from '../../../api/activity';
import { openingMonth, useGeographies, useMonths } from '../../../api/reference';
import { formatRange, SignalBadge } from '../../../components/ActivitySignal';
import { DataPanel, queryState } from '../../../components/DataPanel';
import { GeographyPicker, geographyName, MonthPicker } from '../../../components/Pickers';
import { filterSearch, geographyParams, useFilters } from '../../../lib/filters';
import { addMonths, formatCount, formatMonth } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import { XmrChart } from './XmrChart';

/** Months shown by default: the baseline of the chosen month. */
const CHART_MONTHS = 24;

export default function ActivityPage() {
  const { code = '' } = useParams();
  const { filters, update } = useFilters();
  const months = useMonths();
  const geographies = useGeographies();
  const month = filters.month ?? openingMonth(months.data);
  const geo = geographyParams(filters.geography);
  const to = filters.to ?? month;
  const first = months.data?.first;
  const from = filters.from ?? (to && first ? [addMonths(to, -(CHART_MONTHS - 1)), first].sort().at(-1) : undefined);

  const series = useActivitySeries({ code, from, to, ...geo });
  const activity = useActivity({ month, ...geo });
  const item = activity.data?.items.find((i) => i.code === code);

  const place = series.data?.geography.name ?? activity.data?.geography.name ?? geographyName(geographies.data, filters.geography);
  const title = series.data?.title ?? item?.title ?? code;
  usePageTitle(`${title}, ${place}`);

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/${filterSearch({ month: filters.month, geography: filters.geography })}`}>← Scorecard</Link>
      </p>
      <div className="page-heading">
        <h1>{title}</h1>
        <p className="page-heading__sub">
          Activity indicator: monitored against an expected range, not targeted · {place}
          {month ? `, ${formatMonth(month)}` : ''}
        </p>
      </div>

      <section className="filters" aria-label="Choose month, geography and range">
        <DataPanel what="the list of months and geographies" size="small" {...queryState(months, geographies)}>
          {() => (
            <div className="filters__row">
              <MonthPicker first={months.data!.first} latest={months.data!.latest} latestComplete={months.data!.latestComplete} value={month} onChange={(value) => update({ month: value })} />
              <GeographyPicker geographies={geographies.data!} value={filters.geography} onChange={(geography) => update({ geography })} />
              <MonthPicker label="From" allowEmpty="Two years before" first={months.data!.first} latest={months.data!.latest} latestComplete={months.data!.latestComplete} value={filters.from} onChange={(value) => update({ from: value })} />
              <MonthPicker label="To" allowEmpty="The chosen month" first={months.data!.first} latest={months.data!.latest} latestComplete={months.data!.latestComplete} value={filters.to} onChange={(value) => update({ to: value })} />
            </div>
          )}
        </DataPanel>
      </section>

      <section aria-labelledby="activity-headline-heading">
        <h2 id="activity-headline-heading" className="visually-hidden">
          Figure for {month ? formatMonth(month) : 'the month'}
        </h2>
        <DataPanel
          what="this month's figure"
          size="small"
          {...queryState(months, activity)}
          isEmpty={activity.data != null && item == null}
          emptyMessage={`There is no activity indicator with the code “${code}”.`}
        >
          {() => (
            <dl className="headline">
              <div>
                <dt>Count in the month</dt>
                <dd className="headline__value">{formatCount(item!.value)}</dd>
              </div>
              <div>
                <dt>{item!.fixedRange ? 'Expected range (fixed)' : 'Expected range'}</dt>
                <dd>{formatRange({ ...item!, fixedRange: false }, formatCount)}</dd>
              </div>
              <div>
                <dt>Mean</dt>
                <dd>{item!.mean == null ? '–' : formatCount(item!.mean)}</dd>
              </div>
              <div>
                <dt>Signal</dt>
                <dd><SignalBadge signal={item!.signal} explain /></dd>
              </div>
            </dl>
          )}
        </DataPanel>
      </section>

      <section aria-labelledby="xmr-heading">
        <h2 id="xmr-heading">
          Control chart{from && to ? `, ${formatMonth(from)} to ${formatMonth(to)}` : ''}
        </h2>
        <DataPanel
          what="the control chart"
          size="large"
          {...queryState(months, series)}
          isEmpty={series.data?.points.length === 0}
          emptyMessage={`There are no monthly figures for ${place} in the chosen months.`}
        >
          {() => (
            <>
              <p>{series.data!.definition}</p>
              <XmrChart points={series.data!.points} place={place} />
            </>
          )}
        </DataPanel>
      </section>
    </>
  );
}
