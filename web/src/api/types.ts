// The API's shapes as the web app sees them: the server's own contract (api/src/schemas: TypeBox schemas and
// their Static<> types), through the `@contract/*` path (tsconfig). Imported type-only, so the build erases these
// lines and no server code reaches the bundle: contract.test.ts checks every import of it, and the build refuses
// server code (vite.config.ts).
import type { ScorecardIndicator } from '@contract/scorecard';
import type { SeriesResponse } from '@contract/series';
import type { BenchmarkResponse, ScorecardBenchmark as ScorecardBenchmarkOrNull } from '@contract/benchmarks';

export type { Coverage, ErrorResponse, GeographyType, Polarity, Status, Unit, YearBasis } from '@contract/common';
export type { CaseloadRow, CaseloadsResponse } from '@contract/caseloads';
export type { DatasetInfo, DatasetsResponse } from '@contract/datasets';
export type { GeographiesResponse } from '@contract/geographies';
export type { ContextMeasureInfo, IndicatorInfo, IndicatorsResponse } from '@contract/indicators';
export type { MonthsResponse } from '@contract/months';
export type { MeResponse as Me, Role } from '@contract/access';
export type { Comparator, ContextValue, ScorecardIndicator, ScorecardResponse, SparklinePoint } from '@contract/scorecard';
export type { SeriesPoint, SeriesResponse } from '@contract/series';

/** A scorecard row's direction of travel; null with fewer than six values in the last twelve months. */
export type Direction = ScorecardIndicator['direction'];
/** What a series is broken down by: one point per month per district, or per area. */
export type Breakdown = NonNullable<SeriesResponse['by']>;
/** DfE's published figures on a county scorecard row (indicators.md, "Benchmarks"). */
export type ScorecardBenchmark = NonNullable<ScorecardBenchmarkOrNull>;
export type { BenchmarkResponse };
export type BenchmarkPeriod = BenchmarkResponse['periods'][number];
export type Band = ScorecardBenchmark['band'];
export type { TargetEntry, TargetsResponse } from '@contract/targets';

// The monthly report: the executive summary, commentary and publication (reporting.md).
export type { DraftHeadlinesResponse, SummaryHistoryResponse, SummaryResponse, SummaryUpdate } from '@contract/summary';
export type { CommentaryItem, CommentaryResponse, CommentaryState, DueDateResponse, OwnersResponse, Person } from '@contract/commentary';
export type {
  MissingSignOff, NotReadyResponse, PublicationListItem, PublicationsResponse, PublishRequest, PublishResponse, Revision,
  RevisionsResponse, WithdrawRequest,
} from '@contract/publishing';
