// A batch of files: one transaction, reference data first, each file loaded in turn (file.ts); then what
// the batch leaves is checked (references into what a full extract removed, the checks the database defers
// to the commit), the indicators are recomputed, and the batch commits. A batch with any problem loads
// nothing.
import pg from 'pg';
import { DATA_LOCK, takeLock } from '../db/locks.js';
import { refreshResults } from '../results/refresh.js';
import { asAtProblem, AsAtProblems, settleAsAt, type AsAt } from './as-at.js';
import { findDataset, loadOrder } from './datasets.js';
import { FileProblems, loadFile } from './file.js';
import { isConstraintViolation } from './pg-errors.js';
import type { ImportProblem, ProblemList } from './problems.js';
import { findBrokenReference, findDanglingReferences } from './references.js';
import { prepareImportSession } from './session.js';
import type { FileReport, ImportFile, ImportOptions, ImportReport } from './types.js';

export async function runBatch(
  pool: pg.Pool, files: readonly ImportFile[], options: ImportOptions, warnings: string[], folderAsAt: AsAt | null,
): Promise<ImportReport> {
  const started = performance.now();
  const asAt: AsAt | null = options.asAt !== undefined ? { date: options.asAt, source: '--as-at', line: null } : folderAsAt;
  const badAsAt = asAt && asAtProblem(asAt);
  if (badAsAt) return { ok: false, problems: [badAsAt], problemCount: 1, warnings };
  // Set inside the refresh, once each dataset's events are known; records after an explicit date are problems.
  const asAtStep = {
    settleAsAt: (client: pg.PoolClient) => settleAsAt(client, { files, asAt, importedBy: options.importedBy ?? null }),
  };
  const ordered = files
    .map((file, index) => ({ file, index }))
    .sort((a, b) => loadOrder(a.file.dataset) - loadOrder(b.file.dataset) || a.index - b.index)
    .map(({ file }) => file);

  const client = await pool.connect();
  let released = false;
  try {
    await client.query('BEGIN');
    await prepareImportSession(client);
    // Imports, refreshes and view installs one at a time: two at once would each check against data the other
    // is changing.
    await takeLock(client, DATA_LOCK, 'xact', options.onLockWait);
    await client.query("SET LOCAL work_mem = '256MB'");
    const reports: FileReport[] = [];
    const problems: ProblemList[] = [];
    const toVacuum = new Set<string>();
    for (const file of ordered) {
      const outcome = await loadFile(client, file, options, problems.length > 0 || ordered.length > 1);
      if (outcome.ok) {
        reports.push(outcome.report);
        if (!outcome.frozen && outcome.report.changed + outcome.report.removed > 0) toVacuum.add(findDataset(file.dataset)!.table);
      } else {
        problems.push(outcome.problems);
      }
    }
    // What the batch leaves: stored rows still referring to what a full extract removed.
    if (problems.length === 0) {
      const dangling = await findDanglingReferences(client, reports.map((r) => ({ table: findDataset(r.dataset)!.table, file: r.file, removed: r.removed })));
      if (dangling.count > 0) problems.push({ list: dangling.problems, count: dangling.count });
    }
    // Checks the database defers to the commit (a district's area, which targets may name; the references
    // deferred while a full extract removed rows): run now, so that a failure is reported like any problem
    // of a file rather than as an error at COMMIT.
    if (problems.length === 0) {
      const failed = await runDeferredChecks(client, ordered, options.replace ?? false);
      if (failed) problems.push(failed);
    }
    if (problems.length > 0) {
      await client.query('ROLLBACK');
      return {
        ok: false,
        problems: problems.flatMap((p) => p.list),
        problemCount: problems.reduce((sum, p) => sum + p.count, 0),
        warnings,
      };
    }
    if (options.dryRun) {
      // Records are checked against the as-at date too (the refresh runs as far as that), then all is undone.
      const hasRecords = ordered.some((file) => findDataset(file.dataset)?.kind === 'record');
      const rejected = hasRecords ? await asAtRejection(() => refreshResults(client, { ...asAtStep, stopAfterAsAt: true })) : null;
      await client.query('ROLLBACK');
      if (rejected) return { ...rejected, warnings };
      return { ok: true, dryRun: true, files: reports, ms: performance.now() - started, warnings };
    }
    for (const report of reports) {
      await client.query(
        'INSERT INTO import_log (dataset, file_name, rows_in_file, replaced) VALUES ($1, $2, $3, $4)',
        [report.dataset, report.file, report.rows, options.replace ?? false],
      );
    }
    try {
      const rejected = await asAtRejection(() => refreshResults(client, asAtStep));
      if (rejected) {
        await client.query('ROLLBACK');
        return { ...rejected, warnings };
      }
    } catch (error) {
      throw new Error(`The files are valid, but the indicators could not be recomputed, so nothing was loaded: ${(error as Error).message}`, { cause: error });
    }
    // COMMIT on a transaction that failed unnoticed answers ROLLBACK rather than an error.
    if ((await client.query('COMMIT')).command !== 'COMMIT') throw new Error('The import could not be committed: nothing was loaded.');
    try {
      options.onCommitted?.();
    } catch {
      // the caller's bookkeeping; the import has committed either way
    }
    await vacuumMerged(client, toVacuum, warnings);
    return { ok: true, dryRun: false, files: reports, ms: performance.now() - started, warnings };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    // A connection in an unknown state is not returned to the pool.
    client.release(error as Error);
    released = true;
    throw error;
  } finally {
    if (!released) client.release();
  }
}

