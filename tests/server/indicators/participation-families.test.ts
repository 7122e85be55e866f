// Participation (indicators.md 17) and Troubled Families (18) measures, from hand-built rows.
import { describe, expect, it } from 'vitest';
import { coverMonths, figures, rollup, series, useIndicatorDatabase } from './support.js';

describe('neet_16_18_pct and neet_16_18_unknown_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await db.query(`INSERT INTO neet_activity VALUES
      ('y1', '2015-03-01', 'DAR', 16, 'eet'),
      ('y2', '2015-03-01', 'DAR', 17, 'neet'),
      ('y3', '2015-03-01', 'DAR', 18, 'unknown'),
      ('y4', '2015-03-01', 'DAR', 18, 'neet'),
      ('y5', '2015-03-01', 'GRA', 16, 'eet'),
      ('y1', '2015-04-01', 'DAR', 16, 'neet')`);
  });

  it('leaves unknown activity out of the NEET rate and shows its share of all rows', async () => {
    expect(await figures(pool(), 'neet_16_18_pct', '2015-03')).toEqual({ CAN: '0/0', DAR: '2/3', GRA: '0/1' });
    expect(await figures(pool(), 'neet_16_18_unknown_pct', '2015-03')).toEqual({ CAN: '0/0', DAR: '1/4', GRA: '0/1' });
    expect(await figures(pool(), 'neet_16_18_pct', '2015-04')).toEqual({ CAN: '0/0', DAR: '1/1', GRA: '0/0' });
  });

  it("gives an area the rate of its summed rows, not the average of its districts' rates", async () => {
    // NORTH: DAR 2/3 (66.7%) and GRA 0/1 (0%): 2/4 = 50%, where the average of the rates is 33.3%.
    const north = await rollup(pool(), 'neet_16_18_pct', '2015-03', 'NORTH');
    expect(north).toEqual({ numerator: 2, denominator: 4 });
    expect((100 * north.numerator) / (north.denominator ?? 0)).not.toBeCloseTo((100 * 2 / 3 + 0) / 2, 1);
    expect(await rollup(pool(), 'neet_16_18_pct', '2015-03', null)).toEqual({ numerator: 2, denominator: 4 });
  });
});

describe('tf_turned_around_cumulative and tf_turned_around_phase1', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2015-06-30');
    await db.query(`INSERT INTO tf_claims VALUES
      ('t1', 2, 'DAR', '2014-12-31'),  -- phase 2 before 1 January 2015: not counted
      ('t2', 2, 'DAR', '2015-01-01'),
      ('t3', 2, 'DAR', '2015-03-31'),
      ('t4', 2, 'DAR', '2015-04-01'),
      ('t1', 1, 'DAR', '2014-06-01'),
      ('t5', 1, 'DAR', '2015-02-01'),
      ('t6', 2, 'GRA', '2015-02-14')`);
  });

  it('counts phase 2 claims from 1 January 2015 to the month end', async () => {
    expect(await series(pool(), 'tf_turned_around_cumulative', 'DAR', '2014-12', '2015-04')).toEqual({
      '2014-12': '0', '2015-01': '1', '2015-02': '1', '2015-03': '2', '2015-04': '3',
    });
    expect(await figures(pool(), 'tf_turned_around_cumulative', '2015-06')).toEqual({ CAN: '0', DAR: '3', GRA: '1' });
  });

  it('counts phase 1 claims up to the month end', async () => {
    expect(await series(pool(), 'tf_turned_around_phase1', 'DAR', '2014-05', '2014-06')).toEqual({ '2014-05': '0', '2014-06': '1' });
    expect(await figures(pool(), 'tf_turned_around_phase1', '2015-06')).toEqual({ CAN: '0', DAR: '2', GRA: '0' });
  });
});
