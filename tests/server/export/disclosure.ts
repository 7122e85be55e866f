// An attacker's view of a published table: which suppressed figures can be worked out from the rest?
// Used by the suppression unit tests and by the export route tests.

export type Published = number | 'c';

export interface PublishedTable {
  /** district code -> area code */
  areaOf: ReadonlyMap<string, string>;
  districts: ReadonlyMap<string, Published>;
  areas: ReadonlyMap<string, Published>;
  county: number;
}

/**
 * Tries every subtraction: an area total minus its published districts, the county minus its published
 * areas, repeated with each figure so recovered, until nothing more comes out. Returns the suppressed
 * cells recovered ('district:X' or 'area:Y') with their values.
 */
export function recoverBySubtraction(table: PublishedTable): Map<string, number> {
  const known = new Map<string, number>();
  const unknown = new Set<string>();
  for (const [code, v] of table.districts) (v === 'c' ? unknown.add(`district:${code}`) : known.set(`district:${code}`, v));
  for (const [code, v] of table.areas) (v === 'c' ? unknown.add(`area:${code}`) : known.set(`area:${code}`, v));
  known.set('county', table.county);
  const equations: { total: string; terms: string[] }[] = [...table.areas.keys()].map((area) => ({
    total: `area:${area}`,
    terms: [...table.areaOf].filter(([, a]) => a === area).map(([d]) => `district:${d}`),
  }));
  equations.push({ total: 'county', terms: [...table.areas.keys()].map((a) => `area:${a}`) });

  const recovered = new Map<string, number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, terms } of equations) {
      const cells = [total, ...terms];
      const missing = cells.filter((c) => !known.has(c));
      if (missing.length !== 1) continue;
      const [cell] = missing as [string];
      const sumTerms = (list: string[]) => list.reduce((s, c) => s + (c === cell ? 0 : known.get(c)!), 0);
      const value = cell === total ? sumTerms(terms) : known.get(total)! - sumTerms(terms);
      known.set(cell, value);
      if (unknown.has(cell)) recovered.set(cell, value);
      changed = true;
    }
  }
  return recovered;
}

/**
 * The stricter check: a suppressed cell is determined when its unit vector lies in the row space of the
 * linear system (every sum equation, with published figures moved to the right-hand side). Catches
 * recoveries that need two equations combined, not only one subtraction at a time.
 */
export function determinedByLinearAlgebra(table: PublishedTable): string[] {
  const unknowns: string[] = [
    ...[...table.districts].filter(([, v]) => v === 'c').map(([c]) => `district:${c}`),
    ...[...table.areas].filter(([, v]) => v === 'c').map(([c]) => `area:${c}`),
  ];
  const index = new Map(unknowns.map((u, i) => [u, i]));
  const rows: number[][] = [];
  const addEquation = (total: string, terms: string[]) => {
    const row = new Array<number>(unknowns.length).fill(0);
    if (index.has(total)) row[index.get(total)!] = 1;
    for (const t of terms) if (index.has(t)) row[index.get(t)!] = -1;
    if (row.some((x) => x !== 0)) rows.push(row);
  };
  for (const area of table.areas.keys()) {
    addEquation(`area:${area}`, [...table.areaOf].filter(([, a]) => a === area).map(([d]) => `district:${d}`));
  }
  addEquation('county', [...table.areas.keys()].map((a) => `area:${a}`));
  const base = rank(rows);
  return unknowns.filter((u) => {
    const unit = new Array<number>(unknowns.length).fill(0);
    unit[index.get(u)!] = 1;
    return rank([...rows, unit]) === base;
  });
}

function rank(input: number[][]): number {
  const m = input.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c += 1) {
    let pivot = -1;
    for (let i = r; i < m.length; i += 1) if (Math.abs(m[i]![c]!) > 1e-9) { pivot = i; break; }
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i += 1) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      if (f !== 0) for (let k = c; k < cols; k += 1) m[i]![k]! -= f * m[r]![k]!;
    }
    r += 1;
  }
  return r;
}