/** Runs the refresh; records dated after the as-at date come back as the batch's problems. */
async function asAtRejection(refresh: () => Promise<unknown>): Promise<{ ok: false; problems: ImportProblem[]; problemCount: number } | null> {
  try {
    await refresh();
    return null;
  } catch (error) {
    if (!(error instanceof AsAtProblems)) throw error;
    return { ok: false, problems: error.problems, problemCount: error.count };
  }
}

/**
 * Runs the constraint checks deferred to the end of the transaction. When one fails, the rows left pointing
 * at nothing are found by the reference registry (not by reading the error's words), and the first is
 * reported on the batch's file for the table it points into (districts for a target's area). The
 * transaction is to be rolled back then.
 */
async function runDeferredChecks(client: pg.PoolClient, files: readonly ImportFile[], replace: boolean): Promise<FileProblems | null> {
  await client.query('SAVEPOINT deferred_checks');
  try {
    await client.query('SET CONSTRAINTS ALL IMMEDIATE');
    await client.query('RELEASE SAVEPOINT deferred_checks');
    return null;
  } catch (error) {
    if (!isConstraintViolation(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT deferred_checks');
    const tables = files.map((f) => findDataset(f.dataset)?.table).filter((t): t is string => t !== undefined);
    const broken = await findBrokenReference(client, tables);
    const pointsAt = broken?.pointsAt ?? 'districts';
    const file = files.find((f) => findDataset(f.dataset)?.table === pointsAt) ?? files.find((f) => f.dataset === 'districts') ?? files[0]!;
    const problems = new FileProblems(file.path);
    if (broken) {
      problems.add(null, broken.column, broken.value,
        `${replace ? 'the full extract (replace) would remove' : 'cannot change'} a row that ${broken.dataset} still refers to`);
    } else {
      problems.add(null, error.column ?? null, null, `the database refused the batch${error.constraint ? ` (${error.constraint})` : ''}: ${error.message}`);
    }
    return problems;
  }
}

/**
 * Marks the pages of rows merged into a table all-visible (VACUUM, after the commit: it cannot run in a
 * transaction), so the next refresh reads the indexes that cover its queries, the absence key among
 * them, without visiting those pages; autovacuum may not come for a term's rows in a table of millions.
 * A few seconds for a term of absence rows at ten times Kent. The data is committed by then: anything
 * that stops the vacuum (not the table's owner, a lock held by another session, an error) is a warning.
 */
/**
 * Who holds the lock that kept the vacuum out: `autovacuum` when only autovacuum workers hold a lock on the
 * table that a vacuum needs (they are doing this very work), `other` for any other session, `none` when the
 * lock is gone already (read from pg_locks, not from a progress view that a finishing worker leaves).
 */
async function vacuumLockHolders(client: pg.PoolClient, table: string): Promise<'autovacuum' | 'other' | 'none'> {
  const { rows } = await client.query<{ holders: number; autovacuum: boolean | null }>(
    `SELECT count(*)::int AS holders, bool_and(a.backend_type = 'autovacuum worker') AS autovacuum
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'relation' AND l.relation = to_regclass($1) AND l.granted AND l.pid <> pg_backend_pid()
        AND l.mode IN ('ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')`,
    [table]);
  const { holders, autovacuum } = rows[0] ?? { holders: 0, autovacuum: null };
  return holders === 0 ? 'none' : autovacuum ? 'autovacuum' : 'other';
}

async function vacuumMerged(client: pg.PoolClient, tables: ReadonlySet<string>, warnings: string[]): Promise<void> {
  const later = 'the next refreshes may be slower until the table is vacuumed';
  // PostgreSQL skips a table it may not or cannot vacuum now with a WARNING, not an error.
  let skipped: { code?: string; message?: string } | null = null;
  const onNotice = (notice: { severity?: string; code?: string; message?: string }) => {
    if (notice.severity === 'WARNING') skipped = notice;
  };
  client.on('notice', onNotice);
  try {
    for (const table of tables) {
      try {
        // Skipped for a lock: when autovacuum holds it, it is doing this very work and nothing is left undone;
        // when the lock is gone by the time we look, once more.
        for (let attempt = 1; ; attempt++) {
          skipped = null;
          await client.query(`VACUUM (SKIP_LOCKED) ${pg.escapeIdentifier(table)}`);
          const notice = skipped as { code?: string; message?: string } | null;
          if (!notice) break;
          const holders = notice.code === '55P03' ? await vacuumLockHolders(client, table) : 'other';
          if (holders === 'autovacuum') break;
          if (holders === 'none' && attempt === 1) continue;
          warnings.push(`${notice.message}: ${later}`);
          break;
        }
      } catch (error) {
        warnings.push(`${table}: the rows are loaded, but the table could not be vacuumed (${(error as Error).message}): ${later}`);
      }
    }
  } finally {
    client.off('notice', onNotice);
  }
}

