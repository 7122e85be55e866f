// Extracts uploaded in the browser: each upload is a batch of files streamed to a private folder on disk,
// checked (a dry run) and loaded with the same importer, batch semantics and refresh as the command line,
// then deleted. A batch lives in this process only: a restart forgets it and the folder is swept.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { AS_AT_FILE } from '../import/as-at.js';
import { datasetOfFile } from '../import/datasets.js';
import { importDirectory, type ImportProgress, type ImportReport } from '../import/index.js';

export type UploadState = 'receiving' | 'checking' | 'checked' | 'loading' | 'loaded' | 'refused' | 'failed';

export interface UploadedFile {
  name: string;
  /** The dataset the file is named after; null for as-at.txt. */
  dataset: string | null;
  bytes: number;
}

export interface BatchRun {
  /** The options the check or load ran with. */
  replace: boolean;
  asAt: string | null;
  dryRun: boolean;
}

export interface UploadBatch {
  id: string;
  /** Who uploaded it: only they see and use it. */
  ownerId: string;
  createdAt: Date;
  touchedAt: Date;
  state: UploadState;
  files: UploadedFile[];
  /** The run in progress or the last one. */
  run: BatchRun | null;
  progress: ImportProgress | null;
  /** Whom the import waits for (another import, a refresh), while it waits. */
  waitingFor: string | null;
  report: ImportReport | null;
  /** An unexpected failure, in words (the details go to the log). */
  error: string | null;
}

export interface UploadSettings {
  /** Where the batches' folders are made; each batch gets a private folder inside. */
  dir: string;
  /** The largest file accepted, in bytes. */
  maxFileBytes: number;
  /** A batch untouched this long is deleted (an abandoned page). */
  idleMs: number;
}

export const DEFAULT_MAX_FILE_MB = 2048;

/** The settings from the environment: UPLOAD_DIR, UPLOAD_MAX_FILE_MB (see docs/importing.md). */
export function uploadSettingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): UploadSettings {
  const mb = env.UPLOAD_MAX_FILE_MB ? Number(env.UPLOAD_MAX_FILE_MB) : DEFAULT_MAX_FILE_MB;
  if (!Number.isFinite(mb) || mb <= 0) {
    throw new Error(`UPLOAD_MAX_FILE_MB must be a positive number of megabytes, got '${env.UPLOAD_MAX_FILE_MB}'`);
  }
  return {
    dir: env.UPLOAD_DIR || path.join(os.tmpdir(), `ehps-uploads-${process.getuid?.() ?? 'user'}`),
    maxFileBytes: Math.round(mb * 1024 * 1024),
    idleMs: 2 * 60 * 60 * 1000,
  };
}

/** A file name the importer reads: `<dataset>.csv` or as-at.txt; null when it is neither. */
export function recogniseFile(name: string): { dataset: string | null } | null {
  if (name === AS_AT_FILE) return { dataset: null };
  const dataset = datasetOfFile(name);
  return dataset !== null ? { dataset } : null;
}

export class UploadTooLarge extends Error {}
export class UploadConflict extends Error {}

