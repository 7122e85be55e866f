// Caseloads page (`/caseloads`): the district meeting's chart, readable on a projector. Live, or a published
// month as it was published (the scorecard's banner and switch); partners read the published view only.
import { useCaseloads, useGeographies, useIndicators, useMonths } from '../../../api/reference';
import { usePublications } from '../../../api/publications';
import { useMe } from '../../../api/session';
import type { CaseloadsResponse } from '../../../api/types';
import { DataPanel, queryState } from '../../../components/DataPanel';
import { DownloadLinks } from '../../../components/DownloadLinks';
import { MonthPicker } from '../../../components/Pickers';
import { useFilters } from '../../../lib/filters';
import { formatMonth } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCaseloadTrend } from '../api/use-caseload-trend';
import { CaseloadBars } from './CaseloadBars';
import { CaseloadTrend, districtTrends } from './CaseloadTrend';
import { describeWith, NothingPublished, pageMonth, PublicationStatus, usePublicationView } from '../../../components/PublicationStatus';

export default function CaseloadsPage() {
  const { filters, update } = useFilters();
  const months = useMonths();
  const me = useMe();
  const publications = usePublications();
  const publication = usePublicationView(me.data?.role);
  const published = publication.view === 'published';
  // Only the revisions table of the live view names indicators and places.
  const indicators = useIndicators();
  const geographies = useGeographies();
  const month = pageMonth(filters.month, { role: me.data?.role, pending: me.isPending }, months.data, publications.data);
  const caseloads = useCaseloads({ month, ...publication.request });
  // A release holds its month's caseloads, not a trend: the trend is live figures (not asked in the published view).
  const trend = useCaseloadTrend(published ? undefined : month, months.data?.first ?? undefined);
  usePageTitle(month ? `Caseloads, ${formatMonth(month)}` : 'Caseloads');
  const trendData = trend.queries.every((q) => q.data) ? trend.queries.map((q) => q.data as CaseloadsResponse) : [];

  if (publication.partner && publications.data && month == null) return <NothingPublished />;

  return (
    <div className="caseloads">
      <div className="page-heading">
        <h1>Caseloads against targets</h1>
        <p className="page-heading__sub">Open early help cases by district{month ? `, ${formatMonth(month)}` : ''}</p>
        {month && publications.data && (
          <PublicationStatus
            month={month}
            publications={publications.data}
            publication={publication}
            describe={describeWith(indicators.data?.indicators, geographies.data)}
          />
        )}
      </div>

      <section className="filters" aria-label="Choose month">
        <DataPanel what="the list of months" size="small" {...queryState(months)}>
          {() => (
            <div className="filters__row">
              <MonthPicker
                first={months.data!.first}
                latest={months.data!.latest}
                latestComplete={months.data!.latestComplete}
                value={month}
                onChange={(value) => {
                  update({ month: value });
                  publication.monthChosen();
                }}
              />
              {/* The download is of the live figures: not offered on the published view (partners: never). */}
              {month && !published && (
                <DownloadLinks
                  label="Download the caseloads"
                  downloads={[{ label: 'CSV', path: '/api/export/caseloads.csv', params: { month } }]}
                />
              )}
            </div>
          )}
        </DataPanel>
      </section>

      <section aria-labelledby="bars-heading">
        <h2 id="bars-heading">Current, baseline and target by district</h2>
        <DataPanel
          what={month ? `the caseloads for ${formatMonth(month)}` : 'the caseloads'}
          size="large"
          {...queryState(months, caseloads)}
          isEmpty={caseloads.data?.districts.length === 0}
          emptyMessage={`There are no caseload figures${month ? ` for ${formatMonth(month)}` : ''}.`}
        >
          {() => <CaseloadBars data={caseloads.data!} />}
        </DataPanel>
      </section>

      {published ? (
        // Partners read published months only: for them there is no trend to point to.
        !publication.partner && (
          <section aria-labelledby="trend-heading">
            <h2 id="trend-heading">Monthly trend</h2>
            <p>A published month holds its own caseloads only: the monthly trend is shown with the live figures.</p>
          </section>
        )
      ) : (
      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading">
          Monthly trend
          {trend.months.length > 0 ? `, ${formatMonth(trend.months[0]!)} to ${formatMonth(trend.months[trend.months.length - 1]!)}` : ''}
        </h2>
        <DataPanel
          what="the monthly caseload trend"
          size="large"
          {...queryState(months, ...trend.queries)}
          isEmpty={trendData.length > 0 && trendData[trendData.length - 1]!.districts.length === 0}
          emptyMessage="There are no caseload figures for these months."
        >
          {() => <CaseloadTrend trends={districtTrends(trendData)} />}
        </DataPanel>
      </section>
      )}
    </div>
  );
}
