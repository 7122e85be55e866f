// XmR expected ranges and signals (indicators.md, "Activity indicators"), on hand-made series whose centre
// lines and limits can be checked with a pencil.
import { describe, expect, it } from 'vitest';
import { assessActivity, processLimits, type MonthValue } from './xmr.js';

/** Consecutive months ending at M (the last value); null = no value that month. */
function months(values: readonly (number | null)[]): MonthValue[] {
  return values.map((value, i) => ({ month: `m${i}`, value }));
}

/** `count` values alternating between `a` and `b`, starting with `a`: a wide, steady baseline. */
function alternating(count: number, a: number, b: number): number[] {
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? a : b));
}

describe('XmR limits', () => {
  it('are the mean ± 2.66 × the mean moving range (worked example)', () => {
    // 10 12 11 13 three times: mean 138/12 = 11.5; moving ranges 2 1 2 3 2 1 2 3 2 1 2, sum 21, mean 21/11;
    // limits 11.5 ± 2.66 × 21/11 = 11.5 ± 5.0782 → 6.4218 and 16.5782.
    const result = assessActivity(months([10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13]));
    expect(result.mean).toBeCloseTo(11.5, 10);
    expect(result.lower).toBeCloseTo(11.5 - (2.66 * 21) / 11, 10);
    expect(result.upper).toBeCloseTo(11.5 + (2.66 * 21) / 11, 10);
    expect(result.lower).toBeCloseTo(6.4218, 4);
    expect(result.upper).toBeCloseTo(16.5782, 4);
    expect(result).toMatchObject({ value: 13, fixedRange: false, signal: 'common_cause' });
  });

  it('read only the 24 months up to M', () => {
    const old = alternating(10, 1000, 0);
    const recent = [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13];
    // 24 months of the worked example's pattern: mean 11.5; 23 moving ranges (five cycles of 2 1 2 3, then
    // 2 1 2) summing 45.
    const result = assessActivity(months([...old, ...recent]));
    expect(result.mean).toBeCloseTo(11.5, 10);
    expect(result.upper).toBeCloseTo(11.5 + (2.66 * 45) / 23, 10);
  });

  it('need 12 months with a value among the 24: with 11 there is no range and no signal', () => {
    const twelve = [...Array<null>(12).fill(null), 10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13];
    expect(assessActivity(months(twelve)).signal).toBe('common_cause');
    const eleven = [...Array<null>(13).fill(null), 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13];
    expect(assessActivity(months(eleven))).toEqual({ value: 13, mean: null, lower: null, upper: null, fixedRange: false, signal: null });
  });

  it('take moving ranges only between neighbouring months: a month without a value breaks them', () => {
    // 10 _ 20 then 10 12 11 13 ×3 minus one: the 10 → 20 change across the gap is not a moving range.
    const window = [10, null, 20, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13];
    const limits = processLimits(window)!;
    // values: 10 + 20 + (12+11+13) + 3×(10+12+11+13) - 10 ... summed directly:
    const values = window.filter((v): v is number => v !== null);
    expect(limits.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 10);
    // ranges: |12-20|=8, then 1 2 3 2 1 2 3 2 1 2 → 8 + 19 = 27 over 11 ranges
    expect(limits.upper - limits.mean).toBeCloseTo((2.66 * 27) / 11, 10);
  });

  it('give no signal when M itself has no value, but still a range', () => {
    const result = assessActivity(months([10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13, 12, null]));
    expect(result.value).toBeNull();
    expect(result.signal).toBeNull();
    expect(result.mean).not.toBeNull();
  });
});

