import { describe, expect, it } from 'vitest';
import { directionOfTravel, regularizedIncompleteBeta, studentTCdf, studentTCritical, trend } from './direction.js';

const series = (ys: (number | null)[]) => ys.map((y, x) => ({ x, y }));

describe('Student t critical values (computed, not tabulated)', () => {
  it('matches the printed two-sided 95% table', () => {
    expect(studentTCritical(1)).toBeCloseTo(12.706, 3);
    expect(studentTCritical(4)).toBeCloseTo(2.776, 3);
    expect(studentTCritical(10)).toBeCloseTo(2.228, 3);
    expect(studentTCritical(30)).toBeCloseTo(2.042, 3);
  });
  it('has a CDF that is symmetric and a half at zero', () => {
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(1.5, 7) + studentTCdf(-1.5, 7)).toBeCloseTo(1, 12);
  });
  it('computes I_x(a, b) for a case with a closed form: I_x(1, 1) = x, I_x(2, 1) = x²', () => {
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(regularizedIncompleteBeta(0.3, 2, 1)).toBeCloseTo(0.09, 12);
  });
});

describe('direction of travel', () => {
  it('is null with fewer than six values (missing months skipped)', () => {
    expect(directionOfTravel('higher_is_better', series([1, 2, null, 3, 4, 5, null]))).toBeNull();
    expect(directionOfTravel('higher_is_better', series([1, 2, null, 3, 4, 5, 6]))).toBe('improving');
  });
  it('reads a rising noisy series as improving when higher is better and worsening when lower is better', () => {
    // slope 1 per month with ±0.5 noise: t is far above 2.228 (df 10).
    const ys = [10, 11.5, 12, 13.5, 14, 15.5, 16, 17.5, 18, 19.5, 20, 21.5];
    expect(directionOfTravel('higher_is_better', series(ys))).toBe('improving');
    expect(directionOfTravel('lower_is_better', series(ys))).toBe('worsening');
    const falling = ys.map((y) => -y);
    expect(directionOfTravel('lower_is_better', series(falling))).toBe('improving');
    expect(directionOfTravel('higher_is_better', series(falling))).toBe('worsening');
  });
  it('reads a zig-zag with a small slope as stable', () => {
    // x 0..5, y = 10, 14, 10, 14, 10, 14: Sxx = 17.5, Sxy = 6, slope = 6 / 17.5 ≈ 0.343;
    // SSE = 24 − 6² / 17.5 ≈ 21.94, SE = √(21.94 / 4 / 17.5) ≈ 0.560, t ≈ 0.61 < 2.776 (df 4).
    const fit = trend(series([10, 14, 10, 14, 10, 14]))!;
    expect(fit.slope).toBeCloseTo(6 / 17.5, 10);
    expect(fit.t).toBeCloseTo(0.612, 3);
    expect(directionOfTravel('higher_is_better', series([10, 14, 10, 14, 10, 14]))).toBe('stable');
  });
  it('treats a perfectly straight sloping line as a clear trend and a constant series as stable', () => {
    expect(directionOfTravel('higher_is_better', series([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]))).toBe('improving');
    expect(directionOfTravel('lower_is_better', series([5, 4, 3, 2, 1, 0]))).toBe('improving');
    expect(directionOfTravel('lower_is_better', series([3, 3, 3, 3, 3, 3]))).toBe('stable');
  });
  it('decides at the critical value: t just above 2.776 is a trend, just below is stable (df 4)', () => {
    // y = x + e with residual pattern e = k·(1, -1, -1, 1, 1, -1)... computed t checked against the cut-off.
    const noisy = (k: number) => series([0, 1, 2, 3, 4, 5].map((x, i) => x + k * [1, -1, -1, 1, 1, -1][i]!));
    const tOf = (k: number) => trend(noisy(k))!.t!;
    // Find k where t crosses 2.776 and check the decision on both sides.
    let k = 0.1;
    while (tOf(k) > 2.776) k += 0.01;
    expect(directionOfTravel('higher_is_better', noisy(k))).toBe('stable');
    expect(directionOfTravel('higher_is_better', noisy(k - 0.02))).toBe('improving');
  });
});
