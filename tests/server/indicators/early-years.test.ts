// Early years and Children's Centres measures (indicators.md 9-12), from hand-built records.
import { describe, expect, it } from 'vitest';
import { coverMonths, figures, series, useIndicatorDatabase } from './support.js';

describe('cc_good_outstanding_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2013-01-01', '2015-12-31');
    await db.query(`INSERT INTO childrens_centres VALUES
      ('C1', 'One', 'DAR'), ('C2', 'Two', 'DAR'), ('C3', 'Never inspected', 'DAR'), ('C4', 'Four', 'GRA')`);
    await db.query(`INSERT INTO cc_inspections VALUES
      ('C1', '2013-01-01', 'inadequate'), ('C1', '2015-06-30', 'good'),
      ('C2', '2014-01-01', 'outstanding'), ('C2', '2015-07-01', 'inadequate'),
      ('C4', '2015-01-01', 'requires_improvement')`);
  });

  it('judges each inspected centre by its latest inspection on or before the month end', async () => {
    expect(await series(pool(), 'cc_good_outstanding_pct', 'DAR', '2015-05', '2015-07')).toEqual({
      '2015-05': '1/2', '2015-06': '2/2', '2015-07': '1/2',
    });
    expect(await figures(pool(), 'cc_good_outstanding_pct', '2015-06')).toEqual({ CAN: '0/0', DAR: '2/2', GRA: '0/1' });
  });
});

