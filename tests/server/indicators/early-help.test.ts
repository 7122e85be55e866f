// Early help casework measures and the open caseload, from hand-built cases (see indicators.md 1-5).
import { describe, expect, it } from 'vitest';
import { coverMonths, figures, rollup, series, useIndicatorDatabase } from './support.js';

describe('cases closed in the window: eh_stepped_up_to_scs_pct and eh_closed_positive_outcome_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2015-06-30');
    await db.query(`INSERT INTO early_help_cases (case_id, child_id, district_code, notified_on, closed_on, closure_reason) VALUES
      ('e1', 'k1', 'DAR', '2014-01-10', '2014-04-01', 'stepped_up_to_scs'),  -- first day of the 2015-03 window
      ('e2', 'k2', 'DAR', '2014-01-10', '2015-03-31', 'outcomes_achieved'),  -- last day of the 2015-03 window
      ('e3', 'k3', 'DAR', '2014-01-10', '2014-03-31', 'stepped_up_to_scs'),  -- a day before the 2015-03 window
      ('e4', 'k4', 'DAR', '2014-01-10', '2015-04-01', 'other'),              -- after the end of 2015-03
      ('e5', 'k5', 'DAR', '2014-01-10', '2014-12-31', 'outcomes_achieved'),
      ('g1', 'k6', 'GRA', '2014-01-10', '2015-02-10', 'moved_away'),
      ('g2', 'k7', 'GRA', '2014-01-10', NULL, NULL)`); // still open
  });

  it('counts closures from the first to the last day of the rolling window', async () => {
    expect(await figures(pool(), 'eh_stepped_up_to_scs_pct', '2015-03')).toEqual({ CAN: '0/0', DAR: '1/3', GRA: '0/1' });
    expect(await figures(pool(), 'eh_closed_positive_outcome_pct', '2015-03')).toEqual({ CAN: '0/0', DAR: '2/3', GRA: '0/1' });
  });

  it('takes a window across the year end (February 2014 to January 2015)', async () => {
    expect(await figures(pool(), 'eh_stepped_up_to_scs_pct', '2015-01')).toEqual({ CAN: '0/0', DAR: '2/3', GRA: '0/0' });
    expect(await figures(pool(), 'eh_closed_positive_outcome_pct', '2015-01')).toEqual({ CAN: '0/0', DAR: '1/3', GRA: '0/0' });
  });

  it('rolls an area up by summing numerators and denominators', async () => {
    // NORTH: DAR 1/3 and GRA 0/1 give 1/4 (25%), not the average of 33.3% and 0%.
    expect(await rollup(pool(), 'eh_stepped_up_to_scs_pct', '2015-03', 'NORTH')).toEqual({ numerator: 1, denominator: 4 });
  });
});

describe('eh_notifications_assessed_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2015-06-30');
    await db.query(`INSERT INTO early_help_cases (case_id, child_id, district_code, notified_on, assessed_on) VALUES
      ('n1', 'k1', 'DAR', '2014-04-01', '2014-04-05'),
      ('n2', 'k2', 'DAR', '2015-03-20', '2015-04-02'),  -- assessed after the end of March
      ('n3', 'k3', 'DAR', '2015-03-31', NULL),          -- never assessed
      ('n4', 'k4', 'DAR', '2014-03-31', '2014-04-01')`); // notified before the 2015-03 window
  });

  it('counts an assessment only when it is on or before the month end', async () => {
    expect(await series(pool(), 'eh_notifications_assessed_pct', 'DAR', '2015-03', '2015-04')).toEqual({
      '2015-03': '1/3', // n1 assessed; n2 not yet; n3 never
      '2015-04': '1/2', // n1 has left the window; n2 now assessed
    });
  });
});

