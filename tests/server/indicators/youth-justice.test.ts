// Youth justice measures (indicators.md 13-16), from hand-built outcomes and closures.
import { describe, expect, it } from 'vitest';
import { coverMonths, figures, series, useIndicatorDatabase } from './support.js';

describe('yj_first_time_entrants', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2013-01-01', '2018-03-31');
    await db.query(`INSERT INTO yj_outcomes VALUES
      ('o1', 'p1', '2004-05-01', 'DAR', '2014-05-01', 'youth_caution'),             -- 10 on the day
      ('o2', 'p2', '1997-01-01', 'DAR', '2014-12-31', 'conviction'),                -- 17, the day before turning 18
      ('o3', 'p3', '1997-01-01', 'DAR', '2015-01-01', 'conviction'),                -- 18 on the day
      ('o4a', 'p4', '2000-01-01', 'DAR', '2013-06-01', 'community_resolution'),     -- not an entry
      ('o4b', 'p4', '2000-01-01', 'DAR', '2014-06-01', 'youth_caution'),
      ('o5a', 'p5', '2000-01-01', 'DAR', '2014-02-01', 'youth_caution'),            -- before the 2015-03 window
      ('o5b', 'p5', '2000-01-01', 'DAR', '2014-08-01', 'conviction'),
      ('o6a', 'p6', '2005-03-01', 'GRA', '2015-02-28', 'youth_caution'),            -- 9 on the day
      ('o6b', 'p6', '2005-03-01', 'GRA', '2015-03-15', 'conviction'),               -- 10, but not a first outcome
      ('o7', 'p7', '2000-02-29', 'CAN', '2018-02-28', 'youth_conditional_caution'), -- born 29 February: still 17
      ('o8', 'p8', '2000-01-01', 'DAR', '2014-07-01', 'community_resolution')`);
  });

  it('counts first ever substantive outcomes at ages 10 to 17 in the rolling window', async () => {
    expect(await figures(pool(), 'yj_first_time_entrants', '2015-03')).toEqual({ CAN: '0', DAR: '3', GRA: '0' }); // p1, p2, p4
  });

  it('takes a window across the year end', async () => {
    // February 2014 to January 2015: p5, p1, p4, p2.
    expect(await figures(pool(), 'yj_first_time_entrants', '2015-01')).toEqual({ CAN: '0', DAR: '4', GRA: '0' });
  });

  it('counts a young person born on 29 February as 17 on 28 February of a non-leap year', async () => {
    expect(await series(pool(), 'yj_first_time_entrants', 'CAN', '2018-01', '2018-02')).toEqual({ '2018-01': '0', '2018-02': '1' });
  });
});

describe('yj_reoffending_rate_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2016-06-30');
    await db.query(`INSERT INTO yj_outcomes VALUES
      ('q1a', 'p1', '2000-01-01', 'DAR', '2014-04-01', 'youth_caution'),
      ('q1b', 'p1', '2000-01-01', 'DAR', '2015-04-01', 'conviction'),               -- day 365: re-offended
      ('q2a', 'p2', '2000-01-01', 'DAR', '2014-06-30', 'youth_caution'),
      ('q2b', 'p2', '2000-01-01', 'DAR', '2015-07-01', 'conviction'),               -- day 366: not
      ('q3a', 'p3', '2000-01-01', 'CAN', '2014-03-15', 'youth_caution'),            -- before the 2015-03 window
      ('q3b', 'p3', '2000-01-01', 'GRA', '2014-05-01', 'youth_caution'),            -- index in the 2015-03 window
      ('q3c', 'p3', '2000-01-01', 'DAR', '2014-09-01', 'conviction'),
      ('q4a', 'p4', '2000-01-01', 'DAR', '2014-05-01', 'community_resolution'),
      ('q4b', 'p4', '2000-01-01', 'DAR', '2015-02-01', 'youth_caution'),
      ('q4c', 'p4', '2000-01-01', 'DAR', '2015-03-01', 'community_resolution'),     -- not a re-offence
      ('q5a', 'p5', '2000-01-01', 'DAR', '2014-08-01', 'youth_caution'),            -- two on one day: one person
      ('q5b', 'p5', '2000-01-01', 'DAR', '2014-08-01', 'conviction')`);
  });

  it('follows the cohort of the window of M - 12 for 365 days from each first outcome in it', async () => {
    // 2016-03: outcomes April 2014 to March 2015. DAR: p1 (yes), p2 (day 366), p4, p5; GRA: p3 indexed
    // on 1 May 2014 in GRA, re-offending in DAR.
    expect(await figures(pool(), 'yj_reoffending_rate_pct', '2016-03')).toEqual({ CAN: '0/0', DAR: '1/4', GRA: '1/1' });
  });

  it('moves the index to the first outcome of a window across the year end', async () => {
    // 2016-01: outcomes February 2014 to January 2015. p3's index is now 15 March 2014 in CAN.
    expect(await figures(pool(), 'yj_reoffending_rate_pct', '2016-01')).toEqual({ CAN: '1/1', DAR: '1/3', GRA: '0/0' });
  });
});

describe('yo_school_age_ft_education_pct and yo_post16_ft_eet_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2015-06-30');
    await db.query(`INSERT INTO yj_closures VALUES
      ('h1', 'p1', 'DAR', '2014-04-01', true, 25),
      ('h2', 'p2', 'DAR', '2014-10-01', true, 24.5),
      ('h3', 'p3', 'DAR', '2015-01-10', false, 16),
      ('h4', 'p4', 'DAR', '2015-02-10', false, 15.9),
      ('h5', 'p5', 'DAR', '2014-03-31', true, 30),   -- before the 2015-03 window
      ('h6', 'p6', 'DAR', '2015-03-31', false, 20),
      ('h7', 'p7', 'GRA', '2015-03-01', true, 0)`);
  });

  it('counts school-age closures with 25 hours or more', async () => {
    expect(await figures(pool(), 'yo_school_age_ft_education_pct', '2015-03')).toEqual({ CAN: '0/0', DAR: '1/2', GRA: '0/1' });
  });

  it('counts post-16 closures with 16 hours or more', async () => {
    expect(await figures(pool(), 'yo_post16_ft_eet_pct', '2015-03')).toEqual({ CAN: '0/0', DAR: '2/3', GRA: '0/0' });
  });
});
