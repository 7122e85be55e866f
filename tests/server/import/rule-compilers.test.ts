// The rule model (rules.ts) is compiled twice: into the stream check that runs beside COPY and into the
// set-based SQL that lists problems. For every rule kind (the table below must name each one, or this file
// does not compile), rows are generated around the kind's edges (the seeds, then random edits of them), and
// all three answers must agree on each row: the stream check, the SQL true/false check and the SQL problem
// list, which must name the rule's own words when it is broken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvRecord } from '../../../api/src/import/csv.js';
import { DATASETS, type Column, type ColumnType, type Dataset, type RowRule } from '../../../api/src/import/datasets.js';
import { columnRuleMessage, datasetRules, rowRuleCases, type RuleKind } from '../../../api/src/import/rules.js';
import * as build from '../../../api/src/import/sql.js';
import { compileRowCheck, type ReferenceSets } from '../../../api/src/import/stream-check.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let t: TestDatabase;
const references: ReferenceSets = new Map([
  ['districts', new Set(['DAR', 'CAN'])],
  ['geography', new Set(['KENT', 'NORTH', 'EAST', 'DAR', 'CAN'])],
]);

beforeAll(async () => {
  t = await createTestDatabase();
  await t.pool.query(`INSERT INTO districts VALUES ('DAR', 'Dartford', 'NORTH', 'North Kent'), ('CAN', 'Canterbury', 'EAST', 'East Kent')`);
});
afterAll(() => t.drop());

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ALPHABET = '0123456789--::..aZK_ ';

/** The seeds, and random edits of them: a character changed, dropped, added or doubled, or the field emptied. */
function around(seeds: readonly string[], count: number, next: () => number): string[] {
  const values = new Set<string>(['', ...seeds]);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  while (values.size < seeds.length + 1 + count) {
    const value = pick(seeds);
    const at = Math.floor(next() * (value.length + 1));
    const char = pick([...ALPHABET]);
    switch (pick(['change', 'drop', 'add', 'double', 'empty'] as const)) {
      case 'change': values.add(value.slice(0, at) + char + value.slice(at + 1)); break;
      case 'drop': values.add(value.slice(0, at) + value.slice(at + 1)); break;
      case 'add': values.add(value.slice(0, at) + char + value.slice(at)); break;
      case 'double': values.add(value + value); break;
      case 'empty': values.add(''); break;
    }
  }
  return [...values];
}

/** Seeds per column type: good values and values just outside them. */
const TYPE_SEEDS: Record<ColumnType, string[]> = {
  text: ['x', 'primary', 'KENT'],
  id: ['A1', 'x'.repeat(64), 'x'.repeat(65)],
  geo_code: ['DAR', 'N_1', 'KENT', 'dar', '1N'],
  date: ['2015-06-01', '2016-02-29', '2015-02-29', '2015-04-31', '0000-01-01', '2015-12-31', '2015-13-01'],
  month: ['2015-06', '2015-13', '0000-01', '2015-00'],
  boolean: ['true', 'false', 'TRUE', 't'],
  integer: ['0', '12', '-3', '123456789', '1234567890', '+1'],
  number: ['0', '1.5', '-2.25', '123456789012345', '1e3', 'NaN'],
  decimal: ['0', '60', '60.5', '-0.5', '12.25'],
};

interface Case {
  /** The dataset the rule is the one rule of (besides its columns' types). */
  dataset: Dataset;
  /** The columns whose values are generated, with the seeds of each; the others take `base`. */
  vary: Record<string, readonly string[]>;
  base: Record<string, string>;
}

const synthetic = (columns: Column[], rules: RowRule[] = []): Dataset => ({ name: 'synthetic', table: 'synthetic', kind: 'record', columns, rules });
const date = (name: string, optional = true): Column => ({ name, type: 'date', optional });

