// Loads CSV extracts into the database the app uses (DATABASE_URL, or the embedded server, which may be
// running already for `npm start`).
//   npm run import -- <dataset> <file.csv> [--as-at YYYY-MM-DD] [--replace] [--dry-run]
//   npm run import -- --dir <folder> [--as-at YYYY-MM-DD] [--replace] [--dry-run]
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { leaveDatabaseOnSignal, openDatabaseTarget, type DatabaseTarget } from '../api/src/db/connection.js';
import { createPool } from '../api/src/db/kysely.js';
import { migrate } from '../api/src/db/migrate.js';
import { DATASET_NAMES } from '../api/src/import/datasets.js';
import {
  formatProblems, importDirectory, importFiles,
  type ImportOptions, type ImportProgress, type ImportReport,
} from '../api/src/import/index.js';
import { installViews } from '../api/src/results/refresh.js';
import { recordImport } from '../api/src/access/import-audit.js';
import { recordImportRun } from '../api/src/history/import-runs.js';
import { cliActor, osUserName } from './cli-actor.js';

const USAGE = `Usage:
  npm run import -- <dataset> <file.csv> [--as-at YYYY-MM-DD] [--replace] [--dry-run]
  npm run import -- --dir <folder> [--as-at YYYY-MM-DD] [--replace] [--dry-run]

Loads CSV extracts (format: docs/importing.md). A file with any problem loads nothing.
  --dir <folder>  load every <dataset>.csv in the folder as one batch, reference data first
                  (an as-at.txt in the folder holds the date the extracts were taken)
  --as-at <date>  the date the extracts were taken (YYYY-MM-DD): no record may be dated after it;
                  default: as-at.txt, else the latest event date of the batch (never moving back)
  --replace       each file is a full extract: stored rows absent from it are deleted
  --dry-run       check everything, write nothing
  --help          show this help

Datasets: ${DATASET_NAMES.join(', ')}
Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when it is not set (the one
\`npm start\` is running, if it is).`;

class UsageError extends Error {}

interface Command {
  files: { dataset: string; path: string }[] | null; dir: string | null; replace: boolean; dryRun: boolean; asAt: string | undefined;
}

function parseCommand(argv: string[]): Command | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        dir: { type: 'string' },
        'as-at': { type: 'string' },
        replace: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // Node's message goes on to suggest `--`; its first sentence is what the operator needs.
    throw new UsageError((error as Error).message.split('. ')[0]!.split('\n')[0]! + '.');
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  // The as-at date is checked by the import itself (a problem naming --as-at, exit 1).
  const common = { replace: values.replace ?? false, dryRun: values['dry-run'] ?? false, asAt: values['as-at'] };
  if (values.dir !== undefined) {
    if (positionals.length > 0) throw new UsageError(`--dir takes no other arguments (got: ${positionals.join(' ')})`);
    if (!existsSync(values.dir) || !statSync(values.dir).isDirectory()) throw new UsageError(`Folder not found: ${values.dir}`);
    return { files: null, dir: values.dir, ...common };
  }
  if (positionals.length !== 2) {
    throw new UsageError(positionals.length === 0 ? 'Nothing to import: give a dataset and a file, or --dir <folder>'
      : 'Give one dataset and one file: <dataset> <file.csv>');
  }
  const [dataset, file] = positionals as [string, string];
  if (!DATASET_NAMES.includes(dataset)) throw new UsageError(`Unknown dataset "${dataset}"`);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`File not found: ${file}`);
  return { files: [{ dataset, path: file }], dir: null, ...common };
}

/** Progress on stderr: a bar redrawn in place on a terminal, a line per file otherwise. */
function progressReporter(): { onProgress: NonNullable<ImportOptions['onProgress']>; done: () => void } {
  const tty = process.stderr.isTTY;
  let current = '';
  let lastDraw = 0;
  const draw = (p: ImportProgress, force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const fraction = p.bytesTotal > 0 ? Math.min(p.bytesRead / p.bytesTotal, 1) : 1;
    const width = 30;
    const filled = Math.round(fraction * width);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
    process.stderr.write(`\r${p.dataset.padEnd(20)} [${bar}] ${String(Math.round(fraction * 100)).padStart(3)}% ${p.rows.toLocaleString('en-GB')} rows`);
  };
  return {
    onProgress: (p) => {
      if (p.file !== current) {
        if (current && tty) process.stderr.write('\n');
        current = p.file;
        if (!tty) process.stderr.write(`reading ${p.file} (${p.dataset})\n`);
      }
      if (tty) draw(p, p.bytesRead >= p.bytesTotal);
    },
    done: () => {
      if (current && tty) process.stderr.write('\n');
    },
  };
}

