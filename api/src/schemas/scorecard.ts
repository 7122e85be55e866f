// GET /api/scorecard: every KPI at one month and geography.
import { Type, type Static } from 'typebox';
import { ScorecardBenchmark } from './benchmarks.js';
import { Coverage, Direction, Geography, GeographyQuery, MonthValue, Nullable, Polarity, PublishedViewQuery, Status, ViewMonth, StringEnum, Unit } from './common.js';

const NullableNumber = Nullable(Type.Number());

export const ScorecardQuery = Type.Object({
  month: ViewMonth(),
  ...GeographyQuery,
  ...PublishedViewQuery,
}, { additionalProperties: false });

export const Comparator = Type.Object({
  comparator: Type.String(), value: Type.Number(), period: MonthValue, note: Nullable(Type.String()),
});

/** One month of a row's sparkline: its value, how far the data cover it, and the target that applies. */
export const SparklinePoint = Type.Object({
  month: MonthValue,
  value: NullableNumber,
  coverage: Coverage,
  target: NullableNumber,
});

export const ScorecardIndicator = Type.Object({
  code: Type.String(),
  title: Type.String(),
  unit: Unit,
  polarity: Polarity,
  theme: Type.String(),
  value: NullableNumber,
  numerator: NullableNumber,
  denominator: NullableNumber,
  target: NullableNumber,
  floor: NullableNumber,
  floorAssumed: Nullable(Type.Boolean()),
  targetYear: Type.Integer({ description: 'The financial or academic year (labelled by the year it ends in) whose target applies' }),
  targetGeographyCode: Nullable(Type.String({ description: 'Whose target applies: the geography itself or KENT' })),
  targetCarriedForward: Type.Boolean({ description: 'The target year has no target: the target and floor are the latest earlier year\'s' }),
  targetFromYear: Nullable(Type.Integer({ description: 'The year a carried-forward target comes from, else null' })),
  status: Status,
  coverage: Coverage,
  direction: Nullable(Direction),
  previousYearValue: NullableNumber,
  comparators: Type.Array(Comparator),
  benchmark: ScorecardBenchmark,
  sparkline: Type.Array(SparklinePoint, {
    description: 'The 24 months up to the month, oldest first: value (none before the data), coverage and the target that applies',
  }),
  suppressed: Type.Optional(Type.Boolean({
    description: 'Publication mode (a partner\'s published view): the value, its counts and its status are hidden ("c"), shown as null',
  })),
});

export const ContextValue = Type.Object({
  code: Type.String(),
  title: Type.String(),
  unit: Unit,
  contextFor: Nullable(Type.String()),
  value: NullableNumber,
  numerator: NullableNumber,
  denominator: NullableNumber,
  coverage: Coverage,
});

export const ScorecardResponse = Type.Object({
  month: MonthValue,
  geography: Geography,
  indicators: Type.Array(ScorecardIndicator),
  context: Type.Array(ContextValue, {
    description: 'Measures shown beside a KPI, not scored (e.g. persistent absence at 15%, NEET unknown share)',
  }),
});

export type ScorecardQuery = Static<typeof ScorecardQuery>;
export type Comparator = Static<typeof Comparator>;
export type SparklinePoint = Static<typeof SparklinePoint>;
/**
 * One KPI. coverage none: no value (status no_data); partial: a value, but no RAG and out of the direction of
 * travel. targetGeographyCode: whose target applies (KENT when a percent indicator falls back to the county).
 */
export type ScorecardIndicator = Static<typeof ScorecardIndicator>;
export type ContextValue = Static<typeof ContextValue>;
export type ScorecardResponse = Static<typeof ScorecardResponse>;
