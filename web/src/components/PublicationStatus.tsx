// Which figures the reader sees (reporting.md, "In the web app"): a published month as published (version,
// date, by whom) or live and subject to change, with a switch between them, and, on the live view of a
// published month, the revisions since publication. Partners see the published view only. The choice is in
// the address (view=published|live, version=N), so a link opens the same figures. The indicator and caseload
// pages use the same hook and banner.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { monthVersions, useRevisions } from '../api/publications';
import { openingMonth, type Geographies } from '../api/reference';
import type { ScorecardView } from '../api/scorecard';
import type { IndicatorInfo, MonthsResponse, PublicationListItem, Revision, Role } from '../api/types';
import { formatLondonTime, formatMonth, formatValue, NO_VALUE, type Unit } from '../lib/format';
import type { PublicationsResponse } from '../api/types';
import { TableScroll } from './TableScroll';

/** How the revisions table names an indicator and a geography, and formats a value. */
export interface Describe {
  title: (code: string) => string;
  unit: (code: string) => Unit | undefined;
  place: (code: string) => string;
}

/** The view asked for in the address; partners always read the published one. */
export function usePublicationView(role: Role | null | undefined) {
  const [params, setParams] = useSearchParams();
  const asked = params.get('view');
  const versionText = params.get('version');
  const partner = role === 'partner';
  // Partners read the current version only (the API refuses them `version`): an address naming one shows the current.
  const version = !partner && versionText && /^[1-9][0-9]*$/.test(versionText) ? Number(versionText) : undefined;
  const view: 'live' | 'published' = partner || asked === 'published' || version !== undefined ? 'published' : 'live';
  const choose = useCallback((next: { view: 'live' | 'published'; version?: number }) => {
    setParams((current) => {
      const search = new URLSearchParams(current);
      if (next.view === 'published') search.set('view', 'published');
      else search.delete('view');
      if (next.version !== undefined) search.set('version', String(next.version));
      else search.delete('version');
      return search;
    });
  }, [setParams]);
  /** The scorecard request's parameters for this view. */
  const request: ScorecardView = view === 'published' ? { view, ...(version !== undefined ? { version } : {}) } : {};
  /** Another month chosen: a version belongs to its month, so the new month opens on its current version. */
  const monthChosen = useCallback(() => {
    if (version !== undefined) choose({ view: 'published' });
  }, [version, choose]);
  return { view, version, partner, choose, monthChosen, request };
}

export type PublicationView = ReturnType<typeof usePublicationView>;

/** The newest month with a current (not withdrawn) version. */
export function latestPublishedMonth(publications: PublicationsResponse | undefined): string | undefined {
  return publications?.publications.find((p) => p.current)?.month;
}

/**
 * The month a page shows: the one in the address, else, for partners (who read published months only) the
 * latest published month, for staff the data's latest complete month. Undefined while that is not known yet.
 */
export function pageMonth(
  asked: string | undefined,
  reader: { role: Role | null | undefined; pending: boolean },
  months: MonthsResponse | undefined,
  publications: PublicationsResponse | undefined,
): string | undefined {
  if (asked) return asked;
  if (reader.pending) return undefined;
  return reader.role === 'partner' ? latestPublishedMonth(publications) : openingMonth(months);
}

/** How the revisions table names indicators and places, from the catalogue and the geographies. */
export function describeWith(indicators: IndicatorInfo[] | undefined, geographies: Geographies | undefined): Describe {
  return {
    title: (code) => indicators?.find((i) => i.code === code)?.title ?? code,
    unit: (code) => indicators?.find((i) => i.code === code)?.unit,
    place: (code) => (code === 'KENT' ? 'Kent' : geographies?.areas.find((a) => a.code === code)?.name
      ?? geographies?.districts.find((d) => d.code === code)?.name ?? code),
  };
}

/** The version a published view shows: the one asked for, else the month's current one. */
export function shownVersion(versions: PublicationListItem[], version: number | undefined): PublicationListItem | undefined {
  return version !== undefined ? versions.find((v) => v.version === version) : versions.find((v) => v.current);
}

function byWhom(p: PublicationListItem): string {
  return `published ${formatLondonTime(p.publishedAt)} by ${p.publishedBy.name}`;
}

