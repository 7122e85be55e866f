// Scorecard page (`/`): the month's 24 indicators for one geography, grouped by theme.
import { useMemo } from 'react';
import { useDatasets } from '../../../api/datasets';
import { useGeographies, useIndicators, useMonths } from '../../../api/reference';
import type { IndicatorInfo, ScorecardResponse } from '../../../api/types';
import { COVERAGE_TEXT } from '../../../components/Coverage';
import { DataPanel, queryState } from '../../../components/DataPanel';
import { DownloadLinks } from '../../../components/DownloadLinks';
import { GeographyPicker, geographyName, MonthPicker } from '../../../components/Pickers';
import { StatusLegend } from '../../../components/StatusBadge';
import { filterSearch, geographyParams, useFilters } from '../../../lib/filters';
import { formatMonth } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import { useScorecard } from '../../../api/scorecard';
import { useActivity } from '../../../api/activity';
import { useMe } from '../../../api/session';
import { useCommentary, type CommentaryResponse } from '../../commentary/api/commentary';
import { monthVersions, usePublications } from '../../../api/publications';
import { describeWith, NothingPublished, pageMonth, PublicationStatus, shownVersion, usePublicationView } from '../../../components/PublicationStatus';
import { ActivityKey, ActivityTable } from './ActivitySection';
import { ScorecardTable, type ScorecardGroup } from './ScorecardTable';
import { DataCurrency } from './DataCurrency';
import { SummaryLine } from './SummaryLine';

export function ScorecardPage() {
  const { filters, update } = useFilters();
  const months = useMonths();
  const geographies = useGeographies();
  const indicators = useIndicators();
  const datasets = useDatasets();
  const me = useMe();
  const publications = usePublications();
  const publication = usePublicationView(me.data?.role);
  // Partners open on the latest published month, staff on the data's latest complete month.
  const month = pageMonth(filters.month, { role: me.data?.role, pending: me.isPending }, months.data, publications.data);
  // Before any data is loaded the API's months are null: there is no month to show, so nothing to wait for.
  const noData = months.data != null && month == null && !me.isPending && !publication.partner;
  const geo = geographyParams(filters.geography);
  const scorecard = useScorecard({ month, ...geo, ...publication.request });
  const published = publication.view === 'published' && month
    ? shownVersion(monthVersions(publications.data, month), publication.version) : undefined;
  // Partners download the current version only (they are refused `version`); staff the version shown.
  const packVersion = published && !publication.partner ? { version: published.version } : {};
  const activity = useActivity({ month, ...geo });
  // The commentary of the view shown: on the published view (all partners get) the approved text it was published with.
  const commentary = useCommentary({ month, ...geo, ...publication.request }, me.data != null);

  const place = scorecard.data?.geography.name ?? geographyName(geographies.data, filters.geography);
  usePageTitle(month ? `Scorecard, ${place}, ${formatMonth(month)}` : 'Scorecard');

  const groups = useMemo(
    () =>
      scorecard.data && indicators.data
        ? groupRows(scorecard.data, indicators.data.indicators, {
            month: filters.month,
            geography: filters.geography,
          }, commentary.data)
        : [],
    [scorecard.data, indicators.data, filters.month, filters.geography, commentary.data],
  );

  if (publication.partner && publications.data && month == null) return <NothingPublished />;

  return (
    <>
      <div className="page-heading">
        <h1>Monthly scorecard</h1>
        <p className="page-heading__sub">
          {place}
          {month ? `, ${formatMonth(month)}` : ''}
        </p>
        {/* Partners read published figures only: the live data's currency and activity are not theirs. */}
        {!publication.partner && (
          <DataPanel what="how current the data is" size="line" {...queryState(months, datasets)}>
            {() => <DataCurrency months={months.data!} month={month} datasets={datasets.data!.datasets} />}
          </DataPanel>
        )}
        {month && publications.data && (
          <PublicationStatus
            month={month}
            publications={publications.data}
            publication={publication}
            describe={describeWith(indicators.data?.indicators, geographies.data)}
          />
        )}
      </div>

      <section className="filters" aria-label="Choose month and geography">
        <DataPanel what="the list of months and geographies" size="small" {...queryState(months, geographies)}>
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
              <GeographyPicker
                geographies={geographies.data!}
                value={filters.geography}
                onChange={(geography) => update({ geography })}
              />
              {month && !publication.partner && (
                <DownloadLinks
                  label="Download the scorecard"
                  downloads={[
                    { label: 'CSV', path: '/api/export/scorecard.csv', params: { month, ...geo } },
                    { label: 'Excel (XLSX)', path: '/api/export/scorecard.xlsx', params: { month, ...geo } },
                  ]}
                />
              )}
              {published && (
                <DownloadLinks
                  label={`Download the board pack, version ${published.version}`}
                  downloads={[
                    { label: 'Board pack (PDF)', path: `/api/publications/${month}/board-pack.pdf`, params: { ...packVersion, ...geo } },
                    { label: 'Board pack (XLSX)', path: `/api/publications/${month}/board-pack.xlsx`, params: { ...packVersion, ...geo } },
                  ]}
                />
              )}
            </div>
          )}
        </DataPanel>
      </section>

      <section aria-labelledby="scorecard-heading">
        <h2 id="scorecard-heading" className="visually-hidden">
          Indicators
        </h2>
        <DataPanel
          what={month ? `the scorecard for ${formatMonth(month)}` : 'the scorecard'}
          size="large"
          {...(noData ? queryState(months, indicators) : queryState(months, scorecard, indicators))}
          isEmpty={noData || scorecard.data?.indicators.length === 0}
          emptyMessage={noData
            ? 'No data has been loaded yet: the figures show once the first extracts are imported.'
            : `There are no indicator figures for ${place}${month ? ` in ${formatMonth(month)}` : ''}.`}
        >
          {() => (
            <>
              <SummaryLine
                statuses={scorecard.data!.indicators.map((i) => i.status)}
                coverages={scorecard.data!.indicators.map((i) => i.coverage)}
              />
              <StatusLegend />
              <CoverageKey coverages={scorecard.data!.indicators.map((i) => i.coverage)} />
              <ScorecardTable
                groups={groups}
                caption={`Indicators for ${place}, ${formatMonth(scorecard.data!.month)}, grouped by theme`}
              />
            </>
          )}
        </DataPanel>
      </section>

      {!publication.partner && (
        <section aria-labelledby="activity-heading">
          <h2 id="activity-heading">Activity</h2>
          <DataPanel
            what={month ? `the activity figures for ${formatMonth(month)}` : 'the activity figures'}
            size="medium"
            {...queryState(months, activity)}
            isEmpty={activity.data?.items.length === 0}
          >
            {() => (
              <>
                <ActivityTable
                  caption={`Activity for ${place}, ${formatMonth(activity.data!.month)}: monitored against an expected range, not targeted`}
                  rows={activity.data!.items.map((item) => ({
                    ...item,
                    href: `/activity/${encodeURIComponent(item.code)}${filterSearch({ month: filters.month, geography: filters.geography })}`,
                  }))}
                />
                <ActivityKey />
              </>
            )}
          </DataPanel>
        </section>
      )}
    </>
  );
}

