// Caseloads page (`/caseloads`): the district meeting's chart, readable on a projector.
import { openingMonth, useCaseloads, useMonths } from '../../../api/reference';
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

export default function CaseloadsPage() {
  const { filters, update } = useFilters();
  const months = useMonths();
  const month = filters.month ?? openingMonth(months.data);
  const caseloads = useCaseloads({ month });
  const trend = useCaseloadTrend(month, months.data?.first ?? undefined);
  usePageTitle(month ? `Caseloads, ${formatMonth(month)}` : 'Caseloads');
  const trendData = trend.queries.every((q) => q.data) ? trend.queries.map((q) => q.data as CaseloadsResponse) : [];

  return (
    <div className="caseloads">
      <div className="page-heading">
        <h1>Caseloads against targets</h1>
        <p className="page-heading__sub">Open early help cases by district{month ? `, ${formatMonth(month)}` : ''}</p>
      </div>

      <section className="filters" aria-label="Choose month">
        <DataPanel what="the list of months" size="small" {...queryState(months)}>
          {() => (
            <div className="filters__row">
              <MonthPicker first={months.data!.first} latest={months.data!.latest} latestComplete={months.data!.latestComplete} value={month} onChange={(value) => update({ month: value })} />
              {month && (
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
    </div>
  );
}
