// A large file into an empty table loads with its indexes rebuilt at the end: the key still holds, a key
// repeated in the file is still reported by line, and nothing is left half-built.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../../api/src/import/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { scratchFolder, useStandInMeasureViews, type Scratch } from './helpers.js';

let t: TestDatabase;
let scratch: Scratch;
const ROWS = 120_000; // above the size where indexes are rebuilt after the load

beforeAll(async () => {
  t = await createTestDatabase();
  scratch = await scratchFolder();
  await useStandInMeasureViews(t.pool);
  await t.pool.query(`INSERT INTO districts VALUES ('DAR', 'Dartford', 'NORTH', 'North Kent')`);
});
afterAll(async () => {
  await scratch.remove();
  await t.drop();
});

function absenceFile(duplicateLastRow: boolean): string {
  const lines = ['pupil_id,district_code,phase,academic_year,term,possible_sessions,absent_sessions'];
  for (let i = 0; i < ROWS; i++) lines.push(`P${i},DAR,primary,2015,autumn,100,${i % 20}`);
  if (duplicateLastRow) lines.push('P7,DAR,primary,2015,autumn,90,1');
  return `${lines.join('\n')}\n`;
}

async function primaryKeyColumns(): Promise<string | null> {
  const { rows } = await t.pool.query<{ def: string }>(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'pupil_absence'::regclass AND contype = 'p'`);
  return rows[0]?.def ?? null;
}

describe('bulk load into an empty table', () => {
  it('reports a key repeated in the file by its line, and leaves the table empty with its key', async () => {
    const file = await scratch.write('pupil_absence.csv', absenceFile(true));
    const report = await importFiles(t.pool, [{ dataset: 'pupil_absence', path: file }]);
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.problems[0]).toMatchObject({ line: ROWS + 2, column: 'pupil_id,district_code,phase,academic_year,term' });
    expect(report.problems[0]!.rule).toMatch(/duplicate key: line 9 has the same/);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM pupil_absence')).rows[0].n).toBe(0);
    expect(await primaryKeyColumns()).toBe('PRIMARY KEY (pupil_id, district_code, phase, academic_year, term)');
  });

  it('loads every row and rebuilds the primary key', async () => {
    const file = await scratch.write('pupil_absence.csv', absenceFile(false));
    const report = await importFiles(t.pool, [{ dataset: 'pupil_absence', path: file }]);
    expect(report.ok).toBe(true);
    expect((await t.pool.query('SELECT count(*)::int AS n, sum(absent_sessions)::int AS absent FROM pupil_absence')).rows[0])
      .toEqual({ n: ROWS, absent: (ROWS / 20) * (19 * 20) / 2 });
    expect(await primaryKeyColumns()).toBe('PRIMARY KEY (pupil_id, district_code, phase, academic_year, term)');
    await expect(t.pool.query(`INSERT INTO pupil_absence VALUES ('P1', 'DAR', 'primary', 2015, 'autumn', 1, 0)`))
      .rejects.toThrow(/duplicate key/);
  });
});
