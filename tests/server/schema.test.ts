// The database itself refuses what the import would reject, so no path can store an invalid record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.pool.query(`INSERT INTO districts VALUES ('DAR', 'Dartford', 'NORTH', 'North')`);
});
afterAll(() => t.drop());

describe('schema constraints', () => {
  it('rejects a closure reason without a closing date', async () => {
    await expect(t.pool.query(
      `INSERT INTO early_help_cases (case_id, child_id, district_code, notified_on, closure_reason)
       VALUES ('c1', 'k1', 'DAR', '2015-01-01', 'other')`)).rejects.toThrow(/check constraint/);
  });
  it('rejects an assessment before the notification', async () => {
    await expect(t.pool.query(
      `INSERT INTO early_help_cases (case_id, child_id, district_code, notified_on, assessed_on)
       VALUES ('c2', 'k1', 'DAR', '2015-01-10', '2015-01-09')`)).rejects.toThrow(/check constraint/);
  });
  it('rejects an unknown district and a target for an unknown geography', async () => {
    await expect(t.pool.query(
      `INSERT INTO scs_referrals VALUES ('r1', 'k1', 'XXX', '2015-01-01')`)).rejects.toThrow(/foreign key/);
    await expect(t.pool.query(
      `INSERT INTO targets VALUES ('neet_16_18_pct', 2016, 'NOWHERE', 3.5, NULL, false)`)).rejects.toThrow(/geography_code/);
    await t.pool.query(`INSERT INTO targets VALUES ('neet_16_18_pct', 2016, 'NORTH', 3.5, NULL, false)`);
  });
  it('rejects dates no extract carries: infinite, before the year 1, after 9999', async () => {
    for (const date of ['infinity', '-infinity', '0001-12-31 BC', '10000-01-01']) {
      await expect(t.pool.query(`INSERT INTO scs_referrals VALUES ('r9', 'k1', 'DAR', $1)`, [date]), date)
        .rejects.toThrow(/scs_referrals_referred_on_range/);
    }
    await expect(t.pool.query(`INSERT INTO neet_activity VALUES ('y1', 'infinity', 'DAR', 16, 'eet')`))
      .rejects.toThrow(/neet_activity_month_range/);
    await t.pool.query(`INSERT INTO scs_referrals VALUES ('r9', 'k1', 'DAR', '9999-12-31'), ('r10', 'k1', 'DAR', '0001-01-01')`);
    await t.pool.query(`DELETE FROM scs_referrals WHERE referral_id IN ('r9', 'r10')`);
  });
  it('rejects NaN and infinite targets, floors and comparator values', async () => {
    for (const value of ['NaN', 'Infinity', '-Infinity']) {
      await expect(t.pool.query(`INSERT INTO targets VALUES ('neet_16_18_pct', 2017, 'KENT', $1, NULL, false)`, [value]), value)
        .rejects.toThrow(/targets_target_finite/);
      await expect(t.pool.query(`INSERT INTO targets VALUES ('neet_16_18_pct', 2017, 'KENT', 3.5, $1, true)`, [value]), value)
        .rejects.toThrow(/targets_floor_finite/);
      await expect(t.pool.query(`INSERT INTO comparators VALUES ('neet_16_18_pct', '2015-03-01', 'ENGLAND', $1, NULL)`, [value]), value)
        .rejects.toThrow(/comparators_value_finite/);
    }
  });
  it('rejects a change to districts that leaves a target without its area or district, checked at the commit', async () => {
    await t.pool.query(`INSERT INTO districts VALUES ('CAN', 'Canterbury', 'EAST', 'East')`);
    await t.pool.query(`INSERT INTO targets VALUES ('neet_16_18_pct', 2016, 'EAST', 3.5, NULL, false)`);
    // Canterbury was the only district of EAST.
    await expect(t.pool.query(`UPDATE districts SET area_code = 'SOUTH', area_name = 'South' WHERE district_code = 'CAN'`))
      .rejects.toThrow(/targets for geography_code EAST would be left without that area or district/);
    await expect(t.pool.query(`DELETE FROM districts WHERE district_code = 'CAN'`)).rejects.toThrow(/geography_code EAST/);
    const client = await t.pool.connect();
    try {
      await client.query('BEGIN');
      await expect(client.query('TRUNCATE districts CASCADE')).rejects.toThrow(/geography_code/);
      await client.query('ROLLBACK');
      // The area's targets moved with it in the same transaction: allowed.
      await client.query('BEGIN');
      await client.query(`UPDATE districts SET area_code = 'SOUTH', area_name = 'South' WHERE district_code = 'CAN'`);
      await client.query(`UPDATE targets SET geography_code = 'SOUTH' WHERE geography_code = 'EAST'`);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect((await t.pool.query(`SELECT area_code FROM districts WHERE district_code = 'CAN'`)).rows).toEqual([{ area_code: 'SOUTH' }]);
  });
  it('rejects an identifier longer than 64 characters', async () => {
    await expect(t.pool.query(
      `INSERT INTO scs_referrals VALUES ($1, 'k1', 'DAR', '2015-01-01')`, ['x'.repeat(65)])).rejects.toThrow(/ident/);
  });
});