function printReport(report: ImportReport): void {
  for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (!report.ok) {
    process.stderr.write(`\n${formatProblems(report.problems, report.problemCount)}\n\n`);
    process.stderr.write(`Nothing was loaded: ${report.problemCount} problem${report.problemCount === 1 ? '' : 's'} found.\n`);
    return;
  }
  const lines = report.files.map((f) => {
    const removed = f.removed ? `, ${f.removed.toLocaleString('en-GB')} removed` : '';
    return `  ${f.dataset.padEnd(20)} ${f.rows.toLocaleString('en-GB').padStart(12)} row${f.rows === 1 ? ' ' : 's'}  (${f.changed.toLocaleString('en-GB')} new or changed${removed})  ${path.basename(f.file)}`;
  });
  const seconds = (report.ms / 1000).toFixed(1);
  const verb = report.dryRun ? 'Checked (dry run, nothing written)' : 'Loaded';
  process.stdout.write(`${verb} ${report.files.length} file${report.files.length === 1 ? '' : 's'} in ${seconds} s:\n${lines.join('\n')}\n`);
  if (!report.dryRun) process.stdout.write('The indicators have been recomputed.\n');
}

async function main(): Promise<number> {
  let command;
  try {
    command = parseCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  let target: DatabaseTarget | null = null;
  let pool: ReturnType<typeof createPool> | null = null;
  const stop = async () => {
    await pool?.end().catch(() => {});
    pool = null;
    await target?.stop().catch(() => {});
    target = null;
  };
  // Ctrl-C, or SIGTERM (a timeout, CI, systemd): the open transaction is rolled back when its connection
  // closes; the command leaves the database however far it got (the server stops unless another command
  // uses it). A second signal is told to wait; a third exits at once.
  let committed = false;
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals === 2) {
      process.stderr.write(`${signal} again: still leaving the database (once more to exit at once)...\n`);
      return;
    }
    if (signals > 2) {
      process.stderr.write(`${signal} a third time: exiting at once.\n`);
      process.exit(1);
    }
    interrupted = true;
    process.stderr.write(committed
      ? '\nInterrupted after the files were loaded and the indicators recomputed: only the vacuum that follows was cut short.\n'
      : '\nInterrupted: nothing was loaded.\n');
    // The server ends the sessions, rolling the import back: as this process exits (within a second for
    // the embedded one, even mid-statement), or in the fast shutdown of an embedded server nobody else uses.
    void (target?.stop() ?? Promise.resolve()).then(() => leaveDatabaseOnSignal()).catch(() => {})
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    target = await openDatabaseTarget((message) => process.stderr.write(`${message}\n`), 'import');
    pool = createPool(target.connectionString);
    const say = (message: string) => process.stderr.write(`${message}\n`);
    await migrate(pool, say);
    await installViews(pool, say);
    const progress = progressReporter();
    const options: ImportOptions = {
      replace: command.replace, dryRun: command.dryRun, asAt: command.asAt, importedBy: `cli:${osUserName()}`,
      onProgress: progress.onProgress, onCommitted: () => { committed = true; }, onLockWait: say,
    };
    const request = { dir: command.dir, files: command.files, replace: command.replace, dryRun: command.dryRun, asAt: command.asAt };
    let report: ImportReport;
    try {
      report = command.dir !== null
        ? await importDirectory(pool, command.dir, options)
        : await importFiles(pool, command.files!, options);
    } catch (error) {
      if (!interrupted) await recordImport(pool, cliActor(), request, error as Error, say);
      throw error;
    }
    await recordImport(pool, cliActor(), request, report, say);
    progress.done();
    printReport(report);
    // The Import page's history lists command-line imports too.
    await recordImportRun(pool, {
      importedBy: options.importedBy!, source: 'command_line', dryRun: command.dryRun, replace: command.replace,
      asAtGiven: command.asAt ?? null, report,
    }).catch((error: unknown) => say(`warning: the import is not in the history: ${(error as Error).message}`));
    return report.ok ? 0 : 1;
  } finally {
    await stop();
  }
}

/** Set on a signal: its handler ends the command, and what the interrupted work says is not news. */
let interrupted = false;

// An explicit exit with the command's status, whatever is still open.
main().then(
  (code) => { if (!interrupted) process.exit(code); },
  (error: unknown) => {
    if (interrupted) return;
    process.stderr.write(`Import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
