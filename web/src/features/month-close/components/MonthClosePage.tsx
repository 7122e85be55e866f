// Month close page (`/month-close?month=M`, analysts, approvers and administrators; reporting.md "In the web
// app"): what the month still needs before it can be published — the required commentary with its owner, due
// date and state, the datasets that do not cover the month yet, the executive summary and its sign-off — then
// publishing (with a note saying what blocks it) and the earlier versions with their notes and withdrawal.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { datasetLabel, useDatasets } from '../../../api/datasets';
import { openingMonth, useIndicators, useMonths } from '../../../api/reference';
import { ROLE_NAMES, useMe } from '../../../api/session';
import type {
  CommentaryItem, CommentaryState, DatasetInfo, MissingSignOff, NotReadyResponse, PublicationListItem, Role, SummaryResponse,
} from '../../../api/types';
import { DataPanel, queryState } from '../../../components/DataPanel';
import { MonthPicker } from '../../../components/Pickers';
import { ApiError } from '../../../lib/api-client';
import { formatDay, formatLondonTime, formatMonth } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import { can } from '../../../../../shared/roles';
import {
  actOnSummary, getDraftHeadlines, publishMonth, saveSummary, setDueDate, setOwners, useCommentary, useDueDate, useOwners, usePublications,
  useSummary, withdrawVersion, type SummaryAction,
} from '../api/month-close';
import { TableScroll } from '../../../components/TableScroll';

/** States in words (never colour alone). */
export const STATE_WORDS: Record<CommentaryState, string> = {
  missing: 'Not written',
  draft: 'Draft',
  submitted: 'Submitted for approval',
  approved: 'Approved',
  returned: 'Returned for changes',
};

const problem = (caught: unknown, fallback: string) => (caught instanceof ApiError ? caught.message : fallback);

/** The record datasets holding records whose coverage does not reach the month (publishing needs them to). */
export function datasetsNotCovering(datasets: readonly DatasetInfo[], month: string): DatasetInfo[] {
  return datasets.filter((d) => d.kind === 'record' && d.rows > 0 && (d.coveredTo === null || d.coveredTo < month));
}

export default function MonthClosePage() {
  usePageTitle('Month close');
  const me = useMe();
  const months = useMonths();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? openingMonth(months.data);
  const role = me.data?.role ?? null;

  if (me.isPending || (months.isPending && !params.get('month'))) {
    return <DataPanel what="the month close" {...queryState(me, months)}>{() => null}</DataPanel>;
  }
  // The month close is for those who write the summary or approve: analysts, approvers, administrators.
  if (!role || !can(role, 'write_summary')) {
    return (
      <>
        <h1>Month close</h1>
        <p className="message message--error" role="alert">
          The Month close page is for analysts, approvers and administrators, who prepare and publish the monthly report.
          You are signed in {role ? `as ${ROLE_NAMES[role]}` : 'without a role'}: ask an administrator if you need it.
        </p>
      </>
    );
  }
  if (!month) {
    return (
      <>
        <h1>Month close</h1>
        <p>No data has been loaded yet: there is no month to close.</p>
      </>
    );
  }
  return (
    <>
      <div className="page-heading">
        <h1>Month close: {formatMonth(month)}</h1>
        <p className="prose">
          What the month needs before it is published: the required commentary approved, every dataset covering the
          month, and the executive summary approved.
        </p>
      </div>
      <div className="filters">
        <MonthPicker
          first={months.data?.first ?? null}
          latest={months.data?.latest ?? null}
          latestComplete={months.data?.latestComplete}
          value={month}
          onChange={(value) => value && setParams({ month: value })}
        />
      </div>
      <MonthClose key={month} month={month} role={role} />
    </>
  );
}

