// Targets page (`/targets`): the targets and floors of each indicator by year and geography — the rows set for
// a year, and the years an earlier row is carried forward to after the plan — for everyone; analysts and
// administrators edit a row in place, set one for another year (next year's, say) and delete one, each
// change checked by the server with the targets file's rules and the floor rule.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useGeographies, useIndicators, type Geographies } from '../../../api/reference';
import { useMe } from '../../../api/session';
import type { IndicatorInfo, Unit } from '../../../api/types';
import { DataPanel, queryState } from '../../../components/DataPanel';
import { ApiError } from '../../../lib/api-client';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatTargetYear } from '../../../lib/years';
import {
  canEditTargets, deleteTarget, saveTarget, TargetRejectedError, useTargets,
  type TargetBody, type TargetEntry, type TargetKey, type TargetProblem,
} from '../api/targets';
import { TableScroll } from '../../../components/TableScroll';

type Field = TargetProblem['field'];
type FieldErrors = Partial<Record<Field, string>>;

interface Draft {
  target: string;
  floor: string;
  floorAssumed: boolean;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** The body to send, or what is wrong with the draft (the server checks everything else). */
function parseDraft(draft: Draft): { body: TargetBody | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const target = draft.target.trim();
  const floor = draft.floor.trim();
  if (!NUMBER.test(target)) errors.target = target === '' ? 'Enter the target.' : 'Enter the target as a number, such as 80 or 12.5.';
  if (floor !== '' && !NUMBER.test(floor)) errors.floor = 'Enter the floor as a number, or leave it empty for no floor.';
  if (Object.keys(errors).length > 0) return { body: null, errors };
  return { body: { target: Number(target), floor: floor === '' ? null : Number(floor), floorAssumed: draft.floorAssumed }, errors };
}

/** The server's problems by field, in the form's words. */
function problemsByField(problems: readonly TargetProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const said = `${problem.value === null ? 'Empty' : `“${problem.value}”`}: ${problem.rule}.`;
    errors[problem.field] = errors[problem.field] ? `${errors[problem.field]} ${said}` : said;
  }
  return errors;
}

function formatFigure(value: number | null, unit: Unit | undefined): string {
  if (value === null) return '–';
  const text = value.toLocaleString('en-GB', { maximumFractionDigits: 15 });
  return unit === 'percent' ? `${text}%` : text;
}

function geographyLabel(geographies: Geographies | undefined, code: string): string {
  if (!geographies) return code;
  if (code === geographies.county.code) return geographies.county.name;
  const area = geographies.areas.find((a) => a.code === code);
  if (area) return `${area.name} (area)`;
  return geographies.districts.find((d) => d.code === code)?.name ?? code;
}

const keyOf = (row: Pick<TargetEntry, 'indicatorCode' | 'year' | 'geographyCode'>): TargetKey => ({
  indicator: row.indicatorCode, year: String(row.year), geography: row.geographyCode,
});
const rowId = (row: TargetEntry) => `${row.indicatorCode}|${row.year}|${row.geographyCode}`;

/** An error under a field, tied to it by id. */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}

