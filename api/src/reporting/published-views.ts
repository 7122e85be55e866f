// The published view of the figure routes (reporting.md, "Reading a published month"): the indicator page's
// series, the caseloads and the commentary as a version of the month froze them, optionally in publication
// mode. The suppression is the release's own (reporting/suppression.ts), so these hide the same cells as the
// published scorecard and that release's suppressed board packs, whatever the live data say since.
// Who gets which view is declared per route (publishedView; the access plugin forces it for partners).
import { hideCell, hiddenCaseloadCounts, VIEW_HIDDEN } from '../export/rows.js';
import { badRequest, notFound } from '../lib/errors.js';
import { monthIndex } from '../lib/months.js';
import { breakdown, resolveGeography, type District, type Geography } from '../queries/geography.js';
import type { CaseloadsResponse } from '../schemas/caseloads.js';
import type { CommentaryResponse } from '../schemas/commentary.js';
import type { Release } from '../schemas/publications.js';
import type { SeriesPoint, SeriesResponse } from '../schemas/series.js';
import { findVersion, listPublications, loadRelease } from './publication.js';
import { releaseSuppression } from './suppression.js';

/** The query parameters that choose the view (schemas/common.ts PublishedViewQuery). */
export interface ViewQuery { view?: 'live' | 'published'; version?: number; suppress?: boolean }

/**
 * Whether the request reads the published view: view=published, or a version or suppress=true without a view.
 * 400 when view=live comes with an option of the published view.
 */
export function readsPublished(query: ViewQuery): boolean {
  if (query.view === 'live') {
    if (query.version !== undefined) throw badRequest('query parameter \'version\' goes with view=published, not view=live');
    if (query.suppress === true) {
      throw badRequest('query parameter \'suppress\' goes with view=published, not view=live (the exports suppress live figures)');
    }
    return false;
  }
  return query.view === 'published' || query.version !== undefined || query.suppress === true;
}

/** The newest month with a current (not withdrawn) version; 404 while none. */
export async function latestPublishedMonth(pool: Parameters<typeof listPublications>[0]): Promise<string> {
  const current = (await listPublications(pool)).find((p) => p.current);
  if (!current) throw notFound('no month has been published yet');
  return current.month;
}

/** The month a route reads: the one asked for; without one, the latest published month (published view) or a 400. */
export async function viewMonth(pool: Parameters<typeof listPublications>[0], month: string | undefined, published: boolean): Promise<string> {
  if (month !== undefined) return month;
  // As the schema's `required` would word it, which the live view keeps.
  if (!published) throw badRequest('missing query parameter \'month\'');
  return latestPublishedMonth(pool);
}

/** The release of the month's current version (or version N); 404 saying the month is not published. */
export async function releaseOf(pool: Parameters<typeof listPublications>[0], month: string, version: number | undefined): Promise<Release> {
  const item = await findVersion(pool, month, version);
  return loadRelease(pool, month, item.version);
}

/** The release's districts with their areas' names, so geographies resolve as the release knew them. */
export function releaseDistricts(release: Release): District[] {
  const areaName = new Map(release.geographies.areas.map((a) => [a.code, a.name]));
  return release.geographies.districts.map((d) => ({ code: d.code, name: d.name, areaCode: d.areaCode, areaName: areaName.get(d.areaCode) ?? d.areaCode }));
}

export interface PublishedSeriesAsk {
  code: string;
  from?: string;
  to?: string;
  area?: string;
  district?: string;
  by?: 'district' | 'area';
  suppress: boolean;
}

/**
 * One indicator month by month as the release froze it (its 24 months up to the release month, from `from` or
 * the first with data),
 * for one geography or each district (or area) inside it. Context measures are not in a release: 404.
 */
export function publishedSeries(release: Release, ask: PublishedSeriesAsk): SeriesResponse {
  const frozen = release.series.find((s) => s.code === ask.code);
  if (!frozen) {
    throw notFound(`'${ask.code}' is not in the published ${release.month} (version ${release.version}): `
      + 'a release holds the scorecard\'s indicators, not the context measures');
  }
  // As the live series starts at the data's first month: the frozen months before any data are left out.
  const from = ask.from ?? frozen.points.find((p) => p.value !== null || p.coverage !== 'none')?.month ?? release.month;
  if (monthIndex(from) > monthIndex(release.month)) throw badRequest(`from=${from} is after the published month ${release.month}`);
  const districts = releaseDistricts(release);
  const geography = resolveGeography(districts, ask);
  const by = ask.by ?? null;
  const groups: Geography[] = by ? breakdown(districts, geography, by) : [geography];
  const suppression = ask.suppress ? releaseSuppression(release) : null;
  const points: SeriesPoint[] = [];
  for (const group of groups) {
    for (const point of frozen.points) {
      if (point.geographyCode !== group.code || monthIndex(point.month) < monthIndex(from)) continue;
      if (!suppression) {
        points.push(point);
        continue;
      }
      const { suppressed, ...shown } = hideCell(point, suppression.planFor(point.month).cell(ask.code, group), VIEW_HIDDEN);
      points.push(suppressed ? { ...point, ...shown, suppressed } : point);
    }
  }
  // Month by month, then geography by geography (as the live series answers).
  const order = new Map(groups.map((g, i) => [g.code, i]));
  points.sort((a, b) => monthIndex(a.month) - monthIndex(b.month) || order.get(a.geographyCode)! - order.get(b.geographyCode)!);
  return { code: ask.code, geography: { type: geography.type, code: geography.code, name: geography.name }, by, points };
}

/** The caseloads as the release froze them; in publication mode a district's (or area's) small counts hidden. */
export function publishedCaseloads(release: Release, suppress: boolean): CaseloadsResponse {
  if (!suppress) return release.caseloads;
  const plan = releaseSuppression(release).caseloads;
  const hide = <T extends CaseloadsResponse['areas'][number]>(type: 'area' | 'district', row: T): T => {
    const hidden = hiddenCaseloadCounts(plan, { type, code: row.code }, row);
    if (!hidden.current && !hidden.baseline) return row;
    return {
      ...row,
      current: hidden.current ? VIEW_HIDDEN.figure : row.current,
      baseline: hidden.baseline ? VIEW_HIDDEN.figure : row.baseline,
      suppressed: true,
    };
  };
  return {
    ...release.caseloads,
    districts: release.caseloads.districts.map((d) => hide('district', d)),
    areas: release.caseloads.areas.map((a) => hide('area', a)),
  };
}

/**
 * The commentary the month was published with (approved text only: a release holds nothing else) for one
 * geography, or every geography when none is named. Never a draft, never the history.
 */
export function publishedCommentary(release: Release, query: { area?: string; district?: string }): CommentaryResponse {
  const asked = query.area !== undefined || query.district !== undefined ? resolveGeography(releaseDistricts(release), query).code : null;
  return {
    month: release.month,
    items: release.commentary
      .filter((item) => item.state === 'approved' && (asked === null || item.geographyCode === asked))
      // A note returned with an earlier draft is not part of what was published.
      .map(({ carriedOver: _carriedOver, ...item }) => ({ ...item, reviewNote: null })),
  };
}
