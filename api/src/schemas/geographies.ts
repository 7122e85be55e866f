// GET /api/geographies: what the area and district parameters accept.
import { Type, type Static } from 'typebox';

export const GeographiesQuery = Type.Object({}, { additionalProperties: false });

const Place = Type.Object({ code: Type.String(), name: Type.String() });

export const GeographiesResponse = Type.Object({
  county: Place,
  areas: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), districtCodes: Type.Array(Type.String()) })),
  districts: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), areaCode: Type.String() })),
});

export type GeographiesResponse = Static<typeof GeographiesResponse>;
