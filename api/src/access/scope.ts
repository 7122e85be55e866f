// A contributor's scope (access.md, "Roles"): geography codes from the reference data, KENT, area or
// district codes. Checked the same way by the users command and the Admin page.
import { sql } from 'kysely';
import type { Db } from '../db/kysely.js';
import { COUNTY_CODE } from '../indicators/status.js';
import type { Role } from './roles.js';

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
