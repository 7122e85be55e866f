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
  it('rejects an identifier longer than 64 characters', async () => {
    await expect(t.pool.query(
      `INSERT INTO scs_referrals VALUES ($1, 'k1', 'DAR', '2015-01-01')`, ['x'.repeat(65)])).rejects.toThrow(/ident/);
  });
});
