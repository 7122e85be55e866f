// GET /api/export/*: the downloads' parameters and the files they answer with.
import { Type, type Static } from 'typebox';
import { GeographyQuery, Month, StringEnum } from './common.js';

const Suppress = Type.Optional(Type.Boolean({
  description: 'Publication mode: counts from 1 to 4 at district level, and figures that would reveal them, shown as "c" (see docs/exports.md)',
}));

/** A file response in the OpenAPI document (not validated: the body is a file). */
export const file = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } },
});

export const CSV_FILE = file('text/csv', 'UTF-8 CSV with a byte-order mark, CRLF line ends');

export const ScorecardExportQuery = Type.Object({
  month: Month('The month (YYYY-MM)'),
  ...GeographyQuery,
  suppress: Suppress,
}, { additionalProperties: false });

export const SeriesExportQuery = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64, description: 'An indicator (or context measure) code from /api/indicators' }),
  from: Type.Optional(Month('First month (default: the first month of the data)')),
  to: Type.Optional(Month('Last month (default: the latest month of the data)')),
  ...GeographyQuery,
  by: Type.Optional(StringEnum(['district', 'area'], 'One row per month per district (or area) inside the geography')),
  suppress: Suppress,
}, { additionalProperties: false });

export const CaseloadsExportQuery = Type.Object({ month: Month('The month (YYYY-MM)'), suppress: Suppress }, { additionalProperties: false });

export type ScorecardExportQuery = Static<typeof ScorecardExportQuery>;
export type SeriesExportQuery = Static<typeof SeriesExportQuery>;
export type CaseloadsExportQuery = Static<typeof CaseloadsExportQuery>;