/** Every rule kind, with datasets in which it is put to the test. */
const CASES: Record<RuleKind, Case[]> = {
  filled: [
    { dataset: synthetic([{ name: 'a', type: 'text' }]), vary: { a: ['x', ''] }, base: {} },
    { dataset: synthetic([{ name: 'a', type: 'integer', optional: true }]), vary: { a: ['1', ''] }, base: {} },
  ],
  type: (Object.keys(TYPE_SEEDS) as ColumnType[]).map((type) => ({
    dataset: synthetic([{ name: 'a', type }]), vary: { a: TYPE_SEEDS[type] }, base: {},
  })),
  one_of: [
    { dataset: synthetic([{ name: 'a', type: 'text', values: ['eet', 'neet'] }]), vary: { a: ['eet', 'neet', 'Eet', 'net'] }, base: {} },
    { dataset: synthetic([{ name: 'a', type: 'integer', values: ['16', '17'] }]), vary: { a: ['16', '17', '016', '18', '-16'] }, base: {} },
  ],
  range: [
    { dataset: synthetic([{ name: 'a', type: 'integer', min: 1, max: 10 }]), vary: { a: ['1', '10', '0', '11', '-1', '5'] }, base: {} },
    { dataset: synthetic([{ name: 'a', type: 'decimal', min: 0, max: 60 }]), vary: { a: ['0', '60', '60.5', '-0.5', '59.5'] }, base: {} },
    { dataset: synthetic([{ name: 'a', type: 'integer', min: 0 }]), vary: { a: ['0', '-1', '7'] }, base: {} },
  ],
  reference: [
    { dataset: synthetic([{ name: 'a', type: 'geo_code', references: 'districts' }]), vary: { a: ['DAR', 'CAN', 'NORTH', 'XYZ'] }, base: {} },
    { dataset: synthetic([{ name: 'a', type: 'text', references: 'geography' }]), vary: { a: ['KENT', 'NORTH', 'DAR', 'WEST'] }, base: {} },
    { dataset: synthetic([{ name: 'a', type: 'text', references: 'indicators' }]), vary: { a: ['pa_primary_10pct', 'neet_16_18_pct', 'nope'] }, base: {} },
  ],
  order: [
    {
      dataset: synthetic([date('a', false), date('b'), date('c')], [{ kind: 'order', column: 'c', after: ['b', 'a'] }]),
      vary: { b: ['2015-01-10', '2015-01-11', ''], c: ['2015-01-09', '2015-01-10', '2015-01-11', ''] }, base: { a: '2015-01-10' },
    },
    {
      dataset: synthetic([date('a', false), date('b')], [{ kind: 'order', column: 'b', after: ['a'], strict: true }]),
      vary: { b: ['2015-01-09', '2015-01-10', '2015-01-11', ''] }, base: { a: '2015-01-10' },
    },
  ],
  together: [{
    dataset: synthetic([date('a'), { name: 'b', type: 'text', optional: true }], [{ kind: 'together', column: 'b', with: 'a' }]),
    vary: { a: ['2015-01-10', ''], b: ['x', ''] }, base: {},
  }],
  requires: [{
    dataset: synthetic([date('a'), date('b')], [{ kind: 'requires', column: 'b', needs: 'a', rule: 'b needs a' }]),
    vary: { a: ['2015-01-10', ''], b: ['2015-01-11', ''] }, base: {},
  }],
  at_most: [{
    dataset: synthetic([{ name: 'a', type: 'integer', min: 0 }, { name: 'b', type: 'integer', min: 0 }], [{ kind: 'at_most', column: 'b', limit: 'a' }]),
    vary: { a: ['10', '9', '0'], b: ['9', '10', '11', '0'] }, base: {},
  }],
};

/** A record as the stream check reads it. */
function recordOf(values: readonly string[]): CsvRecord {
  const parts = values.map((v) => Buffer.from(v, 'utf8'));
  const starts = new Int32Array(parts.length);
  const ends = new Int32Array(parts.length);
  let offset = 0;
  parts.forEach((part, i) => { starts[i] = offset; offset += part.length; ends[i] = offset; });
  const buf = Buffer.concat(parts);
  return { buf, starts, ends, count: parts.length, source: buf, rawStart: 0, rawEnd: buf.length, quoted: false, line: 2 };
}

