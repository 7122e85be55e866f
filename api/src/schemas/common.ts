// The pieces every resource's schemas share. The schemas in this folder are the API's one contract: the routes
// validate requests and shape responses with them, the OpenAPI document is generated from them, the server's
// types are their `Static<>`, and the web app imports those types (type-only) for its queries and test fixtures.
import { Type, type Static, type TSchema } from 'typebox';
import { MONTH_PATTERN } from '../lib/months.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A string limited to a few values (one `enum`, so a wrong value gives one clear error). */
export const StringEnum = <const T extends string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: values, ...(description ? { description } : {}) });

export const Month = (description: string) =>
  Type.String({ pattern: MONTH_PATTERN, description, examples: ['2015-06'] });

export const MonthValue = Type.String({ pattern: MONTH_PATTERN, description: 'A month as YYYY-MM' });

/**
 * The published view of a figure route (reporting.md, "Reading a published month"): the month as a version
 * froze it, optionally in publication mode. Partners always get view=published with suppress=true, of the current
 * version (declared per route: publishedView, enforced by the access plugin).
 */
export const PublishedViewQuery = {
  view: Type.Optional(StringEnum(['live', 'published'],
    'live (default for staff): the figures as they stand; published: as the month was published (partners: always)')),
  version: Type.Optional(Type.Integer({
    minimum: 1, description: 'With view=published: that version (default: the month\'s current one; partners: refused, 403)',
  })),
  suppress: Type.Optional(Type.Boolean({
    description: 'With view=published: publication mode, small numbers hidden as the suppressed exports hide them (partners: always)',
  })),
};

/** The month of a route with a published view: required for the live figures, else the latest published month. */
export const ViewMonth = () => Type.Optional(Month('The month (YYYY-MM): required for the live figures; with view=published, '
  + 'default the latest published month (partners\' default)'));

export const GeographyQuery = {
  area: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'An area code (e.g. NORTH); not with district' })),
  district: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A district code (e.g. DAR); not with area' })),
};

export const ErrorResponse = Type.Object({
  error: StringEnum(['bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'too_large', 'too_many_requests', 'unavailable', 'internal_error']),
  message: Type.String(),
}, { description: 'The one error envelope' });

/** Error responses every data route may give. */
export const errorResponses = {
  400: { ...ErrorResponse, description: 'A malformed, unknown or out-of-range parameter' },
  401: { ...ErrorResponse, description: 'Not signed in and no valid API token (Authorization: Bearer <token>)' },
  403: { ...ErrorResponse, description: 'Signed in, without the right this route needs (the message names it)' },
  503: { ...ErrorResponse, description: 'The database is unavailable' },
};

export const Unit = StringEnum(['percent', 'count']);
export const Polarity = StringEnum(['higher_is_better', 'lower_is_better']);
export const YearBasis = StringEnum(['financial', 'academic']);
export const Status = StringEnum(['green', 'amber', 'red', 'no_target', 'no_data']);
export const Coverage = StringEnum(['full', 'partial', 'none'],
  'none: a dataset it reads does not cover the month (no value); partial: its window starts before the data (a value, no RAG, out of the direction of travel); full otherwise');
export const GeographyType = StringEnum(['county', 'area', 'district']);

export const Direction = StringEnum(['improving', 'worsening', 'stable']);

export const Geography = Type.Object({ type: GeographyType, code: Type.String(), name: Type.String() });

export type ErrorResponse = Static<typeof ErrorResponse>;
export type Unit = Static<typeof Unit>;
export type Polarity = Static<typeof Polarity>;
export type YearBasis = Static<typeof YearBasis>;
export type Status = Static<typeof Status>;
export type Coverage = Static<typeof Coverage>;
export type GeographyType = Static<typeof GeographyType>;
export type Direction = Static<typeof Direction>;
/** A geography as the responses name it (the server's resolved geography also knows its districts). */
export type Geography = Static<typeof Geography>;
