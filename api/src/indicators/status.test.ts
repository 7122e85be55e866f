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
  it('has no target before the first target year', () => {
    expect(pickTarget('percent', rows, 2015, 'KENT')).toBeNull();
    expect(pickTarget('count', rows, 2015, 'DAR')).toBeNull();
  });
  it('marks a target of its own year as not carried forward', () => {
    expect(pickTarget('percent', rows, 2016, 'KENT')).toMatchObject({ carriedForward: false, fromYear: 2016 });
  });
});

describe('targets carried forward after the plan', () => {
  // Percent: the county has 2016–2018, Dartford its own 2017 only. Count: the county 2016–2018, Dartford 2016.
  const rows: TargetRow[] = [
    { year: 2016, geographyCode: 'KENT', target: 30, floor: 35, floorAssumed: true },
    { year: 2017, geographyCode: 'KENT', target: 28, floor: 33, floorAssumed: true },
    { year: 2018, geographyCode: 'KENT', target: 25, floor: 30, floorAssumed: false },
    { year: 2017, geographyCode: 'DAR', target: 20, floor: null, floorAssumed: false },
  ];
  const counts: TargetRow[] = [
    { year: 2016, geographyCode: 'KENT', target: 900, floor: 950, floorAssumed: true },
    { year: 2018, geographyCode: 'KENT', target: 800, floor: 850, floorAssumed: true },
    { year: 2016, geographyCode: 'DAR', target: 90, floor: 95, floorAssumed: false },
  ];
  it('carries the last year target and floor forward, keeping the year it comes from', () => {
    expect(pickTarget('percent', rows, 2020, 'KENT')).toEqual({
      target: 25, floor: 30, floorAssumed: false, geographyCode: 'KENT', carriedForward: true, fromYear: 2018,
    });
  });
  it('applies the geography rule in each year searched: a district takes the county target of the latest year', () => {
    // 2019 at Dartford: no Dartford 2019, no county 2019; 2018: no Dartford, but the county's → 25 from 2018,
    // not Dartford's own older 20 of 2017.
    expect(pickTarget('percent', rows, 2019, 'DAR')).toMatchObject({ target: 25, geographyCode: 'KENT', carriedForward: true, fromYear: 2018 });
    // The same at an area without any target of its own.
    expect(pickTarget('percent', rows, 2019, 'NORTH')).toMatchObject({ target: 25, geographyCode: 'KENT', fromYear: 2018 });
  });
  it('never lets a count borrow another geography target, carried or not', () => {
    // Dartford's own 2016 count target is carried; the county's later 2018 one is not Dartford's.
    expect(pickTarget('count', counts, 2019, 'DAR')).toMatchObject({ target: 90, geographyCode: 'DAR', carriedForward: true, fromYear: 2016 });
    expect(pickTarget('count', counts, 2019, 'GRA')).toBeNull();
    expect(pickTarget('count', counts, 2019, 'NORTH')).toBeNull();
    // The county carries across its own gap year (2017 ← 2016).
    expect(pickTarget('count', counts, 2017, 'KENT')).toMatchObject({ target: 900, carriedForward: true, fromYear: 2016 });
  });
  it('stops carrying once a later target is loaded', () => {
    const later = [...rows, { year: 2020, geographyCode: 'KENT', target: 22, floor: 26, floorAssumed: false }];
    expect(pickTarget('percent', later, 2020, 'KENT')).toMatchObject({ target: 22, carriedForward: false, fromYear: 2020 });
    expect(pickTarget('percent', later, 2021, 'DAR')).toMatchObject({ target: 22, carriedForward: true, fromYear: 2020 });
    // The year between still carries 2018's.
    expect(pickTarget('percent', later, 2019, 'KENT')).toMatchObject({ target: 25, fromYear: 2018 });
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
