// The benchmark reference data (reference/benchmarks/, DfE's published figures) loads with the importer as
// the datasets of datasets.md: the real files as they are, a bad cell refused with its file, line, column,
// value and rule, and a later complete extract replacing the earlier one.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDirectory, importFiles } from '../../../api/src/import/index.js';
import { projectRoot } from '../../../api/src/paths.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { csv, onlyProblem, problemsOf, scratchFolder, useStandInMeasureViews, type Scratch } from '../import/helpers.js';

const REFERENCE = path.join(projectRoot, 'reference', 'benchmarks');
const VALUES_HEADER = 'measure_code,period,geography_level,geography_name,la_number,region,value,symbol';

let t: TestDatabase;
let scratch: Scratch;
beforeAll(async () => {
  t = await createTestDatabase();
  scratch = await scratchFolder();
  await useStandInMeasureViews(t.pool);
});
afterAll(async () => {
  await scratch.remove();
  await t.drop();
});

const count = async (table: string) => Number((await t.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

describe('benchmark reference data', () => {
  it('loads the real files of reference/benchmarks as they are (the README beside them skipped)', async () => {
    const report = await importDirectory(t.pool, REFERENCE);
    if (!report.ok) expect.fail(JSON.stringify(report.problems));
    expect(report.warnings.join('\n')).toMatch(/README\.md skipped/);
    // Rows as `wc -l` less the header (no field of these files holds a line break).
    expect(await count('authority')).toBe(1);
    expect(await count('benchmark_measures')).toBe(17);
    expect(await count('benchmark_values')).toBe(26180);
    expect(await count('statistical_neighbours')).toBe(3140);
    const { rows: [missing] } = await t.pool.query(
      "SELECT count(*)::int AS n FROM benchmark_values WHERE value IS NULL AND symbol = '-'");
    expect(missing.n).toBe(2140);
    const { rows: [quoted] } = await t.pool.query(
      "SELECT polarity, year_type FROM benchmark_measures WHERE measure_code = 'CPP_Total_Rateper10,000'");
    expect(quoted).toEqual({ polarity: '-', year_type: 'Financial Year' });
  });

  it('refuses a value that is not a number, naming file, line, column, value and rule, and changes nothing', async () => {
    const file = await scratch.write('benchmark_values.csv', csv(VALUES_HEADER,
      'SFPriPerAbNew,2016,local_authority,Kent,886,South East,8.7,',
      'SFPriPerAbNew,2017,local_authority,Kent,886,South East,n/a,'));
    const problem = onlyProblem(await importFiles(t.pool, [{ dataset: 'benchmark_values', path: file }], { replace: true }));
    expect(problem).toMatchObject({ file, line: 3, column: 'value', value: 'n/a' });
    expect(problem.rule).toMatch(/decimal number/);
    expect(await count('benchmark_values')).toBe(26180);
  });

  it('refuses a row with neither a value nor a symbol', async () => {
    const file = await scratch.write('benchmark_values.csv', csv(VALUES_HEADER,
      'SFPriPerAbNew,2016,local_authority,Kent,886,South East,,'));
    const problems = problemsOf(await importFiles(t.pool, [{ dataset: 'benchmark_values', path: file }], { replace: true }));
    expect(problems.map((p) => p.rule).join('\n')).toMatch(/benchmark_values_value_or_symbol/);
    expect(await count('benchmark_values')).toBe(26180);
  });

  it('keeps one home authority: a second is refused, a complete extract may replace the first', async () => {
    const two = await scratch.write('authority.csv', csv('la_number,la_name,region', '886,Kent,South East', '881,Essex,East of England'));
    const problems = problemsOf(await importFiles(t.pool, [{ dataset: 'authority', path: two }], { replace: true }));
    expect(problems).toMatchObject([{ file: two, column: 'la_number', rule: expect.stringMatching(/authority holds the one home authority, not 2/) }]);
    const other = await scratch.write('authority.csv', csv('la_number,la_name,region', '881,Essex,East of England'));
    const report = await importFiles(t.pool, [{ dataset: 'authority', path: other }], { replace: true });
    if (!report.ok) expect.fail(JSON.stringify(report.problems));
    expect((await t.pool.query('SELECT la_number FROM authority')).rows).toEqual([{ la_number: 881 }]);
  });

  it('replaces the figures with a later complete extract (--replace)', async () => {
    const file = await scratch.write('benchmark_values.csv', csv(VALUES_HEADER,
      'SFPriPerAbNew,2016,local_authority,Kent,886,South East,8.8,',
      'SFPriPerAbNew,2016,country,England,970,,8.9,'));
    const report = await importFiles(t.pool, [{ dataset: 'benchmark_values', path: file }], { replace: true });
    if (!report.ok) expect.fail(JSON.stringify(report.problems));
    const { rows } = await t.pool.query('SELECT la_number, value FROM benchmark_values ORDER BY la_number');
    expect(rows).toEqual([{ la_number: 886, value: 8.8 }, { la_number: 970, value: 8.9 }]);
  });
});
