// Commentary and its sign-off (reporting.md, "Commentary"), in PostgreSQL: the current text of each
// month × geography × indicator (table commentary), every save and change of state (commentary_history,
// append-only), owners per indicator and each month's due date. The rules of which change is allowed live
// here, in `nextState`; who may ask for a change is declared on the routes (access plugin).
import type pg from 'pg';
import type { Queryable } from '../access/db.js';
import { inTransaction } from '../db/transaction.js';

import type { SignedInUser } from '../access/users.js';
import { HttpError } from '../lib/errors.js';
import { addMonths, monthToDate } from '../lib/months.js';
import type { CommentaryHistoryEntry, CommentaryItem, CommentaryState, IndicatorOwner } from '../schemas/commentary.js';

export type StoredState = Exclude<CommentaryState, 'missing'>;
export type CommentaryAction = 'save' | 'submit' | 'approve' | 'return';

export const MAX_TEXT_LENGTH = 4000;

export interface ItemKey { month: string; geographyCode: string; indicatorCode: string }

export const conflict = (message: string) => new HttpError(409, 'conflict', message);

const ACTION_WORDS: Record<CommentaryAction, string> = { save: 'edit', submit: 'submit', approve: 'approve', return: 'return' };

/**
 * The state an action leads to from `from` (null: nothing written yet), or the reason it is not allowed:
 * draft → submitted → approved | returned; a save (from any state, returned and approved included) makes a draft.
 */
export function nextState(from: StoredState | null, action: CommentaryAction): StoredState | string {
  if (action === 'save') return 'draft';
  if (from === null) return `there is no commentary to ${ACTION_WORDS[action]} yet: write it first`;
  switch (action) {
    case 'submit':
      if (from === 'draft') return 'submitted';
      if (from === 'returned') return 'it was returned: edit the text before submitting it again';
      return `it is already ${from}; only a draft can be submitted`;
    case 'approve':
    case 'return':
      if (from === 'submitted') return action === 'approve' ? 'approved' : 'returned';
      return `it is ${from}; only submitted commentary can be ${action === 'approve' ? 'approved' : 'returned'}`;
  }
}

/** Plain text as kept: Windows line ends made \n; 1–4,000 characters once blank space is ignored. */
export function checkedText(field: string, raw: string): string {
  const text = raw.replace(/\r\n?/g, '\n');
  const length = [...text].length;
  if (text.trim() === '') throw new HttpError(400, 'bad_request', `body field '${field}' must not be empty`);
  if (length > MAX_TEXT_LENGTH) {
    throw new HttpError(400, 'bad_request', `body field '${field}' must be at most ${MAX_TEXT_LENGTH.toLocaleString('en-GB')} characters, got ${length.toLocaleString('en-GB')}`);
  }
  return text;
}

interface CommentaryRow {
  month: string;
  geography_code: string;
  indicator_code: string;
  text: string;
  state: StoredState;
  carried_over: boolean;
  author_id: string | null;
  author_email: string | null;
  author_name: string | null;
  updated_at: Date;
  reviewer_email: string | null;
  reviewer_name: string | null;
  review_note: string | null;
}

const SELECT_ROW = `SELECT to_char(month, 'YYYY-MM') AS month, geography_code, indicator_code, text, state, carried_over,
  author_id, author_email, author_name, updated_at, reviewer_email, reviewer_name, review_note FROM commentary`;

const person = (email: string | null, name: string | null) => (email === null ? null : { email, name: name ?? email });

function toItem(row: CommentaryRow, required: boolean): CommentaryItem {
  return {
    indicatorCode: row.indicator_code,
    geographyCode: row.geography_code,
    text: row.text,
    state: row.state,
    required,
    author: person(row.author_email, row.author_name),
    updatedAt: row.updated_at.toISOString(),
    reviewer: person(row.reviewer_email, row.reviewer_name),
    reviewNote: row.review_note,
    carriedOver: row.carried_over,
  };
}

export function missingItem(indicatorCode: string, geographyCode: string): CommentaryItem {
  return {
    indicatorCode, geographyCode, text: '', state: 'missing', required: true,
    author: null, updatedAt: null, reviewer: null, reviewNote: null, carriedOver: false,
  };
}

/**
 * Once per month, the first time its commentary is read or written: every indicator × geography with no
 * commentary for the month but an approved one the month before gets a draft holding that text, marked
 * carried over. It stays a draft until a person submits and another approves it.
 */