/** Rows of the case: each varied column's values (seeds and edits), the others at their base value. */
function rowsOf({ dataset, vary, base }: Case, next: () => number): string[][] {
  const rows: string[][] = [];
  const columns = dataset.columns.map((c) => c.name);
  const varied = Object.keys(vary);
  const values = Object.fromEntries(varied.map((name) => [name, around(vary[name]!, 12, next)]));
  // Each varied column on its own, then random combinations of all of them.
  for (const name of varied) {
    for (const value of values[name]!) rows.push(columns.map((c) => (c === name ? value : base[c] ?? vary[c]?.[0] ?? '')));
  }
  for (let i = 0; i < 40; i++) {
    rows.push(columns.map((c) => (values[c] ? values[c]![Math.floor(next() * values[c]!.length)]! : base[c] ?? '')));
  }
  return rows;
}

/** The words each rule of the dataset may be reported with. */
function wordsOf(dataset: Dataset): string[] {
  const model = datasetRules(dataset);
  return [
    ...model.columns.flatMap(({ rules }) => rules.map(columnRuleMessage)),
    // A row rule's words up to the first value they quote.
    ...model.rows.flatMap((rule) => rowRuleCases(rule).map((c) => String(c.message[0]))),
  ];
}

describe('the stream check and the SQL check, compiled from one rule model, agree', () => {
  it('has cases for every rule kind the datasets use', () => {
    const used = new Set(DATASETS.flatMap((d) => {
      const model = datasetRules(d);
      return [...model.columns.flatMap((c) => c.rules.map((r) => r.kind)), ...model.rows.map((r) => r.kind)];
    }));
    for (const kind of used) expect(CASES[kind].length, kind).toBeGreaterThan(0);
  });

  for (const [kind, cases] of Object.entries(CASES) as [RuleKind, Case[]][]) {
    it(`on rows generated around the edges of every ${kind} rule`, async () => {
      const next = random(kind.length * 7919);
      const client = await t.pool.connect();
      try {
        await client.query('BEGIN');
        for (const testCase of cases) {
          const { dataset } = testCase;
          const columns = dataset.columns.map((c) => c.name);
          const check = compileRowCheck(dataset, columns, references);
          const words = wordsOf(dataset);
          await client.query('SAVEPOINT a_case');
          await client.query(build.createStage(dataset));
          const disagreements: string[] = [];
          for (const row of rowsOf(testCase, next)) {
            await client.query(`DELETE FROM ${build.STAGE}`);
            await client.query(`INSERT INTO ${build.STAGE} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${row.map((_, i) => `$${i + 1}`).join(', ')})`,
              row.map((v) => (v === '' ? null : v)));
            const streamSays = check(recordOf(row));
            const { rows: [any] } = await client.query<{ bad: boolean }>(build.anyBadRow(dataset));
            const { rows: problems } = await client.query<{ rule: string }>(build.rowProblems(dataset, 100));
            const shown = JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, row[i]])));
            if (streamSays === any!.bad) disagreements.push(`${shown}: stream ${streamSays ? 'passes' : 'rejects'}, SQL check ${any!.bad ? 'rejects' : 'passes'}`);
            if (any!.bad !== problems.length > 0) disagreements.push(`${shown}: SQL check and problem list differ (${problems.map((p) => p.rule).join('; ')})`);
            for (const { rule } of problems) {
              if (!words.some((w) => rule.startsWith(w))) disagreements.push(`${shown}: a problem in words of no rule: ${rule}`);
            }
          }
          await client.query('ROLLBACK TO SAVEPOINT a_case');
          expect(disagreements, JSON.stringify(dataset.columns)).toEqual([]);
        }
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    });
  }
});
