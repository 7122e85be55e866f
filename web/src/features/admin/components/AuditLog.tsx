// The audit log on the Admin page: filters (days in UK time, user, action) kept in the address, the entries
// newest first, and the CSV of everything the filters select.
import { useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { AuditEntry, AuditQuery } from '@contract/audit';
import { DataPanel, queryState } from '../../../components/DataPanel';
import { formatCount, formatDay, formatLondonTime } from '../../../lib/format';
import { auditCsvHref, useAudit, useAuditActions } from '../api/admin';
import { TableScroll } from '../../../components/TableScroll';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today in London, YYYY-MM-DD. */
export function londonToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The filter the address holds; by default the last seven days. */
function useAuditFilter(): [AuditQuery, (next: AuditQuery) => void] {
  const [params, setParams] = useSearchParams();
  const today = londonToday();
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : today;
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : addDays(to, -6);
  const filter: AuditQuery = { from, to, ...(params.get('user') ? { user: params.get('user')! } : {}),
    ...(params.get('action') ? { action: params.get('action')! } : {}) };
  const set = (next: AuditQuery) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    setParams(search);
  };
  return [filter, set];
}

export function AuditLog() {
  const [filter, setFilter] = useAuditFilter();
  const audit = useAudit(filter, true);
  const actions = useAuditActions(true);
  return (
    <>
      <AuditFilters key={JSON.stringify(filter)} filter={filter} actions={actions.data?.actions ?? []} onApply={setFilter} />
      <p>
        <a className="button button--secondary" href={auditCsvHref(filter)} download>
          Download CSV
        </a>{' '}
        <span className="cell-note">every entry from {formatDay(filter.from)} to {formatDay(filter.to)} the filters select</span>
      </p>
      <DataPanel what="the audit log" size="medium" {...queryState(audit)} isEmpty={audit.data?.entries.length === 0}
        emptyMessage={`No entry from ${formatDay(filter.from)} to ${formatDay(filter.to)} matches these filters.`}>
        {() => (
          <>
            {audit.data!.truncated && (
              <p role="note">
                Showing the latest {formatCount(audit.data!.entries.length)} of {formatCount(audit.data!.total)} entries: narrow the
                filters, or download the CSV for all of them.
              </p>
            )}
            <AuditTable entries={audit.data!.entries} />
          </>
        )}
      </DataPanel>
    </>
  );
}

function AuditFilters({ filter, actions, onApply }: { filter: AuditQuery; actions: string[]; onApply: (next: AuditQuery) => void }) {
  const ids = { from: useId(), to: useId(), user: useId(), action: useId() };
  const [draft, setDraft] = useState(filter);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from > draft.to) {
      setProblem('The first day must not be after the last.');
      return;
    }
    setProblem(null);
    onApply({ ...draft, user: draft.user?.trim() || undefined, action: draft.action || undefined });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Audit log filters">
      <div className="filters__row">
        <div className="field">
          <label htmlFor={ids.from}>From (UK time)</label>
          <input id={ids.from} type="date" required value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>To (UK time, included)</label>
          <input id={ids.to} type="date" required value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.user}>User (e-mail)</label>
          <input id={ids.user} type="text" value={draft.user ?? ''} onChange={(e) => setDraft({ ...draft, user: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.action}>Action</label>
          <select id={ids.action} value={draft.action ?? ''} onChange={(e) => setDraft({ ...draft, action: e.target.value || undefined })}>
            <option value="">All actions</option>
            {[...new Set([...actions, ...(filter.action ? [filter.action] : [])])].map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <button type="submit" className="button">Show entries</button>
      </div>
      {problem && <p role="alert" className="form-error">{problem}</p>}
    </form>
  );
}

/** Details as `key: value` pairs, values that are not text written as JSON. */
function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join('; ');
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <TableScroll label="Audit log entries" tall>
      <table className="table">
        <caption>Audit log, newest first (times in UK time)</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">User</th>
            <th scope="col">Action</th>
            <th scope="col">Object</th>
            <th scope="col">Address</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td><time dateTime={entry.at}>{formatLondonTime(entry.at)}</time></td>
              <td>{entry.userEmail ?? '–'}{entry.userName && <span className="cell-note">{entry.userName}</span>}</td>
              <td><code>{entry.action}</code></td>
              <td>{entry.object ?? '–'}</td>
              <td>{entry.address ?? '–'}</td>
              <td>{detailsText(entry.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
