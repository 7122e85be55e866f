// Publication mode's disclosure control on small hand-made tables, each checkable with a pencil.
import { describe, expect, it } from 'vitest';
import {
  planSuppression, protectMeasure, suppressIndicator, type DistrictRef, type MeasureSuppression,
} from '../../../api/src/export/suppression.js';
import { determinedByLinearAlgebra, recoverBySubtraction, type PublishedTable } from './disclosure.js';

// Kent's geography: four areas of three, three, three and two districts.
const KENT: DistrictRef[] = [
  { code: 'DAR', areaCode: 'NORTH' }, { code: 'GRA', areaCode: 'NORTH' }, { code: 'SEV', areaCode: 'NORTH' },
  { code: 'CAN', areaCode: 'EAST' }, { code: 'SWA', areaCode: 'EAST' }, { code: 'THA', areaCode: 'EAST' },
  { code: 'ASH', areaCode: 'SOUTH' }, { code: 'DOV', areaCode: 'SOUTH' }, { code: 'SHE', areaCode: 'SOUTH' },
  { code: 'MAI', areaCode: 'WEST' }, { code: 'WEA', areaCode: 'WEST' },
];

/** Kent's districts all at 50 except the ones given. */
function values(overrides: Record<string, number | null>): Map<string, number | null> {
  return new Map(KENT.map((d) => [d.code, d.code in overrides ? overrides[d.code]! : 50]));
}

const entries = (map: Map<string, string>) => Object.fromEntries([...map].sort());

/** The table as published under a suppression result: district cells hidden, totals as computed. */
function publish(districts: DistrictRef[], v: Map<string, number | null>, s: MeasureSuppression): PublishedTable {
  const areaTotals = new Map<string, number>();
  for (const d of districts) areaTotals.set(d.areaCode, (areaTotals.get(d.areaCode) ?? 0) + (v.get(d.code) ?? 0));
  return {
    areaOf: new Map(districts.map((d) => [d.code, d.areaCode])),
    districts: new Map(districts.map((d) => [d.code, s.districts.has(d.code) ? 'c' : v.get(d.code) ?? 0])),
    areas: new Map([...areaTotals].map(([a, t]) => [a, s.areas.has(a) ? 'c' : t])),
    county: [...areaTotals.values()].reduce((x, y) => x + y, 0),
  };
}

describe('primary suppression', () => {
  it('hides counts from 1 to 4 and publishes 0 and 5', () => {
    const v = values({ DAR: 1, GRA: 4, SEV: 0, CAN: 5, SWA: 3, THA: 2 });
    const s = protectMeasure(KENT, v);
    expect(entries(s.districts)).toEqual({ DAR: 'primary', GRA: 'primary', SWA: 'primary', THA: 'primary' });
    expect(s.areas.size).toBe(0);
  });

  it('treats a missing figure as no figure: never suppressed', () => {
    const s = protectMeasure(KENT, values({ DAR: null, GRA: null }));
    expect(s.districts.size).toBe(0);
  });
});

describe('secondary suppression', () => {
  it('hides the next smallest district when an area has exactly one suppressed district', () => {
    // NORTH: 3, 10, 20 (total 33). Without a second cell, 33 - 10 - 20 gives DAR's 3.
    const s = protectMeasure(KENT, values({ DAR: 3, GRA: 10, SEV: 20 }));
    expect(entries(s.districts)).toEqual({ DAR: 'primary', GRA: 'secondary' });
  });

  it('passes over a zero when a non-zero district is left, and breaks ties by code', () => {
    // NORTH: 2, 0, 7: hiding GRA's 0 would protect nothing a reader could not guess, so SEV goes.
    expect(entries(protectMeasure(KENT, values({ DAR: 2, GRA: 0, SEV: 7 })).districts))
      .toEqual({ DAR: 'primary', SEV: 'secondary' });
    // EAST: 9, 9, 1: CAN and SWA tie at 9; CAN comes first.
    expect(entries(protectMeasure(KENT, values({ CAN: 9, SWA: 9, THA: 1 })).districts))
      .toEqual({ CAN: 'secondary', THA: 'primary' });
  });

  it('hides a zero when every other district of the area is zero', () => {
    expect(entries(protectMeasure(KENT, values({ DAR: 2, GRA: 0, SEV: 0 })).districts))
      .toEqual({ DAR: 'primary', GRA: 'secondary' });
  });

  it('adds nothing when an area already has two suppressed districts', () => {
    expect(entries(protectMeasure(KENT, values({ CAN: 1, SWA: 4, THA: 60 })).districts))
      .toEqual({ CAN: 'primary', SWA: 'primary' });
  });

  it('hides the only other district of a two-district area; the area total stays', () => {
    const v = values({ MAI: 3, WEA: 120 });
    const s = protectMeasure(KENT, v);
    expect(entries(s.districts)).toEqual({ MAI: 'primary', WEA: 'secondary' });
    expect(s.areas.size).toBe(0);
    const table = publish(KENT, v, s);
    expect(table.areas.get('WEST')).toBe(123);
    expect(recoverBySubtraction(table).size).toBe(0);
  });

  it('protects a single-district area at county level: its area figure and another area are hidden', () => {
    // ISLE is one district, so its area total is its own figure. NORTH is the smallest other area (3 x 10),
    // so NORTH's total is hidden, and then one of NORTH's districts so that NORTH cannot be re-added.
    const districts = [...KENT, { code: 'ISL', areaCode: 'ISLE' }];
    const v = new Map([...values({ DAR: 10, GRA: 10, SEV: 10 }), ['ISL', 2]]);
    const s = protectMeasure(districts, v);
    expect(entries(s.districts)).toEqual({ DAR: 'secondary', ISL: 'primary' });
    expect(entries(s.areas)).toEqual({ ISLE: 'secondary', NORTH: 'secondary' });
    const table = publish(districts, v, s);
    expect(recoverBySubtraction(table).size).toBe(0);
    expect(determinedByLinearAlgebra(table)).toEqual([]);
  });

  it('the checker itself finds a lone suppressed district (so the checks above can fail)', () => {
    const v = values({ DAR: 3, GRA: 10, SEV: 20 });
    const lone: MeasureSuppression = { districts: new Map([['DAR', 'primary']]), areas: new Map() };
    const table = publish(KENT, v, lone);
    expect(recoverBySubtraction(table)).toEqual(new Map([['district:DAR', 3]]));
    expect(determinedByLinearAlgebra(table)).toEqual(['district:DAR']);
  });
});

