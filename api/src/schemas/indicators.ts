// GET /api/indicators: the catalogue and the context measures.
import { Type, type Static } from 'typebox';
import { Nullable, Polarity, Unit, YearBasis } from './common.js';

export const IndicatorsQuery = Type.Object({}, { additionalProperties: false });

export const IndicatorInfo = Type.Object({
  code: Type.String(),
  title: Type.String(),
  unit: Unit,
  polarity: Polarity,
  yearBasis: YearBasis,
  theme: Type.String(),
  definition: Type.String(),
  numerator: Type.String({ description: 'What the numerator counts, in words (for counts, what is counted)' }),
  denominator: Nullable(Type.String({ description: 'What the denominator counts, in words (null for counts)' })),
  source: Type.String(),
});

export const ContextMeasureInfo = Type.Object({
  code: Type.String(),
  title: Type.String(),
  unit: Unit,
  contextFor: Nullable(Type.String()),
  definition: Type.String(),
  source: Type.String(),
});

export const ActivityMeasureInfo = Type.Object({
  code: Type.String(),
  title: Type.String(),
  unit: Unit,
  definition: Type.String(),
  source: Type.String(),
});

export const IndicatorsResponse = Type.Object({
  indicators: Type.Array(IndicatorInfo),
  contextMeasures: Type.Array(ContextMeasureInfo),
  activityMeasures: Type.Array(ActivityMeasureInfo, {
    description: 'The activity indicators: monitored against an expected range (GET /api/activity), never targeted',
  }),
});

export type IndicatorInfo = Static<typeof IndicatorInfo>;
export type ContextMeasureInfo = Static<typeof ContextMeasureInfo>;
export type ActivityMeasureInfo = Static<typeof ActivityMeasureInfo>;
export type IndicatorsResponse = Static<typeof IndicatorsResponse>;
