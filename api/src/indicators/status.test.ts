import { describe, expect, it } from 'vitest';
import { indicatorValue, pickTarget, ragStatus, targetYear, type TargetRow } from './status.js';

describe('indicator value', () => {
  it('is 100 × Σnum / Σden for percents, null when Σden is 0, and Σnum for counts', () => {
    expect(indicatorValue('percent', { numerator: 3, denominator: 12 })).toBe(25);
    expect(indicatorValue('percent', { numerator: 0, denominator: 0 })).toBeNull();
    expect(indicatorValue('count', { numerator: 7, denominator: null })).toBe(7);
    expect(indicatorValue('count', null)).toBeNull();
  });
});

describe('target year', () => {
  it('is the financial year ending in March (2016 = Apr 2015 – Mar 2016)', () => {
    expect(targetYear('neet_16_18_pct', 'financial', '2015-03')).toBe(2015);
    expect(targetYear('neet_16_18_pct', 'financial', '2015-04')).toBe(2016);
    expect(targetYear('neet_16_18_pct', 'financial', '2016-03')).toBe(2016);
  });
  it('is the academic year ending in August (2016 = Sep 2015 – Aug 2016)', () => {
    expect(targetYear('excl_fixed_primary', 'academic', '2015-08')).toBe(2015);
    expect(targetYear('excl_fixed_primary', 'academic', '2015-09')).toBe(2016);
  });
  it('is the previous academic year for persistent absence from September to December', () => {
    expect(targetYear('pa_primary_10pct', 'academic', '2015-09')).toBe(2015);
    expect(targetYear('pa_primary_10pct', 'academic', '2015-12')).toBe(2015);
    expect(targetYear('pa_primary_10pct', 'academic', '2016-01')).toBe(2016);
    expect(targetYear('pa_secondary_10pct', 'academic', '2016-08')).toBe(2016);
  });
});

describe('target by geography', () => {
  const rows: TargetRow[] = [
    { year: 2016, geographyCode: 'KENT', target: 10, floor: 12, floorAssumed: true },
    { year: 2016, geographyCode: 'DAR', target: 8, floor: null, floorAssumed: false },
  ];
  it('uses the geography own target first', () => {
    expect(pickTarget('percent', rows, 2016, 'DAR')).toMatchObject({ target: 8, floor: null, geographyCode: 'DAR' });
  });
  it('falls back to the county for percent indicators only', () => {
    expect(pickTarget('percent', rows, 2016, 'GRA')).toMatchObject({ target: 10, floor: 12, floorAssumed: true, geographyCode: 'KENT' });
    expect(pickTarget('count', rows, 2016, 'GRA')).toBeNull();
    expect(pickTarget('count', rows, 2016, 'DAR')).toMatchObject({ target: 8 });
  });
  it('has no target for a year without a row', () => {
    expect(pickTarget('percent', rows, 2017, 'KENT')).toBeNull();
  });
});

describe('RAG status', () => {
  const withFloor = { target: 80, floor: 70 };
  it('is green / amber / red by polarity, the thresholds counting as met', () => {
    expect(ragStatus('higher_is_better', 80, withFloor)).toBe('green');
    expect(ragStatus('higher_is_better', 70, withFloor)).toBe('amber');
    expect(ragStatus('higher_is_better', 69.9, withFloor)).toBe('red');
    const lower = { target: 10, floor: 12 };
    expect(ragStatus('lower_is_better', 10, lower)).toBe('green');
    expect(ragStatus('lower_is_better', 12, lower)).toBe('amber');
    expect(ragStatus('lower_is_better', 12.1, lower)).toBe('red');
  });
  it('is only green or red without a floor', () => {
    expect(ragStatus('higher_is_better', 75, { target: 80, floor: null })).toBe('red');
    expect(ragStatus('higher_is_better', 85, { target: 80, floor: null })).toBe('green');
  });
  it('is no_data without a value (before no_target) and no_target without a target', () => {
    expect(ragStatus('higher_is_better', null, null)).toBe('no_data');
    expect(ragStatus('higher_is_better', 5, null)).toBe('no_target');
  });
});
