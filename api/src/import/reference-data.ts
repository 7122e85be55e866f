// The reference data a column may point into, declared once: where its codes live (table and key), which
// codes the product itself adds, and how a problem names it. The stream check reads the codes from here,
// the SQL check joins them, and the batch's end-of-import check finds rows left pointing at nothing.
import pg from 'pg';
import { MEASURE_CODES } from '../indicators/catalog.js';

export interface ReferenceData {
  /** The table holding the codes: read, and locked against other writers while an import checks against it. */
  table: string;
  /** The columns of `table` whose values are codes (the first is unique in the table). */
  keys: readonly string[];
  /** Codes the product defines itself, besides (or instead of) the table's. */
  fixed?: readonly string[];
  /** When set, the codes are `fixed` only, not the table's (the table follows them). */
  fixedOnly?: boolean;
  /** How "unknown X: not in …" names the codes. */
  label: string;
}

export const REFERENCE_DATA = {
  districts: { table: 'districts', keys: ['district_code'], label: 'districts' },
  lsoas: { table: 'lsoas', keys: ['lsoa_code'], label: 'lsoas' },
  childrens_centres: { table: 'childrens_centres', keys: ['centre_id'], label: 'childrens_centres' },
  cc_registrations: { table: 'cc_registrations', keys: ['child_id'], label: 'cc_registrations (the child is not registered)' },
  /** One of the product's indicator or context measure codes (the catalogue, which indicator_codes follows). */
  indicators: { table: 'indicator_codes', keys: ['code'], fixed: MEASURE_CODES, fixedOnly: true, label: "the product's indicator catalogue" },
  /** `KENT`, an area code or a district code. */
  geography: { table: 'districts', keys: ['district_code', 'area_code'], fixed: ['KENT'], label: 'KENT, the areas or the districts' },
} as const satisfies Record<string, ReferenceData>;

/** Reference data a code must exist in (loaded already, or earlier in the same import). */
export type Reference = keyof typeof REFERENCE_DATA;

export function referenceData(reference: Reference): ReferenceData {
  return REFERENCE_DATA[reference];
}

/** The table a reference points into. */
export function referencedTable(reference: Reference): string {
  return referenceData(reference).table;
}

/** Whether the codes are read from the database (not only the product's own). */
export function readFromDatabase(reference: Reference): boolean {
  return !(referenceData(reference) as ReferenceData).fixedOnly;
}

/** The codes of a reference, one column `code`, each once. */
export function referenceCodesSql(reference: Reference): string {
  const data: ReferenceData = referenceData(reference);
  const parts = data.fixedOnly ? [] : data.keys.map((key) => `SELECT ${pg.escapeIdentifier(key)} AS code FROM ${pg.escapeIdentifier(data.table)}`);
  if (data.fixed && data.fixed.length > 0) {
    parts.push(`SELECT code FROM (VALUES ${data.fixed.map((code) => `(${pg.escapeLiteral(code)})`).join(', ')}) fixed(code)`);
  }
  // A single key of its table is unique already; a union of sources is made so.
  return parts.join(' UNION ');
}
