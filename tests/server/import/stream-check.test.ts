// The one-pass load checks rows in the stream (stream-check.ts) and falls back to the set-based SQL of sql.ts
// only when that check objects. A row the stream check passes is stored without the SQL ever seeing it, so
// the two must agree: every value below, good and bad and the ones PostgreSQL's own input functions would
// take (' 12', '+12', '1e3', 'yes', '2015-1-5'), is put to both. The stream check may be stricter (a needless
// fallback costs time only); the cases where it is are listed and nothing else may differ.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDataset, type Dataset } from '../../../api/src/import/datasets.js';
import * as build from '../../../api/src/import/sql.js';
import { CsvScanner, RecordRejected, type CsvRecord } from '../../../api/src/import/csv.js';
import { compileRowCheck, type ReferenceSets } from '../../../api/src/import/stream-check.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let t: TestDatabase;
const references: ReferenceSets = new Map([
  ['districts', new Set(['DAR', 'CAN'])],
  ['geography', new Set(['KENT', 'NORTH', 'EAST', 'DAR', 'CAN'])],
  ['lsoas', new Set(['E01024000'])],
  ['childrens_centres', new Set(['CC1'])],
  ['cc_registrations', new Set(['K1'])],
]);

beforeAll(async () => {
  t = await createTestDatabase();
  await t.pool.query(`INSERT INTO districts VALUES ('DAR', 'Dartford', 'NORTH', 'North Kent'), ('CAN', 'Canterbury', 'EAST', 'East Kent')`);
  await t.pool.query(`INSERT INTO lsoas VALUES ('E01024000', 'DAR', 3)`);
  await t.pool.query(`INSERT INTO childrens_centres VALUES ('CC1', 'First', 'DAR')`);
  await t.pool.query(`INSERT INTO cc_registrations VALUES ('K1', '2014-01-01', 'E01024000', 'CC1', '2014-02-01')`);
});
afterAll(() => t.drop());

/** A record as the stream check sees it (null = an empty field). */
function recordOf(values: readonly (string | null)[]): CsvRecord {
  const parts = values.map((v) => Buffer.from(v ?? '', 'utf8'));
  const starts = new Int32Array(parts.length);
  const ends = new Int32Array(parts.length);
  let offset = 0;
  parts.forEach((part, i) => { starts[i] = offset; offset += part.length; ends[i] = offset; });
  const buf = Buffer.concat(parts);
  return { buf, starts, ends, count: parts.length, source: buf, rawStart: 0, rawEnd: buf.length, quoted: false, line: 2 };
}

