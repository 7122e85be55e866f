// Reading the audit log (access.md, "Audit"): entries between two days in Europe/London time, optionally
// one user's or one action's, newest first. Writing is recordAudit's (access/audit.ts); removing old
// entries is the prune command's (access/audit-retention.ts).
import { sql } from 'kysely';
import type { Db } from '../db/kysely.js';
import { badRequest } from '../lib/errors.js';

/** The time zone the log's days are counted in: a day is a London day, whatever the clocks did that night. */
export const AUDIT_TIME_ZONE = 'Europe/London';

export interface AuditFilter {
  /** First and last day, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** The e-mail of the user who acted (as recorded at the time). */
  user?: string;
  action?: string;
}

export interface AuditEntry {
  id: number;
  /** ISO 8601, UTC. */
  at: string;
  userEmail: string | null;
  /** The user's name today (kept after removal), when the entry names a user of the product. */
  userName: string | null;
  address: string | null;
  action: string;
  object: string | null;
  details: Record<string, unknown>;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** 400 for a day that does not exist or a range that runs backwards. */
export function checkAuditFilter(filter: AuditFilter): void {
  for (const name of ['from', 'to'] as const) {
    if (!isCalendarDay(filter[name])) throw badRequest(`query parameter '${name}' must be a real day written YYYY-MM-DD, got '${filter[name]}'`);
  }
  if (filter.from > filter.to) throw badRequest(`from=${filter.from} is after to=${filter.to}`);
}

function whereClause(filter: AuditFilter) {
  // Midnight at the start of `from` and after `to`, London time: 23 or 25 hours long on clock-change days.
  const conditions = [
    sql`a.at >= (${filter.from}::date::timestamp AT TIME ZONE ${AUDIT_TIME_ZONE})`,
    sql`a.at < ((${filter.to}::date + 1)::timestamp AT TIME ZONE ${AUDIT_TIME_ZONE})`,
  ];
  if (filter.user) conditions.push(sql`a.user_email = ${filter.user.trim().toLowerCase()}`);
  if (filter.action) conditions.push(sql`a.action = ${filter.action}`);
  return sql.join(conditions, sql` AND `);
}

interface AuditRow {
  id: number; at: Date; user_email: string | null; user_name: string | null; address: string | null;
  action: string; object: string | null; details: Record<string, unknown> | null;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id, at: r.at.toISOString(), userEmail: r.user_email, userName: r.user_name, address: r.address,
  action: r.action, object: r.object, details: r.details ?? {},
});

/**
 * The entries matching the filter, newest first, at most `limit` of them (null: all, for the CSV), and how
 * many match in all.
 */
export async function findAuditEntries(db: Db, filter: AuditFilter, limit: number | null): Promise<{ entries: AuditEntry[]; total: number }> {
  checkAuditFilter(filter);
  const where = whereClause(filter);
  const { rows } = await sql<AuditRow>`
    SELECT a.id, a.at, a.user_email, u.name AS user_name, a.address, a.action, a.object, a.details
    FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
    WHERE ${where}
    ORDER BY a.at DESC, a.id DESC
    ${limit === null ? sql`` : sql`LIMIT ${limit}`}`.execute(db);
  let total = rows.length;
  if (limit !== null && rows.length === limit) {
    const counted = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log a WHERE ${where}`.execute(db);
    total = counted.rows[0]!.n;
  }
  return { entries: rows.map(toEntry), total };
}

/** Every action the log holds, for the page's filter. */
export async function auditActions(db: Db): Promise<string[]> {
  const { rows } = await sql<{ action: string }>`SELECT DISTINCT action FROM audit_log ORDER BY action`.execute(db);
  return rows.map((r) => r.action);
}

export const AUDIT_CSV_HEADER = ['time_utc', 'time_london', 'user', 'user_name', 'address', 'action', 'object', 'details'] as const;

const londonTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: AUDIT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** 'YYYY-MM-DD HH:MM:SS' in London time, for a reader of the CSV. */
export function formatLondon(iso: string): string {
  const parts = Object.fromEntries(londonTime.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

export function auditCsvRow(entry: AuditEntry): (string | null)[] {
  return [entry.at, formatLondon(entry.at), entry.userEmail, entry.userName, entry.address, entry.action, entry.object,
    Object.keys(entry.details).length ? JSON.stringify(entry.details) : ''];
}

export function auditFileName(filter: AuditFilter): string {
  return `ehps-audit-${filter.from}-to-${filter.to}.csv`;
}
