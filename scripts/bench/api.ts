// API benchmark: requests per second and latency percentiles of the scorecard (latest month, county)
// and of the health check, with autocannon against a running server. Goal: scorecard p95 < 25 ms at
// scale 1 on the 2-core machine.
//   npx tsx scripts/bench/api.ts [--url http://127.0.0.1:3000] [--connections 32] [--duration 20]
import autocannon from 'autocannon';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export interface ApiBenchOptions {
  /** The running server, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  connections?: number;
  durationSeconds?: number;
  /** Where progress lines go (default stderr). */
  log?: (line: string) => void;
}

export interface ApiBenchRow {
  name: string;
  path: string;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses other than 2xx, and connection errors or timeouts. */
  failures: number;
}

export const SCORECARD_P95_GOAL_MS = 25;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

async function measure(name: string, url: string, connections: number, duration: number): Promise<ApiBenchRow> {
  const times: number[] = [];
  const instance = autocannon({ url, connections, duration }, () => {});
  instance.on('response', (_client, _status, _bytes, responseTime) => { times.push(responseTime); });
  const result = await new Promise<autocannon.Result>((resolve) => instance.on('done', resolve));
  times.sort((a, b) => a - b);
  return {
    name,
    path: new URL(url).pathname + new URL(url).search,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / (result.duration || duration),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** Runs the scorecard and health benchmarks one after the other and returns one row each. */
export async function benchApi(options: ApiBenchOptions): Promise<ApiBenchRow[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const connections = options.connections ?? 32;
  const duration = options.durationSeconds ?? 20;
  const base = options.baseUrl.replace(/\/$/, '');
  const months = await fetch(`${base}/api/months`);
  if (!months.ok) throw new Error(`${base}/api/months answered ${months.status}: is the server running on a loaded database?`);
  const { latest } = (await months.json()) as { latest: string | null };
  if (!latest) throw new Error(`${base} has no data loaded (/api/months has no latest month)`);
  // One request first, so the benchmark measures the steady state (the scorecard is cached per data version).
  await fetch(`${base}/api/scorecard?month=${latest}`);
  const rows: ApiBenchRow[] = [];
  for (const [name, path] of [['scorecard', `/api/scorecard?month=${latest}`], ['health', '/api/health']] as const) {
    log(`bench api: ${name} (${path}), ${connections} connections, ${duration} s...`);
    rows.push(await measure(name, `${base}${path}`, connections, duration));
  }
  return rows;
}

export function formatApiBench(rows: readonly ApiBenchRow[]): string {
  const header = ['route', 'requests/s', 'p50 ms', 'p95 ms', 'p99 ms', 'failures'];
  const body = rows.map((r) => [
    r.path, r.requestsPerSecond.toFixed(0), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1), String(r.failures),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const scorecard = rows.find((r) => r.name === 'scorecard');
  const verdict = scorecard
    ? `scorecard p95 ${scorecard.p95.toFixed(1)} ms: ${scorecard.p95 < SCORECARD_P95_GOAL_MS ? 'meets' : 'MISSES'} the goal of < ${SCORECARD_P95_GOAL_MS} ms`
    : '';
  return [line(header), ...body.map(line), verdict].filter(Boolean).join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: process.env.BENCH_URL ?? 'http://127.0.0.1:3000' },
      connections: { type: 'string', default: '32' },
      duration: { type: 'string', default: '20' },
    },
  });
  const rows = await benchApi({
    baseUrl: values.url!, connections: Number(values.connections), durationSeconds: Number(values.duration),
  });
  process.stdout.write(`${formatApiBench(rows)}\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then((code) => process.exit(code), (error: Error) => {
    process.stderr.write(`bench api: ${error.message}\n`);
    process.exit(1);
  });
}
