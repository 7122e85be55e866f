// Commentary and its sign-off (reporting.md, "Commentary"), in PostgreSQL: the current text of each
// month × geography × indicator (table commentary), every save and change of state (commentary_history,
// append-only), owners per indicator and each month's due date. The rules of the states and of who may
// approve are the sign-off module's (api/src/signoff/rules.ts, shared with the executive summary); who may
// ask for a change is declared on the routes (access plugin).
//
// Carried over, per item: an item of month M with no text of its own, whose indicator and geography have an
// approved text in M−1, reads as a draft holding that text, marked carried over and with no author (on every
// read: `readCommentary`, `monthCommentary`, `readHistory`). The first save or submit of it stores it
// (a `carry_over` history entry, recording who wrote the carried text) before the change itself
// (`changeCommentary`). While the text stays the carried text, its writers are those and whoever submitted it:
// none of them approves it (`writersOfLatestText`).
import type { Queryable } from '../access/db.js';
import type pg from 'pg';

import type { SignedInUser } from '../access/users.js';
import { HttpError } from '../lib/errors.js';
import { addMonths, monthToDate } from '../lib/months.js';
import type { CommentaryHistoryEntry, CommentaryItem, CommentaryState, IndicatorOwner } from '../schemas/commentary.js';
import { checkApprover, nextStateOrConflict, type SignOffAction, type SignOffState } from '../signoff/rules.js';
import { COUNTY_CODE } from '../indicators/status.js';
import { isRequiredGiven } from './required.js';

export type StoredState = SignOffState;
export type CommentaryAction = SignOffAction;

export const MAX_TEXT_LENGTH = 4000;

export interface ItemKey { month: string; geographyCode: string; indicatorCode: string }

/** The words naming one commentary in a refusal. */
const describe = (key: ItemKey) => `the ${key.month} commentary of ${key.indicatorCode} for ${key.geographyCode}`;

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
  /** null: a carried-over draft not stored yet (nothing written in this month). */
  updated_at: Date | null;
  reviewer_email: string | null;
  reviewer_name: string | null;
  review_note: string | null;
  /** Submitted and still the carried-over text unchanged: who wrote it in earlier months (else null). */
  carried_writers: { email: string; name: string }[] | null;
}

/**
 * The ids of who wrote the carried text of the stored item `c` (an alias of commentary) while its text is still
 * that text (its `carry_over` entry's writers of M−1; none once the text is edited away from it).
 */
const carriedWriterIds = (c: string) => `
  SELECT unnest(h.carried_writer_ids) FROM commentary_history h
   WHERE h.month = ${c}.month AND h.geography_code = ${c}.geography_code AND h.indicator_code = ${c}.indicator_code
     AND h.action = 'carry_over' AND h.text = ${c}.text`;

const COLUMNS = `to_char(month, 'YYYY-MM') AS month, geography_code, indicator_code, text, state, carried_over,
  author_id, author_email, author_name, updated_at, reviewer_email, reviewer_name, review_note,
  CASE WHEN state = 'submitted' THEN (
    SELECT json_agg(json_build_object('email', u.email, 'name', coalesce(u.name, u.email)) ORDER BY u.id) FROM users u
     WHERE u.id IN (${carriedWriterIds('commentary')})) END AS carried_writers`;

/**
 * The rows of month $1 (a date) of geography $2 (null: all) and indicator $3 (null: all), and the carried-over
 * drafts: M−1's ($4) approved texts where M has none of its own, read as drafts with no author.
 */
const SELECT_WITH_CARRIED = `
  SELECT ${COLUMNS} FROM commentary
   WHERE month = $1 AND ($2::text IS NULL OR geography_code = $2) AND ($3::text IS NULL OR indicator_code = $3)
  UNION ALL
  SELECT to_char($1::date, 'YYYY-MM'), p.geography_code, p.indicator_code, p.text, 'draft', true,
         NULL, NULL, NULL, NULL::timestamptz, NULL, NULL, NULL, NULL::json
    FROM commentary p
   WHERE p.month = $4 AND p.state = 'approved'
     AND ($2::text IS NULL OR p.geography_code = $2) AND ($3::text IS NULL OR p.indicator_code = $3)
     AND NOT EXISTS (SELECT 1 FROM commentary c WHERE c.month = $1 AND c.geography_code = p.geography_code
                       AND c.indicator_code = p.indicator_code)`;

const person = (email: string | null, name: string | null) => (email === null ? null : { email, name: name ?? email });

function toItem(row: CommentaryRow, required: boolean): CommentaryItem {
  return {
    indicatorCode: row.indicator_code,
    geographyCode: row.geography_code,
    text: row.text,
    state: row.state,
    required,
    author: person(row.author_email, row.author_name),
    updatedAt: row.updated_at?.toISOString() ?? null,
    reviewer: person(row.reviewer_email, row.reviewer_name),
    reviewNote: row.review_note,
    carriedOver: row.carried_over,
    ...(row.carried_writers === null ? {} : { carriedWriters: row.carried_writers }),
  };
}