function MonthClose({ month, role }: { month: string; role: Role }) {
  const commentary = useCommentary(month);
  const summary = useSummary(month);
  const datasets = useDatasets();
  const indicators = useIndicators();
  const titles = new Map(indicators.data?.indicators.map((i) => [i.code, i.title]) ?? []);
  const title = (code: string | null) => (code === null ? 'Executive summary' : titles.get(code) ?? code);

  const required = (commentary.data?.items ?? []).filter((item) => item.required);
  const unapproved = required.filter((item) => item.state !== 'approved');
  const incomplete = datasetsNotCovering(datasets.data?.datasets ?? [], month);
  const summaryState = summary.data?.state;
  const blockers: string[] = [
    ...unapproved.map((item) => `${title(item.indicatorCode)}: commentary ${STATE_WORDS[item.state].toLowerCase()}`),
    ...(summaryState && summaryState !== 'approved' ? [`Executive summary: ${STATE_WORDS[summaryState].toLowerCase()}`] : []),
    ...incomplete.map((d) => `${datasetLabel(d.name)}: covers ${d.coveredTo ? `to ${formatMonth(d.coveredTo)}` : 'no month'}, not ${formatMonth(month)}`),
  ];
  const ready = queryState(commentary, summary, datasets);

  return (
    <>
      <section aria-labelledby="blockers-heading">
        <h2 id="blockers-heading">What still blocks publication</h2>
        <DataPanel what="what blocks publication" size="small" {...ready}>
          {() => blockers.length === 0
            ? <p className="message message--ok" role="status">Nothing blocks publication: everything required is approved and every dataset covers {formatMonth(month)}.</p>
            : (
              <ul id="blockers-list">
                {blockers.map((text) => <li key={text}>{text}</li>)}
              </ul>
            )}
        </DataPanel>
      </section>

      <RequiredCommentary month={month} items={required} title={title} commentary={commentary} />
      {can(role, 'plan_commentary') && <CommentaryPlan month={month} items={required} title={title} />}

      <section aria-labelledby="datasets-heading">
        <h2 id="datasets-heading">Datasets not covering {formatMonth(month)}</h2>
        <DataPanel what="the datasets" size="small" {...queryState(datasets)}>
          {() => incomplete.length === 0
            ? <p>Every dataset holding records covers {formatMonth(month)}.</p>
            : (
              <ul>
                {incomplete.map((d) => (
                  <li key={d.name}>
                    {datasetLabel(d.name)}: {d.coveredTo ? `covered to ${formatMonth(d.coveredTo)}` : 'covers no month yet'}
                    {d.asAt ? ` (extract taken ${formatDay(d.asAt)})` : ''}
                  </li>
                ))}
              </ul>
            )}
        </DataPanel>
      </section>

      <SummaryEditor month={month} role={role} />

      <Publishing month={month} role={role} blockers={blockers} incomplete={incomplete} title={title} />
    </>
  );
}

