// A file for an empty table, read once: COPY straight into the table while every record is checked in the
// stream (stream-check.ts), indexes rebuilt once at the end for a large file.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { DEFER_INDEXES_ABOVE_BYTES, dropIndexesForBulkLoad, recreateIndexes } from './bulk-indexes.js';
import { CsvScanner } from './csv.js';
import { skipReferenceTriggers, type FileLoad, type Written } from './file.js';
import * as build from './sql.js';
import { compileRowCheck, monthFieldIndexes, readReferenceSets } from './stream-check.js';

/**
 * Loads the file into its empty table in a single read. Returns what was written, or null when anything
 * objects (a record breaking a rule, COPY itself, a repeated key): then nothing of it is left, and the
 * caller stages the file and lists every problem.
 */
export async function loadInOnePass({ client, dataset, path, columns, bytesTotal, onProgress }: FileLoad): Promise<Written | null> {
  await client.query('SAVEPOINT one_pass');
  try {
    const check = compileRowCheck(dataset, columns, await readReferenceSets(client, dataset));
    // References are checked in the stream against codes read in this transaction and locked.
    const skipTriggers = await skipReferenceTriggers(client, dataset);
    const deferred = bytesTotal > DEFER_INDEXES_ABOVE_BYTES ? await dropIndexesForBulkLoad(client, dataset) : null;
    // Months (YYYY-MM) go into date columns as the first day of the month.
    const scanner = new CsvScanner({ onProgress, check, width: columns.length, appendToFields: monthFieldIndexes(dataset, columns) });
    const copy = client.query(copyFrom(build.copyIntoTable(dataset, columns, { freeze: deferred !== null })));
    await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), scanner, copy);
    if (copy.rowCount !== scanner.dataRecords) throw new Error('COPY and the check counted different records');
    // A key repeated in the file fails here with a unique violation.
    if (deferred) await recreateIndexes(client, deferred);
    if (skipTriggers) await client.query("SET LOCAL session_replication_role = 'origin'");
    await client.query('RELEASE SAVEPOINT one_pass');
    return { rows: copy.rowCount, changed: copy.rowCount, removed: 0, frozen: deferred !== null };
  } catch {
    // Whatever the reason, the staged path finds it again and says where.
    await client.query('ROLLBACK TO SAVEPOINT one_pass');
    return null;
  }
}