export function missingItem(indicatorCode: string, geographyCode: string): CommentaryItem {
  return {
    indicatorCode, geographyCode, text: '', state: 'missing', required: true,
    author: null, updatedAt: null, reviewer: null, reviewNote: null, carriedOver: false,
  };
}

/** The month's commentary as written or carried over (no missing items), of one geography or all. */
export async function readCommentary(db: Queryable, month: string, geographyCode: string | null): Promise<CommentaryRow[]> {
  const { rows } = await db.query<CommentaryRow>(SELECT_WITH_CARRIED,
    [monthToDate(month), geographyCode, null, monthToDate(addMonths(month, -1))]);
  return rows;
}

export function itemsFrom(rows: readonly CommentaryRow[], isRequired: (indicatorCode: string, geographyCode: string) => boolean): CommentaryItem[] {
  return rows.map((row) => toItem(row, isRequired(row.indicator_code, row.geography_code)));
}

/**
 * The month's commentary as every reader sees it (GET /api/commentary, the Month close page, the publication
 * check): written and carried-over items of one geography (null: all), and every required county item not
 * written yet as `missing`. `required`: the month's required county indicators (`requiredAtCounty`).
 * Unordered: the caller orders them for display.
 */
export async function monthCommentary(db: Queryable, month: string, geographyCode: string | null,
  required: ReadonlySet<string>): Promise<CommentaryItem[]> {
  const written = itemsFrom(await readCommentary(db, month, geographyCode), isRequiredGiven(required));
  if (geographyCode !== null && geographyCode !== COUNTY_CODE) return written;
  const atCounty = new Set(written.filter((i) => i.geographyCode === COUNTY_CODE).map((i) => i.indicatorCode));
  return [...written, ...[...required].filter((code) => !atCounty.has(code)).map((code) => missingItem(code, COUNTY_CODE))];
}

/** What of the month's required county commentary is not approved, in the order of `required`. */
export async function requiredNotApproved(db: Queryable, month: string,
  required: ReadonlySet<string>): Promise<{ indicatorCode: string; geographyCode: string; state: CommentaryState }[]> {
  const items = await monthCommentary(db, month, COUNTY_CODE, required);
  const stateOf = new Map(items.map((i) => [i.indicatorCode, i.state]));
  return [...required]
    .filter((code) => stateOf.get(code) !== 'approved')
    .map((code) => ({ indicatorCode: code, geographyCode: COUNTY_CODE, state: stateOf.get(code) ?? 'missing' }));
}

async function readStored(db: Queryable, key: ItemKey, forUpdate: boolean): Promise<CommentaryRow | null> {
  const { rows } = await db.query<CommentaryRow>(
    `SELECT ${COLUMNS} FROM commentary WHERE month = $1 AND geography_code = $2 AND indicator_code = $3${forUpdate ? ' FOR UPDATE' : ''}`,
    [monthToDate(key.month), key.geographyCode, key.indicatorCode]);
  return rows[0] ?? null;
}

/** The approved text of M−1 an item of M would carry over (whether or not M has its own), with who wrote it. */
interface CarrySource { text: string; authorName: string | null; approvedAt: Date }

async function carrySource(db: Queryable, key: ItemKey): Promise<CarrySource | null> {
  const { rows } = await db.query<CarrySource>(
    `SELECT p.text, coalesce(p.author_name, p.author_email) AS "authorName",
            coalesce((SELECT max(h.at) FROM commentary_history h WHERE h.month = p.month AND h.geography_code = p.geography_code
                        AND h.indicator_code = p.indicator_code AND h.action = 'approve'), p.updated_at) AS "approvedAt"
       FROM commentary p WHERE p.month = $1 AND p.geography_code = $2 AND p.indicator_code = $3 AND p.state = 'approved'`,
    [monthToDate(addMonths(key.month, -1)), key.geographyCode, key.indicatorCode]);
  return rows[0] ?? null;
}

/** The history note of a carried-over draft. */
function carryNote(key: ItemKey, source: CarrySource): string {
  const from = addMonths(key.month, -1);
  return source.authorName === null ? `Carried over from ${from} (approved text)` : `Carried over from ${from}, written by ${source.authorName} (approved text)`;
}

/**
 * Who wrote the latest text of a stored item (ids of users; empty when nothing is stored): its author (who
 * saved it last, or submitted it carried over), and, while the text is still the one its `carry_over` entry
 * carried, the writers of that text in M−1 recorded there. While someone has edited the text away from it, the
 * editor alone is its writer; edited back to it, the M−1 writers count again (the words decide, not the edits).
 * The approval rule refuses every one of them (signoff/rules.ts).
 */
export async function writersOfLatestText(db: Queryable, key: ItemKey): Promise<number[]> {
  const { rows } = await db.query<{ writer_id: string }>(
    `SELECT c.author_id AS writer_id FROM commentary c
      WHERE c.month = $1 AND c.geography_code = $2 AND c.indicator_code = $3 AND c.author_id IS NOT NULL
     UNION
     SELECT w FROM commentary c, LATERAL (${carriedWriterIds('c')}) AS carried (w)
      WHERE c.month = $1 AND c.geography_code = $2 AND c.indicator_code = $3`,
    [monthToDate(key.month), key.geographyCode, key.indicatorCode]);
  return rows.map((r) => Number(r.writer_id));
}