export async function carryOverOnce(pool: pg.Pool, month: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      `INSERT INTO commentary_months (month, carried_over_at) VALUES ($1, now())
       ON CONFLICT (month) DO UPDATE SET carried_over_at = now() WHERE commentary_months.carried_over_at IS NULL`,
      [monthToDate(month)]);
    if (!rowCount) return;
    await client.query(
      `WITH carried AS (
         INSERT INTO commentary (month, geography_code, indicator_code, text, state, carried_over, author_id, author_email, author_name)
         SELECT $1, geography_code, indicator_code, text, 'draft', true, author_id, author_email, author_name
         FROM commentary WHERE month = $2 AND state = 'approved'
         ON CONFLICT DO NOTHING
         RETURNING month, geography_code, indicator_code, text)
       INSERT INTO commentary_history (month, geography_code, indicator_code, text, state, action, note)
       SELECT month, geography_code, indicator_code, text, 'draft', 'carry_over', $3 FROM carried`,
      [monthToDate(month), monthToDate(addMonths(month, -1)), `Carried over from ${addMonths(month, -1)} (approved text)`]);
  });
}

/** The month's commentary as written (no missing items), of one geography or all. */
export async function readCommentary(db: Queryable, month: string, geographyCode: string | null): Promise<CommentaryRow[]> {
  const { rows } = await db.query<CommentaryRow>(
    `${SELECT_ROW} WHERE month = $1 AND ($2::text IS NULL OR geography_code = $2)`, [monthToDate(month), geographyCode]);
  return rows;
}

export function itemsFrom(rows: readonly CommentaryRow[], isRequired: (indicatorCode: string, geographyCode: string) => boolean): CommentaryItem[] {
  return rows.map((row) => toItem(row, isRequired(row.indicator_code, row.geography_code)));
}

async function readOne(db: Queryable, key: ItemKey, forUpdate: boolean): Promise<CommentaryRow | null> {
  const { rows } = await db.query<CommentaryRow>(
    `${SELECT_ROW} WHERE month = $1 AND geography_code = $2 AND indicator_code = $3${forUpdate ? ' FOR UPDATE' : ''}`,
    [monthToDate(key.month), key.geographyCode, key.indicatorCode]);
  return rows[0] ?? null;
}


/** Whether anyone but `userId` may approve: an approver or administrator still on the books. */
async function otherApproverExists(db: Queryable, userId: number): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM users WHERE removed_at IS NULL AND id <> $1
       AND coalesce(provider_role, role) IN ('approver', 'admin') LIMIT 1`, [userId]);
  return rows.length > 0;
}

export interface ChangeResult { row: CommentaryRow; selfApproved: boolean }

/**
 * Applies one action to one commentary in a transaction (the row locked), recording it in the history:
 * 409 when the rules do not allow it, 403 when an approver approves the text they wrote last (unless they are
 * an administrator and nobody else could approve it: then it is recorded as self-approved).
 */
export async function changeCommentary(client: pg.PoolClient, key: ItemKey, user: SignedInUser,
  action: CommentaryAction, value: { text?: string; note?: string }): Promise<ChangeResult> {
  const current = await readOne(client, key, true);
  const next = nextState(current?.state ?? null, action);
  if (!isStoredState(next)) throw conflict(`Cannot ${ACTION_WORDS[action]} the ${key.month} commentary of ${key.indicatorCode} for ${key.geographyCode}: ${next}.`);
  let selfApproved = false;
  if (action === 'approve' && current!.author_id !== null && Number(current!.author_id) === user.id) {
    if (user.role !== 'admin' || await otherApproverExists(client, user.id)) {
      throw new HttpError(403, 'forbidden', 'You wrote the latest text of this commentary: another approver must approve it.');
    }
    selfApproved = true;
  }
  const date = monthToDate(key.month);
  const params = [date, key.geographyCode, key.indicatorCode];
  if (action === 'save') {
    await client.query(
      `INSERT INTO commentary (month, geography_code, indicator_code, text, state, carried_over, author_id, author_email, author_name, updated_at)
       VALUES ($1, $2, $3, $4, 'draft', false, $5, $6, $7, now())
       ON CONFLICT (month, geography_code, indicator_code) DO UPDATE SET text = EXCLUDED.text, state = 'draft',
         carried_over = false, author_id = EXCLUDED.author_id, author_email = EXCLUDED.author_email,
         author_name = EXCLUDED.author_name, updated_at = now(),
         reviewer_id = NULL, reviewer_email = NULL, reviewer_name = NULL, review_note = NULL`,
      [...params, value.text!, user.id, user.email, user.name]);
  } else if (action === 'submit') {
    // Submitting a carried-over draft is a person taking it on: it is no longer only carried over.
    await client.query(
      `UPDATE commentary SET state = 'submitted', carried_over = false, reviewer_id = NULL, reviewer_email = NULL,
         reviewer_name = NULL, review_note = NULL WHERE month = $1 AND geography_code = $2 AND indicator_code = $3`, params);
  } else {
    await client.query(
      `UPDATE commentary SET state = $4, reviewer_id = $5, reviewer_email = $6, reviewer_name = $7, review_note = $8
       WHERE month = $1 AND geography_code = $2 AND indicator_code = $3`,
      [...params, next, user.id, user.email, user.name, action === 'return' ? value.note! : null]);
  }
  const row = (await readOne(client, key, false))!;
  await client.query(
    `INSERT INTO commentary_history (month, geography_code, indicator_code, text, state, action, by_user_id, by_email, by_name, note, self_approved)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [...params, row.text, row.state, action, user.id, user.email, user.name, value.note ?? null, selfApproved]);
  return { row, selfApproved };
}

