import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from '../../../test/server';
import { renderApp } from '../../../test/render';
import type { ImportRun, UploadBatch } from '../api/imports';

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent);

beforeAll(async () => {
  await import('./ImportPage');
});

const ID = '7b0c1c9e-0d2a-4d51-9f0e-3c1d2b4a5e6f';

function batch(overrides: Partial<UploadBatch>): UploadBatch {
  return {
    id: ID, state: 'receiving', files: [], maxFileBytes: 2048 * 1024 * 1024, run: null, progress: null,
    waitingFor: null, result: null, error: null, ...overrides,
  };
}

const FILES = [
  { name: 'as-at.txt', dataset: null, bytes: 11 },
  { name: 'early_help_cases.csv', dataset: 'early_help_cases', bytes: 120 },
];

const HISTORY: ImportRun[] = [
  {
    id: 2, at: '2015-08-03T13:05:00Z', importedBy: 'm.smith@kent.gov.uk', source: 'upload', dryRun: false, replace: true,
    asAtGiven: null, outcome: 'loaded', problemCount: 0,
    files: [{ dataset: 'early_help_cases', file: 'early_help_cases.csv', rows: 12480, changed: 40, removed: 2, asAt: '2015-07-31' }],
  },
  {
    id: 1, at: '2015-08-03T12:00:00Z', importedBy: 'cli:jane', source: 'command_line', dryRun: false, replace: false,
    asAtGiven: null, outcome: 'refused', problemCount: 3, files: [],
  },
];

/** The server's side of one upload: each request answered as the real routes would, steps recorded. */
function fakeImportServer(outcome: 'ok' | 'problems') {
  const steps: string[] = [];
  let current = batch({});
  let checked: UploadBatch['result'] = null;
  server.use(
    http.get('/api/imports', () => HttpResponse.json({ runs: HISTORY })),
    http.post('/api/imports', () => {
      steps.push('create');
      return HttpResponse.json(current, { status: 201 });
    }),
    // (jsdom's XMLHttpRequest does not send a File's bytes: the browser tests upload real files.)
    http.put('/api/imports/:id/files/:name', ({ params }) => {
      steps.push(`send ${String(params.name)}`);
      const file = FILES.find((f) => f.name === params.name)!;
      current = batch({ files: [...current.files, file] });
      return HttpResponse.json(file);
    }),
    http.post('/api/imports/:id/:step', async ({ params, request }) => {
      const options = (await request.json()) as { replace: boolean; asAt: string | null };
      steps.push(`${String(params.step)} ${JSON.stringify(options)}`);
      const dryRun = params.step === 'check';
      current = batch({ files: current.files, state: dryRun ? 'checking' : 'loading', run: { ...options, dryRun } });
      return HttpResponse.json(current, { status: 202 });
    }),
    http.get('/api/imports/:id', () => {
      if (current.state === 'checking') {
        current = outcome === 'ok'
          ? batch({
            ...current, state: 'checked',
            result: { ok: true, files: [{ dataset: 'early_help_cases', file: 'early_help_cases.csv', rows: 2, changed: 2, removed: 0 }], problems: [], problemCount: 0, warnings: [], ms: 40 },
          })
          : batch({
            ...current, state: 'refused',
            result: {
              ok: false, files: [], problemCount: 2, warnings: [], ms: null,
              problems: [
                { file: 'early_help_cases.csv', line: 3, column: 'notified_on', value: '2016-02-31', rule: 'must be a real date written YYYY-MM-DD' },
                { file: 'early_help_cases.csv', line: 4, column: 'district_code', value: null, rule: 'must not be empty' },
              ],
            },
          });
        checked = current.result;
      } else if (current.state === 'loading') {
        current = batch({ ...current, files: [], state: 'loaded', result: { ...checked!, ms: 80 } });
      }
      steps.push(`poll: ${current.state}`);
      return HttpResponse.json(current);
    }),
  );
  return steps;
}

function csv(name: string, text: string): File {
  return new File([text], name, { type: 'text/csv' });
}