export default function TargetsPage() {
  usePageTitle('Targets');
  const [search, setSearch] = useSearchParams();
  const indicator = search.get('indicator') ?? undefined;
  const me = useMe();
  const indicators = useIndicators();
  const geographies = useGeographies();
  const targets = useTargets({ indicator });
  const canEdit = canEditTargets(me.data?.role);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Where keyboard focus goes back to when an edit or a confirmation closes (the button that opened it). */
  const [returnFocus, setReturnFocus] = useState<{ id: string; to: 'edit' | 'delete' } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // The saved or deleted row's controls may be gone: focus lands on the sentence saying what happened.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const [prefill, setPrefill] = useState<{ row: Partial<TargetEntry>; seq: number } | null>(null);
  const pickerId = useId();

  const catalogue = indicators.data?.indicators ?? [];
  const byCode = new Map(catalogue.map((i) => [i.code, i]));
  const chosen = indicator ? byCode.get(indicator) : undefined;
  const yearLabel = (year: number) => formatTargetYear(year);
  const describe = (row: Pick<TargetEntry, 'indicatorCode' | 'year' | 'geographyCode'>) =>
    `the ${yearLabel(row.year)} target for ${geographyLabel(geographies.data, row.geographyCode)}${indicator ? '' : ` (${byCode.get(row.indicatorCode)?.title ?? row.indicatorCode})`}`;

  /** After a change every figure may differ (status, carried targets): read them again. */
  const changed = async (message: string) => {
    setNotice(message);
    await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' && query.queryKey[0] !== 'indicators' });
  };

  const chooseIndicator = (code: string) => {
    const next = new URLSearchParams(search);
    if (code) next.set('indicator', code);
    else next.delete('indicator');
    setSearch(next);
    setEditing(null);
    setConfirming(null);
    setPrefill(null);
    setNotice(null);
  };

  return (
    <>
      <div className="page-heading">
        <h1>Targets</h1>
        <p className="page-heading__sub">Targets and floors by indicator, year and geography</p>
      </div>
      <p>
        A year without a target of its own takes the latest earlier year’s target and floor, shown here as carried
        forward, until a target is set for it. A percentage without a target for an area or district uses Kent’s.
      </p>
      {!canEdit && me.data && (
        <p className="message">Targets are set by analysts and administrators: ask one of them to change a target or floor.</p>
      )}
      <div className="filters" role="search" aria-label="Choose an indicator">
        <div className="filters__row">
          <div className="field">
            <label htmlFor={pickerId}>Indicator</label>
            <select id={pickerId} value={indicator ?? ''} onChange={(event) => chooseIndicator(event.target.value)}>
              <option value="">All indicators</option>
              {catalogue.map((i) => (
                <option key={i.code} value={i.code}>
                  {i.title}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {notice && (
        <p className="message message--ok" role="status" ref={noticeRef} tabIndex={-1}>
          {notice}
        </p>
      )}
      <DataPanel
        what="the targets"
        {...queryState(targets, indicators, geographies)}
        isEmpty={targets.data?.targets.length === 0 && !canEdit}
        emptyMessage="No targets are set for this indicator."
        size="large"
      >
        {() => (
          <>
            {targets.data!.targets.length === 0 ? (
              <p>No targets are set {chosen ? 'for this indicator' : ''} yet.</p>
            ) : (
              <TableScroll label={`Targets and floors${chosen ? ` of ${chosen.title}` : ''}, by geography and year`}>
                <table className="table">
                  <caption>
                    Targets and floors{chosen ? ` of ${chosen.title}` : ''}, by geography and year
                  </caption>
                  <thead>
                    <tr>
                      {!indicator && <th scope="col">Indicator</th>}
                      <th scope="col">Year</th>
                      <th scope="col">Geography</th>
                      <th scope="col" className="num">Target</th>
                      <th scope="col" className="num">Floor</th>
                      <th scope="col">Floor published?</th>
                      <th scope="col">Applies</th>
                      {canEdit && <th scope="col">Change</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {targets.data!.targets.map((row) => {
                      const id = rowId(row);
                      const info = byCode.get(row.indicatorCode);
                      const common = {
                        row, info, showIndicator: !indicator, geographyName: geographyLabel(geographies.data, row.geographyCode),
                        description: describe(row),
                      };
                      if (canEdit && editing === id) {
                        return (
                          <EditRow
                            key={id}
                            {...common}
                            onCancel={() => { setEditing(null); setReturnFocus({ id, to: 'edit' }); }}
                            onSaved={async () => {
                              setEditing(null);
                              await changed(`Saved ${describe(row)}.`);
                            }}
                          />
                        );
                      }
                      return (
                        <ViewRow
                          key={id}
                          {...common}
                          fromGeographyName={geographyLabel(geographies.data, row.fromGeographyCode)}
                          controls={
                            !canEdit ? null : row.carriedForward ? (
                              <button
                                type="button"
                                className="button button--secondary"
                                aria-label={`Set a target for ${yearLabel(row.year)} at ${common.geographyName}`}
                                onClick={() => setPrefill({ row, seq: (prefill?.seq ?? 0) + 1 })}
                              >
                                Set a target for {yearLabel(row.year)}
                              </button>
                            ) : confirming === id ? (
                              <ConfirmDelete
                                description={describe(row)}
                                onKeep={() => { setConfirming(null); setReturnFocus({ id, to: 'delete' }); }}
                                onDeleted={async () => {
                                  setConfirming(null);
                                  await changed(`Deleted ${describe(row)}.`);
                                }}
                                target={keyOf(row)}
                              />
                            ) : (
                              <span className="button-row button-row--tight">
                                <button
                                  type="button" className="button button--secondary" aria-label={`Edit ${describe(row)}`}
                                  autoFocus={returnFocus?.id === id && returnFocus.to === 'edit'}
                                  onClick={() => { setNotice(null); setConfirming(null); setEditing(id); }}
                                >
                                  Edit
                                </button>
                                <button
                                  type="button" className="button button--secondary" aria-label={`Delete ${describe(row)}`}
                                  autoFocus={returnFocus?.id === id && returnFocus.to === 'delete'}
                                  onClick={() => { setNotice(null); setEditing(null); setConfirming(id); }}
                                >
                                  Delete
                                </button>
                              </span>
                            )
                          }
                        />
                      );
                    })}
                  </tbody>
                </table>
              </TableScroll>
            )}
            {canEdit && (
              <AddTarget
                key={`${indicator ?? ''}|${prefill?.seq ?? 0}`}
                catalogue={catalogue}
                geographies={geographies.data}
                indicator={indicator}
                targets={targets.data!.targets}
                prefill={prefill?.row}
                focus={prefill !== null}
                onSaved={(row) => changed(`Saved ${describe(row)}.`)}
              />
            )}
          </>
        )}
      </DataPanel>
    </>
  );
}

interface RowProps {
  row: TargetEntry;
  info: IndicatorInfo | undefined;
  showIndicator: boolean;
  geographyName: string;
  description: string;
}

function ViewRow({ row, info, showIndicator, geographyName, fromGeographyName, controls }: RowProps & { fromGeographyName: string; controls: ReactNode }) {
  return (
    <tr className={row.carriedForward ? 'row--carried' : undefined}>
      {showIndicator && <td>{info?.title ?? row.indicatorCode}</td>}
      <th scope="row">{formatTargetYear(row.year)}</th>
      <td>{geographyName}</td>
      <td className="num">{formatFigure(row.target, info?.unit)}</td>
      <td className="num">{formatFigure(row.floor, info?.unit)}</td>
      <td>{row.floor === null ? 'No floor' : row.floorAssumed ? 'Assumed' : 'Published'}</td>
      <td>
        {row.carriedForward
          ? `${formatTargetYear(row.fromYear)} target carried forward${row.fromGeographyCode !== row.geographyCode ? ` (${fromGeographyName}’s)` : ''}`
          : 'Set for this year'}
      </td>
      {controls !== null && <td>{controls}</td>}
    </tr>
  );
}

function EditRow({ row, info, showIndicator, geographyName, description, onCancel, onSaved }: RowProps & { onCancel: () => void; onSaved: () => Promise<void> }) {
  const [draft, setDraft] = useState<Draft>({ target: String(row.target), floor: row.floor === null ? '' : String(row.floor), floorAssumed: row.floorAssumed });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = { target: useId(), floor: useId(), assumed: useId(), targetError: useId(), floorError: useId(), assumedError: useId() };

  const save = async () => {
    const parsed = parseDraft(draft);
    setErrors(parsed.errors);
    setFailure(null);
    if (!parsed.body) return;
    setSaving(true);
    try {
      await saveTarget(keyOf(row), parsed.body);
      await onSaved();
    } catch (error) {
      if (error instanceof TargetRejectedError) setErrors(problemsByField(error.problems));
      setFailure(error instanceof Error ? `Not saved. ${error.message}` : 'Not saved. Try again.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <tr className="row--editing">
      {showIndicator && <td>{info?.title ?? row.indicatorCode}</td>}
      <th scope="row">{formatTargetYear(row.year)}</th>
      <td>{geographyName}</td>
      <td className="num">
        <label htmlFor={ids.target} className="visually-hidden">Target for {description}</label>
        <input
          id={ids.target} inputMode="decimal" autoFocus value={draft.target} className="input--figure"
          aria-invalid={errors.target ? true : undefined} aria-describedby={errors.target ? ids.targetError : undefined}
          onChange={(event) => setDraft({ ...draft, target: event.target.value })}
          onKeyDown={(event) => { if (event.key === 'Enter') void save(); if (event.key === 'Escape') onCancel(); }}
        />
        <FieldError id={ids.targetError} message={errors.target} />
      </td>
      <td className="num">
        <label htmlFor={ids.floor} className="visually-hidden">Floor for {description} (empty for none)</label>
        <input
          id={ids.floor} inputMode="decimal" value={draft.floor} className="input--figure"
          aria-invalid={errors.floor ? true : undefined} aria-describedby={errors.floor ? ids.floorError : undefined}
          onChange={(event) => setDraft({ ...draft, floor: event.target.value })}
          onKeyDown={(event) => { if (event.key === 'Enter') void save(); if (event.key === 'Escape') onCancel(); }}
        />
        <FieldError id={ids.floorError} message={errors.floor} />
      </td>
      <td>
        <span className="form-row">
          <input
            id={ids.assumed} type="checkbox" checked={draft.floorAssumed}
            aria-describedby={errors.floorAssumed ? ids.assumedError : undefined}
            onChange={(event) => setDraft({ ...draft, floorAssumed: event.target.checked })}
          />
          <label htmlFor={ids.assumed}>Floor assumed</label>
        </span>
        <FieldError id={ids.assumedError} message={errors.floorAssumed} />
      </td>
      <td>{row.carriedForward ? 'Carried forward' : 'Set for this year'}</td>
      <td>
        <span className="button-row button-row--tight">
          <button type="button" className="button" disabled={saving} onClick={() => void save()}>
            Save
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </span>
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
      </td>
    </tr>
  );
}

function ConfirmDelete({ description, target, onKeep, onDeleted }: { description: string; target: TargetKey; onKeep: () => void; onDeleted: () => Promise<void> }) {
  const [failure, setFailure] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const remove = async () => {
    setDeleting(true);
    setFailure(null);
    try {
      await deleteTarget(target);
      await onDeleted();
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : 'Not deleted. Try again.');
    } finally {
      setDeleting(false);
    }
  };
  return (
    <div role="group" aria-label={`Delete ${description}?`}>
      <p className="confirm__question">Delete {description}? An earlier year’s target will be carried forward in its place.</p>
      <span className="button-row button-row--tight">
        <button type="button" className="button" disabled={deleting} onClick={() => void remove()}>
          Yes, delete
        </button>
        <button type="button" className="button button--secondary" autoFocus onClick={onKeep}>
          Keep it
        </button>
      </span>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}

interface AddTargetProps {
  catalogue: readonly IndicatorInfo[];
  geographies: Geographies | undefined;
  indicator: string | undefined;
  targets: readonly TargetEntry[];
  prefill: Partial<TargetEntry> | undefined;
  focus: boolean;
  onSaved: (row: TargetEntry) => Promise<void>;
}

/** The year after the latest set for the indicator (next year's target), when there is one. */
function nextYear(targets: readonly TargetEntry[], indicator: string): string {
  const years = targets.filter((t) => t.indicatorCode === indicator && !t.carriedForward).map((t) => t.year);
  return years.length ? String(Math.max(...years) + 1) : '';
}

function AddTarget({ catalogue, geographies, indicator, targets, prefill, focus, onSaved }: AddTargetProps) {
  const firstIndicator = prefill?.indicatorCode ?? indicator ?? catalogue[0]?.code ?? '';
  const [code, setCode] = useState(firstIndicator);
  const [year, setYear] = useState(prefill?.year !== undefined ? String(prefill.year) : nextYear(targets, firstIndicator));
  const [geography, setGeography] = useState(prefill?.geographyCode ?? geographies?.county.code ?? 'KENT');
  const [draft, setDraft] = useState<Draft>({
    target: prefill?.target !== undefined ? String(prefill.target) : '',
    floor: prefill?.floor != null ? String(prefill.floor) : '',
    floorAssumed: prefill?.floorAssumed ?? false,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = {
    heading: useId(), indicator: useId(), year: useId(), geography: useId(), target: useId(), floor: useId(), assumed: useId(),
    yearHint: useId(), floorHint: useId(),
  };
  const errorId = (field: Field) => `${ids.heading}-${field}-error`;
  const describedBy = (field: Field, hint?: string) => [hint, errors[field] ? errorId(field) : undefined].filter(Boolean).join(' ') || undefined;
  const unit = catalogue.find((i) => i.code === code)?.unit;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseDraft(draft);
    const found: FieldErrors = { ...parsed.errors };
    if (year.trim() === '') found.year = 'Enter the year the target is for.';
    setErrors(found);
    setFailure(null);
    if (!parsed.body || found.year) return;
    setSaving(true);
    try {
      const saved = await saveTarget({ indicator: code, year: year.trim(), geography }, parsed.body);
      await onSaved({ ...saved, carriedForward: false, fromYear: saved.year, fromGeographyCode: saved.geographyCode });
      setDraft({ target: '', floor: '', floorAssumed: false });
      setYear(String(saved.year + 1));
    } catch (error) {
      if (error instanceof TargetRejectedError) setErrors(problemsByField(error.problems));
      setFailure(error instanceof Error ? `Not saved. ${error.message}` : 'Not saved. Try again.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby={ids.heading} className="target-form">
      <h2 id={ids.heading}>
        Set a target
      </h2>
      <p className="hint">For a year and geography that already has one, this replaces it.</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="filters__row">
          <div className="field">
            <label htmlFor={ids.indicator}>Indicator</label>
            <select
              id={ids.indicator} value={code} aria-describedby={describedBy('indicator')}
              onChange={(event) => { setCode(event.target.value); setYear(nextYear(targets, event.target.value) || year); }}
            >
              {catalogue.map((i) => (
                <option key={i.code} value={i.code}>
                  {i.title}
                </option>
              ))}
            </select>
            <FieldError id={errorId('indicator')} message={errors.indicator} />
          </div>
          <div className="field">
            <label htmlFor={ids.year}>Year</label>
            <input
              id={ids.year} inputMode="numeric" value={year} autoFocus={focus && prefill?.year === undefined}
              aria-invalid={errors.year ? true : undefined} aria-describedby={describedBy('year', ids.yearHint)}
              onChange={(event) => setYear(event.target.value)}
            />
            <span id={ids.yearHint} className="hint">
              The year it ends in: 2019 for {formatTargetYear(2019)}
            </span>
            <FieldError id={errorId('year')} message={errors.year} />
          </div>
          <div className="field">
            <label htmlFor={ids.geography}>Geography</label>
            <select id={ids.geography} value={geography} aria-describedby={describedBy('geography')} onChange={(event) => setGeography(event.target.value)}>
              {geographies && (
                <>
                  <option value={geographies.county.code}>{geographies.county.name}</option>
                  <optgroup label="Areas">
                    {geographies.areas.map((a) => (
                      <option key={a.code} value={a.code}>
                        {a.name}
                      </option>
                    ))}
                  </optgroup>
                  <optgroup label="Districts">
                    {geographies.districts.map((d) => (
                      <option key={d.code} value={d.code}>
                        {d.name}
                      </option>
                    ))}
                  </optgroup>
                </>
              )}
            </select>
            <FieldError id={errorId('geography')} message={errors.geography} />
          </div>
          <div className="field">
            <label htmlFor={ids.target}>Target{unit === 'percent' ? ' (%)' : ''}</label>
            <input
              id={ids.target} inputMode="decimal" value={draft.target} autoFocus={focus && prefill?.year !== undefined}
              aria-invalid={errors.target ? true : undefined} aria-describedby={describedBy('target')}
              onChange={(event) => setDraft({ ...draft, target: event.target.value })}
            />
            <FieldError id={errorId('target')} message={errors.target} />
          </div>
          <div className="field">
            <label htmlFor={ids.floor}>Floor{unit === 'percent' ? ' (%)' : ''}</label>
            <input
              id={ids.floor} inputMode="decimal" value={draft.floor}
              aria-invalid={errors.floor ? true : undefined} aria-describedby={describedBy('floor', ids.floorHint)}
              onChange={(event) => setDraft({ ...draft, floor: event.target.value })}
            />
            <span id={ids.floorHint} className="hint">
              Optional; on the bad side of the target or equal to it
            </span>
            <FieldError id={errorId('floor')} message={errors.floor} />
          </div>
        </div>
        <div className="form-row">
          <input
            id={ids.assumed} type="checkbox" checked={draft.floorAssumed} aria-describedby={describedBy('floorAssumed')}
            onChange={(event) => setDraft({ ...draft, floorAssumed: event.target.checked })}
          />
          <label htmlFor={ids.assumed}>The floor is assumed (not a published figure)</label>
          <FieldError id={errorId('floorAssumed')} message={errors.floorAssumed} />
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={saving}>
            Save target
          </button>
        </div>
        {failure && (
          <p className="message message--error" role="alert">
            {failure}
          </p>
        )}
      </form>
    </section>
  );
}
