// The board pack of a month before it is published, from the live figures: the same documents a release
// gives, for a look before publication. Commentary is empty and the executive summary a placeholder, both
// marked as draft in the document.
//   npm run board-pack -- --month YYYY-MM [--area X | --district Y] [--suppress] --out file.pdf|file.xlsx
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabaseTarget, type DatabaseTarget } from '../api/src/db/connection.js';
import { createDb, createPool } from '../api/src/db/kysely.js';
import { migrate } from '../api/src/db/migrate.js';
import { HttpError } from '../api/src/lib/errors.js';
import { MONTH_PATTERN } from '../api/src/lib/months.js';
import { SnapshotCache } from '../api/src/lib/snapshot.js';
import { resolveGeography } from '../api/src/queries/geography.js';
import { assertMonthInData } from '../api/src/queries/months.js';
import { renderBoardPackPdf } from '../api/src/reporting/board-pack-pdf.js';
import { renderBoardPackXlsx } from '../api/src/reporting/board-pack-xlsx.js';
import { PREVIEW_VERSION } from '../api/src/reporting/pack-content.js';
import { assembleRelease } from '../api/src/reporting/release.js';
import { osUserName } from './cli-actor.js';

const USAGE = `Usage:
  npm run board-pack -- --month YYYY-MM [--area X | --district Y] [--suppress] --out file.pdf|file.xlsx

Writes the board pack of a month from the live figures, to look at before publication: the PDF or the
workbook (by the extension of --out). It is marked as a draft: no commentary (it is not stored yet) and a
placeholder executive summary. A published month's pack comes from its frozen release instead.
  --month <YYYY-MM>  the data month
  --area <code>      an area's pack (default: the county)
  --district <code>  a district's pack
  --suppress         publication mode: small numbers shown as "c" (as partners receive it)
  --out <file>       where to write it: a .pdf or an .xlsx file
  --help             show this help

Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when it is not set (the one
\`npm start\` is running, if it is).`;

class UsageError extends Error {}

interface Command { month: string; area?: string; district?: string; suppress: boolean; out: string; format: 'pdf' | 'xlsx' }

function parseCommand(argv: string[]): Command | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        month: { type: 'string' }, area: { type: 'string' }, district: { type: 'string' },
        suppress: { type: 'boolean', default: false }, out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.split('. ')[0]!.split('\n')[0]! + '.');
  }
  if (values.help) return 'help';
  if (values.month === undefined) throw new UsageError('Give the month: --month YYYY-MM');
  if (!new RegExp(MONTH_PATTERN).test(values.month)) throw new UsageError(`--month must be a month as YYYY-MM, got '${values.month}'`);
  if (values.area !== undefined && values.district !== undefined) throw new UsageError('Give either --area or --district, not both');
  if (values.out === undefined) throw new UsageError('Give the file to write: --out file.pdf or --out file.xlsx');
  const extension = path.extname(values.out).toLowerCase();
  if (extension !== '.pdf' && extension !== '.xlsx') throw new UsageError(`--out must end in .pdf or .xlsx, got '${values.out}'`);
  return {
    month: values.month, area: values.area, district: values.district, suppress: values.suppress ?? false, out: values.out,
    format: extension === '.pdf' ? 'pdf' : 'xlsx',
  };
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
  try {
    const say = (message: string) => process.stderr.write(`${message}\n`);
    target = await openDatabaseTarget(say, 'board-pack');
    pool = createPool(target.connectionString);
    await migrate(pool, say);
    const db = createDb(pool);
    const snapshot = await new SnapshotCache(db).current();
    const geography = resolveGeography(snapshot.districts, command);
    assertMonthInData(snapshot.months, 'month', command.month);
    const release = await assembleRelease(db, snapshot, command.month, {
      commentary: [],
      summary: {
        dataHeadlines: 'Draft: the data headlines are written and approved before publication.',
        recentActivity: 'Draft: recent activity is written and approved before publication.',
        plannedActivity: 'Draft: planned activity is written and approved before publication.',
        state: 'draft',
      },
      publishedBy: { email: '', name: `cli:${osUserName()} (preview)` },
      note: 'Preview from the live figures before publication: not a published release.',
      version: PREVIEW_VERSION,
    });
    const options = { geographyCode: geography.code, suppress: command.suppress };
    const file = command.format === 'pdf' ? await renderBoardPackPdf(release, options) : await renderBoardPackXlsx(release, options);
    writeFileSync(command.out, file);
    process.stdout.write(`Wrote ${command.out}: the ${command.format === 'pdf' ? 'PDF' : 'workbook'} board pack of ${geography.name}, ${command.month}${command.suppress ? ', publication version' : ''} (draft preview, ${file.length.toLocaleString('en-GB')} bytes).\n`);
    return 0;
  } catch (error) {
    // Bad input (an unknown area, a month outside the data) is said plainly, without a stack trace.
    if (error instanceof HttpError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await pool?.end().catch(() => {});
    await target?.stop().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Board pack failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
