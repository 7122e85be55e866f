// GET /api/months: the months the data covers.
import { Type, type Static } from 'typebox';
import { MonthValue, Nullable } from './common.js';

export const MonthsQuery = Type.Object({}, { additionalProperties: false });

export const MonthsResponse = Type.Object({
  first: Nullable({ ...MonthValue, description: 'The first month in which some rolling-window KPI has a full window' }),
  latest: Nullable({ ...MonthValue, description: 'The latest month any dataset covers' }),
  latestComplete: Nullable({ ...MonthValue, description: 'The latest month every dataset holding records covers' }),
});

/** Every field is null before any data is loaded. */
export type MonthsResponse = Static<typeof MonthsResponse>;