export class UploadBatches {
  private readonly batches = new Map<string, UploadBatch>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly settings: UploadSettings,
    /** A pool without statement timeouts: loading a month's extracts takes minutes. */
    private readonly importPool: pg.Pool,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), 60_000);
    this.sweeper.unref();
  }

  get maxFileBytes(): number {
    return this.settings.maxFileBytes;
  }

  /** Removes folders left by an earlier run of the server (a batch lives in one process only). */
  async removeLeftovers(): Promise<void> {
    await mkdir(this.settings.dir, { recursive: true, mode: 0o700 });
    for (const entry of await readdir(this.settings.dir)) {
      if (!this.batches.has(entry)) await rm(path.join(this.settings.dir, entry), { recursive: true, force: true });
    }
  }

  async create(ownerId: string): Promise<UploadBatch> {
    const id = randomUUID();
    await mkdir(this.folderOf(id), { recursive: true, mode: 0o700 });
    const now = new Date();
    const batch: UploadBatch = {
      id, ownerId, createdAt: now, touchedAt: now, state: 'receiving', files: [], run: null, progress: null,
      waitingFor: null, report: null, error: null,
    };
    this.batches.set(id, batch);
    return batch;
  }

  get(id: string): UploadBatch | undefined {
    const batch = this.batches.get(id);
    if (batch) batch.touchedAt = new Date();
    return batch;
  }

  /**
   * Streams one file to the batch's folder (replacing a file of the same name), counting its bytes against
   * the limit. A file cut short (the upload cancelled, the limit passed) leaves nothing behind.
   */
  async receive(batch: UploadBatch, name: string, body: Readable): Promise<UploadedFile> {
    const recognised = recogniseFile(name);
    if (!recognised) throw new Error(`not a dataset file: ${name}`);
    this.assertIdle(batch, 'add files to it');
    const final = path.join(this.folderOf(batch.id), name);
    const partial = `${final}.part-${randomUUID()}`;
    let bytes = 0;
    const limit = this.settings.maxFileBytes;
    try {
      await pipeline(
        body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            bytes += chunk.length;
            if (bytes > limit) throw new UploadTooLarge(`${name} is larger than the limit of ${formatBytes(limit)} (UPLOAD_MAX_FILE_MB)`);
            yield chunk;
          }
        },
        createWriteStream(partial, { mode: 0o600 }),
      );
      await rename(partial, final);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    const file: UploadedFile = { name, dataset: recognised.dataset, bytes };
    batch.files = [...batch.files.filter((f) => f.name !== name), file].sort((a, b) => a.name.localeCompare(b.name));
    // A file changed after a check: the check no longer speaks for the batch.
    this.resetOutcome(batch);
    batch.touchedAt = new Date();
    return file;
  }

  async removeFile(batch: UploadBatch, name: string): Promise<void> {
    this.assertIdle(batch, 'remove files from it');
    await rm(path.join(this.folderOf(batch.id), path.basename(name)), { force: true });
    batch.files = batch.files.filter((f) => f.name !== name);
    this.resetOutcome(batch);
  }

  /**
   * Checks (dry run) or loads the batch in the background; the batch's state tells how far it got.
   * `onDone` hears the outcome (for the audit log and the import history).
   */
  start(batch: UploadBatch, run: BatchRun & { importedBy: string }, onDone: (batch: UploadBatch) => Promise<void>): void {
    this.assertIdle(batch, run.dryRun ? 'check it' : 'load it');
    if (batch.files.every((f) => f.dataset === null)) throw new UploadConflict('The upload holds no dataset file yet: add at least one <dataset>.csv.');
    batch.state = run.dryRun ? 'checking' : 'loading';
    batch.run = { replace: run.replace, asAt: run.asAt, dryRun: run.dryRun };
    batch.progress = null;
    batch.report = null;
    batch.error = null;
    batch.waitingFor = null;
    void (async () => {
      // The state changes last: a reader polling the batch sees the outcome only once it is complete.
      let outcome: UploadState;
      try {
        const report = await importDirectory(this.importPool, this.folderOf(batch.id), {
          replace: run.replace,
          dryRun: run.dryRun,
          asAt: run.asAt ?? undefined,
          importedBy: run.importedBy,
          onProgress: (progress) => { batch.progress = progress; batch.touchedAt = new Date(); },
          onLockWait: (message) => { batch.waitingFor = message; },
        });
        batch.report = report;
        outcome = !report.ok ? 'refused' : run.dryRun ? 'checked' : 'loaded';
      } catch (error) {
        outcome = 'failed';
        batch.error = `The import stopped on an unexpected error: ${(error as Error).message}. Nothing was loaded.`;
      }
      batch.waitingFor = null;
      try {
        await onDone({ ...batch, state: outcome });
      } finally {
        // Loaded: the files are not kept. Otherwise they stay for another check or load until deleted.
        if (outcome === 'loaded') await this.removeFiles(batch).catch(() => {});
        batch.state = outcome;
      }
    })();
  }

  /** Cancels an upload: its folder and files go. A load under way cannot be stopped halfway. */
  async delete(batch: UploadBatch): Promise<void> {
    if (batch.state === 'loading') {
      throw new UploadConflict('The files are being loaded: a load cannot be stopped halfway (it loads all or nothing). Wait for it to end.');
    }
    this.batches.delete(batch.id);
    await rm(this.folderOf(batch.id), { recursive: true, force: true });
  }

  /** Stops the sweeper and deletes every batch not being loaded (the server stopping). */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.batches.values()].filter((b) => !isRunning(b)).map((b) => this.delete(b)));
  }

  private async removeFiles(batch: UploadBatch): Promise<void> {
    await rm(this.folderOf(batch.id), { recursive: true, force: true });
    await mkdir(this.folderOf(batch.id), { recursive: true, mode: 0o700 });
    batch.files = [];
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const batch of this.batches.values()) {
      if (!isRunning(batch) && now - batch.touchedAt.getTime() > this.settings.idleMs) await this.delete(batch).catch(() => {});
    }
  }

  private assertIdle(batch: UploadBatch, what: string): void {
    if (isRunning(batch)) {
      throw new UploadConflict(`The upload is being ${batch.state === 'checking' ? 'checked' : 'loaded'}: wait for it to end before you ${what}.`);
    }
  }

  private resetOutcome(batch: UploadBatch): void {
    batch.state = 'receiving';
    batch.run = null;
    batch.report = null;
    batch.progress = null;
    batch.error = null;
  }

  private folderOf(id: string): string {
    return path.join(this.settings.dir, id);
  }
}

function isRunning(batch: UploadBatch): boolean {
  return batch.state === 'checking' || batch.state === 'loading';
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
