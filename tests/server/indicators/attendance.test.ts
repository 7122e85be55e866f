// Persistent absence (indicators.md 19-20 and the 15% context measures) and exclusions (21-24).
import { describe, expect, it } from 'vitest';
import { coverMonths, figures, series, useIndicatorDatabase } from './support.js';

describe('persistent absence', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2013-09-01', '2016-01-31');
    // Academic year 2015 (September 2014 to August 2015), primary, DAR: possible/absent sessions by term.
    await db.query(`INSERT INTO pupil_absence VALUES
      ('u1', 'DAR', 'primary', 2015, 'autumn', 100, 10),  -- exactly 10%
      ('u1', 'DAR', 'primary', 2015, 'spring', 100, 0),
      ('u1', 'DAR', 'primary', 2015, 'summer', 100, 20),
      ('u2', 'DAR', 'primary', 2015, 'autumn', 100, 9),
      ('u2', 'DAR', 'primary', 2015, 'spring', 100, 11),
      ('u2', 'DAR', 'primary', 2015, 'summer', 100, 0),
      ('u3', 'DAR', 'primary', 2015, 'autumn', 0, 0),     -- no possible sessions in the autumn
      ('u3', 'DAR', 'primary', 2015, 'spring', 50, 10),
      ('u3', 'DAR', 'primary', 2015, 'summer', 0, 0),
      ('u4', 'DAR', 'primary', 2015, 'autumn', 100, 15),  -- exactly 15%
      ('u4', 'DAR', 'primary', 2015, 'spring', 100, 0),
      ('u4', 'DAR', 'primary', 2015, 'summer', 100, 16),
      ('u5', 'DAR', 'secondary', 2015, 'autumn', 200, 19),
      ('u1', 'GRA', 'primary', 2015, 'autumn', 100, 50),  -- the same pupil in another district
      ('u6', 'DAR', 'primary', 2014, 'autumn', 100, 50),  -- academic year 2014
      ('u6', 'DAR', 'primary', 2014, 'spring', 100, 0),
      ('u6', 'DAR', 'primary', 2014, 'summer', 100, 0)`);
  });

  it('uses the autumn term alone in January and February, counting exactly 10% and leaving out zero sessions', async () => {
    // u1 10% (yes), u2 9%, u4 15% (yes); u3 has no autumn sessions.
    expect(await figures(pool(), 'pa_primary_10pct', '2015-01')).toEqual({ CAN: '0/0', DAR: '2/3', GRA: '1/1' });
    expect(await figures(pool(), 'pa_primary_15pct', '2015-01')).toEqual({ CAN: '0/0', DAR: '1/3', GRA: '1/1' });
    expect(await figures(pool(), 'pa_secondary_10pct', '2015-02')).toEqual({ CAN: '0/0', DAR: '0/1', GRA: '0/0' });
    expect(await figures(pool(), 'pa_secondary_15pct', '2015-02')).toEqual({ CAN: '0/0', DAR: '0/1', GRA: '0/0' });
  });

  it('adds the spring term from March to June', async () => {
    // Autumn + spring: u1 10/200, u2 20/200 (10%), u3 10/50 (20%), u4 15/200.
    expect(await series(pool(), 'pa_primary_10pct', 'DAR', '2015-03', '2015-06')).toEqual({
      '2015-03': '2/4', '2015-04': '2/4', '2015-05': '2/4', '2015-06': '2/4',
    });
    expect(await figures(pool(), 'pa_primary_15pct', '2015-03')).toEqual({ CAN: '0/0', DAR: '1/4', GRA: '1/1' });
  });

  it('uses the whole year from July, and the whole previous year from September to December', async () => {
    // All terms: u1 30/300 (10%), u2 20/300, u3 10/50, u4 31/300.
    expect(await series(pool(), 'pa_primary_10pct', 'DAR', '2015-07', '2015-12')).toEqual({
      '2015-07': '3/4', '2015-08': '3/4', '2015-09': '3/4', '2015-10': '3/4', '2015-11': '3/4', '2015-12': '3/4',
    });
    expect(await figures(pool(), 'pa_primary_15pct', '2015-07')).toEqual({ CAN: '0/0', DAR: '1/4', GRA: '1/1' });
    // September to December 2014 show academic year 2014; January 2016 has no autumn 2016 data yet.
    expect(await series(pool(), 'pa_primary_10pct', 'DAR', '2014-09', '2014-12')).toEqual({
      '2014-09': '1/1', '2014-10': '1/1', '2014-11': '1/1', '2014-12': '1/1',
    });
    expect(await figures(pool(), 'pa_primary_10pct', '2016-01')).toEqual({ CAN: '0/0', DAR: '0/0', GRA: '0/0' });
  });
});

describe('exclusions', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2015-12-31');
    await db.query(`INSERT INTO exclusions VALUES
      ('x1', 'u1', 'DAR', 'primary', 'permanent', '2014-09-01'),  -- first day of academic year 2015
      ('x2', 'u2', 'DAR', 'primary', 'permanent', '2015-08-31'),  -- last day
      ('x3', 'u3', 'DAR', 'primary', 'permanent', '2014-08-31'),  -- the year before
      ('x4', 'u4', 'DAR', 'secondary', 'fixed', '2015-01-01'),
      ('x5', 'u5', 'GRA', 'secondary', 'permanent', '2015-05-05'),
      ('x6', 'u6', 'CAN', 'primary', 'fixed', '2014-12-31')`);
  });

  it('counts exclusions by type and phase with start_on in the window: the academic year at August', async () => {
    expect(await figures(pool(), 'excl_permanent_primary', '2015-08')).toEqual({ CAN: '0', DAR: '2', GRA: '0' });
    expect(await figures(pool(), 'excl_permanent_secondary', '2015-08')).toEqual({ CAN: '0', DAR: '0', GRA: '1' });
    expect(await figures(pool(), 'excl_fixed_primary', '2015-08')).toEqual({ CAN: '1', DAR: '0', GRA: '0' });
    expect(await figures(pool(), 'excl_fixed_secondary', '2015-08')).toEqual({ CAN: '0', DAR: '1', GRA: '0' });
  });

  it('takes a window across the year end', async () => {
    // February 2014 to January 2015.
    expect(await figures(pool(), 'excl_permanent_primary', '2015-01')).toEqual({ CAN: '0', DAR: '2', GRA: '0' });
    expect(await figures(pool(), 'excl_fixed_primary', '2015-01')).toEqual({ CAN: '1', DAR: '0', GRA: '0' });
  });
});