describe('XmR signals, in order', () => {
  const base = [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11];

  it('a point above the upper limit is special cause (high); below the lower, special cause (low)', () => {
    // with 30 last: mean 155/12 = 12.92; moving ranges 19 + 19 = 38 over 11; upper 12.92 + 9.19 = 22.11
    expect(assessActivity(months([...base, 30])).signal).toBe('special_cause_high');
    // with -10 last: mean 115/12 = 9.58; ranges 19 + 21 = 40 over 11; lower 9.58 - 9.67 = -0.09
    expect(assessActivity(months([...base, -10])).signal).toBe('special_cause_low');
    // 16: mean 141/12 = 11.75, ranges 19 + 5 = 24 over 11, limits 11.75 ± 5.80: inside
    expect(assessActivity(months([...base, 16])).signal).toBe('common_cause');
  });

  // A wide baseline (8 and 16 alternating: moving ranges of 8, limits about ±20, two-thirds bands about ±13)
  // then a short pattern near the mean, so no rule but the one under test can fire.
  it('a run of 7 points above the mean is special cause (high); 6 is not', () => {
    // 17 base values (9 eights, 7 sixteens and a 14: 198) then seven 13s: mean 289/24 = 12.04
    const wide = [8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 14, 8];
    expect(assessActivity(months([...wide, 13, 13, 13, 13, 13, 13, 13])).signal).toBe('special_cause_high');
    // the 13 seven back replaced by a 10: six above, the mean 286/24 = 11.92, the 10 below it
    expect(assessActivity(months([...wide, 10, 13, 13, 13, 13, 13, 13])).signal).toBe('common_cause');
  });

  it('a point exactly on the mean breaks a run', () => {
    // 17 base values (198) + 12 + six 13s (78) = 288: the mean is exactly 12, and the 12 is on it
    const wide = [8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 14, 8];
    const series = [...wide, 12, 13, 13, 13, 13, 13, 13];
    expect(assessActivity(months(series)).mean).toBe(12);
    expect(assessActivity(months(series)).signal).toBe('common_cause');
  });

  it('a run of 7 points below the mean is special cause (low)', () => {
    // the mirror image (24 − x) of the run above
    const wide = [16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 10, 16];
    expect(assessActivity(months([...wide, 11, 11, 11, 11, 11, 11, 11])).signal).toBe('special_cause_low');
    expect(assessActivity(months([...wide, 12, 11, 11, 11, 11, 11, 11])).signal).toBe('common_cause');
  });

  it('a trend of 6 points each higher than the one before is special cause (high); 5 is not', () => {
    // 18 base values ending on 16, then 10 … 15: six points rising (the 16 before them is higher)
    expect(assessActivity(months([...alternating(18, 8, 16), 10, 11, 12, 13, 14, 15])).signal).toBe('special_cause_high');
    // 19 base values ending on 16, then 11 … 15: five points rising
    expect(assessActivity(months([...alternating(19, 16, 8), 11, 12, 13, 14, 15])).signal).toBe('common_cause');
  });

  it('a trend of 6 points each lower than the one before is special cause (low)', () => {
    expect(assessActivity(months([...alternating(18, 16, 8), 14, 13, 12, 11, 10, 9])).signal).toBe('special_cause_low');
  });

  it('an equal neighbour breaks a trend', () => {
    // 10 11 12 12 13 14 15: only 12 13 14 15 rise after the tie (4 points)
    expect(assessActivity(months([...alternating(17, 8, 16), 10, 11, 12, 12, 13, 14, 15])).signal).toBe('common_cause');
    // the same without the tie: seven points rising
    expect(assessActivity(months([...alternating(17, 8, 16), 9, 10, 11, 12, 13, 14, 15])).signal).toBe('special_cause_high');
  });

  it('2 of the 3 points ending at M beyond two thirds of the way to the same limit are special cause', () => {
    // 21 base values (11 eights, 10 sixteens: 248) then 28 12 28: mean 316/24 = 13.17; moving ranges 20 × 8,
    // |28-8|, |12-28|, |28-12| = 160 + 20 + 16 + 16 = 212 over 23 = 9.22; upper 13.17 + 24.52 = 37.69;
    // two thirds of the way: 13.17 + 16.35 = 29.51 — so 28 is not beyond it yet: use 31.
    const wide = alternating(21, 8, 16);
    const high = assessActivity(months([...wide, 31, 12, 31]));
    const band = high.mean! + (2 / 3) * (high.upper! - high.mean!);
    expect(31).toBeGreaterThan(band);
    expect(31).toBeLessThan(high.upper!);
    expect(high.signal).toBe('special_cause_high');
    // the two beyond need not include M: 31 31 then 12
    expect(assessActivity(months([...wide, 31, 31, 12])).signal).toBe('special_cause_high');
    // only one of the three beyond
    expect(assessActivity(months([...wide, 12, 12, 31])).signal).toBe('common_cause');
  });

  it('2 of 3 beyond two thirds towards the lower limit are special cause (low)', () => {
    // mirrored: 24 − x
    const wide = alternating(21, 16, 8);
    const low = assessActivity(months([...wide, -7, 12, -7]));
    const band = low.mean! - (2 / 3) * (low.mean! - low.lower!);
    expect(-7).toBeLessThan(band);
    expect(-7).toBeGreaterThan(low.lower!);
    expect(low.signal).toBe('special_cause_low');
  });

  it('a point beyond a limit is judged before a run on the other side', () => {
    // six points above the mean, then one far below: beyond the lower limit wins
    const wide = [8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 14, 8];
    expect(assessActivity(months([...wide, 13, 13, 13, 13, 13, 13, -40])).signal).toBe('special_cause_low');
  });
});

describe('a fixed expected range', () => {
  const run = [8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 16, 8, 14, 8, 13, 13, 13, 13, 13, 13, 13];

  it('replaces the limits, has no centre line, and only the beyond-a-limit rule applies', () => {
    // XmR would see a run of 7 above the mean; inside the fixed range it is common cause
    expect(assessActivity(months(run)).signal).toBe('special_cause_high');
    expect(assessActivity(months(run), { lower: 5, upper: 20 })).toEqual({
      value: 13, mean: null, lower: 5, upper: 20, fixedRange: true, signal: 'common_cause',
    });
  });

  it('flags a value beyond it, and not one on it', () => {
    expect(assessActivity(months(run), { lower: 5, upper: 12.5 }).signal).toBe('special_cause_high');
    expect(assessActivity(months(run), { lower: 13.5, upper: 20 }).signal).toBe('special_cause_low');
    expect(assessActivity(months(run), { lower: 13, upper: 13 }).signal).toBe('common_cause');
  });

  it('applies without 12 months of data, but gives no signal without a value at M', () => {
    expect(assessActivity(months([40]), { lower: 5, upper: 20 }).signal).toBe('special_cause_high');
    expect(assessActivity(months([40, null]), { lower: 5, upper: 20 }).signal).toBeNull();
  });
});
