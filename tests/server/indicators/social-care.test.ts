// Social care interface measures (indicators.md 6-8) and SCS re-referrals, from hand-built records.
import { describe, expect, it } from 'vitest';
import { coverMonths, figures, series, useIndicatorDatabase } from './support.js';

describe('scs_stepped_down_to_eh_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2015-06-30');
    await db.query(`INSERT INTO scs_cases VALUES
      ('s1', 'k1', '2005-01-01', 'DAR', '2014-01-01', '2014-04-01', true),
      ('s2', 'k2', '2005-01-01', 'DAR', '2014-01-01', '2015-03-31', false),
      ('s3', 'k3', '2005-01-01', 'DAR', '2014-01-01', '2014-03-31', true),
      ('s4', 'k4', '2005-01-01', 'GRA', '2014-01-01', '2015-01-15', true),
      ('s5', 'k5', '2005-01-01', 'GRA', '2014-01-01', NULL, NULL)`);
  });

  it('counts SCS cases closed in the rolling window', async () => {
    expect(await figures(pool(), 'scs_stepped_down_to_eh_pct', '2015-03')).toEqual({ CAN: '0/0', DAR: '1/2', GRA: '1/1' });
    // Across the year end: February 2014 to January 2015 holds s3 and s1.
    expect(await figures(pool(), 'scs_stepped_down_to_eh_pct', '2015-01')).toEqual({ CAN: '0/0', DAR: '2/2', GRA: '1/1' });
  });
});

describe('scs_0_5_known_to_cc_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2017-03-31');
    await db.query(`INSERT INTO lsoas VALUES ('L1', 'DAR', 5)`);
    await db.query(`INSERT INTO childrens_centres VALUES ('C1', 'Dartford Centre', 'DAR')`);
    await db.query(`INSERT INTO scs_cases VALUES
      ('a1', 'k1', '2010-06-30', 'DAR', '2015-01-01', NULL, NULL),               -- 5 on 30 June 2015
      ('a2', 'k2', '2010-07-01', 'DAR', '2015-01-01', NULL, NULL),               -- still 4 on 30 June 2015
      ('a3-one', 'k3', '2012-01-01', 'DAR', '2015-01-01', NULL, NULL),           -- two open cases, one child
      ('a3-two', 'k3', '2012-01-01', 'DAR', '2015-02-01', NULL, NULL),
      ('a4-dar', 'k4', '2013-01-01', 'DAR', '2015-01-01', '2015-06-30', false),  -- closed on the month end
      ('a4-gra', 'k4', '2013-01-01', 'GRA', '2015-01-01', NULL, NULL),
      ('a5', 'k5', '2012-02-29', 'CAN', '2016-01-01', NULL, NULL),               -- born on 29 February
      ('a6', 'k6', '2014-01-01', 'DAR', '2015-07-01', NULL, NULL)`);
    await db.query(`INSERT INTO cc_registrations VALUES
      ('k1', '2010-06-30', 'L1', 'C1', '2011-01-01'),
      ('k2', '2010-07-01', 'L1', 'C1', '2015-06-30'),  -- registered on the month end
      ('k3', '2012-01-01', 'L1', 'C1', '2015-07-01'),  -- registered the day after
      ('k5', '2012-02-29', 'L1', 'C1', '2016-01-01')`);
  });

  it('counts children under 5 at the month end once per child and district', async () => {
    // June 2015: k1 has turned 5; k2 registered on the month end; k3 (two cases) not yet registered;
    // k4's DAR case closed on the month end, its GRA case is open.
    expect(await figures(pool(), 'scs_0_5_known_to_cc_pct', '2015-06')).toEqual({ CAN: '0/0', DAR: '1/2', GRA: '0/1' });
    expect(await series(pool(), 'scs_0_5_known_to_cc_pct', 'DAR', '2015-05', '2015-07')).toEqual({
      '2015-05': '1/4', // k1 (4, registered), k2, k3, k4
      '2015-06': '1/2',
      '2015-07': '1/2', // k2 turned 5 on 1 July; k3 (now registered), k6 (case opened 1 July)
    });
  });

  it('keeps a child born on 29 February under 5 until 1 March of a non-leap year', async () => {
    expect(await series(pool(), 'scs_0_5_known_to_cc_pct', 'CAN', '2017-02', '2017-03')).toEqual({ '2017-02': '1/1', '2017-03': '0/0' });
  });
});

describe('scs_14_18_known_to_youth_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2015-12-31');
    await db.query(`INSERT INTO scs_cases VALUES
      ('y1', 'k1', '2001-06-30', 'DAR', '2015-01-01', NULL, NULL),  -- 14 on 30 June 2015
      ('y2', 'k2', '2001-07-01', 'DAR', '2015-01-01', NULL, NULL),  -- 14 on 1 July 2015
      ('y3', 'k3', '1996-07-01', 'DAR', '2015-01-01', NULL, NULL),  -- 18 until 30 June 2015, 19 on 1 July
      ('y4', 'k4', '1996-06-30', 'DAR', '2015-01-01', NULL, NULL),  -- 19 on 30 June 2015
      ('y5', 'k5', '2000-01-01', 'GRA', '2015-01-01', NULL, NULL)`);
    await db.query(`INSERT INTO youth_contacts VALUES
      ('c1', 'k1', '2014-07-01'),  -- first day of the June 2015 window
      ('c3', 'k3', '2014-06-30'),  -- a day before it
      ('c4', 'k4', '2015-06-01'),
      ('c5', 'k5', '2015-06-30')`); // last day
  });

  it('counts ages 14 to 18 at the month end and contacts in the rolling window', async () => {
    expect(await figures(pool(), 'scs_14_18_known_to_youth_pct', '2015-06')).toEqual({ CAN: '0/0', DAR: '1/2', GRA: '1/1' });
    // July 2015: k1's contact has left the window, k2 has turned 14, k3 has turned 19.
    expect(await figures(pool(), 'scs_14_18_known_to_youth_pct', '2015-07')).toEqual({ CAN: '0/0', DAR: '0/2', GRA: '1/1' });
  });
});

describe('scs_rereferral_12m_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2016-06-30');
    await db.query(`INSERT INTO scs_referrals VALUES
      ('q1-a', 'k1', 'CAN', '2015-03-01'),
      ('q1-b', 'k1', 'DAR', '2016-02-29'),  -- 365 days later: a re-referral, in its own district
      ('q2-a', 'k2', 'DAR', '2015-01-01'),
      ('q2-b', 'k2', 'DAR', '2016-01-02'),  -- 366 days later: not
      ('q3-a', 'k3', 'DAR', '2015-06-01'),  -- two referrals on one day: neither is a re-referral
      ('q3-b', 'k3', 'GRA', '2015-06-01'),
      ('q4-a', 'k4', 'GRA', '2015-05-01'),
      ('q4-b', 'k4', 'GRA', '2015-08-01')`);
  });

  it('counts referrals 1 to 365 days after an earlier referral of the same child', async () => {
    expect(await figures(pool(), 'scs_rereferral_12m_pct', '2016-03')).toEqual({ CAN: '0/0', DAR: '1/3', GRA: '1/3' });
  });
});
