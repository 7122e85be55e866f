// npm run fixtures -- --scale <n> --seed <s> --out <dir>: writes every dataset as <dataset>.csv.
import { parseArgs } from 'node:util';
import { DEFAULT_OUT_DIR, DEFAULT_SEED, generateFixtures } from '../fixtures/src/index.js';

const HELP = `Writes synthetic extracts of every dataset, in the import format, as <dataset>.csv, and the date
the extract was taken (its as-at date) in as-at.txt.

Usage: npm run fixtures -- [--scale <n>] [--seed <s>] [--out <dir>]

  --scale <n>  volume multiplier, any positive number (default 1); 1 is Kent-sized (7.9 million rows) and
               reproduces the plan's published 2015 figures; at small scales they come as near as the
               fewer records allow, and the command lists those that are not exact
  --seed <s>   any text; the same seed gives the same files byte for byte (default ${DEFAULT_SEED})
  --out <dir>  folder to write to (default ${DEFAULT_OUT_DIR})
  --help       this text
`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        scale: { type: 'string', default: '1' },
        seed: { type: 'string', default: DEFAULT_SEED },
        out: { type: 'string', default: DEFAULT_OUT_DIR },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) { process.stdout.write(HELP); return 0; }
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0) {
    process.stderr.write(`--scale must be a positive number, got "${values.scale}"\n`);
    return 2;
  }
  const started = performance.now();
  try {
    const result = await generateFixtures({
      scale, seed: values.seed!, outDir: values.out!,
      onProgress: ({ dataset, rows }) => process.stdout.write(`${dataset.padEnd(20)} ${String(rows).padStart(10)} rows\n`),
    });
    const total = Object.values(result.rows).reduce((s, n) => s + n, 0);
    process.stdout.write(`${total} rows in ${Object.keys(result.files).length} files in ${values.out}, as at ${result.asAt} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    if (result.inexact.length) {
      process.stdout.write(`Not exact at scale ${scale} (too few records for the printed figure; exact at scale 1):\n`);
      for (const line of result.inexact) process.stdout.write(`  ${line}\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`Fixture generation failed: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
