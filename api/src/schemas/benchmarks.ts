// The benchmark shapes of the API (api.md 1.1): `benchmark` on scorecard rows and GET /api/benchmarks/{code}.
import { Type, type Static } from 'typebox';
import { Nullable, StringEnum } from './common.js';

const NullableNumber = Nullable(Type.Number());

export const Band = StringEnum(['A', 'B', 'C', 'D'],
  'Quartile band of the rank: A when rank ≤ ⌈n/4⌉, B ≤ ⌈n/2⌉, C ≤ ⌈3n/4⌉, else D');

export const Comparable = StringEnum(['yes', 'close', 'rate'],
  'yes: the same measure; close: nearly (see the note); rate: published as a rate while the KPI is a count');

const Neighbours = Type.Object({
  mean: Nullable(Type.Number({ description: "The mean of the home authority's statistical neighbours with a value" })),
  count: Type.Integer({ description: 'How many neighbours had a value' }),
});

const PeriodFigures = {
  period: Type.String({ description: 'The period as DfE labels it (2016, 2015/16)' }),
  periodEnd: Type.String({ format: 'date', description: 'The day the period ends' }),
  value: Nullable(Type.Number({ description: "The home authority's published value" })),
  england: NullableNumber,
  region: Nullable(Type.Number({ description: "The home authority's region" })),
  neighbours: Neighbours,
  rank: Nullable(Type.Integer({ description: 'Among local authorities with a value; 1 is best; null for a measure without polarity' })),
  of: Type.Integer({ description: 'Local authorities with a value in the period' }),
  band: Nullable(Band),
};

/** `benchmark` on a scorecard row: the latest published period ending on or before the month's end. */
export const ScorecardBenchmark = Nullable(Type.Object({
  measureCode: Type.String(),
  ...PeriodFigures,
  unit: Type.String({ description: "The published measure's unit (a rate where the KPI is a count)" }),
  comparable: Comparable,
}, { description: "DfE's published figures (indicators.md, Benchmarks); null on area and district rows and for KPIs without one" }));
export type ScorecardBenchmark = Static<typeof ScorecardBenchmark>;

export const BenchmarkParams = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64, description: 'A KPI code' }),
});

export const BenchmarkResponse = Type.Object({
  code: Type.String(),
  measureCode: Type.String(),
  measure: Type.Object({
    measureCode: Type.String(),
    title: Type.String(),
    polarity: Type.String({ description: "DfE's: High (higher is better), Low, or - (none)" }),
    unit: Type.String(),
    yearType: Type.String(),
    description: Type.String(),
    source: Type.String(),
    methodology: Type.String(),
  }),
  related: Type.Array(Type.String(), { description: 'Other published measures worth reading beside it' }),
  comparable: Comparable,
  note: Type.String({ description: 'How comparable the KPI and the measure are' }),
  authority: Nullable(Type.Object({ laNumber: Type.Integer(), name: Type.String(), region: Type.String() })),
  attribution: Type.String(),
  periodForMonth: Nullable(Type.String({
    description: 'With ?month=: the latest period ending on or before the month\'s last day (the one its scorecard reads), else null',
  })),
  periods: Type.Array(Type.Object({
    ...PeriodFigures,
    symbol: Nullable(Type.String({ description: 'Text DfE published instead of a value (- : not available)' })),
    values: Type.Array(Type.Object({
      laNumber: Type.Integer(),
      name: Type.String(),
      closeness: Type.Integer({ description: '1 is the closest neighbour' }),
      value: NullableNumber,
      symbol: Nullable(Type.String()),
      rank: Nullable(Type.Integer()),
    }), { description: "Each statistical neighbour's value, closest first" }),
    product: Nullable(Type.Object({
      month: Type.String({ description: "The month whose figure covers the same period (August of the academic year)" }),
      value: NullableNumber,
      difference: Nullable(Type.Number({ description: "The product's figure less the published one" })),
    }, { description: 'Reconciliation: the same measure computed from records (persistent absence)' })),
  })),
});
export type BenchmarkResponse = Static<typeof BenchmarkResponse>;
