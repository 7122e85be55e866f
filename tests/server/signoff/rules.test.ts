// The sign-off rules shared by commentary and the executive summary (api/src/signoff/rules.ts), every case:
// each state (and nothing written) × each action, and the approval rule for every author × role × whether
// another approver exists. The routes' tests (commentary, summary) check the same rules through the API.
import { describe, expect, it } from 'vitest';
import {
  approvalVerdict, nextStateOrConflict, selfApprovalRefusedMessage, SIGN_OFF_ACTIONS, SIGN_OFF_STATES, transition,
  type SignOffAction, type SignOffState,
} from '../../../api/src/signoff/rules.js';
import { HttpError } from '../../../api/src/lib/errors.js';

const WHAT = 'the executive summary of 2015-06';

// The table of docs/reporting.md ("States"): the state reached, or null where the change is refused.
const TABLE: Record<'none' | SignOffState, Record<SignOffAction, SignOffState | null>> = {
  none: { save: 'draft', submit: null, approve: null, return: null },
  draft: { save: 'draft', submit: 'submitted', approve: null, return: null },
  submitted: { save: 'draft', submit: null, approve: 'approved', return: 'returned' },
  approved: { save: 'draft', submit: null, approve: null, return: null },
  returned: { save: 'draft', submit: null, approve: null, return: null },
};

describe('the states', () => {
  it('covers every state and action', () => {
    expect(Object.keys(TABLE).sort()).toEqual(['none', ...SIGN_OFF_STATES].sort());
    for (const row of Object.values(TABLE)) expect(Object.keys(row).sort()).toEqual([...SIGN_OFF_ACTIONS].sort());
  });

  for (const [fromName, row] of Object.entries(TABLE)) {
    const from = fromName === 'none' ? null : fromName as SignOffState;
    for (const [action, expected] of Object.entries(row) as [SignOffAction, SignOffState | null][]) {
      it(`${action} from ${fromName}: ${expected ?? 'refused'}`, () => {
        const result = transition(from, action, WHAT);
        if (expected !== null) {
          expect(result).toEqual({ state: expected });
          expect(nextStateOrConflict(from, action, WHAT)).toBe(expected);
          return;
        }
        // Refused: a sentence naming the text, the action and the state it is in, for the 409 message.
        expect(result).toEqual({ refused: expect.stringContaining(`${action === 'save' ? 'edit' : action} ${WHAT}`) });
        const refused = (result as { refused: string }).refused;
        expect(refused).toMatch(from === null ? /nothing is written yet/ : new RegExp(from));
        let thrown: unknown;
        try {
          nextStateOrConflict(from, action, WHAT);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(HttpError);
        expect(thrown).toMatchObject({ statusCode: 409, code: 'conflict', message: refused });
      });
    }
  }

  it('says what to do: write it first, edit the returned text first, submit it first, edit an approved text', () => {
    expect((transition(null, 'submit', WHAT) as { refused: string }).refused).toMatch(/Write it first/);
    expect((transition('returned', 'submit', WHAT) as { refused: string }).refused).toMatch(/Edit the returned text first/);
    expect((transition('draft', 'approve', WHAT) as { refused: string }).refused).toMatch(/must be submitted first/);
    expect((transition('approved', 'return', WHAT) as { refused: string }).refused).toMatch(/Edit it to make it a draft again/);
    expect((transition('approved', 'approve', WHAT) as { refused: string }).refused).toMatch(/approved already/);
  });
});

describe('who may approve', () => {
  const ME = 7;
  const OTHER = 8;
  const NEXT = 9;
  // [role, writers of the latest text, another approver exists] → verdict. Several writers: a carried-over
  // commentary still unchanged (last month's writer and whoever submitted it).
  const CASES: ['approver' | 'admin', number[], boolean, 'approve' | 'self_approve' | 'refuse'][] = [
    ['approver', [OTHER], true, 'approve'],
    ['approver', [OTHER], false, 'approve'],
    ['approver', [], true, 'approve'],
    ['approver', [], false, 'approve'],
    ['approver', [ME], true, 'refuse'],
    ['approver', [ME], false, 'refuse'], // only an administrator may approve their own, and only alone
    ['approver', [OTHER, NEXT], true, 'approve'],
    ['approver', [ME, OTHER], true, 'refuse'], // they wrote the carried text, another submitted it
    ['approver', [OTHER, ME], true, 'refuse'], // another wrote the carried text, they submitted it
    ['admin', [OTHER], true, 'approve'],
    ['admin', [OTHER], false, 'approve'],
    ['admin', [], true, 'approve'],
    ['admin', [], false, 'approve'],
    ['admin', [ME], true, 'refuse'],
    ['admin', [ME], false, 'self_approve'], // a one-person installation, recorded as self-approved
    ['admin', [ME, OTHER], true, 'refuse'],
    ['admin', [OTHER, ME], false, 'self_approve'],
  ];
  const whom = (writers: number[]) => (writers.length === 0 ? 'nobody this month'
    : writers.map((id) => (id === ME ? 'them' : 'another')).join(' and '));
  for (const [role, writers, others, verdict] of CASES) {
    it(`${role}, latest text by ${whom(writers)}, ${others ? 'another approver exists' : 'alone'}: ${verdict}`, () => {
      expect(approvalVerdict({ id: ME, role }, writers, others)).toBe(verdict);
    });
  }

  it('says why a self-approval is refused and what to do', () => {
    expect(selfApprovalRefusedMessage(WHAT)).toBe(
      'You wrote the latest text of the executive summary of 2015-06, so you cannot approve it: another approver or administrator must approve it.');
    // Nobody else may approve it: the way out, said (someone changes its words, or a new approver).
    const wayOut = / To go on, someone changes its words and submits it again .* or an administrator gives the approver role to someone who did not write it\.$/;
    expect(selfApprovalRefusedMessage(WHAT, 'all_wrote_it')).toMatch(/so you cannot approve it, and no other approver or administrator may either: every one of them wrote it too\./);
    expect(selfApprovalRefusedMessage(WHAT, 'all_wrote_it')).toMatch(wayOut);
    expect(selfApprovalRefusedMessage(WHAT, 'none')).toMatch(/so you cannot approve it, and there is no other approver or administrator\./);
    expect(selfApprovalRefusedMessage(WHAT, 'none')).toMatch(wayOut);
  });
});
