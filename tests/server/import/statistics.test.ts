// The indicators are recomputed inside the import's transaction, from the tables it has just loaded: the
// planner must see those tables' real sizes. After a load rolled back (a killed import, a rejected batch),
// autovacuum finds only dead rows and records the table's pages as holding none; planned from that, the
// next import's refresh estimated one row per table and ran for hours (crash.test.ts hung that way).
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDirectory } from '../../../api/src/import/index.js';
import { DATASETS } from '../../../api/src/import/datasets.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { writeExtract } from './extracts.js';
import { scratchFolder, type Scratch } from './helpers.js';

const DISTRICTS = [['DAR', 'Dartford', 'NORTH', 'North Kent'], ['MAI', 'Maidstone', 'WEST', 'West Kent']] as const;

let scratch: Scratch;
let database: TestDatabase;
let recordTables: string[];

beforeAll(async () => {
  scratch = await scratchFolder();
  await writeExtract(scratch.dir, { seed: 'S', size: 2000, districts: DISTRICTS });
  const files = new Set(await readdir(scratch.dir));
  recordTables = DATASETS.filter((d) => d.kind === 'record' && files.has(`${d.name}.csv`)).map((d) => d.table);
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
  await scratch.remove();
});

describe('an import after a load that was rolled back', () => {
  it('recomputes the indicators with each table it loaded planned at its real size', async () => {
    const { pool } = database;
    // Only the import may analyse these tables during the test (autovacuum's timing is what made the hang rare).
    for (const table of recordTables) await pool.query(`ALTER TABLE "${table}" SET (autovacuum_enabled = false)`);
    // A batch loaded in full, then rejected at the refresh (every record is dated after the as-at date).
    const rejected = await importDirectory(pool, scratch.dir, { asAt: '2000-01-01' });
    expect(rejected.ok).toBe(false);
    // What autovacuum does when it comes round: the tables' pages are recorded as holding no rows.
    await pool.query('ANALYZE');
    const { rows: deadPages } = await pool.query<{ relname: string }>(
      'SELECT relname FROM pg_class WHERE relname = ANY($1) AND relpages > 0 AND reltuples = 0', [recordTables]);
    expect(deadPages.length, 'the rolled-back load left dead pages').toBeGreaterThan(0);

    // The planner's estimate of each table, as the import's refresh sees it when it writes the first result.
    await pool.query(`
      CREATE TABLE planned_rows (table_name text PRIMARY KEY, planned float8, actual bigint);
      CREATE FUNCTION note_planned_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE table_name text; plan json; actual bigint;
      BEGIN
        IF EXISTS (SELECT 1 FROM planned_rows) THEN RETURN NULL; END IF;
        FOREACH table_name IN ARRAY TG_ARGV LOOP
          EXECUTE format('EXPLAIN (FORMAT JSON) SELECT * FROM %I', table_name) INTO plan;
          EXECUTE format('SELECT count(*) FROM %I', table_name) INTO actual;
          INSERT INTO planned_rows VALUES (table_name, (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8, actual);
        END LOOP;
        RETURN NULL;
      END $$;
      CREATE TRIGGER note_planned_rows AFTER INSERT ON indicator_results
        FOR EACH STATEMENT EXECUTE FUNCTION note_planned_rows(${recordTables.map((t) => `'${t}'`).join(', ')})`);
    const report = await importDirectory(pool, scratch.dir);
    expect(report.ok ? [] : report.problems).toEqual([]);

    const { rows } = await pool.query<{ table_name: string; planned: number; actual: string }>(
      'SELECT table_name, planned, actual FROM planned_rows ORDER BY 1');
    expect(rows.map((r) => r.table_name)).toEqual([...recordTables].sort());
    // Within a factor of two: a sample's estimate, not one row for thousands.
    const misplanned = rows.filter((r) => Number(r.actual) > 0 && (r.planned < Number(r.actual) / 2 || r.planned > Number(r.actual) * 2));
    expect(misplanned).toEqual([]);
  });
});
