// Import page (`/import`, analysts and administrators): choose or drop the month's extract files (or a
// folder), see which are datasets, upload them with progress, check them as one batch (every problem as
// file, line, column, value and rule), then load them — the command line's semantics and refresh — and see
// what was loaded. The history below lists every check and load, wherever it ran.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router-dom';
import { datasetLabel, useDatasets } from '../../../api/datasets';
import { DataPanel, queryState } from '../../../components/DataPanel';
import { ApiError } from '../../../lib/api-client';
import { formatCount, formatDay, formatLondonTime, formatMonth } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import {
  cancelUpload, createUpload, isRunning, sendFile, startRun, useImportHistory, useUpload,
  type ImportProblem, type ImportRun, type UploadBatch,
} from '../api/imports';
import { TableScroll } from '../../../components/TableScroll';

/** The names the importer reads; the server has the last word. */
const AS_AT_FILE = 'as-at.txt';

interface ChosenFile {
  file: File;
  /** The dataset it is named after; null for as-at.txt; undefined when it is not a dataset file. */
  dataset: string | null | undefined;
}

type Sending = { name: string; sent: number; total: number; index: number; count: number };

export default function ImportPage() {
  usePageTitle('Import extracts');
  const queryClient = useQueryClient();
  const datasets = useDatasets();
  const known = new Set(datasets.data?.datasets.map((d) => d.name) ?? []);
  const [chosen, setChosen] = useState<ChosenFile[]>([]);
  const [replace, setReplace] = useState(false);
  const [asAt, setAsAt] = useState('');
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [sending, setSending] = useState<Sending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const upload = useUpload(uploadId);
  const batch = upload.data;
  const busy = sending !== null || isRunning(batch);
  const ids = { files: useId(), folder: useId(), replace: useId(), asAt: useId() };

  const recognise = (file: File): ChosenFile => ({
    file,
    dataset: file.name === AS_AT_FILE ? null : file.name.endsWith('.csv') && known.has(file.name.slice(0, -4)) ? file.name.slice(0, -4) : undefined,
  });

  const choose = (files: FileList | File[]) => {
    // A folder gives every file in it; the last file of a name wins, as when copied into one folder.
    const byName = new Map(chosen.map((c) => [c.file.name, c]));
    for (const file of Array.from(files)) byName.set(file.name, recognise(file));
    setChosen([...byName.values()].sort((a, b) => a.file.name.localeCompare(b.file.name)));
    void reset();
  };

  /** Forgets the upload on the server (its files are deleted there) and any result shown. */
  const reset = async () => {
    abort.current?.abort();
    const id = uploadId;
    setUploadId(null);
    setError(null);
    if (id && !isRunning(batch)) await cancelUpload(id).catch(() => {});
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length) choose(event.dataTransfer.files);
  };

  const toSend = chosen.filter((c) => c.dataset !== undefined);
  const unknown = chosen.filter((c) => c.dataset === undefined);

  /** Whether the upload on the server holds every chosen file (then only the check runs again). */
  const uploaded = uploadId !== null && batch !== undefined && toSend.every((c) => batch.files.some((f) => f.name === c.file.name));
  /** The check shown was made with the options now chosen. */
  const checkedAsChosen = batch?.state === 'checked' && batch.run?.replace === replace && (batch.run?.asAt ?? '') === asAt;

  /** Uploads the chosen dataset files (one by one, with progress), unless already sent, and starts the check. */
  const uploadAndCheck = async () => {
    setError(null);
    const controller = new AbortController();
    abort.current = controller;
    try {
      let id = uploaded ? uploadId : null;
      if (id === null) {
        id = (await createUpload()).id;
        setUploadId(id);
        for (const [index, { file }] of toSend.entries()) {
          setSending({ name: file.name, sent: 0, total: file.size, index, count: toSend.length });
          await sendFile(id, file, (sent) => setSending({ name: file.name, sent, total: file.size, index, count: toSend.length }), controller.signal);
        }
        setSending(null);
      }
      queryClient.setQueryData(['imports', id], await startRun(id, 'check', { replace, asAt: asAt || null }));
    } catch (caught) {
      setSending(null);
      if ((caught as Error).name === 'AbortError') return;
      setError(caught instanceof ApiError ? caught.message : 'The upload failed. Try again.');
    } finally {
      abort.current = null;
    }
  };

  const load = async () => {
    if (!uploadId) return;
    setError(null);
    try {
      queryClient.setQueryData(['imports', uploadId], await startRun(uploadId, 'load', { replace, asAt: asAt || null }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The load could not start. Try again.');
    }
  };

  const cancel = async () => {
    await reset();
    setSending(null);
    setChosen([]);
  };

  // When a check or load ends, it is in the history; once loaded, every figure may have changed: read them again.
  const outcome = batch && !isRunning(batch) && batch.state !== 'receiving' ? `${batch.id}:${batch.state}` : null;
  const [seenOutcome, setSeenOutcome] = useState<string | null>(null);
  if (outcome !== null && outcome !== seenOutcome) {
    setSeenOutcome(outcome);
    void queryClient.invalidateQueries(batch!.state === 'loaded'
      ? { predicate: (query) => query.queryKey[0] !== 'imports' || query.queryKey[1] === 'history' }
      : { queryKey: ['imports', 'history'] });
  }

  return (
    <>
      <div className="page-heading">
        <h1>Import extracts</h1>
        <p className="page-heading__sub">Load the month's CSV extracts: checked first, then loaded all or nothing</p>
      </div>

      <section aria-labelledby="choose-heading">
        <h2 id="choose-heading">1. Choose the files</h2>
        <p>
          Each dataset is one file named after it, such as <code>early_help_cases.csv</code> (see the{' '}
          <Link to="/data">Data</Link> page for the datasets). A file <code>{AS_AT_FILE}</code> may hold the date the extracts were
          taken.
        </p>
        <div
          className={`drop-zone${dragging ? ' drop-zone--active' : ''}`}
          onDragOver={(event) => { event.preventDefault(); setDragging(true); }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>Drop files or a folder here, or</p>
          <input
            id={ids.files} className="visually-hidden-input" type="file" multiple accept=".csv,.txt" disabled={busy}
            onChange={(event) => { if (event.target.files) choose(event.target.files); event.target.value = ''; }}
          />
          <label className="button button--secondary" htmlFor={ids.files}>Choose files</label>
          <input
            id={ids.folder} className="visually-hidden-input" type="file" multiple disabled={busy}
            // A folder picker (every browser in use supports it, under this name).
            {...{ webkitdirectory: '' }}
            onChange={(event) => { if (event.target.files) choose(event.target.files); event.target.value = ''; }}
          />
          <label className="button button--secondary" htmlFor={ids.folder}>Choose a folder</label>
        </div>

        {chosen.length > 0 && (
          <TableScroll label="Files chosen">
            <table className="table">
              <caption>Files chosen: {toSend.length} to upload{unknown.length ? `, ${unknown.length} not a dataset` : ''}</caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col" className="num">Size</th>
                  <th scope="col">Dataset</th>
                </tr>
              </thead>
              <tbody>
                {chosen.map(({ file, dataset }) => (
                  <tr key={file.name}>
                    <th scope="row"><code>{file.name}</code></th>
                    <td className="num">{formatSize(file.size)}</td>
                    <td>
                      {dataset === undefined ? (
                        <strong>Not a dataset: it will not be uploaded</strong>
                      ) : dataset === null ? (
                        'The as-at date of the extracts'
                      ) : (
                        datasetLabel(dataset)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="options-heading">
        <h2 id="options-heading">2. Say how to load them</h2>
        <div className="form-row">
          <input id={ids.replace} type="checkbox" checked={replace} disabled={busy} onChange={(event) => setReplace(event.target.checked)} />
          <label htmlFor={ids.replace}>
            Full extracts: each file replaces its whole dataset (stored rows absent from the file are removed)
          </label>
        </div>
        <div className="form-row">
          <label htmlFor={ids.asAt}>As-at date (optional): the day the extracts were taken</label>
          <input id={ids.asAt} type="date" value={asAt} disabled={busy} onChange={(event) => setAsAt(event.target.value)} aria-describedby={`${ids.asAt}-hint`} />
          <p id={`${ids.asAt}-hint`} className="hint">
            Without it: the date in {AS_AT_FILE}, else the latest event date in the files. No record may be dated after it.
          </p>
        </div>
      </section>

      <section aria-labelledby="check-heading">
        <h2 id="check-heading">3. Check, then load</h2>
        <div className="button-row">
          <button type="button" className="button" disabled={busy || toSend.every((c) => c.dataset === null) || checkedAsChosen || batch?.state === 'loaded'} onClick={() => void uploadAndCheck()}>
            {uploaded ? 'Check again' : 'Upload and check'}
          </button>
          <button type="button" className="button" disabled={busy || !checkedAsChosen} onClick={() => void load()}>
            Load these files
          </button>
          <button type="button" className="button button--secondary" disabled={batch?.state === 'loading' || (chosen.length === 0 && !uploadId)} onClick={() => void cancel()}>
            {sending ? 'Cancel the upload' : 'Start again'}
          </button>
        </div>
        {batch?.state === 'loading' && <p className="hint">A load cannot be stopped halfway: it loads everything or nothing.</p>}
        {batch?.state === 'checked' && !checkedAsChosen && <p className="hint">The options changed since the check: check again before loading.</p>}
        <div aria-live="polite">
          {sending && <UploadProgress sending={sending} />}
          {batch && <BatchStatus batch={batch} />}
          {error && <p className="message message--error" role="alert">{error}</p>}
        </div>
        {batch?.result && !batch.result.ok && <ProblemsTable problems={batch.result.problems} count={batch.result.problemCount} />}
        {batch?.result?.ok && <ResultTable batch={batch} />}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Import history</h2>
        <History />
      </section>
    </>
  );
}

function UploadProgress({ sending }: { sending: Sending }) {
  const percent = sending.total ? Math.round((100 * sending.sent) / sending.total) : 100;
  return (
    <div className="progress">
      <label>
        Uploading {sending.name} (file {sending.index + 1} of {sending.count}): {percent}%
        <progress max={sending.total || 1} value={sending.sent} />
      </label>
    </div>
  );
}

function BatchStatus({ batch }: { batch: UploadBatch }) {
  const progress = batch.progress;
  const step = batch.state === 'checking' ? 'Checking' : 'Loading';
  switch (batch.state) {
    case 'receiving':
      return null;
    case 'checking':
    case 'loading':
      return (
        <div className="progress" role="status">
          {batch.waitingFor ? (
            <p>{batch.waitingFor}</p>
          ) : progress ? (
            <label>
              {step} {progress.file}: {formatCount(progress.rows)} rows read
              <progress max={progress.bytesTotal || 1} value={progress.bytesRead} />
            </label>
          ) : (
            <p>{step}…</p>
          )}
          {progress && progress.bytesRead >= progress.bytesTotal && (
            <p className="hint">{batch.state === 'loading' ? 'Merging the rows and recomputing the indicators…' : 'Checking the batch as a whole…'}</p>
          )}
        </div>
      );
    case 'checked':
      return <p className="message message--ok" role="status">No problem found: the files can be loaded. Nothing has been written yet.</p>;
    case 'loaded':
      return <p className="message message--ok" role="status">Loaded. The indicators have been recomputed and the uploaded files deleted.</p>;
    case 'refused':
      return (
        <p className="message message--error" role="alert">
          Nothing was loaded: {formatCount(batch.result?.problemCount ?? 0)} problem{batch.result?.problemCount === 1 ? '' : 's'} found. Correct the
          files, choose them again and check again.
        </p>
      );
    case 'failed':
      return <p className="message message--error" role="alert">{batch.error ?? 'The import failed. Nothing was loaded.'}</p>;
  }
}

function ProblemsTable({ problems, count }: { problems: ImportProblem[]; count: number }) {
  return (
    <TableScroll label="Problems">
      <table className="table">
        <caption>
          Problems: {formatCount(count)}
          {count > problems.length ? ` (the first ${formatCount(problems.length)} are listed)` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col" className="num">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Rule</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            <tr key={index}>
              <td><code>{problem.file}</code></td>
              <td className="num">{problem.line ?? 'whole file'}</td>
              <td>{problem.column ?? '–'}</td>
              <td>{problem.value === null ? <em>empty</em> : <code>{problem.value}</code>}</td>
              <td>{problem.rule}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ResultTable({ batch }: { batch: UploadBatch }) {
  const datasets = useDatasets();
  const coverage = new Map(datasets.data?.datasets.map((d) => [d.name, d]) ?? []);
  const result = batch.result!;
  const loaded = batch.state === 'loaded';
  return (
    <TableScroll label={loaded ? 'Loaded: rows per dataset' : 'Checked (nothing written): rows per dataset'}>
      <table className="table">
        <caption>{loaded ? 'Loaded' : 'Checked (nothing written)'}: rows per dataset</caption>
        <thead>
          <tr>
            <th scope="col">Dataset</th>
            <th scope="col" className="num">Rows in the file</th>
            <th scope="col" className="num">New or changed</th>
            <th scope="col" className="num">Removed</th>
            {loaded && <th scope="col">Covers</th>}
          </tr>
        </thead>
        <tbody>
          {result.files.map((file) => {
            const held = coverage.get(file.dataset);
            return (
              <tr key={file.dataset}>
                <th scope="row">{datasetLabel(file.dataset)}</th>
                <td className="num">{formatCount(file.rows)}</td>
                <td className="num">{formatCount(file.changed)}</td>
                <td className="num">{formatCount(file.removed)}</td>
                {loaded && (
                  <td>
                    {held?.coveredFrom && held.coveredTo
                      ? `${formatMonth(held.coveredFrom)} to ${formatMonth(held.coveredTo)} (as at ${formatDay(held.asAt)})`
                      : held?.kind === 'reference' ? 'Reference data' : '–'}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {result.warnings.map((warning) => <p key={warning} className="hint">{warning}</p>)}
    </TableScroll>
  );
}

const SOURCES: Record<ImportRun['source'], string> = { upload: 'Import page', command_line: 'Command line', first_start: 'First start' };
const OUTCOMES: Record<ImportRun['outcome'], string> = { loaded: 'Loaded', checked: 'Checked only', refused: 'Refused', failed: 'Failed' };

function History() {
  const history = useImportHistory();
  return (
    <DataPanel what="the import history" size="small" {...queryState(history)} isEmpty={history.data?.runs.length === 0} emptyMessage="No import has been recorded yet.">
      {() => (
        <TableScroll label="Checks and loads, newest first (times in UK time)">
          <table className="table">
            <caption>Checks and loads, newest first (times in UK time)</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">By</th>
                <th scope="col">How</th>
                <th scope="col">Outcome</th>
                <th scope="col">Files and rows</th>
                <th scope="col">As at</th>
              </tr>
            </thead>
            <tbody>
              {history.data!.runs.map((run) => (
                <tr key={run.id}>
                  <td><time dateTime={run.at}>{formatLondonTime(run.at)}</time></td>
                  <td>{run.importedBy}</td>
                  <td>{SOURCES[run.source]}{run.replace ? ', full extracts' : ''}</td>
                  <td>{OUTCOMES[run.outcome]}{run.outcome === 'refused' ? ` (${formatCount(run.problemCount)} problems)` : ''}</td>
                  <td>
                    {run.files.length ? (
                      <ul className="plain-list">
                        {run.files.map((f) => <li key={f.dataset}>{f.file}: {formatCount(f.rows)} rows</li>)}
                      </ul>
                    ) : '–'}
                  </td>
                  <td>{asAtOf(run)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </DataPanel>
  );
}

/** The as-at dates a run left (or the one given), in words. */
function asAtOf(run: ImportRun): string {
  const dates = [...new Set(run.files.map((f) => f.asAt).filter((d): d is string => d !== null))].sort();
  if (dates.length === 0) return run.asAtGiven ? formatDay(run.asAtGiven) : '–';
  return dates.length === 1 ? formatDay(dates[0]!) : `${formatDay(dates[0]!)} to ${formatDay(dates[dates.length - 1]!)}`;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
