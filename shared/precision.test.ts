import { describe, expect, it } from 'vitest';
import { figureDecimals, missedThresholds, thresholdDecimals, valueDecimals } from './precision.js';

describe('decimals that keep a status from contradicting its figure', () => {
  it('keeps the usual precision when the value does not look equal to a threshold it misses', () => {
    expect(valueDecimals(79.5, 'percent', [80])).toBe(1);
    expect(valueDecimals(1669, 'count', [1700])).toBe(0);
    expect(valueDecimals(null, 'percent', [80])).toBe(1);
  });
  it('shows 79.96 % beside a missed 80 % target with two decimals, and 79.996 % with three', () => {
    expect(valueDecimals(79.96, 'percent', [80])).toBe(2);
    expect(valueDecimals(79.996, 'percent', [80])).toBe(3);
    // Lower is better: 6.04 % misses a 6.0 % target.
    expect(valueDecimals(6.04, 'percent', [6])).toBe(2);
  });
  it('adds decimals to a count only when a fractional threshold rounds to it', () => {
    expect(valueDecimals(1701, 'count', [1700.6])).toBe(1);
  });
  it('reads the missed thresholds off the status: amber misses the target, red the target and the floor', () => {
    expect(missedThresholds('green', 80, 70)).toEqual([]);
    expect(missedThresholds('amber', 80, 70)).toEqual([80]);
    expect(missedThresholds('red', 80, 70)).toEqual([80, 70]);
    expect(missedThresholds('red', 80, null)).toEqual([80]);
    expect(missedThresholds('no_data', 80, 70)).toEqual([]);
  });
  it('never adds decimals to a value that meets the threshold it rounds to (green 80.04 % beside 80.0 %)', () => {
    expect(figureDecimals({ unit: 'percent', value: 80.04, target: 80, floor: 75, status: 'green' })).toEqual({ value: 1, target: 1, floor: 1 });
  });
  it('shows a red value that rounds to its floor with the decimals to see it, thresholds exactly', () => {
    expect(figureDecimals({ unit: 'percent', value: 69.97, target: 80, floor: 70, status: 'red' })).toEqual({ value: 2, target: 1, floor: 1 });
    // A threshold with more digits than usual is shown with them beside a value that needs them.
    expect(thresholdDecimals(80.04, 'percent', 2)).toBe(2);
    expect(figureDecimals({ unit: 'percent', value: 80.02, target: 80.04, floor: null, status: 'red' })).toEqual({ value: 2, target: 2, floor: 1 });
  });
});