describe('Import page', () => {
  it('recognises the datasets among the files chosen, uploads only those, checks them, then loads them on request', async () => {
    const steps = fakeImportServer('ok');
    const { user } = renderApp('/import');
    expect(await screen.findByRole('heading', { level: 1, name: 'Import extracts' })).toBeInTheDocument();
    await user.upload(screen.getByLabelText('Choose files'), [
      csv('early_help_cases.csv', 'case_id,child_id\nE1,K1\n'), csv('notes.csv', 'a\n'), new File(['2015-07-31\n'], 'as-at.txt'),
    ]);
    const chosen = await screen.findByRole('table', { name: /Files chosen: 2 to upload, 1 not a dataset/ });
    const rows = within(chosen).getAllByRole('row').slice(1).map(cells);
    expect(rows).toEqual([
      ['as-at.txt', '11 bytes', 'The as-at date of the extracts'],
      ['early_help_cases.csv', '23 bytes', 'Early help cases'],
      ['notes.csv', '2 bytes', 'Not a dataset: it will not be uploaded'],
    ]);

    await user.click(screen.getByLabelText(/Full extracts/));
    expect(screen.getByRole('button', { name: 'Load these files' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Upload and check' }));
    expect(await screen.findByText(/No problem found: the files can be loaded/)).toBeInTheDocument();
    expect(screen.getByRole('table', { name: /Checked \(nothing written\)/ })).toHaveTextContent('Early help cases');

    await user.click(screen.getByRole('button', { name: 'Load these files' }));
    expect(await screen.findByText(/Loaded\. The indicators have been recomputed/)).toBeInTheDocument();
    expect(steps.filter((s) => !s.startsWith('poll'))).toEqual([
      'create', 'send as-at.txt', 'send early_help_cases.csv',
      'check {"replace":true,"asAt":null}', 'load {"replace":true,"asAt":null}',
    ]);
  });

  it('lists every problem as file, line, column, value and rule, and says nothing was loaded', async () => {
    fakeImportServer('problems');
    const { user } = renderApp('/import');
    await user.upload(await screen.findByLabelText('Choose files'), [csv('early_help_cases.csv', 'x\n')]);
    await user.click(screen.getByRole('button', { name: 'Upload and check' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Nothing was loaded: 2 problems found.');
    const table = screen.getByRole('table', { name: 'Problems: 2' });
    expect(within(table).getAllByRole('row').map(cells)).toEqual([
      ['File', 'Line', 'Column', 'Value', 'Rule'],
      ['early_help_cases.csv', '3', 'notified_on', '2016-02-31', 'must be a real date written YYYY-MM-DD'],
      ['early_help_cases.csv', '4', 'district_code', 'empty', 'must not be empty'],
    ]);
    expect(screen.getByRole('button', { name: 'Load these files' })).toBeDisabled();
  });

  it('asks for a new check when the options change after one', async () => {
    fakeImportServer('ok');
    const { user } = renderApp('/import');
    await user.upload(await screen.findByLabelText('Choose files'), [csv('early_help_cases.csv', 'x\n')]);
    await user.click(screen.getByRole('button', { name: 'Upload and check' }));
    await screen.findByText(/No problem found/);
    expect(screen.getByRole('button', { name: 'Load these files' })).toBeEnabled();
    await user.click(screen.getByLabelText(/Full extracts/));
    expect(screen.getByRole('button', { name: 'Load these files' })).toBeDisabled();
    expect(screen.getByText('The options changed since the check: check again before loading.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Check again' })).toBeEnabled();
  });

  it('shows the import history with who, when in UK time, how, the outcome, files, rows and as-at date', async () => {
    fakeImportServer('ok');
    renderApp('/import');
    const table = await screen.findByRole('table', { name: /Checks and loads, newest first/ });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(within(table).getAllByRole('row').map(cells)).toEqual([
      ['When', 'By', 'How', 'Outcome', 'Files and rows', 'As at'],
      ['3 Aug 2015, 14:05', 'm.smith@kent.gov.uk', 'Import page, full extracts', 'Loaded', 'early_help_cases.csv: 12,480 rows', '31 Jul 2015'],
      ['3 Aug 2015, 13:00', 'cli:jane', 'Command line', 'Refused (3 problems)', '–', '–'],
    ]);
  });
});
