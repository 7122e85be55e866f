// Indicator page (`/indicators/{code}`): the trend for the chosen geography over the chosen range, every
// district (or area) in the chosen month, and what the indicator means. Live, or a published month as it was
// published (the scorecard's banner and switch); partners read the published view only.
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useGeographies, useIndicators, useMonths } from '../../../api/reference';
import { usePublications } from '../../../api/publications';
import { useMe } from '../../../api/session';
import type { Breakdown } from '../../../api/types';
import { useBenchmarks } from '../../../api/benchmarks';
import { useScorecard } from '../../../api/scorecard';
import { PartialTag } from '../../../components/Coverage';
import { DataPanel, queryState } from '../../../components/DataPanel';
import { DirectionOfTravel } from '../../../components/DirectionOfTravel';
import { DownloadLinks } from '../../../components/DownloadLinks';
import { GeographyPicker, geographyName, MonthPicker } from '../../../components/Pickers';
import { StatusBadge } from '../../../components/StatusBadge';
import { filterSearch, geographyParams, useFilters } from '../../../lib/filters';
import { figureTexts, formatMonth, formatValue } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatTargetNote } from '../../../lib/years';
import { CommentaryPanel } from '../../commentary/components/CommentaryPanel';
import { describeWith, NothingPublished, pageMonth, PublicationStatus, usePublicationView } from '../../../components/PublicationStatus';
import { useComparison, useTrend } from '../api/use-indicator-series';
import { AboutIndicator } from './AboutIndicator';
import { BenchmarksSection } from './BenchmarksSection';
import { ComparisonBars, type ComparisonItem } from './ComparisonBars';
import { TrendChart } from './TrendChart';

