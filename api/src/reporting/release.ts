// A month's release: everything the published month holds (reporting.md, "Publication"), assembled from the
// same live queries the API routes use. Publishing freezes this object; the board packs are rendered from it
// alone, so they show exactly what was published.
import type { Db } from '../db/kysely.js';
import { INDICATORS } from '../indicators/catalog.js';
import { addMonths } from '../lib/months.js';
import type { Snapshot } from '../lib/snapshot.js';
import { CASELOAD_CODE, getCaseloads } from '../queries/caseloads.js';
import { coverageAt, loadDatasets } from '../queries/coverage.js';
import { areas, county, districtGeography, type Geography } from '../queries/geography.js';
import { getScorecard } from '../queries/scorecard.js';
import { getSeries } from '../queries/series.js';
import type { CommentaryItem, Person } from '../schemas/commentary.js';
import type { ExecutiveSummary, Release } from '../schemas/publications.js';

/** The months of each trend chart: the release month and the 23 before it. */
export const TREND_MONTHS = 24;

/** What a release holds that is not computed from the data: sign-off, who publishes, and why. */
export interface ReleaseInputs {
  commentary: readonly CommentaryItem[];
  summary: ExecutiveSummary;
  publishedBy: Person;
  note: string;
  version: number;
  /** When it is published (default: now). The packs print it, and take it as their creation date. */
  publishedAt?: Date;
}

/** The county, every area and every district, in that order (the order of the release's scorecards). */
export function releaseGeographies(snapshot: Snapshot): Geography[] {
  return [county(snapshot.districts), ...areas(snapshot.districts), ...snapshot.districts.map(districtGeography)];
}

export async function assembleRelease(db: Db, snapshot: Snapshot, month: string, inputs: ReleaseInputs): Promise<Release> {
  const geographies = releaseGeographies(snapshot);
  const from = addMonths(month, -(TREND_MONTHS - 1));
  const [scorecards, series, caseloads, datasets] = await Promise.all([
    Promise.all(geographies.map((geography) => getScorecard(db, snapshot, month, geography))),
    Promise.all(INDICATORS.map(async (indicator) => ({
      code: indicator.code,
      points: await getSeries(db, snapshot, { measure: indicator, from, to: month, groups: geographies }),
    }))),
    getCaseloads(db, snapshot.districts, month, coverageAt(snapshot.coverage, CASELOAD_CODE, month)),
    loadDatasets(db),
  ]);
  const countyGeography = geographies[0]!;
  return {
    month,
    version: inputs.version,
    publishedAt: (inputs.publishedAt ?? new Date()).toISOString(),
    publishedBy: inputs.publishedBy,
    note: inputs.note,
    geographies: {
      county: { code: countyGeography.code, name: countyGeography.name },
      areas: areas(snapshot.districts).map((a) => ({ code: a.code, name: a.name, districtCodes: a.districtCodes })),
      districts: snapshot.districts.map((d) => ({ code: d.code, name: d.name, areaCode: d.areaCode })),
    },
    scorecards,
    series,
    caseloads,
    activity: null,
    commentary: [...inputs.commentary],
    summary: inputs.summary,
    datasets,
    definitions: INDICATORS.map((i) => ({
      code: i.code, title: i.title, unit: i.unit, polarity: i.polarity, yearBasis: i.yearBasis, theme: i.theme,
      definition: i.definition, numerator: i.numerator, denominator: i.denominator, source: i.source,
    })),
  };
}
