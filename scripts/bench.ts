// `npm run bench`: the product's speed figures, printed as tables. Not part of `npm test`.
// For each scale: fixture generation time; import rows/s per dataset next to a raw COPY of the same file
// into an empty table (the limit) and next to the least any import that keeps the table's checks and key
// must do (the floor); the time to refresh all indicator results; the API under load. Then the
// web app's first-page bundle and, in headless Chromium, the time until the scorecard shows all 24 rows;
// then the latency of readers (scorecards of random months and geographies) while a later extract loads.
//   npm run bench -- [--scales 1,10] [--no-api] [--no-web] [--no-readers] [--no-baselines] [--duration 20]
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { from as copyFrom } from 'pg-copy-streams';
import { createDatabaseIfMissing } from '../api/src/db/connection.js';
import { startEmbeddedPostgres } from '../api/src/db/embedded.js';
import { createPool } from '../api/src/db/kysely.js';
import { migrate } from '../api/src/db/migrate.js';
import { importBenchmark, type Dataset } from '../api/src/import/benchmark.js';
import { importDirectory, formatProblems } from '../api/src/import/index.js';
import { projectRoot } from '../api/src/paths.js';
import { installViews, refreshResults } from '../api/src/results/refresh.js';
import { startServer } from '../api/src/server.js';
import { DEFAULT_SEED, generateFixtures } from '../fixtures/src/index.js';
import { benchApi, benchReadersDuringImport, formatApiBench, formatReadersDuringImport } from './bench/api.js';
import { benchCredentials } from './bench/credentials.js';
import { benchWeb } from './bench/web.js';
import { benchPublication, formatPublicationBench } from './bench/publication.js';
import { freePort } from '../api/src/net.js';

const USAGE = `Usage: npm run bench -- [options]

Options:
  --scales 1,10    fixture scales to measure (default 1,10)
  --duration N     seconds of load per API route (default 20)
  --no-api         skip the API load test
  --no-web         skip the web bundle and browser timing
  --no-readers     skip the readers' latency during an import
  --no-publication skip publishing a month (release and board packs)
  --no-baselines   skip the raw COPY and floor runs the import rates are compared with
  -h, --help       this help`;

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (rows: number, ms: number) => (ms > 0 ? Math.round(rows / (ms / 1000)) : 0);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Runs of the raw COPY and of the floor: the median is taken, as one run can be a third off on a shared machine. */
const BASELINE_RUNS = 3;

/** How many of the refresh's steps (per view timings) the bench lists, slowest first. */
const SLOWEST_REFRESH_STEPS = 5;

const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;

interface TimedLoad {
  /** Creates bench_load, the table the file is copied into. */
  create: string[];
  /** The COPY into bench_load. */
  copy: string;
  /** Turns months (YYYY-MM) into the first day of the month in the stream, as the import does (if any). */
  rewriter: () => Transform | null;
  /** Run after the COPY and timed with it (building keys and indexes). */
  after: string[];
}

/**
 * Times COPY of the file into a table created in the same transaction, which is then rolled back: the
 * table is new, so the rows are written frozen and (with wal_level = minimal) without the write-ahead log,
 * as the import writes a large file into an emptied table. The median of BASELINE_RUNS runs.
 */
