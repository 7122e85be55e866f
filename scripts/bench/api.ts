// API benchmark: requests per second and latency percentiles of the scorecard (latest month, county),
// called with an API token and with a session cookie, and of the health check (no credentials), with
// autocannon against a running server. Goal: scorecard p95 (and p97.5) < 25 ms at scale 1 on the 2-core
// machine, with either credential. And the latency readers see while an import runs
// (benchReadersDuringImport, run by scripts/bench.ts): p99 < 250 ms, none over 1 s, no error.
//   npx tsx scripts/bench/api.ts [--url http://127.0.0.1:3000] --token <API token> [--cookie ehps_session=…]
//     [--connections 32] [--duration 20]      (or BENCH_URL, BENCH_TOKEN, BENCH_COOKIE)
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
  /** An API token; the scorecard is also measured with the session cookie when given. */
  token: string;
  cookie?: string;
}

export interface ApiBenchRow {
  name: string;
  path: string;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p975: number;
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

async function measure(name: string, url: string, connections: number, duration: number, headers: Record<string, string> = {}): Promise<ApiBenchRow> {
  const times: number[] = [];
  const instance = autocannon({ url, connections, duration, headers }, () => {});
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
    p975: percentile(times, 97.5),
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
  const bearer = { authorization: `Bearer ${options.token}` };
  const months = await fetch(`${base}/api/months`, { headers: bearer });
  if (!months.ok) throw new Error(`${base}/api/months answered ${months.status}: is the server running on a loaded database, and the token valid?`);
  const { latest } = (await months.json()) as { latest: string | null };
  if (!latest) throw new Error(`${base} has no data loaded (/api/months has no latest month)`);
  // One request first, so the benchmark measures the steady state (the scorecard is cached per data version).
  await fetch(`${base}/api/scorecard?month=${latest}`, { headers: bearer });
  const scorecard = `/api/scorecard?month=${latest}`;
  const runs: [name: string, path: string, headers: Record<string, string>][] = [
    ['scorecard', scorecard, bearer],
    ...(options.cookie ? [['scorecard (session)', scorecard, { cookie: options.cookie }] as [string, string, Record<string, string>]] : []),
    ['health', '/api/health', {}],
  ];
  const rows: ApiBenchRow[] = [];
  for (const [name, path, headers] of runs) {
    log(`bench api: ${name} (${path}), ${connections} connections, ${duration} s...`);
    rows.push(await measure(name, `${base}${path}`, connections, duration, headers));
  }
  return rows;
}

export function formatApiBench(rows: readonly ApiBenchRow[]): string {
  const header = ['route', 'with', 'requests/s', 'p50 ms', 'p95 ms', 'p97.5 ms', 'p99 ms', 'failures'];
  const credential = (r: ApiBenchRow) => (r.name === 'health' ? 'nothing' : r.name.includes('session') ? 'session cookie' : 'API token');
  const body = rows.map((r) => [
    r.path, credential(r), r.requestsPerSecond.toFixed(0), r.p50.toFixed(1), r.p95.toFixed(1), r.p975.toFixed(1), r.p99.toFixed(1), String(r.failures),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const health = rows.find((r) => r.name === 'health');
  const verdicts = rows.filter((r) => r.name.startsWith('scorecard')).map((r) => {
    const fast = r.p975 < SCORECARD_P95_GOAL_MS;
    const third = !health || r.requestsPerSecond >= health.requestsPerSecond / 3;
    return `${r.name} with ${credential(r)}: p97.5 ${r.p975.toFixed(1)} ms, `
      + `${health ? `${(r.requestsPerSecond / health.requestsPerSecond).toFixed(2)} of health's requests/s` : ''}: `
      + `${fast && third ? 'meets' : 'MISSES'} the goal (p97.5 < ${SCORECARD_P95_GOAL_MS} ms, at least a third of health's rate)`;
  });
  return [line(header), ...body.map(line), ...verdicts].join('\n');
}

/** Latency goals for readers while an import runs (issue: readers never wait). */
export const DURING_IMPORT_P99_GOAL_MS = 250;
export const DURING_IMPORT_MAX_GOAL_MS = 1000;

export interface ReaderRow {
  /** What the client asked for (`scorecard`, `series`, `caseloads`, or `all`). */
  route: string;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers other than 200, and requests that failed outright. */
  errors: number;
}

export interface ReadersDuringImport {
  /** The same client for a few seconds with no import running, for comparison. */
  idle: ReaderRow[];
  /** While the import ran, from its start to its end (commit and refresh included). */
  duringImport: ReaderRow[];
  importMs: number;
}

function months(first: string, latest: string): string[] {
  const list: string[] = [];
  for (let [year, month] = first.split('-').map(Number) as [number, number]; ; month++) {
    if (month > 12) { year++; month = 1; }
    const text = `${year}-${String(month).padStart(2, '0')}`;
    list.push(text);
    if (text >= latest) return list;
  }
}

/**
 * Readers during an import: `clients` loops ask, one request after another, for the scorecard of a random
 * month and geography (the county, an area or a district) and, as the routes that read the results table on
 * every request (the scorecard is cached per data version), the series of a random indicator and geography
 * and the caseloads of a random month; first for `idleSeconds` with nothing else running, then from the
 * start of `runImport` until it ends.
 */
export async function benchReadersDuringImport(options: {
  baseUrl: string;
  /** An API token the readers send (every route but health needs one). */
  token: string;
  runImport: () => Promise<unknown>;
  clients?: number;
  idleSeconds?: number;
  log?: (line: string) => void;
}): Promise<ReadersDuringImport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const base = options.baseUrl.replace(/\/$/, '');
  const headers = { authorization: `Bearer ${options.token}` };
  const range = (await (await fetch(`${base}/api/months`, { headers })).json()) as { first: string | null; latest: string | null };
  if (!range.first || !range.latest) throw new Error(`${base} has no data loaded (/api/months has no months)`);
  const monthList = months(range.first, range.latest);
  const places = (await (await fetch(`${base}/api/geographies`, { headers })).json()) as { areas: { code: string }[]; districts: { code: string }[] };
  const geographies = ['', ...places.areas.map((a) => `&area=${a.code}`), ...places.districts.map((d) => `&district=${d.code}`)];
  const indicators = ((await (await fetch(`${base}/api/indicators`, { headers })).json()) as { indicators: { code: string }[] }).indicators.map((i) => i.code);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
  const request = (): [string, string] => {
    const kind = Math.random();
    if (kind < 0.6) return ['scorecard', `/api/scorecard?month=${pick(monthList)}${pick(geographies)}`];
    if (kind < 0.8) return ['series', `/api/indicators/${pick(indicators)}/series?${pick(geographies).slice(1)}`];
    return ['caseloads', `/api/caseloads?month=${pick(monthList)}`];
  };

  const run = async (until: Promise<unknown>): Promise<ReaderRow[]> => {
    let done = false;
    void until.finally(() => { done = true; });
    const times = new Map<string, number[]>();
    const errors = new Map<string, number>();
    const loop = async () => {
      while (!done) {
        const [route, path] = request();
        const started = performance.now();
        let ok = false;
        try {
          const response = await fetch(`${base}${path}`, { headers });
          await response.arrayBuffer();
          ok = response.status === 200;
        } catch {
          ok = false;
        }
        const ms = performance.now() - started;
        if (!times.has(route)) times.set(route, []);
        times.get(route)!.push(ms);
        if (!ok) errors.set(route, (errors.get(route) ?? 0) + 1);
      }
    };
    await Promise.all([until.catch(() => undefined), ...Array.from({ length: options.clients ?? 8 }, loop)]);
    const row = (route: string, list: number[], errorCount: number): ReaderRow => {
      const sorted = [...list].sort((a, b) => a - b);
      return { route, requests: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, errors: errorCount };
    };
    const rows = [...times.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([route, list]) => row(route, list, errors.get(route) ?? 0));
    rows.push(row('all', [...times.values()].flat(), [...errors.values()].reduce((a, b) => a + b, 0)));
    return rows;
  };

  const idleSeconds = options.idleSeconds ?? 10;
  log(`bench readers: ${options.clients ?? 8} clients for ${idleSeconds} s with no import...`);
  const idle = await run(new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000)));
  log('bench readers: the same clients while an import runs...');
  const started = performance.now();
  const importing = options.runImport();
  const duringImport = await run(importing);
  const importMs = performance.now() - started;
  await importing; // its failure is the benchmark's
  return { idle, duringImport, importMs };
}

