// The month's commentary on one indicator at one geography, on the indicator page: the text (as text, line
// breaks kept, never HTML), its state in words, who wrote and reviewed it, its history on demand, and the
// actions the signed-in user may take (write, submit, approve, return). The server decides; a refusal is
// shown in its own words. On the published view of a month: the approved text it was published with, read
// only, without history (all partners ever see).
import { useEffect, useId, useState } from 'react';
import { useGeographies } from '../../../api/reference';
import { useMe } from '../../../api/session';
import { ApiError } from '../../../lib/api-client';
import { formatMonth, formatLondonTime } from '../../../lib/format';
import {
  allowedActions, STATE_WORDS, useChangeCommentary, useCommentary, useCommentaryHistory, type CommentaryChange,
  type CommentaryHistoryEntry, type CommentaryItem,
} from '../api/commentary';
import type { GeographyParams } from '../../../lib/filters';
import type { ScorecardView } from '../../../api/scorecard';

const MAX_LENGTH = 4000;

const DONE_WORDS: Record<CommentaryChange['action'], string> = {
  save: 'Saved as a draft.',
  submit: 'Submitted for approval.',
  approve: 'Approved.',
  return: 'Returned to the writer with your note.',
};

const ACTION_WORDS: Record<CommentaryHistoryEntry['action'], string> = {
  save: 'Saved',
  submit: 'Submitted',
  approve: 'Approved',
  return: 'Returned',
  carry_over: 'Carried over',
};

interface Props {
  indicatorCode: string;
  month: string;
  geographyCode: string;
  geography: GeographyParams;
  place: string;
  /** The published view (view=published[&version]): the commentary as published, read only. */
  published?: ScorecardView;
}

export function CommentaryPanel({ indicatorCode, month, geographyCode, geography, place, published }: Props) {
  if (published) return <PublishedCommentary {...{ indicatorCode, month, geographyCode, geography, place, published }} />;
  return <LiveCommentary {...{ indicatorCode, month, geographyCode, geography, place }} />;
}

function PublishedCommentary({ indicatorCode, month, geographyCode, geography, place, published }: Props & { published: ScorecardView }) {
  const commentary = useCommentary({ month, ...geography, ...published, view: 'published' });
  const item = commentary.data?.items.find((i) => i.indicatorCode === indicatorCode && i.geographyCode === geographyCode) ?? null;
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="commentary">
      <h2 id={headingId}>Commentary, {formatMonth(month)}, as published</h2>
      {commentary.isPending && <p>Loading the commentary…</p>}
      {commentary.error && (
        <div className="panel panel--error" role="alert">
          <p className="panel__title">Could not load the published commentary.</p>
          <p>{commentary.error.message}</p>
        </div>
      )}
      {commentary.data && (item
        ? <WrittenCommentary item={item} />
        : <p>No commentary was published on this indicator for {place} this month.</p>)}
    </section>
  );
}

