// GET /api/targets, PUT and DELETE /api/targets/{indicator}/{year}/{geography}: the targets and floors of
// the `targets` reference dataset (datasets.md), seen and set a row at a time (the Targets page).
import { Type, type Static } from 'typebox';
import { ErrorResponse, MonthValue, Nullable, StringEnum } from './common.js';

export const TargetsQuery = Type.Object({
  indicator: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "One measure's targets (its code); all when absent" })),
}, { additionalProperties: false });

export const TargetRow = Type.Object({
  indicatorCode: Type.String(),
  year: Type.Integer({ description: 'The target year, labelled by the year it ends in (financial or academic, as the indicator counts)' }),
  geographyCode: Type.String({ description: 'KENT, an area or a district' }),
  target: Type.Number(),
  floor: Nullable(Type.Number()),
  floorAssumed: Type.Boolean({ description: 'The floor is not a published figure' }),
});

export const TargetEntry = Type.Object({
  ...TargetRow.properties,
  carriedForward: Type.Boolean({
    description: 'false: a stored row, the target of its own year (it applies directly); true: no target is set for this '
      + 'year and geography, and the row of fromYear (at fromGeographyCode) applies ("Targets after the plan")',
  }),
  fromYear: Type.Integer({ description: 'The year whose row applies: the year itself unless carried forward' }),
  fromGeographyCode: Type.String({ description: "The geography whose row applies (the county's, for a percent indicator's district without its own)" }),
});

export const CarriedForward = Type.Object({
  indicatorCode: Type.String(),
  geographyCode: Type.String(),
  fromYear: Type.Integer(),
  fromGeographyCode: Type.String(),
  years: Type.Array(Type.Integer(), { description: 'The later years it is carried forward to, up to the target year of the latest month reported' }),
});

export const TargetsResponse = Type.Object({
  /** The carry is shown up to the target year of this month (the latest month any dataset covers). */
  latestMonth: Nullable({ ...MonthValue, description: 'Years are carried forward up to the target year of this month (the latest reported)' }),
  targets: Type.Array(TargetEntry, { description: 'By indicator (catalogue order), geography (KENT, areas, districts) and year' }),
  carriedForward: Type.Array(CarriedForward, { description: 'For each indicator and geography with targets, the years an earlier row is carried forward to' }),
});

export const TargetParams = Type.Object({
  indicator: Type.String({ minLength: 1, maxLength: 64, description: 'The measure code' }),
  year: Type.String({ minLength: 1, maxLength: 16, description: 'The target year (a whole number)' }),
  geography: Type.String({ minLength: 1, maxLength: 64, description: 'KENT, an area or a district code' }),
}, { additionalProperties: false });

export const TargetBody = Type.Object({
  target: Type.Number(),
  floor: Nullable(Type.Number()),
  floorAssumed: Type.Boolean(),
}, { additionalProperties: false });

/** The fields of a target as the API names them (the row's path and body). */
export const TARGET_FIELDS = ['indicator', 'year', 'geography', 'target', 'floor', 'floorAssumed'] as const;

export const TargetProblem = Type.Object({
  field: StringEnum([...TARGET_FIELDS]),
  value: Nullable(Type.String({ description: 'The value as checked; null when empty' })),
  rule: Type.String(),
});

export const TargetRejected = Type.Object({
  ...ErrorResponse.properties,
  problems: Type.Optional(Type.Array(TargetProblem, {
    description: "Each broken rule: the field, its value and the rule (the targets file's rules, and the floor rule); absent when the request itself is malformed (a body field of the wrong type)",
  })),
}, { description: 'The row breaks a rule: nothing was stored' });

export type TargetsQuery = Static<typeof TargetsQuery>;
export type TargetRow = Static<typeof TargetRow>;
export type TargetEntry = Static<typeof TargetEntry>;
export type CarriedForward = Static<typeof CarriedForward>;
export type TargetsResponse = Static<typeof TargetsResponse>;
export type TargetParams = Static<typeof TargetParams>;
export type TargetBody = Static<typeof TargetBody>;
export type TargetField = (typeof TARGET_FIELDS)[number];
export type TargetProblem = Static<typeof TargetProblem>;
export type TargetRejected = Static<typeof TargetRejected>;
