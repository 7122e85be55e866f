// A published month (reporting.md, "Publication"): everything GET /api/publications/{month} answers, frozen when
// the month is published so that the release, and the board packs rendered from it, never change.
import { Type, type Static } from 'typebox';
import { CaseloadsResponse } from './caseloads.js';
import { CommentaryItem, CommentaryState, Person } from './commentary.js';
import { MonthValue, Nullable } from './common.js';
import { DatasetInfo } from './datasets.js';
import { GeographiesResponse } from './geographies.js';
import { IndicatorInfo } from './indicators.js';
import { ScorecardResponse } from './scorecard.js';
import { SeriesPoint } from './series.js';

export const ExecutiveSummary = Type.Object({
  dataHeadlines: Type.String({ description: 'Plain text' }),
  recentActivity: Type.String({ description: 'Plain text' }),
  plannedActivity: Type.String({ description: 'Plain text' }),
  state: CommentaryState,
}, { description: 'The month\'s executive summary (county), signed off like commentary' });

export const ReleaseSeries = Type.Object({
  code: Type.String({ description: 'An indicator code' }),
  points: Type.Array(SeriesPoint, {
    description: 'The 24 months up to the release month, for the county, every area and every district (month by month)',
  }),
}, { description: 'One indicator\'s trend with its target and floor, for the trend charts' });

export const PublicationSummary = Type.Object({
  month: MonthValue,
  version: Type.Integer({ minimum: 1 }),
  publishedAt: Type.String({ format: 'date-time', description: 'ISO 8601, UTC' }),
  publishedBy: Person,
  note: Type.String(),
});

export const Release = Type.Object({
  ...PublicationSummary.properties,
  geographies: GeographiesResponse,
  scorecards: Type.Array(ScorecardResponse, { description: 'The county, every area, every district (in that order)' }),
  series: Type.Array(ReleaseSeries, { description: 'Every indicator, in the catalogue\'s order' }),
  caseloads: CaseloadsResponse,
  activity: Type.Optional(Nullable(Type.Unknown({ description: 'The activity indicators of the month (null until they exist)' }))),
  commentary: Type.Array(CommentaryItem, { description: 'The commentary of the month as approved' }),
  summary: ExecutiveSummary,
  datasets: Type.Array(DatasetInfo, { description: 'Each dataset\'s coverage and last import when published' }),
  definitions: Type.Array(IndicatorInfo, { description: 'The catalogue\'s definitions as they stood' }),
});

export type ExecutiveSummary = Static<typeof ExecutiveSummary>;
export type ReleaseSeries = Static<typeof ReleaseSeries>;
export type PublicationSummary = Static<typeof PublicationSummary>;
/** The published month as GET /api/publications/{month} answers it. */
export type Release = Static<typeof Release>;