async function timeLoad(pool: ReturnType<typeof createPool>, file: string, load: TimedLoad): Promise<number> {
  const client = await pool.connect();
  try {
    const runs: number[] = [];
    for (let run = 0; run < BASELINE_RUNS; run++) {
      await client.query('BEGIN');
      for (const statement of load.create) await client.query(statement);
      await client.query(`SET LOCAL maintenance_work_mem = '1GB'`);  // as the import builds keys
      const started = performance.now();
      const copy = client.query(copyFrom(load.copy));
      const read = createReadStream(file, { highWaterMark: 1 << 20 });
      const rewriter = load.rewriter();
      if (rewriter) await pipeline(read, rewriter, copy);
      else await pipeline(read, copy);
      for (const statement of load.after) await client.query(statement);
      runs.push(performance.now() - started);
      await client.query('ROLLBACK');
    }
    return median(runs);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const fileColumns = importBenchmark.fileColumns;

/**
 * The limit: a plain COPY of the file into an empty table of the same column types (NOT NULL and the
 * identifier domain included) with no CHECK constraint, key or index; months stay text.
 */
async function rawCopyMs(pool: ReturnType<typeof createPool>, dataset: Dataset, file: string): Promise<number> {
  const columns = await fileColumns(file);
  const months = dataset.columns.filter((c) => c.type === 'month');
  return timeLoad(pool, file, {
    create: [`CREATE TABLE bench_load (LIKE ${dataset.table})`,
      ...months.map((c) => `ALTER TABLE bench_load ALTER COLUMN "${c.name}" TYPE text`)],
    copy: importBenchmark.copyInto('bench_load', columns, { freeze: true, forceNull: false }),
    rewriter: () => null, after: [],
  });
}

/**
 * The floor of an import that keeps the table's rules and indexes: a COPY of the file into a new table
 * with the same columns, domains and CHECK constraints (no foreign-key triggers, nothing checked in the
 * stream), then its primary key and other indexes built once, as the import builds them. No import into
 * the real table can take less (it also checks every record, analyses the table and commits).
 */
async function floorMs(pool: ReturnType<typeof createPool>, dataset: Dataset, file: string): Promise<number> {
  const columns = await fileColumns(file);
  const { rows } = await pool.query<{ definition: string; is_constraint: boolean }>(importBenchmark.keysAndIndexes(), [dataset.table]);
  // The same keys and indexes on bench_load (constraints unnamed: index names are unique in the schema).
  const indexes = rows.map(({ definition, is_constraint: isConstraint }) => (isConstraint
    ? `ALTER TABLE bench_load ADD ${definition}`
    : definition.replace(/ INDEX \S+ ON \S+ /, ' INDEX ON bench_load ')));
  // Never an index built on the real table by mistake.
  const stray = indexes.find((index) => !/ bench_load /.test(index));
  if (stray) throw new Error(`unexpected index definition for ${dataset.table}: ${stray}`);
  return timeLoad(pool, file, {
    create: [`CREATE TABLE bench_load (LIKE ${dataset.table} INCLUDING CONSTRAINTS)`],
    copy: importBenchmark.copyInto('bench_load', columns, { freeze: true }),
    rewriter: () => importBenchmark.monthRewriter(dataset, columns), after: indexes,
  });
}

/**
 * The later extract loaded while readers are measured: the record files of fixtures generated with another
 * seed, merged into the loaded database by `npm run import` in its own process, so that rows really change
 * (about half a million at scale 1) and every indicator is recomputed, as when a month's extracts arrive.
 * The three largest files are left out to keep the run short: the refresh, which rewrites the results the
 * API reads, runs in full either way.
 */
const LATER_EXTRACT_SEED = `${DEFAULT_SEED}-later`;
const LEFT_OUT_OF_LATER_EXTRACT = new Set(['pupil_absence', 'neet_activity', 'cc_attendances']);

async function benchScale(scale: number, options: { api: boolean; web: boolean; readers: boolean; baselines: boolean; publication: boolean; duration: number }): Promise<void> {
  say(`\n## Scale ${scale}\n`);
  const work = path.join(projectRoot, '.data', 'bench');
  await mkdir(work, { recursive: true });
  const fixturesDir = path.join(work, `fixtures-scale-${scale}`);
  await rm(fixturesDir, { recursive: true, force: true });

  let started = performance.now();
  const generated = await generateFixtures({ scale, seed: DEFAULT_SEED, outDir: fixturesDir });
  const generateMs = performance.now() - started;
  const totalRows = Object.values(generated.rows).reduce((a, b) => a + b, 0);
  say(`Fixtures: ${totalRows.toLocaleString('en-GB')} rows generated in ${seconds(generateMs)}`);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ehps-bench-pg-'));
  await chmod(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), persistent: false, role: 'bench' });
  const pool = createPool(server.connectionString('ehps_bench'));
  try {
    await createDatabaseIfMissing(server.connectionString('postgres'), 'ehps_bench');
    await migrate(pool);
    await installViews(pool);

    // The raw COPY limit and the floor first, on the empty database, one file at a time.
    const raw = new Map<string, number>();
    const floor = new Map<string, number>();
    for (const dataset of options.baselines ? importBenchmark.datasets : []) {
      const file = generated.files[dataset.name];
      if (!file) continue;
      raw.set(dataset.name, await rawCopyMs(pool, dataset, file));
      floor.set(dataset.name, await floorMs(pool, dataset, file));
    }

    started = performance.now();
    const report = await importDirectory(pool, fixturesDir);
    const importMs = performance.now() - started;
    if (!report.ok) throw new Error(`the fixtures did not import:\n${formatProblems(report.problems, report.problemCount)}`);
    const filesMs = report.files.reduce((sum, f) => sum + f.ms, 0);

    started = performance.now();
    const refreshTimings = await refreshResults(pool);
    const refreshMs = performance.now() - started;

    const share = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(0)}%` : '-');
    const rateRow = (name: string, rows: number, ms: number, rawMs: number, floorMs: number) => {
      const [importRate, rawRate, floorRate] = [perSecond(rows, ms), perSecond(rows, rawMs), perSecond(rows, floorMs)];
      return [name, rows.toLocaleString('en-GB'), importRate.toLocaleString('en-GB'), rawRate.toLocaleString('en-GB'),
        share(importRate, rawRate), floorRate.toLocaleString('en-GB'), share(floorRate, rawRate)];
    };
    const sumOver = (times: Map<string, number>) => report.files.reduce((sum, f) => sum + (times.get(f.dataset) ?? 0), 0);
    if (!options.baselines) say('(import rates against raw COPY and the floor skipped: --no-baselines)');
    else say(table(['dataset', 'rows', 'import rows/s', `raw COPY rows/s (median of ${BASELINE_RUNS})`, 'import / raw',
      'floor rows/s (checks, key, indexes)', 'floor / raw'], [
      ...report.files.map((f) => rateRow(f.dataset, f.rows, f.ms, raw.get(f.dataset) ?? 0, floor.get(f.dataset) ?? 0)),
      // Every file together: the rate at which the whole folder loads against raw COPYs of the same files.
      rateRow('all files', report.files.reduce((sum, f) => sum + f.rows, 0), filesMs, sumOver(raw), sumOver(floor)),
    ]));
    say('');
    say(table(['step', 'time'], [
      ['generate fixtures', seconds(generateMs)],
      ['import all files (validate, COPY, merge)', seconds(filesMs)],
      ['import command in all (with the refresh it ends with)', seconds(importMs)],
      ['generate + import', seconds(generateMs + importMs)],
      ['refresh all indicator results', seconds(refreshMs)],
    ]));
    // Where the refresh spends its time, so that a run over the goal shows which view to look at.
    say('');
    say(table([`slowest ${SLOWEST_REFRESH_STEPS} steps of the refresh (view or building block)`, 'time', 'share'],
      [...refreshTimings].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_REFRESH_STEPS)
        .map(({ code, ms }) => [code, seconds(ms), refreshMs > 0 ? `${((100 * ms) / refreshMs).toFixed(0)}%` : '-'])));

    if (options.publication && scale === 1) {
      say('');
      say(formatPublicationBench(await benchPublication(pool)));
    }

    if (options.api || options.web || options.readers) {
      const app = await startServer({
        connectionString: server.connectionString('ehps_bench'), host: '127.0.0.1', port: await freePort(),
        webDir: path.join(projectRoot, 'dist', 'web'), logger: false,
        // The API measured alone: the board packs of the versions published above are not rendered meanwhile.
        renderBoardPacks: false,
      });
      try {
        // Every route but health needs a user: a viewer's token, and a session opened through sign-in.
        const credentials = await benchCredentials(pool, app.address);
        if (options.api) {
          say('');
          say(formatApiBench(await benchApi({ baseUrl: app.address, durationSeconds: options.duration, ...credentials })));
        }
        if (options.web && scale === 1) {
          say('');
          await benchWeb({ url: app.address, runs: 5, cookie: credentials.cookie });
        }
        if (options.readers) {
          const laterDir = `${fixturesDir}-later`;
          await rm(laterDir, { recursive: true, force: true });
          try {
            const later = await generateFixtures({ scale, seed: LATER_EXTRACT_SEED, outDir: laterDir });
            // The folder holds only the files of the later extract that are loaded.
            const loaded = importBenchmark.datasets.filter((d) => d.kind === 'record' && !LEFT_OUT_OF_LATER_EXTRACT.has(d.name));
            for (const [dataset, file] of Object.entries(later.files)) {
              if (!loaded.some((d) => d.name === dataset)) await rm(file);
            }
            let output = '';
            const readers = await benchReadersDuringImport({
              baseUrl: app.address,
              token: credentials.token,
              // `npm run import`, in its own process as an analyst runs it while the dashboard is up.
              runImport: () => new Promise<void>((resolve, reject) => {
                const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'import.ts'), '--dir', laterDir], {
                  cwd: projectRoot, env: { ...process.env, DATABASE_URL: server.connectionString('ehps_bench') }, stdio: ['ignore', 'pipe', 'pipe'],
                });
                child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
                child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
                child.on('error', reject);
                child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the later extract did not import (exit ${code}):\n${output.slice(-4000)}`))));
              }),
            });
            const changed = /\(([\d,]+) new or changed\)/g;
            const total = [...output.matchAll(changed)].reduce((sum, m) => sum + Number(m[1]!.replace(/,/g, '')), 0);
            say('');
            say(`Readers during an import: \`npm run import -- --dir\` of ${loaded.length} record files of seed ${LATER_EXTRACT_SEED} ` +
              `(${total.toLocaleString('en-GB')} rows new or changed), every indicator recomputed, while 8 clients ask`);
            say(formatReadersDuringImport(readers));
          } finally {
            await rm(laterDir, { recursive: true, force: true });
          }
        }
      } finally {
        await app.close();
      }
    }
  } finally {
    await pool.end();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(fixturesDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        scales: { type: 'string', default: '1,10' },
        duration: { type: 'string', default: '20' },
        'no-api': { type: 'boolean', default: false },
        'no-web': { type: 'boolean', default: false },
        'no-readers': { type: 'boolean', default: false },
        'no-baselines': { type: 'boolean', default: false },
        'no-publication': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    say(USAGE);
    return;
  }
  const scales = values.scales.split(',').map(Number);
  const duration = Number(values.duration);
  if (scales.some((s) => !Number.isInteger(s) || s < 1) || !(duration > 0)) {
    console.error(`--scales takes whole numbers from 1 (e.g. 1,10) and --duration a number of seconds\n\n${USAGE}`);
    process.exit(2);
  }
  say(`# EHPS scorecard benchmarks (${os.cpus().length} cores, Node ${process.version})`);
  for (const scale of scales) {
    await benchScale(scale, { api: !values['no-api'], web: !values['no-web'], readers: !values['no-readers'], baselines: !values['no-baselines'], publication: !values['no-publication'], duration });
  }
}

main().catch((error: Error) => {
  console.error(`Benchmark failed: ${error.message}`);
  process.exit(1);
});
