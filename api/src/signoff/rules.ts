// The sign-off of a text (reporting.md, "Commentary" and "Executive summary"): the one place its rules live,
// for commentary and the executive summary alike.
// - States: draft → submitted → approved | returned; a save, from any state (approved and returned included),
//   makes a draft. Any other change answers 409 conflict, saying why and what to do.
// - Who approves: nobody approves a text whose latest text they wrote, except an administrator when no other
//   approver or administrator exists (a one-person installation): then it is recorded as self-approved.
//   A text may have several writers: a carried-over commentary, while unchanged, is written both by whoever
//   wrote it last month and by whoever submitted it this month (the caller gives the set).
//   Refused with 403 forbidden: the change is allowed, the person is not (docs/decisions.md). When every
//   approver and administrator wrote it, the refusal says the way out (someone changes its words).
// Who may ask for each action at all (roles, scope) is declared on the routes (access plugin).
import type { Queryable } from '../access/db.js';
import type { SignedInUser } from '../access/users.js';
import { forbidden, HttpError } from '../lib/errors.js';

export const SIGN_OFF_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type SignOffState = (typeof SIGN_OFF_STATES)[number];

export const SIGN_OFF_ACTIONS = ['save', 'submit', 'approve', 'return'] as const;
export type SignOffAction = (typeof SIGN_OFF_ACTIONS)[number];

/** The state an action leads to, or why it is refused (a sentence, for the 409 message). */
export type Transition = { state: SignOffState } | { refused: string };

const VERB: Record<SignOffAction, string> = { save: 'edit', submit: 'submit', approve: 'approve', return: 'return' };
const AS_IT_IS: Record<SignOffState, string> = {
  draft: 'a draft', submitted: 'already submitted', approved: 'approved', returned: 'returned for changes',
};

/**
 * The table of states: what `action` does to a text in state `from` (null: nothing written yet).
 * `what` names the text in the refusal, e.g. "the executive summary of 2015-06".
 */
export function transition(from: SignOffState | null, action: SignOffAction, what: string): Transition {
  if (action === 'save') return { state: 'draft' };
  const refuse = (why: string) => ({ refused: `Cannot ${VERB[action]} ${what}: ${why}` });
  if (from === null) return refuse('nothing is written yet. Write it first.');
  if (action === 'submit') {
    if (from === 'draft') return { state: 'submitted' };
    if (from === 'returned') return refuse('it was returned for changes. Edit the returned text first, then submit it again.');
    return refuse(`it is ${AS_IT_IS[from]}. Only a draft can be submitted.`);
  }
  if (from === 'submitted') return { state: action === 'approve' ? 'approved' : 'returned' };
  if (from === 'approved' && action === 'approve') return refuse('it is approved already.');
  const done = action === 'approve' ? 'approved' : 'returned';
  const hint = from === 'approved' ? ' Edit it to make it a draft again.' : ' It must be submitted first.';
  return refuse(`it is ${AS_IT_IS[from].replace('already ', '')}. Only submitted text can be ${done}.${hint}`);
}

/** The state `action` leads to, or 409 conflict saying why not. */
export function nextStateOrConflict(from: SignOffState | null, action: SignOffAction, what: string): SignOffState {
  const result = transition(from, action, what);
  if ('refused' in result) throw new HttpError(409, 'conflict', result.refused);
  return result.state;
}

export type ApprovalVerdict = 'approve' | 'self_approve' | 'refuse';

/**
 * Whether `approver` may approve a text whose latest text `writerIds` wrote (empty: nobody in this month — a
 * carried-over text nobody has submitted yet cannot reach approval, see docs/decisions.md). Several writers:
 * a carried-over commentary still unchanged (its writers last month and whoever submitted it).
 * `otherApproverExists`: an approver or administrator other than `approver`, not removed.
 */
export function approvalVerdict(approver: Pick<SignedInUser, 'id' | 'role'>, writerIds: Iterable<number>,
  otherApproverExists: boolean): ApprovalVerdict {
  if (!wroteIt(approver.id, writerIds)) return 'approve';
  return approver.role === 'admin' && !otherApproverExists ? 'self_approve' : 'refuse';
}

function wroteIt(userId: number, writerIds: Iterable<number>): boolean {
  for (const id of writerIds) if (id === userId) return true;
  return false;
}

/**
 * The approvers and administrators other than `userId`, not removed: 'none'; 'all_wrote_it' (every one is among
 * `writerIds`); 'free' (at least one did not write the text, and may approve it).
 */
async function otherApprovers(db: Queryable, userId: number, writerIds: number[]): Promise<OtherApprovers> {
  const { rows } = await db.query<{ any_other: boolean | null; any_free: boolean | null }>(
    `SELECT bool_or(true) AS any_other, bool_or(id <> ALL($2::bigint[])) AS any_free FROM users
      WHERE removed_at IS NULL AND id <> $1 AND coalesce(provider_role, role) IN ('approver', 'admin')`, [userId, writerIds]);
  if (!rows[0]?.any_other) return 'none';
  return rows[0].any_free ? 'free' : 'all_wrote_it';
}

export type OtherApprovers = 'none' | 'all_wrote_it' | 'free';

/**
 * Why a writer may not approve, and what to do. When no other approver or administrator may approve it either
 * (none exists, or every one wrote it: a carried-over text unchanged, written by one approver last month and
 * submitted by the other), the rule stays and the message gives the ways out (docs/decisions.md).
 */
export function selfApprovalRefusedMessage(what: string, others: OtherApprovers = 'free'): string {
  const refused = `You wrote the latest text of ${what}, so you cannot approve it`;
  if (others === 'free') return `${refused}: another approver or administrator must approve it.`;
  const why = others === 'none' ? 'and there is no other approver or administrator'
    : 'and no other approver or administrator may either: every one of them wrote it too';
  return `${refused}, ${why}. To go on, someone changes its words and submits it again (whoever saves a different text `
    + 'is then its only writer, so an approver who did not save it can approve it), or an administrator gives the '
    + 'approver role to someone who did not write it.';
}

/**
 * The approval rule applied: resolves to whether the approval is a self-approval, or throws 403 forbidden
 * saying why and what to do. Asks the database only when the approver is one of `writerIds`.
 */
export async function checkApprover(db: Queryable, approver: Pick<SignedInUser, 'id' | 'role'>,
  writerIds: Iterable<number>, what: string): Promise<{ selfApproved: boolean }> {
  const writers = [...writerIds];
  if (!wroteIt(approver.id, writers)) return { selfApproved: false };
  const others = await otherApprovers(db, approver.id, writers);
  const verdict = approvalVerdict(approver, writers, others !== 'none');
  if (verdict === 'refuse') throw forbidden(selfApprovalRefusedMessage(what, others));
  return { selfApproved: verdict === 'self_approve' };
}
