// npm run board-pack: a month's pack from the live figures before publication, marked as a draft.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../api/src/paths.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { MONTH, seedExportData } from '../export/seed.js';
import { pdfPages } from './pdf-tools.js';

let t: TestDatabase;
let dir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedExportData(t.pool);
  dir = mkdtempSync(path.join(os.tmpdir(), 'ehps-board-pack-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.drop();
});

function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/board-pack.ts', ...args], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: t.url } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr: stderr.replace(/^npm warn.*\n/gm, '') }));
  });
}

describe('npm run board-pack', () => {
  it('prints its usage for --help, and a message with the usage for a missing --out', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage:\n {2}npm run board-pack -- --month YYYY-MM/);
    const missing = await run('--month', MONTH);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^Give the file to write: --out file\.pdf or --out file\.xlsx\n\nUsage:/);
  });

  it('writes a district\'s suppressed PDF, marked as a draft preview', async () => {
    const out = path.join(dir, 'dartford.pdf');
    const result = await run('--month', MONTH, '--district', 'DAR', '--suppress', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Wrote ${out}`);
    const pages = pdfPages(readFileSync(out));
    expect(pages[0]).toContain('Dartford');
    expect(pages[0]!.replace(/\s+/g, ' ')).toContain('DRAFT – not approved: this document is a preview, not a published release.');
    expect(pages[0]).toMatch(/Version\s+Preview, not published/);
    expect(pages.join('\n')).toMatch(/^\s*Thanet\s+District\s+c\s/m);
  });

  it('writes the county workbook', async () => {
    const out = path.join(dir, 'kent.xlsx');
    const result = await run('--month', MONTH, '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Summary')!.getCell('A2').value).toBe('DRAFT – not approved (draft)');
    expect(workbook.getWorksheet('Commentary')!.getCell('B2').value).toBe('(no commentary)');
  });

  it('names an unknown district or a month outside the data, without a stack trace, and writes nothing', async () => {
    const out = path.join(dir, 'nothing.pdf');
    const unknown = await run('--month', MONTH, '--district', 'NOPE', '--out', out);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown district 'NOPE' (known districts: ");
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const outside = await run('--month', '2030-01', '--out', out);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('month=2030-01 is outside the data, which covers 2015-02 to 2016-02');
    expect(() => readFileSync(out)).toThrow();
  });
});
