// Direction of travel: the least-squares slope of the last twelve months' values, tested against
// Student's t at the two-sided 95% level (see the indicator contract).
import type { Polarity } from './catalog.js';

export type Direction = 'improving' | 'worsening' | 'stable';

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < 9; i += 1) sum += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m += 1) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges quickly for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The t with P(|T| ≥ t) = alpha (two-sided critical value), found by bisection on the CDF. */
export function studentTCritical(df: number, alpha = 0.05): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  const p = 1 - alpha / 2;
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i += 1) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

const criticalCache = new Map<number, number>();
function critical95(df: number): number {
  let value = criticalCache.get(df);
  if (value === undefined) {
    value = studentTCritical(df);
    criticalCache.set(df, value);
  }
  return value;
}

export const MIN_DIRECTION_POINTS = 6;

export interface Trend {
  n: number;
  slope: number;
  /** null when every residual is zero (a perfectly straight series). */
  t: number | null;
}

/** OLS of y on x over the points with a value; null below MIN_DIRECTION_POINTS values. */
export function trend(points: readonly { x: number; y: number | null }[]): Trend | null {
  const used = points.filter((p): p is { x: number; y: number } => p.y !== null && Number.isFinite(p.y));
  const n = used.length;
  if (n < MIN_DIRECTION_POINTS) return null;
  const meanX = used.reduce((s, p) => s + p.x, 0) / n;
  const meanY = used.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of used) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
    syy += (p.y - meanY) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let sse = 0;
  for (const p of used) sse += (p.y - (intercept + slope * p.x)) ** 2;
  // Rounding leaves a tiny residual on a straight line: treat residuals below 1e-12 of the spread as zero.
  if (syy === 0 || sse <= syy * 1e-12) return { n, slope: syy === 0 ? 0 : slope, t: null };
  const se = Math.sqrt(sse / (n - 2) / sxx);
  return { n, slope, t: slope / se };
}

/**
 * improving / worsening when the slope is significant (|t| ≥ the two-sided 95% critical value with n − 2
 * degrees of freedom) in the polarity's good / bad way; stable otherwise; null below six values.
 * A perfectly straight series is a clear trend when it slopes, stable when it is flat.
 */
export function directionOfTravel(
  polarity: Polarity,
  points: readonly { x: number; y: number | null }[],
): Direction | null {
  const fit = trend(points);
  if (!fit) return null;
  const significant = fit.t === null ? fit.slope !== 0 : Math.abs(fit.t) >= critical95(fit.n - 2);
  if (!significant) return 'stable';
  const up = fit.slope > 0;
  return up === (polarity === 'higher_is_better') ? 'improving' : 'worsening';
}