/** What "Partial window" and "Outside coverage" mean, shown when a row carries one of them. */
function CoverageKey({ coverages }: { coverages: ScorecardResponse['indicators'][number]['coverage'][] }) {
  const shown = (['partial', 'none'] as const).filter((c) => coverages.includes(c));
  if (shown.length === 0) return null;
  return (
    <ul className="coverage-key" aria-label="Coverage key">
      {shown.map((c) => (
        <li key={c}>
          <strong>{COVERAGE_TEXT[c].label}</strong>: {COVERAGE_TEXT[c].meaning}.
        </li>
      ))}
    </ul>
  );
}

function groupRows(
  scorecard: ScorecardResponse,
  catalogue: IndicatorInfo[],
  link: { month?: string; geography: ReturnType<typeof useFilters>['filters']['geography'] },
  commentary: CommentaryResponse | undefined,
): ScorecardGroup[] {
  const info = new Map(catalogue.map((i) => [i.code, i]));
  const geographyCode = scorecard.geography.code;
  const written = new Map((commentary?.items ?? []).filter((c) => c.geographyCode === geographyCode).map((c) => [c.indicatorCode, c]));
  const order = new Map(catalogue.map((i, index) => [i.code, index]));
  const rows = scorecard.indicators
    .map((indicator, index) => {
      const about = info.get(indicator.code);
      return {
        theme: indicator.theme ?? about?.theme ?? 'Other',
        order: order.get(indicator.code) ?? 1000 + index,
        row: {
          ...indicator,
          yearBasis: about?.yearBasis,
          numeratorText: about?.numerator,
          denominatorText: about?.denominator,
          // The scorecard row carries its 24 months: one request for the whole page.
          sparkline:
            indicator.sparkline?.map((p) => ({ month: p.month, value: p.value, target: p.target ?? null, coverage: p.coverage })) ?? null,
          href: `/indicators/${encodeURIComponent(indicator.code)}${filterSearch({ month: link.month, geography: link.geography })}`,
          // undefined until read: the column is then left out.
          commentary: commentary === undefined ? undefined : (written.get(indicator.code) ?? null),
        },
      };
    })
    .sort((a, b) => a.order - b.order);
  const groups: ScorecardGroup[] = [];
  for (const { theme, row } of rows) {
    let group = groups.find((g) => g.theme === theme);
    if (!group) groups.push((group = { theme, rows: [] }));
    group.rows.push(row);
  }
  return groups;
}