function RequiredCommentary({ month, items, title, commentary }: {
  month: string;
  items: CommentaryItem[];
  title: (code: string | null) => string;
  commentary: ReturnType<typeof useCommentary>;
}) {
  const owners = useOwners();
  const due = useDueDate(month);
  const ownerOf = new Map(owners.data?.owners.map((o) => [o.indicatorCode, o.owner]) ?? []);
  const dueDate = due.data?.dueDate ?? null;
  return (
    <section aria-labelledby="commentary-heading">
      <h2 id="commentary-heading">Required commentary</h2>
      <p>
        {dueDate ? <>Commentary for {formatMonth(month)} is due on <strong>{formatDay(dueDate)}</strong>.</> : <>No due date has been set for {formatMonth(month)}.</>}
        {' '}Required at the county for every indicator that is red or amber this month.
      </p>
      <DataPanel what="the month's commentary" size="small" {...queryState(commentary)}
        isEmpty={commentary.data !== undefined && items.length === 0}
        emptyMessage={`No indicator needs commentary in ${formatMonth(month)}: none is red or amber at the county.`}>
        {() => (
          <TableScroll label={`Required commentary for ${formatMonth(month)} (scrolls sideways on narrow screens)`}>
            <table className="table">
              <caption className="visually-hidden">Required commentary for {formatMonth(month)}: indicator, who owes it, due date and state</caption>
              <thead>
                <tr>
                  <th scope="col">Indicator</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => {
                  const owner = ownerOf.get(item.indicatorCode);
                  return (
                    <tr key={`${item.geographyCode} ${item.indicatorCode}`}>
                      <th scope="row">{title(item.indicatorCode)}</th>
                      <td>{owner ? owner.name : owners.error ? 'Not shown to your role' : 'Nobody yet'}</td>
                      <td>{dueDate ? formatDay(dueDate) : 'Not set'}</td>
                      <td>
                        {STATE_WORDS[item.state]}
                        {item.state === 'returned' && item.reviewNote && <span className="cell-note">Note: {item.reviewNote}</span>}
                        {item.carriedOver && <span className="cell-note">Carried over from last month: someone must submit it; neither they nor last month's writer may approve it.</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </DataPanel>
    </section>
  );
}

/**
 * Who owes each required commentary and when (analysts and administrators): the month's due date, and an owner
 * per indicator named by their e-mail address (the server says when nobody has it).
 */
function CommentaryPlan({ month, items, title }: { month: string; items: CommentaryItem[]; title: (code: string | null) => string }) {
  const queryClient = useQueryClient();
  const owners = useOwners();
  const due = useDueDate(month);
  const [dueDate, setDueDateValue] = useState<string | null>(null);
  const [emails, setEmails] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const prefix = useId();
  const ownerEmail = (code: string) => owners.data?.owners.find((o) => o.indicatorCode === code)?.owner?.email ?? '';
  const codes = [...new Set(items.map((item) => item.indicatorCode).filter((code): code is string => code !== null))];
  const shownDueDate = dueDate ?? due.data?.dueDate ?? '';

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      setMessage({ ok: true, text: done });
    } catch (caught) {
      setMessage({ ok: false, text: problem(caught, 'The change could not be saved. Try again.') });
    } finally {
      setBusy(false);
    }
  };
  const saveDueDate = () => run(async () => {
    const answer = await setDueDate(month, shownDueDate || null);
    queryClient.setQueryData(['commentary-due-date', month], answer);
    setDueDateValue(null);
  }, shownDueDate ? `Commentary for ${formatMonth(month)} is now due on ${formatDay(shownDueDate)}.` : `The due date of ${formatMonth(month)} is cleared.`);
  const saveOwners = () => run(async () => {
    const changed = codes
      .filter((code) => emails[code] !== undefined && emails[code]!.trim() !== ownerEmail(code))
      .map((code) => ({ indicatorCode: code, email: emails[code]!.trim() || null }));
    const answer = await setOwners(changed);
    queryClient.setQueryData(['commentary-owners'], answer);
    setEmails({});
  }, 'Owners saved.');

  return (
    <section aria-labelledby={`${prefix}-heading`}>
      <h2 id={`${prefix}-heading`}>Owners and due date</h2>
      <form className="form-row" onSubmit={(event) => { event.preventDefault(); void saveDueDate(); }}>
        <label htmlFor={`${prefix}-due`}>Commentary for {formatMonth(month)} due on</label>
        <input id={`${prefix}-due`} type="date" value={shownDueDate} disabled={busy} onChange={(event) => setDueDateValue(event.target.value)} />
        <button type="submit" className="button button--secondary" disabled={busy || dueDate === null}>Set the due date</button>
      </form>
      {codes.length > 0 && (
        <form onSubmit={(event) => { event.preventDefault(); void saveOwners(); }}>
          <fieldset>
            <legend>Owner of each required commentary (their e-mail address; empty: nobody)</legend>
            {codes.map((code) => (
              <div className="field" key={code}>
                <label htmlFor={`${prefix}-owner-${code}`}>Owner of {title(code)}</label>
                <input
                  id={`${prefix}-owner-${code}`} type="email" autoComplete="off" disabled={busy}
                  value={emails[code] ?? ownerEmail(code)}
                  onChange={(event) => setEmails({ ...emails, [code]: event.target.value })}
                />
              </div>
            ))}
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button button--secondary" disabled={busy || Object.keys(emails).length === 0}>Save owners</button>
          </div>
        </form>
      )}
      <div aria-live="polite">
        {message?.ok && <p className="message message--ok" role="status">{message.text}</p>}
      </div>
      {message && !message.ok && <p className="message message--error" role="alert">{message.text}</p>}
    </section>
  );
}

type Parts = Pick<SummaryResponse, 'dataHeadlines' | 'recentActivity' | 'plannedActivity'>;
const PART_LABELS: [keyof Parts, string][] = [
  ['dataHeadlines', 'Data headlines'],
  ['recentActivity', 'Recent activity'],
  ['plannedActivity', 'Planned activity'],
];
const partsOf = (summary: SummaryResponse | undefined): Parts => ({
  dataHeadlines: summary?.dataHeadlines ?? '', recentActivity: summary?.recentActivity ?? '', plannedActivity: summary?.plannedActivity ?? '',
});

function SummaryEditor({ month, role }: { month: string; role: Role }) {
  const queryClient = useQueryClient();
  const summary = useSummary(month);
  const [parts, setParts] = useState<Parts>(partsOf(undefined));
  const [dirty, setDirty] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const ids = { note: useId(), hint: useId() };
  const prefix = useId();

  // Show the stored text until the user edits it.
  useEffect(() => {
    if (summary.data && !dirty) setParts(partsOf(summary.data));
  }, [summary.data, dirty]);

  const data = summary.data;
  const state = data?.state ?? 'missing';
  const approver = can(role, 'approve');
  const canSubmit = !dirty && state === 'draft';
  const canReview = approver && !dirty && state === 'submitted';

  const run = async (work: () => Promise<SummaryResponse>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const answer = await work();
      queryClient.setQueryData(['summary', month], answer);
      setParts(partsOf(answer));
      setDirty(false);
      setNote('');
      setMessage({ ok: true, text: done });
    } catch (caught) {
      setMessage({ ok: false, text: problem(caught, 'The summary could not be changed. Try again.') });
    } finally {
      setBusy(false);
    }
  };

  const act = (action: SummaryAction) => run(() => actOnSummary(month, action, note.trim() || undefined), {
    submit: 'Submitted for approval.', approve: 'Approved.', return: 'Returned to its author with your note.',
  }[action]);

  const insertHeadlines = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const { headlines } = await getDraftHeadlines(month);
      if (headlines.length === 0) {
        setMessage({ ok: true, text: 'The figures give no headline to draft for this month.' });
      } else {
        const drafted = headlines.join('\n');
        setParts((current) => ({ ...current, dataHeadlines: current.dataHeadlines.trim() ? `${current.dataHeadlines.trimEnd()}\n${drafted}` : drafted }));
        setDirty(true);
        setMessage({ ok: true, text: `${headlines.length} drafted headline${headlines.length === 1 ? '' : 's'} inserted into the data headlines: edit them, then save.` });
      }
    } catch (caught) {
      setMessage({ ok: false, text: problem(caught, 'The headlines could not be drafted. Try again.') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">Executive summary</h2>
      <DataPanel what="the executive summary" {...queryState(summary)}>
        {() => (
          <form onSubmit={(event) => { event.preventDefault(); void run(() => saveSummary(month, parts), 'Saved as a draft.'); }}>
            <p>
              State: <strong>{STATE_WORDS[state]}</strong>
              {data?.author && data.updatedAt && <> — last saved by {data.author.name}, {formatLondonTime(data.updatedAt)}</>}
              {data?.reviewer && (state === 'approved' || state === 'returned') && (
                <> — {state === 'approved' ? 'approved' : 'returned'} by {data.reviewer.name}{data.selfApproved ? ' (self-approved: the only administrator)' : ''}</>
              )}
            </p>
            {state === 'returned' && data?.reviewNote && <p className="message message--error">Returned with the note: {data.reviewNote}</p>}
            {PART_LABELS.map(([part, label]) => (
              <div className="field" key={part}>
                <label htmlFor={`${prefix}-${part}`}>{label}</label>
                <textarea
                  id={`${prefix}-${part}`}
                  rows={part === 'dataHeadlines' ? 8 : 4}
                  maxLength={4000}
                  value={parts[part]}
                  onChange={(event) => { setParts({ ...parts, [part]: event.target.value }); setDirty(true); }}
                />
              </div>
            ))}
            <div className="button-row">
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void insertHeadlines()}>
                Insert drafted headlines
              </button>
              <button type="submit" className="button" disabled={busy || !dirty}>Save draft</button>
              <button type="button" className="button" disabled={busy || !canSubmit} aria-describedby={ids.hint} onClick={() => void act('submit')}>
                Submit for approval
              </button>
            </div>
            <p className="hint" id={ids.hint}>
              {dirty ? 'Save your changes before submitting.' : state === 'draft' ? 'Submitting asks an approver to approve it.'
                : state === 'submitted' ? 'Waiting for an approver: nobody approves the text they wrote last.'
                  : state === 'returned' ? 'Edit the text and save it, then submit it again.'
                    : state === 'approved' ? 'Approved. Editing it makes it a draft again.' : 'Write the summary and save it as a draft.'}
            </p>
            {approver && state === 'submitted' && (
              <fieldset>
                <legend>Review</legend>
                <div className="field">
                  <label htmlFor={ids.note}>Note (required to return it)</label>
                  <textarea id={ids.note} rows={2} maxLength={4000} value={note} onChange={(event) => setNote(event.target.value)} />
                </div>
                <div className="button-row">
                  <button type="button" className="button" disabled={busy || !canReview} onClick={() => void act('approve')}>Approve</button>
                  <button type="button" className="button button--secondary" disabled={busy || !canReview || !note.trim()} onClick={() => void act('return')}>
                    Return with note
                  </button>
                </div>
              </fieldset>
            )}
            {message && <p className={`message ${message.ok ? 'message--ok' : 'message--error'}`} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
          </form>
        )}
      </DataPanel>
    </section>
  );
}

function Publishing({ month, role, blockers, incomplete, title }: {
  month: string;
  role: Role;
  blockers: string[];
  incomplete: DatasetInfo[];
  title: (code: string | null) => string;
}) {
  const queryClient = useQueryClient();
  const publications = usePublications(month);
  const versions = (publications.data?.publications ?? []).filter((p) => p.month === month).sort((a, b) => b.version - a.version);
  const [note, setNote] = useState('');
  const [acceptIncomplete, setAcceptIncomplete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; missing?: MissingSignOff[]; datasets?: NotReadyResponse['datasets'] } | null>(null);
  const ids = { note: useId(), explain: useId(), accept: useId() };
  const approver = can(role, 'approve');

  const publish = async () => {
    setBusy(true);
    setResult(null);
    try {
      const published = await publishMonth({ month, note: note.trim(), ...(acceptIncomplete ? { acceptIncompleteData: true } : {}) });
      setResult({ ok: true, text: `Published ${formatMonth(month)} as version ${published.version}.` });
      setNote('');
      void queryClient.invalidateQueries({ queryKey: ['publications'] });
    } catch (caught) {
      const body = caught instanceof ApiError && caught.status === 409 ? caught.body as Partial<NotReadyResponse> | undefined : undefined;
      setResult({ ok: false, text: problem(caught, 'The month could not be published. Try again.'), missing: body?.missing, datasets: body?.datasets });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section aria-labelledby="publish-heading">
        <h2 id="publish-heading">Publish {formatMonth(month)}</h2>
        {!approver ? (
          <p>Approvers and administrators publish the month once nothing blocks it.</p>
        ) : (
          <form onSubmit={(event) => { event.preventDefault(); void publish(); }}>
            <p id={ids.explain}>
              {blockers.length === 0
                ? `Nothing blocks publication.${versions.length ? ` Publishing again makes version ${versions[0]!.version + 1}: say why in the note.` : ''}`
                : `Publishing is blocked by ${blockers.length} item${blockers.length === 1 ? '' : 's'} listed under "What still blocks publication".`}
            </p>
            <div className="field">
              <label htmlFor={ids.note}>Publication note{versions.length || acceptIncomplete ? ' (required: say why)' : ''}</label>
              <textarea id={ids.note} rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
            </div>
            {incomplete.length > 0 && (
              <div className="form-row">
                <input id={ids.accept} type="checkbox" checked={acceptIncomplete} onChange={(event) => setAcceptIncomplete(event.target.checked)} />
                <label htmlFor={ids.accept}>Publish although {incomplete.length === 1 ? 'a dataset does' : 'datasets do'} not cover the month (the note says why)</label>
              </div>
            )}
            <div className="button-row">
              <button type="submit" className="button" disabled={busy} aria-describedby={ids.explain}>Publish {formatMonth(month)}</button>
            </div>
            {result && (
              <div className={`message ${result.ok ? 'message--ok' : 'message--error'}`} role={result.ok ? 'status' : 'alert'}>
                <p>{result.text}</p>
                {result.missing && result.missing.length > 0 && (
                  <>
                    <p>Not approved yet:</p>
                    <ul>
                      {result.missing.map((m) => (
                        <li key={`${m.geographyCode} ${m.indicatorCode ?? 'summary'}`}>{title(m.indicatorCode)} ({m.geographyCode}): {STATE_WORDS[m.state].toLowerCase()}</li>
                      ))}
                    </ul>
                  </>
                )}
                {result.datasets && result.datasets.length > 0 && (
                  <>
                    <p>Datasets not covering the month:</p>
                    <ul>{result.datasets.map((d) => <li key={d.name}>{datasetLabel(d.name)}{d.coveredTo ? `: covered to ${formatMonth(d.coveredTo)}` : ''}</li>)}</ul>
                  </>
                )}
              </div>
            )}
          </form>
        )}
      </section>

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Published versions of {formatMonth(month)}</h2>
        <DataPanel what="the published versions" size="small" {...queryState(publications)}
          isEmpty={publications.data !== undefined && versions.length === 0}
          emptyMessage={`${formatMonth(month)} has not been published yet.`}>
          {() => (
            <TableScroll label={`Published versions of ${formatMonth(month)} (scrolls sideways on narrow screens)`}>
              <table className="table">
                <caption className="visually-hidden">Published versions of {formatMonth(month)}, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Published</th>
                    <th scope="col">Note</th>
                    <th scope="col">Status</th>
                    <th scope="col">Board packs</th>
                    {approver && <th scope="col"><span className="visually-hidden">Withdraw</span></th>}
                  </tr>
                </thead>
                <tbody>
                  {versions.map((version) => (
                    <VersionRow key={version.version} month={month} version={version} approver={approver} />
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </DataPanel>
      </section>
    </>
  );
}

/**
 * The version's board packs: rendered one after another once it is published, then downloads are instant. Those
 * the job is not making (it tried and one failed, or it does not run) are made when first downloaded.
 */
function boardPacksLabel(packs: PublicationListItem['boardPacks']): string {
  if (!packs) return '–';
  if (packs.stored >= packs.total) return `All ${packs.total} ready`;
  return packs.rendering
    ? `${packs.stored} of ${packs.total} ready (being made)`
    : `${packs.stored} of ${packs.total} ready; the rest are made at first download`;
}

function VersionRow({ month, version, approver }: { month: string; version: PublicationListItem; approver: boolean }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      await withdrawVersion(month, version.version, reason.trim());
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['publications'] });
    } catch (caught) {
      setError(problem(caught, 'The version could not be withdrawn. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr>
      <th scope="row">Version {version.version}</th>
      <td>{formatLondonTime(version.publishedAt)} by {version.publishedBy.name}</td>
      <td>{version.note || '–'}</td>
      <td>
        {version.withdrawal
          ? <>Withdrawn {formatLondonTime(version.withdrawal.withdrawnAt)} by {version.withdrawal.withdrawnBy.name}<span className="cell-note">Reason: {version.withdrawal.reason}</span></>
          : version.current ? 'Current' : 'Earlier version'}
      </td>
      <td>{boardPacksLabel(version.boardPacks)}</td>
      {approver && (
        <td>
          {!version.withdrawal && !open && (
            <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
              Withdraw version {version.version}
            </button>
          )}
          {open && (
            <form onSubmit={(event) => { event.preventDefault(); void withdraw(); }}>
              <div className="field">
                <label htmlFor={id}>Why is version {version.version} withdrawn?</label>
                <textarea id={id} rows={2} maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />
              </div>
              <div className="button-row">
                <button type="submit" className="button" disabled={busy || !reason.trim()}>Withdraw</button>
                <button type="button" className="button button--secondary" onClick={() => { setOpen(false); setReason(''); }}>Cancel</button>
              </div>
              {error && <p className="message message--error" role="alert">{error}</p>}
            </form>
          )}
        </td>
      )}
    </tr>
  );
}
