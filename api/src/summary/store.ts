// The executive summary's storage and sign-off (reporting.md, "Executive summary"): the current text and
// state per month in executive_summaries, every save and change of state in executive_summary_history
// (append-only: migration 0022's trigger refuses any update or delete). Each change runs in one transaction
// holding the month's row, so two people acting at once are put in order. The rules of the states and of who
// may approve are the sign-off module's (api/src/signoff/rules.ts, shared with commentary).
import type pg from 'pg';
import { recordAudit, type AuditEntry } from '../access/audit.js';
import type { SignedInUser } from '../access/users.js';
import { HttpError } from '../lib/errors.js';
import { checkApprover, nextStateOrConflict } from '../signoff/rules.js';
import type { SummaryHistoryResponse, SummaryResponse, SummaryUpdate } from '../schemas/summary.js';
import { inTransaction } from '../db/transaction.js';

const conflict = (message: string) => new HttpError(409, 'conflict', message);

/** The words naming the summary in a refusal. */
const describe = (month: string) => `the executive summary of ${month}`;

const PART_WORDS: Record<keyof SummaryUpdate, string> = {
  dataHeadlines: 'data headlines',
  recentActivity: 'recent activity',
  plannedActivity: 'planned activity',
};

interface SummaryRow {
  month: string;
  dataHeadlines: string;
  recentActivity: string;
  plannedActivity: string;
  state: 'draft' | 'submitted' | 'approved' | 'returned';
  authorId: string;
  authorEmail: string;
  authorName: string | null;
  updatedAt: Date;
  reviewerEmail: string | null;
  reviewerName: string | null;
  reviewNote: string | null;
  selfApproved: boolean;
}

const SELECT_SUMMARY = `
  SELECT s.month, s.data_headlines AS "dataHeadlines", s.recent_activity AS "recentActivity",
         s.planned_activity AS "plannedActivity", s.state, s.author_id AS "authorId", a.email AS "authorEmail",
         a.name AS "authorName", s.updated_at AS "updatedAt", r.email AS "reviewerEmail", r.name AS "reviewerName",
         s.review_note AS "reviewNote", s.self_approved AS "selfApproved"
    FROM executive_summaries s
    JOIN users a ON a.id = s.author_id
    LEFT JOIN users r ON r.id = s.reviewer_id
   WHERE s.month = $1`;

const person = (email: string, name: string | null) => ({ email, name: name ?? email });

function answer(month: string, row: SummaryRow | undefined): SummaryResponse {
  if (!row) {
    return {
      month, dataHeadlines: '', recentActivity: '', plannedActivity: '', state: 'missing',
      author: null, updatedAt: null, reviewer: null, reviewNote: null, selfApproved: false,
    };
  }
  return {
    month,
    dataHeadlines: row.dataHeadlines,
    recentActivity: row.recentActivity,
    plannedActivity: row.plannedActivity,
    state: row.state,
    author: person(row.authorEmail, row.authorName),
    updatedAt: row.updatedAt.toISOString(),
    reviewer: row.reviewerEmail === null ? null : person(row.reviewerEmail, row.reviewerName),
    reviewNote: row.reviewNote,
    selfApproved: row.selfApproved,
  };
}

export async function getSummary(db: Pick<pg.Pool, 'query'>, month: string): Promise<SummaryResponse> {
  const { rows } = await db.query<SummaryRow>(SELECT_SUMMARY, [month]);
  return answer(month, rows[0]);
}

export async function getSummaryHistory(db: Pick<pg.Pool, 'query'>, month: string): Promise<SummaryHistoryResponse> {
  const { rows } = await db.query<{
    dataHeadlines: string; recentActivity: string; plannedActivity: string;
    state: 'draft' | 'submitted' | 'approved' | 'returned'; email: string; name: string | null; at: Date; note: string | null;
    selfApproved: boolean;
  }>(
    `SELECT h.data_headlines AS "dataHeadlines", h.recent_activity AS "recentActivity", h.planned_activity AS "plannedActivity",
            h.state, u.email, u.name, h.at, h.note, h.self_approved AS "selfApproved"
       FROM executive_summary_history h JOIN users u ON u.id = h.by_user_id
      WHERE h.month = $1 ORDER BY h.id`, [month]);
  return {
    month,
    entries: rows.map((r) => ({
      dataHeadlines: r.dataHeadlines, recentActivity: r.recentActivity, plannedActivity: r.plannedActivity,
      state: r.state, by: person(r.email, r.name), at: r.at.toISOString(), note: r.note, selfApproved: r.selfApproved,
    })),
  };
}