function LiveCommentary({ indicatorCode, month, geographyCode, geography, place }: Props) {
  const me = useMe();
  const geographies = useGeographies();
  // Partners read commentary only as published (the page gives them the published view).
  const partner = me.data?.role === 'partner';
  const commentary = useCommentary({ month, ...geography }, me.data != null && !partner);
  const item = commentary.data?.items.find((i) => i.indicatorCode === indicatorCode && i.geographyCode === geographyCode) ?? null;
  const key = { month, geographyCode, indicatorCode };
  const change = useChangeCommentary(key);
  const allowed = allowedActions(me.data, item, geographyCode, geographies.data);
  const headingId = useId();

  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  // A new item (another month or place, or the saved one) starts the form from its text.
  useEffect(() => {
    setText(item?.state === 'missing' ? '' : item?.text ?? '');
  }, [item?.text, item?.state, month, geographyCode, indicatorCode]);

  if (me.data == null || partner) return null;

  const run = (what: CommentaryChange) => {
    setDone(null);
    change.mutate(what, {
      onSuccess: () => {
        setDone(DONE_WORDS[what.action]);
        if (what.action === 'save') setEditing(false);
        if (what.action === 'return') setNote('');
      },
    });
  };
  const written = item != null && item.state !== 'missing';
  const showForm = allowed.write && (editing || !written);
  const length = [...text].length;

  return (
    <section aria-labelledby={headingId} className="commentary">
      <h2 id={headingId}>Commentary, {formatMonth(month)}</h2>
      {commentary.isPending && <p>Loading the commentary…</p>}
      {commentary.error && (
        <div className="panel panel--error" role="alert">
          <p className="panel__title">Could not load the commentary.</p>
          <p>{commentary.error.message}</p>
        </div>
      )}
      {commentary.data && (
        <>
          <p className="commentary__state">
            <span className={`commentary-state commentary-state--${item?.state ?? 'none'}`}>
              {item ? STATE_WORDS[item.state] : 'No commentary'}
            </span>
            {item?.required && item.state !== 'missing' && <span className="tag tag--assumed">required</span>}
            {item?.carriedOver && <span className="cell-note"> Carried over from last month: check it still holds before submitting. Whoever submits it becomes its author; while it is unchanged, neither they nor last month's writer may approve it.</span>}
          </p>
          {item?.state === 'missing' && (
            <p>Commentary is required for {place} this month: the indicator is red or amber.</p>
          )}
          {!item && <p>Nobody has written commentary on this indicator for {place} this month.</p>}
          {written && <WrittenCommentary item={item} />}

          {showForm && (
            <form
              className="commentary__form"
              onSubmit={(event) => {
                event.preventDefault();
                run({ action: 'save', text });
              }}
            >
              <div className="field">
                <label htmlFor={`${headingId}-text`}>{written ? 'Edit the commentary' : 'Write the commentary'}</label>
                <textarea
                  id={`${headingId}-text`}
                  value={text}
                  rows={6}
                  maxLength={MAX_LENGTH}
                  aria-describedby={`${headingId}-count`}
                  onChange={(event) => setText(event.target.value)}
                />
                <span id={`${headingId}-count`} className="cell-note">
                  {length.toLocaleString('en-GB')} of {MAX_LENGTH.toLocaleString('en-GB')} characters. Plain text; line breaks are kept.
                </span>
              </div>
              <div className="button-row">
                <button type="submit" className="button" disabled={change.isPending || text.trim() === ''}>
                  Save as draft
                </button>
                {editing && (
                  <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>
                    Cancel editing
                  </button>
                )}
              </div>
            </form>
          )}

          {written && (allowed.write || allowed.approve || allowed.return) && (
            <div className="button-row">
              {allowed.write && !editing && (
                <button type="button" className="button button--secondary" onClick={() => { setDone(null); setEditing(true); }}>
                  Edit
                </button>
              )}
              {allowed.submit && !editing && (
                <button type="button" className="button" disabled={change.isPending} onClick={() => run({ action: 'submit' })}>
                  Submit for approval
                </button>
              )}
              {allowed.approve && (
                <button type="button" className="button" disabled={change.isPending} onClick={() => run({ action: 'approve' })}>
                  Approve
                </button>
              )}
            </div>
          )}
          {written && item.state === 'submitted' && !allowed.approve && allowed.return && (
            <p className="cell-note">
              You wrote the latest text, so another approver must approve it. If every approver wrote it, someone
              changes its words and submits it again: an approver who did not save it may then approve it.
            </p>
          )}

          {allowed.return && (
            <form
              className="commentary__form"
              onSubmit={(event) => {
                event.preventDefault();
                run({ action: 'return', note });
              }}
            >
              <div className="field">
                <label htmlFor={`${headingId}-note`}>Note to the writer (why it is returned)</label>
                <textarea id={`${headingId}-note`} value={note} rows={3} maxLength={MAX_LENGTH} onChange={(event) => setNote(event.target.value)} />
              </div>
              <div className="button-row">
                <button type="submit" className="button button--secondary" disabled={change.isPending || note.trim() === ''}>
                  Return with note
                </button>
              </div>
            </form>
          )}

          <div aria-live="polite">
            {done && <p className="commentary__done">{done}</p>}
          </div>
          {change.error && (
            <div className="panel panel--error" role="alert">
              <p className="panel__title">The server refused the change.</p>
              <p>{change.error instanceof ApiError ? change.error.message : 'Something went wrong; try again.'}</p>
            </div>
          )}

          {written && <CommentaryHistory commentaryKey={{ month, geographyCode, indicatorCode }} />}
        </>
      )}
    </section>
  );
}

function WrittenCommentary({ item }: { item: CommentaryItem }) {
  return (
    <>
      {/* Text, never HTML: React escapes it; pre-wrap keeps its line breaks. */}
      <div className="commentary__text">{item.text}</div>
      <p className="cell-note">
        {item.author && <>Written by {item.author.name} ({item.author.email}), {formatLondonTime(item.updatedAt)}.</>}
        {item.reviewer && item.state === 'approved' && <> Approved by {item.reviewer.name}.</>}
      </p>
      {item.state === 'returned' && (
        <div className="commentary__note">
          <p>
            <strong>Returned by {item.reviewer?.name ?? 'an approver'}:</strong>
          </p>
          <div className="commentary__text">{item.reviewNote}</div>
        </div>
      )}
    </>
  );
}

function CommentaryHistory({ commentaryKey }: { commentaryKey: { month: string; geographyCode: string; indicatorCode: string } }) {
  const [open, setOpen] = useState(false);
  const history = useCommentaryHistory(commentaryKey, open);
  const listId = useId();
  return (
    <div className="commentary__history">
      <button type="button" className="button button--secondary" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        {open ? 'Hide the history' : 'Show the history'}
      </button>
      <div id={listId} hidden={!open}>
        {open && history.isPending && <p>Loading the history…</p>}
        {open && history.error && (
          <p role="alert">Could not load the history: {history.error.message}</p>
        )}
        {history.data && (
          <ol className="commentary__entries" aria-label="History, oldest first">
            {history.data.entries.map((entry, index) => (
              <li key={index}>
                <p>
                  <strong>{ACTION_WORDS[entry.action]}</strong>
                  {' '}({STATE_WORDS[entry.state].toLowerCase()}) {entry.by ? `by ${entry.by.name}` : 'by the scorecard'}, {formatLondonTime(entry.at)}
                  {entry.selfApproved ? ', self-approved (no other approver)' : ''}
                </p>
                {entry.note && <p className="cell-note">Note: {entry.note}</p>}
                {(entry.action === 'save' || entry.action === 'carry_over') && <div className="commentary__text">{entry.text}</div>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}