/**
 * Stores the carried-over draft of an item that has no text of its own (as it reads: a draft, no author,
 * marked carried over), with its `carry_over` history entry naming the writers of the M−1 text.
 * Nothing when another request stored the item first.
 */
async function storeCarriedDraft(client: pg.PoolClient, key: ItemKey, source: CarrySource): Promise<void> {
  const params = [monthToDate(key.month), key.geographyCode, key.indicatorCode];
  const { rowCount } = await client.query(
    `INSERT INTO commentary (month, geography_code, indicator_code, text, state, carried_over, updated_at)
     VALUES ($1, $2, $3, $4, 'draft', true, now()) ON CONFLICT DO NOTHING`, [...params, source.text]);
  if (!rowCount) return;
  const carriedWriters = await writersOfLatestText(client, { ...key, month: addMonths(key.month, -1) });
  await client.query(
    `INSERT INTO commentary_history (month, geography_code, indicator_code, text, state, action, note, carried_writer_ids)
     VALUES ($1, $2, $3, $4, 'draft', 'carry_over', $5, $6)`, [...params, source.text, carryNote(key, source), carriedWriters]);
}

export interface ChangeResult { row: CommentaryRow; selfApproved: boolean }

/**
 * Applies one action to one commentary in a transaction (the row locked), recording it in the history:
 * 409 when the states do not allow it, 403 when the approval rule refuses the person (signoff/rules.ts).
 * A carried-over draft is stored first when the action is allowed on a draft (save, submit); whoever submits
 * it becomes its author, and while it is unchanged last month's writers stay its writers too: none of them
 * approves it (docs/decisions.md).
 */
export async function changeCommentary(client: pg.PoolClient, key: ItemKey, user: SignedInUser,
  action: CommentaryAction, value: { text?: string; note?: string }): Promise<ChangeResult> {
  let current = await readStored(client, key, true);
  if (current === null) {
    const source = await carrySource(client, key);
    if (source) {
      // Refused as a draft would be (approve, return) before anything is stored.
      nextStateOrConflict('draft', action, describe(key));
      await storeCarriedDraft(client, key, source);
      current = await readStored(client, key, true);
    }
  }
  const next = nextStateOrConflict(current?.state ?? null, action, describe(key));
  let selfApproved = false;
  if (action === 'approve') {
    ({ selfApproved } = await checkApprover(client, user, await writersOfLatestText(client, key), describe(key)));
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
    // Submitting a carried-over draft is a person taking it on: it is no longer only carried over, and the
    // submitter becomes its author (the one who cannot approve it).
    await client.query(
      `UPDATE commentary SET state = 'submitted', reviewer_id = NULL, reviewer_email = NULL, reviewer_name = NULL, review_note = NULL,
         author_id = CASE WHEN carried_over THEN $4 ELSE author_id END,
         author_email = CASE WHEN carried_over THEN $5 ELSE author_email END,
         author_name = CASE WHEN carried_over THEN $6 ELSE author_name END,
         carried_over = false
       WHERE month = $1 AND geography_code = $2 AND indicator_code = $3`, [...params, user.id, user.email, user.name]);
  } else {
    await client.query(
      `UPDATE commentary SET state = $4, reviewer_id = $5, reviewer_email = $6, reviewer_name = $7, review_note = $8
       WHERE month = $1 AND geography_code = $2 AND indicator_code = $3`,
      [...params, next, user.id, user.email, user.name, action === 'return' ? value.note! : null]);
  }
  const row = (await readStored(client, key, false))!;
  await client.query(
    `INSERT INTO commentary_history (month, geography_code, indicator_code, text, state, action, by_user_id, by_email, by_name, note, self_approved)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [...params, row.text, row.state, action, user.id, user.email, user.name, value.note ?? null, selfApproved]);
  return { row, selfApproved };
}

export function itemOf(result: ChangeResult, required: boolean): CommentaryItem {
  return toItem(result.row, required);
}

/** Every save and change of state, oldest first; a carried-over draft not stored yet has its one entry. */
export async function readHistory(db: Queryable, key: ItemKey): Promise<CommentaryHistoryEntry[]> {
  const { rows } = await db.query<{
    text: string; state: StoredState; action: CommentaryHistoryEntry['action']; by_email: string | null; by_name: string | null;
    at: Date; note: string | null; self_approved: boolean;
  }>(
    `SELECT text, state, action, by_email, by_name, at, note, self_approved FROM commentary_history
     WHERE month = $1 AND geography_code = $2 AND indicator_code = $3 ORDER BY id`,
    [monthToDate(key.month), key.geographyCode, key.indicatorCode]);
  if (rows.length === 0 && await readStored(db, key, false) === null) {
    const source = await carrySource(db, key);
    if (source) {
      return [{ text: source.text, state: 'draft', action: 'carry_over', by: null, at: source.approvedAt.toISOString(),
        note: carryNote(key, source), selfApproved: false }];
    }
  }
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
