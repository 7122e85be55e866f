// Activity indicators (indicators.md, "Activity indicators"): counts within month M per district, from
// hand-built records; edges on the first and last day of a month.
import { describe, expect, it } from 'vitest';
import { coverMonths, figures, rollup, series, useIndicatorDatabase } from './support.js';

describe('early help notifications and closures', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2015-01-01', '2015-12-31');
    await db.query(`INSERT INTO early_help_cases (case_id, child_id, district_code, notified_on, closed_on, closure_reason) VALUES
      ('e1', 'k1', 'DAR', '2015-05-31', '2015-06-01', 'other'),              -- notified on May's last day, closed on June's first
      ('e2', 'k2', 'DAR', '2015-06-01', '2015-06-30', 'stepped_up_to_scs'),  -- both in June: any reason counts
      ('e3', 'k3', 'DAR', '2015-06-30', NULL, NULL),
      ('e4', 'k4', 'GRA', '2015-07-01', '2015-07-01', 'outcomes_achieved'),
      ('e5', 'k5', 'CAN', '2015-06-15', NULL, NULL)`);
  });

  it('counts the cases notified within each month, in their district', async () => {
    expect(await series(pool(), 'act_eh_notifications', 'DAR', '2015-04', '2015-07')).toEqual({
      '2015-04': '0', '2015-05': '1', '2015-06': '2', '2015-07': '0',
    });
    expect(await figures(pool(), 'act_eh_notifications', '2015-06')).toEqual({ CAN: '1', DAR: '2', GRA: '0' });
  });

  it('counts the cases closed within each month, whatever the reason', async () => {
    expect(await series(pool(), 'act_eh_closures', 'DAR', '2015-05', '2015-07')).toEqual({
      '2015-05': '0', '2015-06': '2', '2015-07': '0',
    });
    expect(await figures(pool(), 'act_eh_closures', '2015-07')).toEqual({ CAN: '0', DAR: '0', GRA: '1' });
  });

  it('sums districts for an area and the county', async () => {
    expect(await rollup(pool(), 'act_eh_notifications', '2015-06', 'NORTH')).toEqual({ numerator: 2, denominator: null });
    expect(await rollup(pool(), 'act_eh_notifications', '2015-06', null)).toEqual({ numerator: 3, denominator: null });
  });

  it('keeps the open caseload as the same figure under its one code', async () => {
    // open at the end of June: e3 (notified 30 June) and e5; e1 and e2 closed in June
    expect(await figures(pool(), 'caseload_open', '2015-06')).toEqual({ CAN: '1', DAR: '1', GRA: '0' });
  });
});

describe('SCS referrals and open SCS cases', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2015-01-01', '2015-12-31');
    await db.query(`INSERT INTO scs_referrals VALUES
      ('r1', 'k1', 'DAR', '2015-03-01'), ('r2', 'k2', 'DAR', '2015-03-31'), ('r3', 'k3', 'DAR', '2015-04-01'),
      ('r4', 'k1', 'GRA', '2015-03-15')`); // the same child referred twice: two referrals
    await db.query(`INSERT INTO scs_cases VALUES
      ('s1', 'k1', '2005-01-01', 'DAR', '2015-03-31', NULL, NULL),         -- opened on March's last day: open at its end
      ('s2', 'k2', '2005-01-01', 'DAR', '2015-01-01', '2015-03-31', true), -- closed on March's last day: not open at its end
      ('s3', 'k3', '2005-01-01', 'DAR', '2015-01-01', '2015-04-01', false),
      ('s4', 'k4', '2005-01-01', 'CAN', '2015-04-01', NULL, NULL)`);
  });

  it('counts referrals received within each month', async () => {
    expect(await series(pool(), 'act_scs_referrals', 'DAR', '2015-02', '2015-04')).toEqual({
      '2015-02': '0', '2015-03': '2', '2015-04': '1',
    });
    expect(await figures(pool(), 'act_scs_referrals', '2015-03')).toEqual({ CAN: '0', DAR: '2', GRA: '1' });
  });

  it('counts cases open at the month end', async () => {
    expect(await series(pool(), 'act_scs_open_cases', 'DAR', '2015-02', '2015-04')).toEqual({
      '2015-02': '2', '2015-03': '2', '2015-04': '1',
    });
    expect(await figures(pool(), 'act_scs_open_cases', '2015-04')).toEqual({ CAN: '1', DAR: '1', GRA: '0' });
  });
});

