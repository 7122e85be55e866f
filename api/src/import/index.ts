// Imports CSV extracts (../shared/spec/datasets.md): the importer's public surface. A batch of files loads
// in one transaction, reference data first, and recomputes the indicators before it commits; a batch with
// any problem loads nothing (batch.ts). How the importer is built: docs/importing.md.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { AS_AT_FILE, readAsAtFile, type AsAt } from './as-at.js';
import { runBatch } from './batch.js';
import { DATASET_NAMES, datasetOfFile } from './datasets.js';
import type { ImportFile, ImportOptions, ImportReport } from './types.js';

export type { FileReport, ImportFile, ImportOptions, ImportProblem, ImportProgress, ImportReport } from './types.js';
export { formatProblems } from './problems.js';

/** Imports the given files as one batch (reference data first, whatever the order given). */
export async function importFiles(pool: pg.Pool, files: readonly ImportFile[], options: ImportOptions = {}): Promise<ImportReport> {
  return runBatch(pool, files, options, [], null);
}

/**
 * Imports every `<dataset>.csv` in a folder as one batch, reference data first. Other files are
 * skipped with a warning.
 */
export async function importDirectory(pool: pg.Pool, dir: string, options: ImportOptions = {}): Promise<ImportReport> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'is not a folder' : 'folder not found or not readable';
    return { ok: false, problems: [{ file: dir, line: null, column: null, value: null, rule: reason }], problemCount: 1, warnings: [] };
  }
  const files: ImportFile[] = [];
  const warnings: string[] = [];
  let folderAsAt: AsAt | null = null;
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const dataset = datasetOfFile(entry.name);
    if (entry.isFile() && entry.name === AS_AT_FILE) {
      // The date the folder's extracts were taken; --as-at (options.asAt) overrides it.
      if (options.asAt !== undefined) continue;
      const read = await readAsAtFile(path.join(dir, entry.name));
      if (!read.ok) return { ok: false, problems: [read.problem], problemCount: 1, warnings };
      folderAsAt = read.asAt;
    } else if (entry.isFile() && dataset !== null) {
      files.push({ dataset, path: path.join(dir, entry.name) });
    } else {
      warnings.push(`${path.join(dir, entry.name)} skipped: not a dataset file (dataset files are named <dataset>.csv, such as districts.csv)`);
    }
  }
  if (files.length === 0) {
    const rule = `no dataset files in the folder (expected files such as districts.csv; datasets: ${DATASET_NAMES.join(', ')})`;
    return { ok: false, problems: [{ file: dir, line: null, column: null, value: null, rule }], problemCount: 1, warnings };
  }
  return runBatch(pool, files, options, warnings, folderAsAt);
}