describe('indicators: numerator, denominator and the rate made from them', () => {
  it('hides the rate with a small numerator, and protects the numerator across the area', () => {
    // NORTH numerators 2, 30, 40 over denominators 100, 200, 300: DAR's numerator is primary,
    // GRA's numerator secondary; both rates go; every denominator stays.
    const figures = KENT.map((d) => ({ code: d.code, numerator: 50, denominator: 500 }));
    Object.assign(figures[0]!, { numerator: 2, denominator: 100 });
    Object.assign(figures[1]!, { numerator: 30, denominator: 200 });
    Object.assign(figures[2]!, { numerator: 40, denominator: 300 });
    const s = suppressIndicator(KENT, figures);
    expect(Object.fromEntries(s.districts)).toEqual({
      DAR: { numerator: true, denominator: false, value: true },
      GRA: { numerator: true, denominator: false, value: true },
    });
  });

  it('hides a small denominator and its rate but publishes a zero numerator', () => {
    // EAST: CAN 0 of 3 (denominator primary), SWA 6 of 7 (smallest other denominator), THA 20 of 80.
    const figures = KENT.map((d) => ({ code: d.code, numerator: 50, denominator: 500 }));
    Object.assign(figures[3]!, { numerator: 0, denominator: 3 });
    Object.assign(figures[4]!, { numerator: 6, denominator: 7 });
    Object.assign(figures[5]!, { numerator: 20, denominator: 80 });
    const s = suppressIndicator(KENT, figures);
    expect(Object.fromEntries(s.districts)).toEqual({
      CAN: { numerator: false, denominator: true, value: true },
      SWA: { numerator: false, denominator: true, value: true },
    });
  });

  it('plans a month: the county is never hidden, areas and districts as decided', () => {
    const plan = planSuppression(KENT, new Map([
      ['yj_first_time_entrants', KENT.map((d) => ({ code: d.code, numerator: d.code === 'MAI' ? 1 : 9, denominator: null }))],
    ]));
    expect(plan.cell('yj_first_time_entrants', { type: 'district', code: 'MAI' }).value).toBe(true);
    expect(plan.cell('yj_first_time_entrants', { type: 'district', code: 'WEA' }).value).toBe(true);
    expect(plan.cell('yj_first_time_entrants', { type: 'district', code: 'DAR' }).value).toBe(false);
    expect(plan.cell('yj_first_time_entrants', { type: 'area', code: 'WEST' }).value).toBe(false);
    expect(plan.cell('yj_first_time_entrants', { type: 'county', code: 'KENT' }).value).toBe(false);
    expect(plan.cell('neet_16_18_pct', { type: 'district', code: 'MAI' }).value).toBe(false);
  });
});

describe('no suppressed figure is recoverable, whatever the table', () => {
  // A fixed pseudo-random sequence (not a timing or chance-based test: the same 500 tables every run),
  // with many small counts and zeros, on Kent plus a single-district area.
  function* tables() {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const districts = [...KENT, { code: 'ISL', areaCode: 'ISLE' }];
    for (let i = 0; i < 500; i += 1) {
      const v = new Map(districts.map((d) => {
        const r = next();
        return [d.code, r < 0.2 ? 0 : r < 0.6 ? 1 + Math.floor(next() * 4) : 5 + Math.floor(next() * 40)] as const;
      }));
      yield { districts: i % 2 === 0 ? KENT : districts, v };
    }
  }

  it('hides every count from 1 to 4, leaves no lone suppressed cell, and keeps the county', () => {
    for (const { districts, v } of tables()) {
      const s = protectMeasure(districts, v);
      for (const d of districts) {
        const x = v.get(d.code)!;
        if (x >= 1 && x <= 4) expect(s.districts.get(d.code)).toBe('primary');
      }
      const table = publish(districts, v, s);
      expect(recoverBySubtraction(table)).toEqual(new Map());
      expect(determinedByLinearAlgebra(table)).toEqual([]);
      // Area totals are hidden only for the single-district area's sake.
      if (districts === KENT) expect(s.areas.size).toBe(0);
    }
  });
});