export function PublicationStatus({ month, publications, publication, describe }: {
  month: string;
  publications: PublicationsResponse | undefined;
  /** The view the page shows, from usePublicationView. */
  publication: PublicationView;
  describe: Describe;
}) {
  const { view, version, partner, choose: onChoose } = publication;
  const versions = monthVersions(publications, month);
  const current = versions.find((v) => v.current);
  const shown = view === 'published' ? shownVersion(versions, version) : current;
  const revisions = useRevisions(view === 'live' && !partner ? month : undefined, current?.version);

  if (view === 'published') {
    if (!shown) {
      return (
        <section className="publication-status" aria-label="Which figures you see">
          <p>
            <strong>{formatMonth(month)} has {versions.length === 0 ? 'not been published' : `no version ${version ?? ''}`.trim()}.</strong>
            {!partner && (
              <>
                {' '}
                <button type="button" className="link-button" onClick={() => onChoose({ view: 'live' })}>See the live figures</button>
              </>
            )}
          </p>
        </section>
      );
    }
    return (
      <section className="publication-status publication-status--published" aria-label="Which figures you see">
        <p>
          <strong>Published figures: version {shown.version}</strong>, {byWhom(shown)}.
          {shown.withdrawal && (
            <>
              {' '}
              <strong>Withdrawn</strong> {formatLondonTime(shown.withdrawal.withdrawnAt)} by {shown.withdrawal.withdrawnBy.name}: {shown.withdrawal.reason}
            </>
          )}
        </p>
        <p className="publication-status__note">Note: {shown.note}</p>
        {shown.incompleteDatasets.length > 0 && (
          <p>Published on incomplete data: {shown.incompleteDatasets.join(', ')} did not cover the month.</p>
        )}
        {/* Partners read the current version only: no other to switch to. */}
        {!partner && (
          <p className="publication-status__switch">
            <button type="button" className="link-button" onClick={() => onChoose({ view: 'live' })}>
              See the live figures
            </button>
            {versions.filter((v) => v.version !== shown.version).map((v) => (
              <button key={v.version} type="button" className="link-button" onClick={() => onChoose({ view: 'published', version: v.version })}>
                See version {v.version}{v.withdrawal ? ' (withdrawn)' : v.current ? ' (current)' : ''}
              </button>
            ))}
          </p>
        )}
      </section>
    );
  }

  return (
    <section className="publication-status publication-status--live" aria-label="Which figures you see">
      <p>
        <strong>Live figures, subject to change</strong>
        {current ? (
          <>
            {`: ${formatMonth(month)} was published (version ${current.version}, ${byWhom(current)}). `}
            <button type="button" className="link-button" onClick={() => onChoose({ view: 'published' })}>
              See the published figures
            </button>
          </>
        ) : (
          `: ${formatMonth(month)} has not been published.`
        )}
      </p>
      {current && revisions.data && <Revisions changes={revisions.data.changes} version={current.version} describe={describe} />}
      {current && revisions.error && <p>The revisions since publication could not be loaded: {revisions.error.message}</p>}
    </section>
  );
}

const STATUS_WORDS: Record<string, string> = {
  green: 'Green', amber: 'Amber', red: 'Red', no_target: 'No target', no_data: 'No data',
};

function Revisions({ changes, version, describe }: { changes: Revision[]; version: number; describe: Describe }) {
  if (changes.length === 0) return <p>No figure has been revised since version {version} was published.</p>;
  return (
    <details className="revisions">
      <summary>
        {changes.length === 1 ? '1 figure has' : `${changes.length} figures have`} been revised since version {version} was published
      </summary>
      <TableScroll label="Revisions since publication: the published figure and what the live data now say">
        <table>
          <caption>Revisions since publication: the published figure and what the live data now say</caption>
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Geography</th>
              <th scope="col">Published value</th>
              <th scope="col">Live value</th>
              <th scope="col">Published status</th>
              <th scope="col">Live status</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={`${c.indicatorCode}|${c.geographyCode}`}>
                <th scope="row">{describe.title(c.indicatorCode)}</th>
                <td>{describe.place(c.geographyCode)}</td>
                <td>{figure(c.publishedValue, describe.unit(c.indicatorCode))}</td>
                <td>{figure(c.liveValue, describe.unit(c.indicatorCode))}</td>
                <td>{STATUS_WORDS[c.publishedStatus] ?? c.publishedStatus}</td>
                <td>{STATUS_WORDS[c.liveStatus] ?? c.liveStatus}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}

/** Revised figures can differ in the second decimal: shown to two. */
function figure(value: number | null, unit: Unit | undefined): string {
  if (value == null) return NO_VALUE;
  return unit ? formatValue(value, unit, 2) : String(Math.round(value * 100) / 100);
}

/** A partner before any month is published: there is nothing they may see yet. */
export function NothingPublished() {
  return (
    <>
      <h1>Nothing published yet</h1>
      <div className="panel panel--medium" role="status">
        <p className="panel__title">No month has been published yet.</p>
        <p>Partners see the published months only. The figures show here once the council publishes its first month.</p>
      </div>
    </>
  );
}
