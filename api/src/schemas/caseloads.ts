// GET /api/caseloads: the open early help caseload by district, area and county.
import { Type, type Static } from 'typebox';
import { Coverage, MonthValue, Nullable, PublishedViewQuery, ViewMonth } from './common.js';

export const CaseloadsQuery = Type.Object({ month: ViewMonth(), ...PublishedViewQuery }, { additionalProperties: false });

export const CaseloadRow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  areaCode: Nullable(Type.String()),
  current: Nullable(Type.Number()),
  baseline: Nullable(Type.Number()),
  target: Nullable(Type.Number()),
  coverage: { ...Coverage, description: 'How far early_help_cases covers the month: none means current is unknown (null)' },
  suppressed: Type.Optional(Type.Boolean({
    description: 'Publication mode (view=published&suppress=true; partners): current or baseline is hidden ("c"), shown as null',
  })),
});

/** A district always has its area. */
export const DistrictCaseloadRow = Type.Object({ ...CaseloadRow.properties, areaCode: Type.String() });

export const CaseloadsResponse = Type.Object({
  month: MonthValue,
  districts: Type.Array(DistrictCaseloadRow),
  areas: Type.Array(CaseloadRow),
  county: CaseloadRow,
});

/** One district, area or county; areaCode is the district's area, an area's own code, null for the county. */
export type CaseloadRow = Static<typeof CaseloadRow>;
export type DistrictCaseloadRow = Static<typeof DistrictCaseloadRow>;
export type CaseloadsResponse = Static<typeof CaseloadsResponse>;
