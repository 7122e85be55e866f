// The activity indicators' contract (api.md 1.1, GET /api/activity) and the series behind each one's XmR
// chart. Server types are Static<> of these; the web app imports them with `import type`.
import { Type, type Static } from 'typebox';
import { Geography, GeographyQuery, Month, MonthValue, Nullable, StringEnum } from './common.js';

const NullableNumber = Nullable(Type.Number());

export const ActivitySignal = Nullable(StringEnum(['special_cause_high', 'special_cause_low', 'common_cause'],
  'special_cause_high/_low: higher/lower than expected (beyond a limit, a run of 7 on one side of the mean, a trend ' +
  'of 6, or 2 of 3 beyond two thirds of the way to a limit); common_cause: within the expected variation; null: no ' +
  'value at the month, or fewer than 12 months with a value among the 24 up to it and no fixed range'));

/** A month's value and its expected range. */
const assessment = {
  value: Nullable(Type.Number({ description: 'The count in the month; null outside the coverage of the data it reads' })),
  mean: Nullable(Type.Number({ description: 'The centre line: the mean of the months with a value among the 24 up to the month; null with a fixed range' })),
  lower: NullableNumber,
  upper: NullableNumber,
  fixedRange: Type.Boolean({ description: 'true: lower and upper are the fixed range loaded in activity_ranges; false: XmR process limits' }),
  signal: ActivitySignal,
};

export const ActivityQuery = Type.Object({
  month: Month('The month (YYYY-MM)'),
  ...GeographyQuery,
}, { additionalProperties: false });

export const ActivityResponse = Type.Object({
  month: MonthValue,
  geography: Geography,
  items: Type.Array(Type.Object({ code: Type.String(), title: Type.String(), ...assessment })),
});

export const ActivitySeriesQuery = Type.Object({
  from: Type.Optional(Month('First month (default: 23 months before `to`, or the first month of the data)')),
  to: Type.Optional(Month('Last month (default: the latest month of the data)')),
  ...GeographyQuery,
}, { additionalProperties: false });

export const ActivitySeriesResponse = Type.Object({
  code: Type.String(),
  title: Type.String(),
  definition: Type.String(),
  geography: Geography,
  points: Type.Array(Type.Object({ month: MonthValue, ...assessment }),
    { description: 'Each month judged against its own baseline (the 24 months up to it) or its fixed range' }),
});

export type ActivityResponse = Static<typeof ActivityResponse>;
export type ActivitySeriesResponse = Static<typeof ActivitySeriesResponse>;
export type ActivitySignal = Static<typeof ActivitySignal>;