/** Whether the SQL checks of sql.ts find any problem in the one row. */
async function sqlRejects(dataset: Dataset, values: readonly (string | null)[]): Promise<boolean> {
  const client = await t.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(build.createStage(dataset));
    const names = dataset.columns.map((c) => `"${c.name}"`).join(', ');
    await client.query(`INSERT INTO ${build.STAGE} (${names}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, [...values]);
    const { rows: [row] } = await client.query<{ bad: boolean }>(build.anyBadRow(dataset));
    return row!.bad;
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

const DATES = ['2015-06-01', '2016-02-29', '2015-02-29', '2000-02-29', '1900-02-29', '2015-04-31', '2015-12-31', '2015-1-5',
  '20150105', '2015-13-01', '2015-00-10', '2015-06-00', '0000-01-01', ' 2015-06-01', '2015-06-01 ', '2015/06/01', 'Jan 5 2015',
  '2015-06-1', 'epoch', '١٢٣٤-٠٦-٠١'];
const MONTHS = ['2015-06', '2015-6', '2015-13', '2015-00', '0000-01', '2015-06-01', '201506', ' 2015-06', 'June 2015'];
const INTEGERS = ['0', '12', '-3', '007', '+12', ' 12', '12 ', '1e3', '1.0', '123456789', '1234567890', '-123456789', '-',
  '1_000', '0x10', '١٢'];
const DECIMALS = ['0', '1.5', '-2.25', '.5', '5.', '1e3', 'NaN', 'Infinity', '1,5', '123456789012345', '1234567890123456',
  '60', '60.0', '60.000000000000001', '59.999999999999999', '-0', '0.000000000000001', '-0.000000000000001', ' 1'];
const BOOLEANS = ['true', 'false', 'TRUE', 'True', 't', 'yes', '1', ' true', 'on'];
const IDS = ['A', 'x'.repeat(64), 'x'.repeat(65), ' spaced ', 'é'.repeat(32), 'é'.repeat(33)];

/** Values to try per column: by type, with the empty field always among them. */
function valuesFor(dataset: Dataset, column: string): string[] {
  const definition = dataset.columns.find((c) => c.name === column)!;
  const byType: Record<string, string[]> = {
    date: DATES, month: MONTHS, integer: INTEGERS, decimal: DECIMALS, number: DECIMALS, boolean: BOOLEANS, id: IDS,
    geo_code: ['DAR', 'CAN', 'dar', 'XXX', 'NORTH', 'north', 'KENT', 'N_1', '1N', 'NÖRTH'],
    text: ['primary', 'secondary', 'Primary', ' primary', 'other', 'autumn', 'eet', 'outcomes_achieved', 'E01024000', 'K1', 'CC1',
      'pa_primary_10pct', 'KENT', 'EAST', 'x'.repeat(200)],
  };
  return ['', ...byType[definition.type]!, ...(definition.values ?? [])];
}

/** A valid row of each dataset tried, by column. */
const VALID: Record<string, Record<string, string>> = {
  districts: { district_code: 'GRA', district_name: 'Gravesham', area_code: 'NORTH', area_name: 'North Kent' },
  targets: { indicator_code: 'pa_primary_10pct', year: '2016', geography_code: 'KENT', target: '9.5', floor: '10.5', floor_assumed: 'true' },
  early_help_cases: {
    case_id: 'E1', child_id: 'C1', district_code: 'DAR', notified_on: '2015-01-10', assessed_on: '2015-02-10',
    plan_on: '2015-03-10', closed_on: '2015-06-10', closure_reason: 'outcomes_achieved',
  },
  scs_cases: {
    case_id: 'S1', child_id: 'C1', child_dob: '2005-02-28', district_code: 'CAN', opened_on: '2015-06-01',
    closed_on: '2016-01-05', stepped_down_to_early_help: 'false',
  },
  cc_attendances: { attendance_id: 'A1', child_id: 'K1', centre_id: 'CC1', attended_on: '2015-05-05' },
  yj_outcomes: {
    outcome_id: 'O1', young_person_id: 'Y1', young_person_dob: '2000-02-29', district_code: 'DAR', outcome_on: '2015-03-01',
    outcome_type: 'youth_caution',
  },
  yj_closures: {
    closure_id: 'J1', young_person_id: 'Y1', district_code: 'DAR', closed_on: '2015-07-01', statutory_school_age: 'true', ete_hours: '25.5',
  },
  neet_activity: { young_person_id: 'Y1', month: '2015-06', district_code: 'DAR', academic_age: '17', activity: 'neet' },
  pupil_absence: {
    pupil_id: 'P1', district_code: 'DAR', phase: 'primary', academic_year: '2015', term: 'autumn', possible_sessions: '120', absent_sessions: '12',
  },
  lsoa_populations: { lsoa_code: 'E01024000', mid_year: '2015', under_5: '80' },
};

describe('the stream check and the SQL checks agree', () => {
  for (const [name, valid] of Object.entries(VALID)) {
    it(`on every value tried in every column of ${name}`, async () => {
      const dataset = findDataset(name)!;
      const columns = dataset.columns.map((c) => c.name);
      const check = compileRowCheck(dataset, columns, references);
      const laxer: string[] = [];
      const stricter: string[] = [];
      const base = columns.map((c) => valid[c]!);
      expect(check(recordOf(base)), 'the valid row passes the stream check').toBe(true);
      expect(await sqlRejects(dataset, base), 'the valid row passes the SQL checks').toBe(false);
      for (const [index, column] of columns.entries()) {
        // Rows built from pairs of date columns too, so the order rules meet both sides of each edge.
        for (const value of valuesFor(dataset, column)) {
          const row = base.map((v, i) => (i === index ? (value === '' ? null : value) : v));
          const streamSays = check(recordOf(row));
          const sqlSays = !(await sqlRejects(dataset, row));
          if (streamSays && !sqlSays) laxer.push(`${column}=${JSON.stringify(value)}`);
          if (!streamSays && sqlSays) stricter.push(`${column}=${JSON.stringify(value)}`);
        }
      }
      expect(laxer, 'values the stream check lets through and the SQL rejects').toEqual([]);
      // Identifiers are limited to 64 bytes in the stream and 64 characters in SQL; a decimal within a
      // rounding error of a bound is left to SQL's exact numeric.
      const expectedStricter = [`=${JSON.stringify('é'.repeat(33))}`, '="59.999999999999999"', '="0.000000000000001"'];
      expect(stricter.filter((s) => !expectedStricter.some((e) => s.endsWith(e)))).toEqual([]);
    });
  }

  it('on dates either side of the order rules, strict and not', async () => {
    for (const name of ['early_help_cases', 'yj_outcomes', 'scs_cases']) {
      const dataset = findDataset(name)!;
      const columns = dataset.columns.map((c) => c.name);
      const check = compileRowCheck(dataset, columns, references);
      const dateColumns = dataset.columns.filter((c) => c.type === 'date').map((c) => columns.indexOf(c.name));
      for (const a of dateColumns) {
        for (const value of ['2000-02-29', '2015-01-09', '2015-01-10', '2015-01-11', '2015-03-01', '2015-12-31']) {
          const row = columns.map((c, i) => (i === a ? value : VALID[name]![c]!));
          expect(check(recordOf(row)), `${name}.${columns[a]}=${value}`).toBe(!(await sqlRejects(dataset, row)));
        }
      }
    }
  });
});

/** Runs text through the checking scanner in chunks of `size` bytes; returns what comes out, or the rejection. */
async function run(input: string | Buffer, options: { size?: number; months?: number[]; check?: (r: CsvRecord) => boolean; width?: number } = {}) {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8');
  const size = options.size ?? bytes.length;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const seen: string[][] = [];
  const check = options.check ?? ((r: CsvRecord) => {
    seen.push(Array.from({ length: r.count }, (_, i) => r.buf.toString('utf8', r.starts[i], r.ends[i])));
    return true;
  });
  const checker = new CsvScanner({ check, width: options.width ?? 3, appendToFields: options.months ?? [] });
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks), checker, new Writable({ write(chunk, _e, done) { out.push(chunk); done(); } }));
  return { output: Buffer.concat(out).toString('utf8'), seen, records: checker.dataRecords };
}

describe('the checking scanner reads records as COPY does', () => {
  const file = 'a,b,c\n1,"x, ""y""",\r\n2,"two\nlines",z\n3,é,"" \n4,last,row';

  it('splits fields at commas outside quotes, reads "" as a quote, ends records at line breaks outside quotes', async () => {
    for (const size of [1, 2, 3, 7, 1000]) {
      const { seen, output, records } = await run(file, { size });
      expect(seen, `chunks of ${size}`).toEqual([['1', 'x, "y"', ''], ['2', 'two\nlines', 'z'], ['3', 'é', ' '], ['4', 'last', 'row']]);
      expect(records).toBe(4);
      expect(output, 'the bytes pass through unchanged').toBe(file);
    }
  });

  it('appends -01 to the month fields when rewriting, keeping every other byte and quoting where needed', async () => {
    const months = 'id,month,x\nY1,2015-06,a\nY2,,b\r\nY3,2016-01,"c,d"\nY4,2016-02,e';
    for (const size of [1, 5, 1000]) {
      const { output } = await run(months, { size, months: [1] });
      expect(output).toBe('id,month,x\nY1,2015-06-01,a\nY2,,b\nY3,2016-01-01,"c,d"\nY4,2016-02-01,e\n');
    }
  });

  it('stops the stream at the first record the check rejects, naming its number', async () => {
    const rejectSecond = (r: CsvRecord) => r.buf.toString('utf8', r.starts[0], r.ends[0]) !== 'bad';
    await expect(run('a,b,c\nok,1,2\nbad,1,2\nok,3,4\n', { check: rejectSecond, size: 4 })).rejects.toMatchObject({ record: 2 });
    await expect(run('a,b,c\nok,1,2\nbad,1,2\n', { check: rejectSecond })).rejects.toBeInstanceOf(RecordRejected);
  });

  it('gives a record with too many or too few fields its real count, and rejects an unclosed quote', async () => {
    const counts: number[] = [];
    await run('a,b,c\n1,2\n1,2,3,4\n1,"2",3,4,5\n', { check: (r) => { counts.push(r.count); return true; } });
    expect(counts).toEqual([2, 4, 5]);
    await expect(run('a,b,c\n1,"2,3\n4,5,6\n', { months: [0] })).rejects.toBeInstanceOf(RecordRejected);
  });

  it('leaves bytes that are not UTF-8 in a quoted record of a rewritten file to the full check', async () => {
    const bad = Buffer.concat([Buffer.from('id,month,x\nY1,2015-06,"a'), Buffer.from([0xff]), Buffer.from('"\n')]);
    await expect(run(bad, { months: [1] })).rejects.toBeInstanceOf(RecordRejected);
  });
});