export function formatReadersDuringImport(result: ReadersDuringImport): string {
  const header = ['phase', 'route', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'errors'];
  const body = [
    ...result.idle.map((r) => ['no import', r] as const),
    ...result.duringImport.map((r) => [`during the import (${(result.importMs / 1000).toFixed(1)} s)`, r] as const),
  ].map(([phase, r]) => [phase, r.route, String(r.requests), r.p50.toFixed(1), r.p99.toFixed(1), r.max.toFixed(1), String(r.errors)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const all = result.duringImport.find((r) => r.route === 'all')!;
  const met = all.p99 < DURING_IMPORT_P99_GOAL_MS && all.max <= DURING_IMPORT_MAX_GOAL_MS && all.errors === 0;
  const verdict = `during the import: p99 ${all.p99.toFixed(1)} ms, max ${all.max.toFixed(1)} ms, ${all.errors} errors: ` +
    `${met ? 'meets' : 'MISSES'} the goal (p99 < ${DURING_IMPORT_P99_GOAL_MS} ms, none over ${DURING_IMPORT_MAX_GOAL_MS} ms, no error)`;
  return [line(header), ...body.map(line), verdict].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: process.env.BENCH_URL ?? 'http://127.0.0.1:3000' },
      connections: { type: 'string', default: '32' },
      duration: { type: 'string', default: '20' },
      token: { type: 'string', default: process.env.BENCH_TOKEN },
      cookie: { type: 'string', default: process.env.BENCH_COOKIE },
    },
  });
  if (!values.token) throw new Error('give an API token (--token or BENCH_TOKEN; npm run users -- token --email E --name bench)');
  const rows = await benchApi({
    baseUrl: values.url!, connections: Number(values.connections), durationSeconds: Number(values.duration),
    token: values.token, cookie: values.cookie,
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