export default function IndicatorPage() {
  const { code = '' } = useParams();
  const { filters, update } = useFilters();
  const [search, setSearch] = useSearchParams();
  const by: Breakdown = search.get('by') === 'area' ? 'area' : 'district';
  const months = useMonths();
  const indicators = useIndicators();
  const geographies = useGeographies();
  const me = useMe();
  const publications = usePublications();
  const publication = usePublicationView(me.data?.role);
  const published = publication.view === 'published';
  const month = pageMonth(filters.month, { role: me.data?.role, pending: me.isPending }, months.data, publications.data);
  const geo = geographyParams(filters.geography);
  // A published month's trend is its release's months up to the month (from the first with data, or `from`).
  const from = filters.from ?? (published ? undefined : months.data?.first ?? undefined);
  const to = published ? month : filters.to ?? months.data?.latest ?? undefined;

  const info = indicators.data?.indicators.find((i) => i.code === code);
  const unknown = indicators.data != null && info == null;
  const trend = useTrend(code, { from, to }, geo, publication.request);
  const trendFrom = from ?? trend.data?.points[0]?.month;
  const comparison = useComparison(code, month, by, publication.request);
  const scorecard = useScorecard({ month, ...geo, ...publication.request });
  const card = scorecard.data?.indicators.find((i) => i.code === code);
  // A KPI without a published measure has no section (the API answers 404, read as null). Not part of a
  // published month, so not asked for partners.
  const benchmarks = useBenchmarks(code, publication.partner ? undefined : month);

  const place = scorecard.data?.geography.name ?? geographyName(geographies.data, filters.geography);
  const title = info?.title ?? card?.title ?? code;
  usePageTitle(`${title}, ${place}`);

  const names = new Map<string, string>();
  for (const g of [...(geographies.data?.districts ?? []), ...(geographies.data?.areas ?? [])]) names.set(g.code, g.name);
  const items: ComparisonItem[] = (comparison.data?.points ?? [])
    .filter((p) => p.month === month)
    .map((p) => ({ ...p, name: names.get(p.geographyCode) ?? p.geographyCode }));

  const setBy = (level: Breakdown) =>
    setSearch((current) => {
      const next = new URLSearchParams(current);
      if (level === 'area') next.set('by', 'area');
      else next.delete('by');
      return next;
    });

  if (publication.partner && publications.data && month == null) return <NothingPublished />;

  if (unknown) {
    return (
      <>
        <h1>Indicator not found</h1>
        <div className="panel panel--error panel--medium" role="alert">
          <p className="panel__title">There is no indicator with the code “{code}”.</p>
          <p>
            <Link to={`/${filterSearch({ month: filters.month, geography: filters.geography })}`}>Back to the scorecard</Link>
          </p>
        </div>
      </>
    );
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/${filterSearch({ month: filters.month, geography: filters.geography })}`}>← Scorecard</Link>
      </p>
      <div className="page-heading">
        <h1>{info?.title ?? (indicators.isPending ? 'Indicator' : code)}</h1>
        <p className="page-heading__sub">
          {place}
          {month ? `, ${formatMonth(month)}` : ''}
        </p>
        {month && publications.data && (
          <PublicationStatus
            month={month}
            publications={publications.data}
            publication={publication}
            describe={describeWith(indicators.data?.indicators, geographies.data)}
          />
        )}
      </div>

      <section className="filters" aria-label="Choose month, geography and range">
        <DataPanel what="the list of months and geographies" size="small" {...queryState(months, geographies)}>
          {() => (
            <div className="filters__row">
              <MonthPicker first={months.data!.first} latest={months.data!.latest} latestComplete={months.data!.latestComplete} value={month} onChange={(value) => update({ month: value })} />
              <GeographyPicker geographies={geographies.data!} value={filters.geography} onChange={(geography) => update({ geography })} />
              {/* A published month's trend ends at the month: only its start can be chosen. */}
              <MonthPicker label="From" allowEmpty="First month" first={months.data!.first} latest={months.data!.latest} latestComplete={months.data!.latestComplete} value={filters.from} onChange={(value) => update({ from: value })} />
              {!published && (
                <MonthPicker label="To" allowEmpty="Latest month" first={months.data!.first} latest={months.data!.latest} latestComplete={months.data!.latestComplete} value={filters.to} onChange={(value) => update({ to: value })} />
              )}
              {/* The downloads are of the live figures: not offered on the published view (partners: never). */}
              {!published && from && to && month && (
                <DownloadLinks
                  label="Download the figures"
                  downloads={[
                    { label: 'Trend CSV', path: '/api/export/series.csv', params: { code, from, to, ...geo } },
                    { label: `${by === 'area' ? 'Areas' : 'Districts'} CSV`, path: '/api/export/series.csv', params: { code, from: month, to: month, by } },
                  ]}
                />
              )}
            </div>
          )}
        </DataPanel>
      </section>

      <section aria-labelledby="headline-heading">
        <h2 id="headline-heading" className="visually-hidden">
          Figure for {month ? formatMonth(month) : 'the month'}
        </h2>
        <DataPanel what="this month's figure" size="small" {...queryState(months, scorecard)} isEmpty={scorecard.data != null && card == null} emptyMessage="This indicator has no figure for the month.">
          {() => {
            const text = figureTexts(card!);
            return (
              <dl className="headline">
                <div>
                  <dt>Value</dt>
                  <dd className="headline__value">
                    {text.value}
                    <PartialTag coverage={card!.coverage} />
                  </dd>
                </div>
                <div>
                  <dt>Target{card!.targetYear != null && card!.target != null ? ` (${formatTargetNote(card!, info?.yearBasis)})` : ''}</dt>
                  <dd>{text.target}</dd>
                </div>
                <div>
                  <dt>Floor</dt>
                  <dd>
                    {text.floor}
                    {card!.floor != null && card!.floorAssumed && <span className="tag tag--assumed">assumed</span>}
                  </dd>
                </div>
                <div>
                  <dt>Status</dt>
                  <dd><StatusBadge status={card!.status} explain coverage={card!.coverage} /></dd>
                </div>
                <div>
                  <dt>Direction of travel</dt>
                  <dd><DirectionOfTravel direction={card!.direction} polarity={card!.polarity} /></dd>
                </div>
                <div>
                  <dt>A year earlier</dt>
                  <dd>{formatValue(card!.previousYearValue, card!.unit)}</dd>
                </div>
              </dl>
            );
          }}
        </DataPanel>
      </section>

      {month && (
        <CommentaryPanel
          indicatorCode={code}
          month={month}
          geographyCode={filters.geography.code ?? 'KENT'}
          geography={geo}
          place={place}
          published={published ? publication.request : undefined}
        />
      )}

      <div className="two-columns">
        <section aria-labelledby="trend-heading">
          <h2 id="trend-heading">
            Trend{trendFrom && to ? `, ${formatMonth(trendFrom)} to ${formatMonth(to)}` : ''}{published ? ', as published' : ''}
          </h2>
          <DataPanel
            what="the trend"
            size="large"
            {...queryState(months, indicators, trend)}
            isEmpty={trend.data?.points.length === 0}
            emptyMessage={`There are no monthly figures for ${place} in the chosen months.`}
          >
            {() => <TrendChart points={trend.data!.points} unit={info!.unit} place={place} />}
          </DataPanel>
        </section>

        <section aria-labelledby="compare-heading">
          <h2 id="compare-heading">
            {by === 'area' ? 'Areas' : 'Districts'} compared{month ? `, ${formatMonth(month)}` : ''}
          </h2>
          <div className="segmented" role="group" aria-label="Compare">
            <button type="button" aria-pressed={by === 'district'} onClick={() => setBy('district')}>
              Districts
            </button>
            <button type="button" aria-pressed={by === 'area'} onClick={() => setBy('area')}>
              Areas
            </button>
          </div>
          <DataPanel
            what={`the ${by === 'area' ? 'areas' : 'districts'} compared`}
            size="large"
            {...queryState(months, indicators, geographies, comparison)}
            isEmpty={comparison.data != null && items.length === 0}
            emptyMessage={`There are no ${by === 'area' ? 'area' : 'district'} figures for this month.`}
          >
            {() => (
              <ComparisonBars
                items={items}
                unit={info!.unit}
                polarity={info!.polarity}
                level={by}
                selectedCode={filters.geography.type === by ? filters.geography.code : undefined}
                onChoose={(chosen) => update({ geography: { type: by, code: chosen } })}
              />
            )}
          </DataPanel>
        </section>
      </div>

      {benchmarks.data != null && <BenchmarksSection data={benchmarks.data} month={month} />}
      {benchmarks.error != null && (
        <DataPanel what="the benchmarks" size="small" {...queryState(benchmarks)}>
          {() => null}
        </DataPanel>
      )}

      {info && <AboutIndicator info={info} comparators={card?.comparators} />}
    </>
  );
}