export function itemOf(result: ChangeResult, required: boolean): CommentaryItem {
  return toItem(result.row, required);
}

function isStoredState(value: string): value is StoredState {
  return value === 'draft' || value === 'submitted' || value === 'approved' || value === 'returned';
}

export async function readHistory(db: Queryable, key: ItemKey): Promise<CommentaryHistoryEntry[]> {
  const { rows } = await db.query<{
    text: string; state: StoredState; action: CommentaryHistoryEntry['action']; by_email: string | null; by_name: string | null;
    at: Date; note: string | null; self_approved: boolean;
  }>(
    `SELECT text, state, action, by_email, by_name, at, note, self_approved FROM commentary_history
     WHERE month = $1 AND geography_code = $2 AND indicator_code = $3 ORDER BY id`,
    [monthToDate(key.month), key.geographyCode, key.indicatorCode]);
  return rows.map((r) => ({
    text: r.text, state: r.state, action: r.action, by: person(r.by_email, r.by_name), at: r.at.toISOString(),
    note: r.note, selfApproved: r.self_approved,
  }));
}

/** Every indicator of `codes` with its owner (null when none); removed users are still named. */
export async function readOwners(db: Queryable, codes: readonly string[]): Promise<IndicatorOwner[]> {
  const { rows } = await db.query<{ indicator_code: string; email: string; name: string | null }>(
    `SELECT o.indicator_code, u.email, u.name FROM indicator_owners o JOIN users u ON u.id = o.user_id`);
  const byCode = new Map(rows.map((r) => [r.indicator_code, person(r.email, r.name)]));
  return codes.map((indicatorCode) => ({ indicatorCode, owner: byCode.get(indicatorCode) ?? null }));
}

export async function setOwner(db: Queryable, indicatorCode: string, userId: number | null, setBy: number): Promise<void> {
  if (userId === null) {
    await db.query('DELETE FROM indicator_owners WHERE indicator_code = $1', [indicatorCode]);
    return;
  }
  await db.query(
    `INSERT INTO indicator_owners (indicator_code, user_id, set_by) VALUES ($1, $2, $3)
     ON CONFLICT (indicator_code) DO UPDATE SET user_id = EXCLUDED.user_id, set_by = EXCLUDED.set_by, set_at = now()`,
    [indicatorCode, userId, setBy]);
}

export async function readDueDate(db: Queryable, month: string): Promise<string | null> {
  const { rows } = await db.query<{ due: string | null }>(
    `SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM commentary_months WHERE month = $1`, [monthToDate(month)]);
  return rows[0]?.due ?? null;
}

export async function setDueDate(db: Queryable, month: string, dueDate: string | null): Promise<void> {
  await db.query(
    `INSERT INTO commentary_months (month, due_date) VALUES ($1, $2)
     ON CONFLICT (month) DO UPDATE SET due_date = EXCLUDED.due_date`, [monthToDate(month), dueDate]);
}

/**
 * The month's approved commentary, every geography (for a release and its board packs): `isRequired` says
 * which are required (the county's red and amber indicators, from the scorecard being frozen).
 */
export async function approvedCommentary(db: Queryable, month: string,
  isRequired: (indicatorCode: string, geographyCode: string) => boolean): Promise<CommentaryItem[]> {
  const rows = (await readCommentary(db, month, null)).filter((row) => row.state === 'approved');
  return itemsFrom(rows, isRequired);
}
