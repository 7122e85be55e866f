// A contributor's scope: a set of geographies (KENT, area or district codes). The county includes
// everything and an area its districts; a contributor may write for a geography inside their scope only.
// The users command and the Admin page check a scope given to a user the same way (checkScope).
import { sql } from 'kysely';
import type { Db } from '../db/kysely.js';
import type { Role } from './roles.js';

export interface DistrictRef { code: string; areaCode: string }

export const COUNTY_CODE = 'KENT';

/** Whether `scope` (null: no restriction) covers the geography `code` (KENT, an area or a district). */
export function scopeCovers(scope: readonly string[] | null, code: string, districts: readonly DistrictRef[]): boolean {
  if (scope === null || scope.includes(COUNTY_CODE) || scope.includes(code)) return true;
  // A district inside an area of the scope.
  const district = districts.find((d) => d.code === code);
  return !!district && scope.includes(district.areaCode);
}

export class ScopeError extends Error {}

/** Comma- or space-separated codes as typed: upper case, no duplicates, in the order given. */
export function parseScopeCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((code) => code.trim().toUpperCase()).filter(Boolean))];
}

/**
 * The scope to store for a role: the codes (each KENT or a known area or district) for a contributor, who
 * must have some; null for every other role, which must not be given any.
 */
export async function checkScope(db: Db, role: Role, codes: readonly string[] | null): Promise<string[] | null> {
  const given = codes && codes.length > 0 ? codes : null;
  if (role !== 'contributor') {
    if (given) throw new ScopeError(`only a contributor has a scope; a ${role} reads and acts for the whole county (leave the scope out)`);
    return null;
  }
  if (!given) throw new ScopeError(`a contributor needs a scope: the geographies they write for (${COUNTY_CODE}, area or district codes)`);
  const { rows } = await sql<{ code: string }>`
    SELECT district_code AS code FROM districts UNION SELECT area_code FROM districts`.execute(db);
  const known = new Set([COUNTY_CODE, ...rows.map((r) => r.code)]);
  const unknown = given.filter((code) => !known.has(code));
  if (unknown.length) {
    const list = [...known].sort().join(', ');
    throw new ScopeError(`unknown geography code${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} (known: ${list || COUNTY_CODE})`);
  }
  return [...given];
}
