// GET /api/indicators/{code}/series: one measure month by month, optionally by district or area.
import { Type, type Static } from 'typebox';
import { Coverage, ErrorResponse, errorResponses, Geography, GeographyQuery, Month, MonthValue, Nullable, PublishedViewQuery, Status, StringEnum } from './common.js';

const NullableNumber = Nullable(Type.Number());

export const SeriesParams = Type.Object({ code: Type.String({ description: 'An indicator code from /api/indicators' }) });

export const SeriesQuery = Type.Object({
  from: Type.Optional(Month('First month (default: the first month of the data)')),
  to: Type.Optional(Month('Last month (default: the latest month of the data). With view=published: the published month '
    + 'whose frozen 24 months are read (default: the latest published month)')),
  ...GeographyQuery,
  by: Type.Optional(StringEnum(['district', 'area'], 'One point per month per district (or area) inside the geography')),
  ...PublishedViewQuery,
}, { additionalProperties: false });

export const SeriesPoint = Type.Object({
  month: MonthValue,
  geographyCode: Type.String(),
  value: NullableNumber,
  numerator: NullableNumber,
  denominator: NullableNumber,
  target: NullableNumber,
  floor: NullableNumber,
  floorAssumed: Nullable(Type.Boolean()),
  targetYear: Nullable(Type.Integer()),
  targetCarriedForward: Type.Boolean({ description: 'The target year has no target: the target and floor are the latest earlier year\'s' }),
  targetFromYear: Nullable(Type.Integer({ description: 'The year a carried-forward target comes from, else null' })),
  status: Status,
  coverage: Coverage,
  suppressed: Type.Optional(Type.Boolean({
    description: 'Publication mode (view=published&suppress=true; partners): the value or a count is hidden ("c"), shown as null, '
      + 'and so is the status',
  })),
});

export const SeriesResponse = Type.Object({
  code: Type.String(),
  geography: Geography,
  by: Nullable(StringEnum(['district', 'area'])),
  points: Type.Array(SeriesPoint),
});

export const seriesErrorResponses = {
  ...errorResponses,
  404: { ...ErrorResponse, description: 'Unknown indicator code; view=published: the month is not published (or has no such version)' },
};

export type SeriesQuery = Static<typeof SeriesQuery>;
export type SeriesPoint = Static<typeof SeriesPoint>;
export type SeriesResponse = Static<typeof SeriesResponse>;
