// Setting and deleting one target row (the Targets page). A row is checked exactly as a row of targets.csv
// (the dataset's declared rules, run by the importer's own SQL: import/row-check.ts), then by the floor rule;
// a row that breaks any rule stores nothing. Each change is written with its audit entry (before and after)
// in one transaction; the targets table's trigger bumps results_version, so the scorecard follows at once.
import type pg from 'pg';
import type { AuditEntry } from '../access/audit.js';
import { recordAudit } from '../access/audit.js';
import { DATA_LOCK } from '../db/locks.js';
import { findDataset } from '../import/datasets.js';
import { checkRow } from '../import/row-check.js';
import { findIndicator, type Polarity } from '../indicators/catalog.js';
import { HttpError, notFound } from '../lib/errors.js';
import type { TargetBody, TargetField, TargetParams, TargetProblem, TargetRow } from '../schemas/targets.js';

const TARGETS = findDataset('targets')!;

/** The API's name for each column of targets.csv. */
const FIELD_OF_COLUMN: Record<string, TargetField> = {
  indicator_code: 'indicator', year: 'year', geography_code: 'geography', target: 'target', floor: 'floor', floor_assumed: 'floorAssumed',
};

export type Actor = Pick<AuditEntry, 'userId' | 'userEmail' | 'address'>;

export type SetOutcome = { ok: true; before: TargetRow | null; after: TargetRow } | { ok: false; problems: TargetProblem[] };

/** The text a file would hold for a number (JSON numbers are finite). */
const numberText = (n: number) => String(n);

/**
 * The floor is the lower bar: on the bad side of the target, or equal to it (docs/fixtures.md: a floor on the
 * good side of its target is dropped from the fixtures; here it is refused).
 */
export function floorRuleProblem(polarity: Polarity, target: number, floor: number | null): string | null {
  if (floor === null) return null;
  if (polarity === 'higher_is_better' && floor > target) {
    return `must not be above the target (${target}): higher is better, so the floor is the lower bar`;
  }
  if (polarity === 'lower_is_better' && floor < target) {
    return `must not be below the target (${target}): lower is better, so the floor is the higher bar`;
  }
  return null;
}

/** "year '20x9': must be a whole number; floor '90': must not be above …" */
export function describeProblems(problems: readonly TargetProblem[]): string {
  return problems.map((p) => `${p.field} ${p.value === null ? '(empty)' : `'${p.value}'`}: ${p.rule}`).join('; ');
}

/** Runs `work` in a transaction holding the data lock (imports and refreshes hold it too); 409 while one runs. */
async function inDataTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: [lock] } = await client.query<{ taken: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS taken', [DATA_LOCK]);
    if (!lock!.taken) {
      throw new HttpError(409, 'conflict', 'An import or a refresh of the figures is running: try again when it has finished.');
    }
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function storedRow(client: pg.PoolClient, indicator: string, year: number, geography: string): Promise<TargetRow | null> {
  const { rows: [row] } = await client.query<TargetRow>(
    `SELECT indicator_code AS "indicatorCode", year, geography_code AS "geographyCode", target, floor, floor_assumed AS "floorAssumed"
     FROM targets WHERE indicator_code = $1 AND year = $2 AND geography_code = $3 FOR UPDATE`,
    [indicator, year, geography],
  );
  return row ?? null;
}

/** Sets (adds or replaces) the target of an indicator for a year at a geography. */
export async function setTarget(pool: pg.Pool, params: TargetParams, body: TargetBody, actor: Actor): Promise<SetOutcome> {
  return inDataTransaction(pool, async (client) => {
    const problems: TargetProblem[] = (await checkRow(client, TARGETS, {
      indicator_code: params.indicator,
      year: params.year,
      geography_code: params.geography,
      target: numberText(body.target),
      floor: body.floor === null ? null : numberText(body.floor),
      floor_assumed: String(body.floorAssumed),
    })).map((p) => ({ field: FIELD_OF_COLUMN[p.column]!, value: p.value, rule: p.rule }));
    const polarity = findIndicator(params.indicator)?.polarity;
    const floorRule = polarity && !problems.some((p) => p.field === 'target' || p.field === 'floor')
      ? floorRuleProblem(polarity, body.target, body.floor) : null;
    if (floorRule) problems.push({ field: 'floor', value: numberText(body.floor!), rule: floorRule });
    if (problems.length > 0) return { ok: false, problems };

    const year = Number(params.year);
    const before = await storedRow(client, params.indicator, year, params.geography);
    const after: TargetRow = {
      indicatorCode: params.indicator, year, geographyCode: params.geography,
      target: body.target, floor: body.floor, floorAssumed: body.floorAssumed,
    };
    await client.query(
      `INSERT INTO targets (indicator_code, year, geography_code, target, floor, floor_assumed) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (indicator_code, year, geography_code) DO UPDATE SET target = EXCLUDED.target, floor = EXCLUDED.floor, floor_assumed = EXCLUDED.floor_assumed`,
      [after.indicatorCode, after.year, after.geographyCode, after.target, after.floor, after.floorAssumed],
    );
    await recordAudit(client, { ...actor, action: 'target_set', object: targetObject(after), details: { before, after } });
    return { ok: true, before, after };
  });
}

/** Deletes one target row; 404 when there is none. */
export async function deleteTarget(pool: pg.Pool, params: TargetParams, actor: Actor): Promise<TargetRow> {
  const missing = () => notFound(`No target is set for ${params.indicator} in ${params.year} at ${params.geography}`);
  // Not a whole number: no row can have it.
  if (!/^-?[0-9]{1,9}$/.test(params.year)) throw missing();
  return inDataTransaction(pool, async (client) => {
    const before = await storedRow(client, params.indicator, Number(params.year), params.geography);
    if (!before) throw missing();
    await client.query('DELETE FROM targets WHERE indicator_code = $1 AND year = $2 AND geography_code = $3',
      [before.indicatorCode, before.year, before.geographyCode]);
    await recordAudit(client, { ...actor, action: 'target_deleted', object: targetObject(before), details: { before, after: null } });
    return before;
  });
}

/** The audit entry's object: indicator/year/geography, as in the route's path. */
function targetObject(row: Pick<TargetRow, 'indicatorCode' | 'year' | 'geographyCode'>): string {
  return `${row.indicatorCode}/${row.year}/${row.geographyCode}`;
}