export type SummaryAction = 'submit' | 'approve' | 'return';

/** Who acts and from where, for the audit log. */
export interface SummaryActor { user: SignedInUser; audit: Pick<AuditEntry, 'userId' | 'userEmail' | 'address'> }


/** The month's row, locked until the transaction ends (undefined when nothing has been written). */
async function lockedRow(client: pg.PoolClient, month: string): Promise<SummaryRow | undefined> {
  const { rows } = await client.query<SummaryRow>(`${SELECT_SUMMARY} FOR UPDATE OF s`, [month]);
  return rows[0];
}

async function appendHistory(client: pg.PoolClient, month: string, byUserId: number, note: string | null, selfApproved = false) {
  await client.query(
    `INSERT INTO executive_summary_history (month, data_headlines, recent_activity, planned_activity, state, by_user_id, note, self_approved)
     SELECT month, data_headlines, recent_activity, planned_activity, state, $2, $3, $4 FROM executive_summaries WHERE month = $1`,
    [month, byUserId, note, selfApproved]);
}

/** Saves the three parts as a draft (whatever the state was: editing approved text makes it a draft again). */
export async function saveSummary(pool: pg.Pool, month: string, parts: SummaryUpdate, actor: SummaryActor): Promise<SummaryResponse> {
  if (Object.values(parts).every((text) => text.trim() === '')) {
    throw new HttpError(400, 'bad_request', 'The executive summary is empty: write at least one of data headlines, recent activity and planned activity.');
  }
  return inTransaction(pool, async (client) => {
    // Locks the month against a concurrent first save too (the insert waits on the key).
    await client.query(
      `INSERT INTO executive_summaries (month, data_headlines, recent_activity, planned_activity, state, author_id, updated_at)
       VALUES ($1, $2, $3, $4, 'draft', $5, clock_timestamp())
       ON CONFLICT (month) DO UPDATE SET data_headlines = EXCLUDED.data_headlines, recent_activity = EXCLUDED.recent_activity,
         planned_activity = EXCLUDED.planned_activity, state = 'draft', author_id = EXCLUDED.author_id,
         updated_at = EXCLUDED.updated_at, reviewer_id = NULL, review_note = NULL, self_approved = false`,
      [month, parts.dataHeadlines, parts.recentActivity, parts.plannedActivity, actor.user.id]);
    await appendHistory(client, month, actor.user.id, null);
    await recordAudit(client, { ...actor.audit, action: 'summary_saved', object: month });
    return answer(month, await lockedRow(client, month));
  });
}

/**
 * submit: a draft → submitted (every part written). approve: submitted → approved, never by the author of
 * the text unless a lone admin (recorded as self-approved; 403 otherwise). return: submitted → returned, with
 * a note. Anything else answers 409 conflict (signoff/rules.ts).
 */
export async function reviewSummary(pool: pg.Pool, month: string, action: SummaryAction, note: string | null, actor: SummaryActor): Promise<SummaryResponse> {
  const trimmedNote = note?.trim() ? note.trim() : null;
  if (action === 'return' && trimmedNote === null) {
    throw new HttpError(400, 'bad_request', 'Say why the summary is returned: the note is required.');
  }
  return inTransaction(pool, async (client) => {
    const row = await lockedRow(client, month);
    const next = nextStateOrConflict(row?.state ?? null, action, describe(month));
    let selfApproved = false;
    if (action === 'submit') {
      const empty = (Object.keys(PART_WORDS) as (keyof SummaryUpdate)[]).filter((part) => row![part].trim() === '');
      if (empty.length > 0) {
        throw conflict(`The executive summary of ${month} cannot be submitted without its ${empty.map((p) => PART_WORDS[p]).join(' and ')}.`);
      }
      await client.query(`UPDATE executive_summaries SET state = 'submitted' WHERE month = $1`, [month]);
    } else {
      if (action === 'approve') ({ selfApproved } = await checkApprover(client, actor.user, [Number(row!.authorId)], describe(month)));
      await client.query(
        `UPDATE executive_summaries SET state = $2, reviewer_id = $3, review_note = $4, self_approved = $5 WHERE month = $1`,
        [month, next, actor.user.id, action === 'return' ? trimmedNote : null, selfApproved]);
    }
    await appendHistory(client, month, actor.user.id, trimmedNote, selfApproved);
    await recordAudit(client, {
      ...actor.audit, action: `summary_${action === 'submit' ? 'submitted' : action === 'approve' ? 'approved' : 'returned'}`,
      object: month, details: selfApproved ? { selfApproved } : {},
    });
    return answer(month, await lockedRow(client, month));
  });
}