describe('eh_plans_within_4_weeks_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2015-06-30');
    await db.query(`INSERT INTO early_help_cases (case_id, child_id, district_code, notified_on, assessed_on, plan_on) VALUES
      ('p1', 'k1', 'DAR', '2015-01-01', '2015-01-01', '2015-01-29'),  -- 28 days: in time
      ('p2', 'k2', 'DAR', '2015-01-01', '2015-01-01', '2015-01-30'),  -- 29 days: late
      ('p3', 'k3', 'DAR', '2014-12-20', '2014-12-20', '2015-01-05'),  -- notified before the year end
      ('p4', 'k4', 'DAR', '2014-03-01', '2014-03-01', '2014-03-31'),  -- plan before the 2015-03 window
      ('p5', 'k5', 'GRA', '2015-02-01', '2015-02-01', NULL)`);        // no plan yet
  });

  it('counts a plan 28 days after notification as in time and 29 days as late', async () => {
    expect(await figures(pool(), 'eh_plans_within_4_weeks_pct', '2015-03')).toEqual({ CAN: '0/0', DAR: '2/3', GRA: '0/0' });
  });
});

describe('eh_rereferred_within_12m_pct', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2016-03-31');
    await db.query(`INSERT INTO early_help_cases (case_id, child_id, district_code, notified_on, closed_on, closure_reason) VALUES
      ('c1', 'k1', 'DAR', '2014-01-10', '2014-06-30', 'other'),
      ('c1-again', 'k1', 'CAN', '2015-06-30', NULL, NULL),               -- 365 days after c1 closed: re-referred
      ('c2', 'k2', 'DAR', '2014-01-10', '2014-06-30', 'other'),
      ('c3', 'k3', 'DAR', '2014-01-10', '2014-08-01', 'stepped_up_to_scs'), -- step-ups are not in the cohort
      ('c4', 'k4', 'DAR', '2014-01-10', '2014-10-15', 'outcomes_achieved'),
      ('c5', 'k5', 'GRA', '2014-01-10', '2015-03-31', 'moved_away'),
      ('c6', 'k6', 'DAR', '2014-01-10', '2014-03-31', 'other'),
      ('c6-again', 'k6', 'DAR', '2014-05-01', NULL, NULL)`);
    await db.query(`INSERT INTO scs_referrals VALUES
      ('r2', 'k2', 'DAR', '2015-07-01'),  -- 366 days after c2 closed: too late
      ('r3', 'k3', 'DAR', '2014-09-01'),
      ('r4', 'k4', 'DAR', '2014-10-15'),  -- the day c4 closed: not after it
      ('r5', 'k5', 'CAN', '2016-03-30')`); // 365 days after c5 closed (across 29 February 2016)
  });

  it('takes the cohort from the window of M - 12 and counts day 365 but not day 366', async () => {
    // Cohort of 2016-03: closed April 2014 to March 2015. DAR: c1 (yes), c2 (day 366), c4 (same day) -> 1/3.
    expect(await figures(pool(), 'eh_rereferred_within_12m_pct', '2016-03')).toEqual({ CAN: '0/0', DAR: '1/3', GRA: '1/1' });
  });

  it('moves the cohort window across the year end', async () => {
    // Cohort of 2016-01: closed February 2014 to January 2015: c6 (yes), c1 (yes), c2, c4 -> 2/4.
    expect(await figures(pool(), 'eh_rereferred_within_12m_pct', '2016-01')).toEqual({ CAN: '0/0', DAR: '2/4', GRA: '0/0' });
  });
});

describe('caseload_open', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2014-01-01', '2015-12-31');
    await db.query(`INSERT INTO early_help_cases (case_id, child_id, district_code, notified_on, closed_on, closure_reason) VALUES
      ('o1', 'k1', 'DAR', '2015-06-30', NULL, NULL),          -- notified on the last day of June
      ('o2', 'k2', 'DAR', '2015-01-01', '2015-06-30', 'other'), -- closed on the last day of June
      ('o3', 'k3', 'DAR', '2015-01-01', '2015-07-01', 'other'),
      ('o4', 'k4', 'GRA', '2014-12-01', NULL, NULL)`);
  });

  it('counts cases notified by the month end and not closed by it', async () => {
    expect(await series(pool(), 'caseload_open', 'DAR', '2015-05', '2015-07')).toEqual({ '2015-05': '2', '2015-06': '2', '2015-07': '1' });
    expect(await figures(pool(), 'caseload_open', '2015-06')).toEqual({ CAN: '0', DAR: '2', GRA: '1' });
    expect(await series(pool(), 'caseload_open', 'GRA', '2014-11', '2014-12')).toEqual({ '2014-11': '0', '2014-12': '1' });
  });
});