describe('cc_deprived_registered_pct and cc_deprived_attending_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2013-01-01', '2017-03-31');
    await db.query(`INSERT INTO lsoas VALUES
      ('LD1', 'DAR', 1), ('LD3', 'DAR', 3), ('LD4', 'DAR', 4), ('LG2', 'GRA', 2), ('LC9', 'CAN', 9)`);
    await db.query(`INSERT INTO lsoa_populations VALUES
      ('LG2', 2013, 35),
      ('LD1', 2014, 100), ('LD3', 2014, 50), ('LD4', 2014, 70), ('LG2', 2014, 40), ('LC9', 2014, 10),
      ('LD1', 2015, 120), ('LD3', 2015, 60), ('LD4', 2015, 80), ('LG2', 2015, 30)`);
    await db.query(`INSERT INTO childrens_centres VALUES ('C1', 'One', 'DAR')`);
    await db.query(`INSERT INTO cc_registrations VALUES
      ('r1', '2012-01-01', 'LD1', 'C1', '2014-01-01'),
      ('r2', '2010-06-30', 'LD3', 'C1', '2012-01-01'),  -- 5 on 30 June 2015
      ('r3', '2012-02-29', 'LD1', 'C1', '2013-01-01'),  -- born on 29 February
      ('r4', '2013-01-01', 'LD4', 'C1', '2014-01-01'),  -- LSOA in decile 4: not deprived
      ('r5', '2014-01-01', 'LD3', 'C1', '2015-07-01'),  -- registered the day after June ends
      ('r6', '2013-05-05', 'LG2', 'C1', '2015-06-30'),
      ('r7', '2013-01-01', 'LG2', 'C1', '2013-06-01')`);
    await db.query(`INSERT INTO cc_attendances VALUES
      ('a1', 'r1', 'C1', '2013-01-15'), ('a2', 'r1', 'C1', '2013-12-15'),
      ('a3', 'r1', 'C1', '2014-07-01'),  -- first day of the June 2015 window
      ('a4', 'r3', 'C1', '2014-06-30'),  -- a day before it
      ('a5', 'r2', 'C1', '2015-05-01'),
      ('a6', 'r6', 'C1', '2015-06-30'),
      ('a7', 'r4', 'C1', '2015-06-01'),
      ('a8', 'r5', 'C1', '2015-07-01'),
      ('a9', 'r7', 'C1', '2013-06-10'), ('a10', 'r7', 'C1', '2014-08-10'),  -- 14 months apart
      ('a11', 'r6', 'C1', '2015-06-02'), ('a12', 'r6', 'C1', '2015-09-15')`); // r6: twice in June, again in September
  });

  it('counts registered children under 5 over the latest mid-year population whose 30 June has passed', async () => {
    // June 2015 uses mid-2015 (DAR 120 + 60; LD4 is not deprived); May 2015 uses mid-2014 (100 + 50).
    expect(await series(pool(), 'cc_deprived_registered_pct', 'DAR', '2015-05', '2015-07')).toEqual({
      '2015-05': '3/150', // r1, r2 (still 4), r3
      '2015-06': '2/180', // r2 has turned 5
      '2015-07': '3/180', // r5 registered on 1 July
    });
    expect(await figures(pool(), 'cc_deprived_registered_pct', '2015-06')).toEqual({ CAN: '0/0', DAR: '2/180', GRA: '2/30' });
  });

  it('keeps a child born on 29 February under 5 until 1 March of a non-leap year', async () => {
    // r1 turned 5 on 1 January 2017; r3 is 4 on 28 February 2017 and 5 on 1 March.
    expect(await series(pool(), 'cc_deprived_registered_pct', 'DAR', '2017-02', '2017-03')).toEqual({
      '2017-02': '2/180', '2017-03': '1/180',
    });
  });

  it('counts only children with an attendance in the rolling window', async () => {
    expect(await series(pool(), 'cc_deprived_attending_pct', 'DAR', '2015-05', '2015-07')).toEqual({
      '2015-05': '3/150', // r1, r2, r3
      '2015-06': '1/180', // r1 (attended on the first day of the window); r3's attendance has left it
      '2015-07': '1/180', // r5; r1's attendance has left the window
    });
    // GRA: r6 (attended on the month end) and r7 (attended August 2014).
    expect(await figures(pool(), 'cc_deprived_attending_pct', '2015-06')).toEqual({ CAN: '0/0', DAR: '1/180', GRA: '2/30' });
  });

  it('joins attendances less than twelve months apart and leaves a gap after one more than twelve', async () => {
    // r7 attended June 2013 and August 2014: in the windows of June 2013-May 2014 and August 2014-July 2015.
    expect(await series(pool(), 'cc_deprived_attending_pct', 'GRA', '2014-05', '2014-08')).toEqual({
      '2014-05': '1/35', '2014-06': '0/40', '2014-07': '0/40', '2014-08': '1/40',
    });
    // r1's attendances in January 2013, December 2013 and July 2014 keep it counted without a break.
    const r1 = await series(pool(), 'cc_deprived_attending_pct', 'DAR', '2014-01', '2014-12');
    expect(Object.values(r1).every((value) => value.startsWith('1/') || value.startsWith('2/'))).toBe(true);
  });

  it('counts a child once a month however many of its attendances are in the window', async () => {
    // r6 attended twice in June 2015 and once in September 2015; r7's August 2014 attendance leaves
    // the window after July 2015.
    expect(await series(pool(), 'cc_deprived_attending_pct', 'GRA', '2015-07', '2015-10')).toEqual({
      '2015-07': '2/30', '2015-08': '1/30', '2015-09': '1/30', '2015-10': '1/30',
    });
  });
});

describe('ff2_take_up_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-12-01', '2015-08-31');
    await db.query(`INSERT INTO ff2_places VALUES
      ('f1', '2015-01-01', 'DAR', true), ('f2', '2015-01-01', 'DAR', false), ('f3', '2015-01-01', 'GRA', true),
      ('f1', '2015-05-01', 'DAR', true), ('f2', '2015-05-01', 'DAR', true), ('f4', '2015-05-01', 'DAR', false)`);
  });

  it('uses the latest snapshot with any rows in the county, on or before the month', async () => {
    expect(await figures(pool(), 'ff2_take_up_pct', '2014-12')).toEqual({ CAN: '0/0', DAR: '0/0', GRA: '0/0' });
    expect(await figures(pool(), 'ff2_take_up_pct', '2015-04')).toEqual({ CAN: '0/0', DAR: '1/2', GRA: '1/1' });
    // The May snapshot has no GRA rows: GRA has no figure rather than January's.
    expect(await figures(pool(), 'ff2_take_up_pct', '2015-08')).toEqual({ CAN: '0/0', DAR: '2/3', GRA: '0/0' });
  });
});
