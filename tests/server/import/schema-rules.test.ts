// The schema holds the rules of the model too (migrations 0001, 0005), so that no other path can store what the
// import refuses. For every rule of every dataset that a typed value can break, a row breaking it (and only it,
// as far as the row allows) is written straight into the table: the database must refuse it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS, type Column, type Dataset } from '../../../api/src/import/datasets.js';
import { datasetRules, type Rule } from '../../../api/src/import/rules.js';
import { MEASURE_CODES } from '../../../api/src/indicators/catalog.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.pool.query(`INSERT INTO districts VALUES ('DAR', 'Dartford', 'NORTH', 'North Kent')`);
  await t.pool.query(`INSERT INTO lsoas VALUES ('E1', 'DAR', 3)`);
  await t.pool.query(`INSERT INTO childrens_centres VALUES ('C1', 'First', 'DAR')`);
  await t.pool.query(`INSERT INTO cc_registrations VALUES ('K1', '2000-01-01', 'E1', 'C1', '2015-06-01')`);
});
afterAll(() => t.drop());

const REFERENCED: Record<NonNullable<Column['references']>, string> = {
  districts: 'DAR', lsoas: 'E1', childrens_centres: 'C1', cc_registrations: 'K1', indicators: MEASURE_CODES[0]!, geography: 'KENT',
};

/** A value of the column that breaks none of its rules (dates of birth before every other date). */
function goodValue(column: Column): string {
  if (column.references) return REFERENCED[column.references];
  if (column.values) return column.values[0]!;
  switch (column.type) {
    case 'date': return column.name.endsWith('_dob') ? '2000-01-01' : '2015-06-01';
    case 'month': return '2015-06-01';
    case 'boolean': return 'true';
    case 'integer': return String(column.min ?? 1);
    case 'number':
    case 'decimal': return String(column.min ?? 1);
    case 'geo_code': return 'GRA';
    case 'id': return 'A1';
    // A benchmark period as DfE labels it (the table checks the label's shape for the views that read it).
    case 'text': return column.name === 'period' ? '2016' : 'X';
  }
}

/** The row changed so that it breaks `rule`: the columns to set (null: empty), or null when no typed value can. */
function breaking(dataset: Dataset, rule: Rule): Record<string, string | null> | null {
  switch (rule.kind) {
    case 'filled': return { [rule.column.name]: null };
    case 'type':
      if (rule.column.type === 'id') return { [rule.column.name]: 'x'.repeat(65) };
      if (rule.column.type === 'geo_code' && !rule.column.references) return { [rule.column.name]: 'dar' };
      // Other malformed text has no typed value at all.
      return null;
    case 'one_of': return { [rule.column.name]: rule.column.type === 'integer' ? '99' : 'not_one_of_them' };
    case 'range': return { [rule.column.name]: String(rule.min !== undefined ? rule.min - 1 : rule.max! + 1) };
    case 'reference': return { [rule.column.name]: 'NOPE' };
    case 'order': return { [rule.column]: '1990-01-01' };
    case 'together': return { [rule.column]: null };
    case 'requires': return { [rule.needs]: null };
    case 'at_most': {
      const limit = dataset.columns.find((c) => c.name === rule.limit)!;
      return { [rule.column]: String(Number(goodValue(limit)) + 1) };
    }
    default: {
      const unknown: never = rule;
      throw new Error(`a rule kind with no breaking row: ${JSON.stringify(unknown)}`);
    }
  }
}

describe('the schema refuses what the rule model refuses', () => {
  for (const dataset of DATASETS) {
    it(`${dataset.name}: a row breaking each rule is refused by the database`, async () => {
      const client = await t.pool.connect();
      const names = dataset.columns.map((c) => c.name);
      const insert = `INSERT INTO ${dataset.table} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`;
      // A published benchmark value has no symbol (the table holds exactly one of the two).
      const base = Object.fromEntries(dataset.columns.map((c) => [c.name, c.name === 'symbol' ? null : goodValue(c)]));
      const model = datasetRules(dataset);
      const rules: Rule[] = [...model.columns.flatMap((c) => c.rules), ...model.rows];
      const accepted: string[] = [];
      try {
        await client.query('BEGIN');
        await client.query('SAVEPOINT good');
        await client.query(insert, names.map((n) => base[n]));
        await client.query('ROLLBACK TO SAVEPOINT good');
        for (const rule of rules) {
          const change = breaking(dataset, rule);
          if (!change) continue;
          const row = { ...base, ...change };
          await client.query('SAVEPOINT bad');
          try {
            await client.query(insert, names.map((n) => row[n]));
            // Deferred references are checked now.
            await client.query('SET CONSTRAINTS ALL IMMEDIATE');
            accepted.push(`${rule.kind} ${JSON.stringify(change)}`);
          } catch (error) {
            expect((error as { code?: string }).code, `${rule.kind} ${JSON.stringify(change)}`).toMatch(/^23/);
          }
          await client.query('ROLLBACK TO SAVEPOINT bad');
        }
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
      expect(accepted, 'rows the database stored though a rule of the model forbids them').toEqual([]);
    });
  }
});
