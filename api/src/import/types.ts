// What an import is given and what it answers: the public surface of the importer, with importFiles and
// importDirectory (index.ts).
import type { OnLockWait } from '../db/locks.js';
import type { ImportProblem } from './problems.js';

export type { ImportProblem } from './problems.js';

export interface ImportFile { dataset: string; path: string }

export interface ImportProgress {
  dataset: string;
  file: string;
  bytesRead: number;
  bytesTotal: number;
  /** Data rows read so far (the header not counted). */
  rows: number;
}

export interface ImportOptions {
  /** Each file is a full extract: stored rows whose key is not in the file are deleted. */
  replace?: boolean;
  /** Check and stage everything, then roll back: nothing is written. */
  dryRun?: boolean;
  /**
   * The date the extracts were taken (YYYY-MM-DD; not in the future): the as-at date of every record
   * dataset of the batch, which may hold no record dated after it. It overrides a folder's as-at.txt.
   * Without either, each dataset of the batch takes the batch's latest event date, or keeps a later
   * as-at it already has.
   */
  asAt?: string;
  /** Who imports (kept as the datasets' last import): the signed-in user, or `cli:<os user>`. */
  importedBy?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Called once the batch and its indicators are committed (a vacuum of merged tables may follow). */
  onCommitted?: () => void;
  /** Told who holds the data lock when the import must wait for it (another import, a refresh). */
  onLockWait?: OnLockWait;
}

export interface FileReport {
  dataset: string;
  file: string;
  /** Data rows in the file. */
  rows: number;
  /** Rows inserted or changed (rows identical to the stored ones are not counted). */
  changed: number;
  /** Rows deleted because the file, a full extract, no longer has them (replace only). */
  removed: number;
  ms: number;
}

export type ImportReport =
  | { ok: true; dryRun: boolean; files: FileReport[]; ms: number; warnings: string[] }
  | { ok: false; problems: ImportProblem[]; problemCount: number; warnings: string[] };
