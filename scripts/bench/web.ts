// Web benchmark: the production bundle's first-page weight (gzipped JS and CSS that index.html loads
// before any lazy page), and, in headless Chromium against a running server, the time from navigation
// until the scorecard table shows all 24 rows.
//   npx tsx scripts/bench/web.ts [http://127.0.0.1:3000] [--runs 5] [--no-build]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const webDir = path.join(root, 'dist', 'web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BundleSize {
  files: { file: string; bytes: number; gzipBytes: number }[];
  jsGzipBytes: number;
  cssGzipBytes: number;
}

export interface WebBenchResult {
  bundle: BundleSize;
  /** Milliseconds from navigation start to 24 scorecard rows, one per run (cold browser context). */
  scorecardMs?: number[];
}

/** The JS and CSS the first page loads: index.html's module script, its modulepreloads and stylesheets. */
export function firstPageBundle(dir = webDir): BundleSize {
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+src="([^"]+)"/g)) refs.add(match[1]!);
  for (const match of html.matchAll(/<link[^>]+href="([^"]+\.(?:js|css))"/g)) refs.add(match[1]!);
  const files = [...refs].map((ref) => {
    const content = readFileSync(path.join(dir, ref.replace(/^\//, '')));
    return { file: ref, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  const sum = (ext: string) => files.filter((f) => f.file.endsWith(ext)).reduce((total, f) => total + f.gzipBytes, 0);
  return { files, jsGzipBytes: sum('.js'), cssGzipBytes: sum('.css') };
}

/** `cookie`: the `ehps_session=…` of a signed-in session, which every page needs. */
export async function timeScorecard(url: string, runs = 5, cookie?: string): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const times: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      if (cookie) {
        const [name, ...value] = cookie.split('=');
        await context.addCookies([{ name: name!, value: value.join('='), url }]);
      }
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForFunction(() => document.querySelectorAll('table.scorecard-table tr.scorecard-row').length >= 24, null, { timeout: 60_000, polling: 'raf' });
      // navigationStart → now, measured inside the page.
      times.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return times;
}

export async function benchWeb(options: { url?: string; runs?: number; build?: boolean; cookie?: string } = {}): Promise<WebBenchResult> {
  if (options.build !== false || !existsSync(path.join(webDir, 'index.html'))) {
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  }
  const bundle = firstPageBundle();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log('First page bundle (gzipped):');
  for (const f of bundle.files) console.log(`  ${f.file.padEnd(40)} ${kb(f.bytes).padStart(10)} raw  ${kb(f.gzipBytes).padStart(9)} gzip`);
  console.log(`  JS  ${kb(bundle.jsGzipBytes)} gzip (budget 250 KB)`);
  console.log(`  CSS ${kb(bundle.cssGzipBytes)} gzip`);
  const result: WebBenchResult = { bundle };
  if (options.url) {
    const times = await timeScorecard(options.url, options.runs ?? 5, options.cookie);
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`Scorecard with 24 rows, from navigation (${times.length} cold runs against ${options.url}):`);
    console.log(`  median ${median.toFixed(0)} ms, min ${sorted[0]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms`);
    result.scorecardMs = times;
  }
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
  const url = args.find((a, i) => /^https?:\/\//.test(a) && args[i - 1] !== '--runs');
  benchWeb({ url, runs, build: !args.includes('--no-build'), cookie: process.env.BENCH_COOKIE }).catch((error: Error) => {
    console.error(`Web benchmark failed: ${error.message}`);
    process.exit(1);
  });
}