describe("Children's Centre registrations and attendances", () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2015-01-01', '2015-12-31');
    await db.query(`INSERT INTO lsoas VALUES ('LD1', 'DAR', 1), ('LG1', 'GRA', 5)`);
    // the centre is in CAN; the children live in DAR and GRA
    await db.query(`INSERT INTO childrens_centres VALUES ('C1', 'Canterbury centre', 'CAN'), ('C2', 'Dartford centre', 'DAR')`);
    await db.query(`INSERT INTO cc_registrations VALUES
      ('c1', '2014-01-01', 'LD1', 'C1', '2015-02-01'),
      ('c2', '2014-01-01', 'LD1', 'C1', '2015-02-28'),
      ('c3', '2014-01-01', 'LG1', 'C2', '2015-03-01')`);
    await db.query(`INSERT INTO cc_attendances VALUES
      ('a1', 'c1', 'C1', '2015-03-01'), ('a2', 'c1', 'C1', '2015-03-31'),  -- the same child twice: two attendances
      ('a3', 'c3', 'C2', '2015-03-15'), ('a4', 'c2', 'C1', '2015-04-01')`);
  });

  it("counts registrations in the district of the child's LSOA", async () => {
    expect(await figures(pool(), 'act_cc_registrations', '2015-02')).toEqual({ CAN: '0', DAR: '2', GRA: '0' });
    expect(await figures(pool(), 'act_cc_registrations', '2015-03')).toEqual({ CAN: '0', DAR: '0', GRA: '1' });
  });

  it('counts attendances in the district of the centre', async () => {
    expect(await figures(pool(), 'act_cc_attendances', '2015-03')).toEqual({ CAN: '2', DAR: '1', GRA: '0' });
    expect(await figures(pool(), 'act_cc_attendances', '2015-04')).toEqual({ CAN: '1', DAR: '0', GRA: '0' });
  });
});

describe('youth justice substantive outcomes and exclusions', () => {
  const pool = useIndicatorDatabase(async (db) => {
    await coverMonths(db, '2015-01-01', '2015-12-31');
    await db.query(`INSERT INTO yj_outcomes VALUES
      ('o1', 'y1', '2000-01-01', 'DAR', '2015-05-01', 'youth_caution'),
      ('o2', 'y1', '2000-01-01', 'DAR', '2015-05-31', 'conviction'),
      ('o3', 'y2', '2000-01-01', 'DAR', '2015-05-10', 'youth_conditional_caution'),
      ('o4', 'y3', '2000-01-01', 'DAR', '2015-05-11', 'community_resolution'),  -- not substantive
      ('o5', 'y4', '2000-01-01', 'GRA', '2015-06-01', 'conviction')`);
    await db.query(`INSERT INTO exclusions VALUES
      ('x1', 'u1', 'DAR', 'primary', 'permanent', '2015-09-01'),
      ('x2', 'u2', 'DAR', 'secondary', 'fixed', '2015-09-30'),
      ('x3', 'u3', 'DAR', 'primary', 'fixed', '2015-09-15'),
      ('x4', 'u4', 'DAR', 'secondary', 'permanent', '2015-10-01'),
      ('x5', 'u5', 'CAN', 'secondary', 'fixed', '2015-09-02')`);
  });

  it('counts cautions, conditional cautions and convictions, not community resolutions', async () => {
    expect(await figures(pool(), 'act_yj_substantive_outcomes', '2015-05')).toEqual({ CAN: '0', DAR: '3', GRA: '0' });
    expect(await figures(pool(), 'act_yj_substantive_outcomes', '2015-06')).toEqual({ CAN: '0', DAR: '0', GRA: '1' });
  });

  it('counts exclusions starting in the month, both phases and both types', async () => {
    expect(await figures(pool(), 'act_exclusions', '2015-09')).toEqual({ CAN: '1', DAR: '3', GRA: '0' });
    expect(await series(pool(), 'act_exclusions', 'DAR', '2015-08', '2015-10')).toEqual({
      '2015-08': '0', '2015-09': '3', '2015-10': '1',
    });
  });
});
