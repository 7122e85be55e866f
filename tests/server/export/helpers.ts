// Requests against the real app for the export tests, and parsing of what comes back.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { SignedInClient } from '../../support/auth.js';

/** A signed-in client (tests/support/auth.ts): the export routes need a user. */
type Client = Pick<SignedInClient, 'inject'>;

export async function getJson<T = any>(app: Client, url: string): Promise<T> {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as T;
}

export interface CsvDownload {
  text: string;
  raw: Buffer;
  fileName: string;
  contentType: string;
  records: Record<string, string>[];
  header: string[];
}

export async function getCsv(app: Client, url: string): Promise<CsvDownload> {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  const raw = res.rawPayload;
  const text = raw.toString('utf8');
  const rows = parse(text, { bom: true }) as string[][];
  const [header = [], ...body] = rows;
  return {
    text,
    raw,
    fileName: fileNameOf(String(res.headers['content-disposition'])),
    contentType: String(res.headers['content-type']),
    header,
    records: body.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? '']))),
  };
}

export async function getWorkbook(app: Client, url: string): Promise<{ workbook: ExcelJS.Workbook; fileName: string; contentType: string }> {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return {
    workbook,
    fileName: fileNameOf(String(res.headers['content-disposition'])),
    contentType: String(res.headers['content-type']),
  };
}

function fileNameOf(disposition: string): string {
  const match = /^attachment; filename="([^"]+)"$/.exec(disposition);
  expect(match, `content-disposition: ${disposition}`).not.toBeNull();
  return match![1]!;
}

/** A CSV field as the figure it stands for: '' is null, 'c' stays 'c', anything else must be a number. */
export function figure(field: string | undefined): number | null | 'c' {
  if (field === undefined || field === '') return null;
  if (field === 'c') return 'c';
  const n = Number(field);
  expect(Number.isNaN(n), `'${field}' is not a number`).toBe(false);
  return n;
}
