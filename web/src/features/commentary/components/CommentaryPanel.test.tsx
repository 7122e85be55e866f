// The commentary on the indicator page and the scorecard: state in words, text shown as text with its line
// breaks, history on demand, only the actions the user may take, and the server's refusal explained.
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from '../../../test/server';
import { renderApp } from '../../../test/render';
import { apiGet, ME } from '../../../test/fixtures';
import type { Me, PublicationListItem } from '../../../api/types';
import type { CommentaryItem } from '../api/commentary';

const CODE = 'eh_stepped_up_to_scs_pct';
const PAGE = `/indicators/${CODE}?month=2015-06`;
const WRITER = { email: 'wendy.writer@kent.example', name: 'Wendy Writer' };

beforeAll(async () => {
  await import('../../indicator/components/IndicatorPage');
});

const JUNE_PUBLISHED: PublicationListItem = {
  month: '2015-06', version: 1, publishedAt: '2015-07-10T09:30:00.000Z', publishedBy: { email: 'alex@kent.example', name: 'Alex Approver' },
  note: 'First release', current: true, incompleteDatasets: [], withdrawal: null,
};

function item(changes: Partial<CommentaryItem> = {}): CommentaryItem {
  return {
    indicatorCode: CODE, geographyCode: 'KENT', text: 'Step-ups rose in Thanet.\n<b>Not bold</b>', state: 'submitted', required: true,
    author: WRITER, updatedAt: '2015-07-06T09:30:00Z', reviewer: null, reviewNote: null, carriedOver: false, ...changes,
  };
}

function serve(items: CommentaryItem[], me: Me = ME) {
  server.use(
    apiGet('/api/me', () => HttpResponse.json(me)),
    apiGet('/api/commentary', () => HttpResponse.json({ month: '2015-06', items })),
  );
}

async function panel() {
  return screen.findByRole('region', { name: 'Commentary, June 2015' });
}

describe('commentary on the indicator page', () => {
  it('shows the text as text with its line breaks, its state in words and who wrote it', async () => {
    serve([item()], { ...ME, role: 'viewer' });
    renderApp(PAGE);
    const region = await panel();
    expect(await within(region).findByText('Submitted for approval')).toBeInTheDocument();
    const text = within(region).getByText(/Step-ups rose in Thanet/);
    expect(text.textContent).toBe('Step-ups rose in Thanet.\n<b>Not bold</b>');
    expect(text.querySelector('b')).toBeNull();
    expect(region).toHaveTextContent('Written by Wendy Writer (wendy.writer@kent.example), 6 Jul 2015, 10:30.');
    // A viewer may do nothing to it.
    expect(within(region).queryByRole('button', { name: /Approve|Submit|Edit|Return/ })).toBeNull();
    expect(within(region).queryByRole('textbox')).toBeNull();
  });

  it('says when required commentary is missing and lets an analyst write it', async () => {
    serve([item({ state: 'missing', text: '', author: null, updatedAt: null })]);
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(http.put(`/api/commentary/2015-06/KENT/${CODE}`, async ({ request }) => {
      sent = await request.json();
      csrf = request.headers.get('x-csrf-token');
      return HttpResponse.json(item({ state: 'draft', text: 'New text', author: { email: ME.email, name: ME.name! } }));
    }));
    const { user } = renderApp(PAGE);
    const region = await panel();
    expect(await within(region).findByText('Required, not written')).toBeInTheDocument();
    expect(region).toHaveTextContent('Commentary is required for Kent this month');
    const box = within(region).getByRole('textbox', { name: 'Write the commentary' });
    await user.type(box, 'First line{Enter}Second line');
    expect(region).toHaveTextContent('22 of 4,000 characters');
    await user.click(within(region).getByRole('button', { name: 'Save as draft' }));
    expect(await within(region).findByText('Saved as a draft.')).toBeInTheDocument();
    expect(sent).toEqual({ text: 'First line\nSecond line' });
    expect(csrf).toBe('csrf-test-token');
  });

  it('lets an approver approve or return someone else\'s submitted text, and sends the note', async () => {
    serve([item()], { ...ME, role: 'approver' });
    let note: unknown = null;
    server.use(http.post(`/api/commentary/2015-06/KENT/${CODE}/return`, async ({ request }) => {
      note = await request.json();
      return HttpResponse.json(item({ state: 'returned', reviewNote: 'Say why.' }));
    }));
    const { user } = renderApp(PAGE);
    const region = await panel();
    expect(await within(region).findByRole('button', { name: 'Approve' })).toBeInTheDocument();
    // Only a draft is submitted.
    expect(within(region).queryByRole('button', { name: 'Submit for approval' })).toBeNull();
    const returnButton = within(region).getByRole('button', { name: 'Return with note' });
    expect(returnButton).toBeDisabled();
    await user.type(within(region).getByRole('textbox', { name: 'Note to the writer (why it is returned)' }), 'Say why.');
    await user.click(returnButton);
    expect(await within(region).findByText('Returned to the writer with your note.')).toBeInTheDocument();
    expect(note).toEqual({ note: 'Say why.' });
  });

  it('hides Approve from the approver who wrote the text, saying why', async () => {
    serve([item({ author: { email: ME.email, name: ME.name! } })], { ...ME, role: 'approver' });
    renderApp(PAGE);
    const region = await panel();
    expect(await within(region).findByText(/another approver must approve it/)).toBeInTheDocument();
    expect(within(region).queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('hides Approve from last month\'s writer of a carried-over text submitted unchanged by another, saying why', async () => {
    serve([item({ carriedWriters: [{ email: ME.email, name: ME.name! }] })], { ...ME, role: 'approver' });
    renderApp(PAGE);
    const region = await panel();
    expect(await within(region).findByText(/another approver must approve it/)).toBeInTheDocument();
    // The way out when every approver wrote it (docs/decisions.md).
    expect(within(region).getByText(/If every approver wrote it, someone changes its words and submits it again/)).toBeInTheDocument();
    expect(within(region).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(within(region).getByRole('button', { name: /Return/ })).toBeInTheDocument();
  });

  it('marks last month\'s approved text carried over as a draft nobody has written this month, for an analyst to submit', async () => {
    serve([item({ state: 'draft', author: null, updatedAt: null, carriedOver: true })]);
    renderApp(PAGE);
    const region = await panel();
    expect(await within(region).findByText('Draft')).toBeInTheDocument();
    expect(region).toHaveTextContent(
      "Carried over from last month: check it still holds before submitting. Whoever submits it becomes its author; while it is unchanged, neither they nor last month's writer may approve it.");
    expect(region).not.toHaveTextContent('Written by');
    expect(within(region).getByRole('button', { name: 'Submit for approval' })).toBeInTheDocument();
  });

  it('shows the server\'s refusal in its own words', async () => {
    serve([item({ state: 'draft' })], { ...ME, role: 'contributor', scope: ['KENT'] });
    server.use(http.post(`/api/commentary/2015-06/KENT/${CODE}/submit`, () =>
      HttpResponse.json({ error: 'conflict', message: 'Cannot submit: it is already submitted; only a draft can be submitted.' }, { status: 409 })));
    const { user } = renderApp(PAGE);
    const region = await panel();
    await user.click(await within(region).findByRole('button', { name: 'Submit for approval' }));
    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent('The server refused the change.');
    expect(alert).toHaveTextContent('it is already submitted; only a draft can be submitted.');
  });

  it('offers a contributor nothing outside their scope', async () => {
    serve([item({ state: 'draft' })], { ...ME, role: 'contributor', scope: ['WEST'] });
    renderApp(PAGE);
    const region = await panel();
    await within(region).findByText('Draft');
    expect(within(region).queryByRole('button', { name: /Edit|Submit/ })).toBeNull();
  });

  it('lets a contributor in scope edit a returned text, showing the approver\'s note', async () => {
    serve([item({ state: 'returned', geographyCode: 'THA', reviewer: { email: 'a@kent.example', name: 'Abe Approver' }, reviewNote: 'Add what is being done.' })],
      { ...ME, role: 'contributor', scope: ['EAST'] });
    const { user } = renderApp(`/indicators/${CODE}?month=2015-06&district=THA`);
    const region = await panel();
    expect(await within(region).findByText('Returned for changes')).toBeInTheDocument();
    expect(region).toHaveTextContent('Returned by Abe Approver:Add what is being done.');
    expect(within(region).queryByRole('button', { name: 'Submit for approval' })).toBeNull();
    await user.click(within(region).getByRole('button', { name: 'Edit' }));
    expect(within(region).getByRole('textbox', { name: 'Edit the commentary' })).toHaveValue('Step-ups rose in Thanet.\n<b>Not bold</b>');
  });

  it('shows the history on demand, oldest first', async () => {
    serve([item({ state: 'approved', reviewer: { email: 'a@kent.example', name: 'Abe Approver' } })], { ...ME, role: 'viewer' });
    server.use(apiGet('/api/commentary/:month/:geographyCode/:indicatorCode/history', () => HttpResponse.json({
      entries: [
        { text: 'Step-ups rose.', state: 'draft', action: 'save', by: WRITER, at: '2015-07-06T09:00:00Z', note: null, selfApproved: false },
        { text: 'Step-ups rose.', state: 'submitted', action: 'submit', by: WRITER, at: '2015-07-06T09:05:00Z', note: null, selfApproved: false },
        { text: 'Step-ups rose.', state: 'approved', action: 'approve', by: { email: 'a@kent.example', name: 'Abe Approver' }, at: '2015-07-07T12:00:00Z', note: null, selfApproved: false },
      ],
    })));
    const { user } = renderApp(PAGE);
    const region = await panel();
    expect(await within(region).findByText('Approved')).toBeInTheDocument();
    const toggle = within(region).getByRole('button', { name: 'Show the history' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    const list = await within(region).findByRole('list', { name: 'History, oldest first' });
    const entries = within(list).getAllByRole('listitem');
    expect(entries.map((e) => e.querySelector('strong')!.textContent)).toEqual(['Saved', 'Submitted', 'Approved']);
    expect(entries[2]).toHaveTextContent('by Abe Approver, 7 Jul 2015, 13:00');
    expect(within(region).getByRole('button', { name: 'Hide the history' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('gives partners the approved commentary the month was published with, read only, without history', async () => {
    const asked: string[] = [];
    server.use(
      apiGet('/api/me', () => HttpResponse.json({ ...ME, role: 'partner' })),
      apiGet('/api/publications', () => HttpResponse.json({ publications: [JUNE_PUBLISHED] })),
      apiGet('/api/commentary', ({ request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json({ month: '2015-06', items: [item({ state: 'approved', reviewer: { email: 'abe@kent.example', name: 'Abe Approver' } })] });
      }),
    );
    renderApp(PAGE);
    const region = await screen.findByRole('region', { name: 'Commentary, June 2015, as published' });
    expect(await within(region).findByText(/Step-ups rose in Thanet/)).toBeInTheDocument();
    expect(region).toHaveTextContent('Approved by Abe Approver.');
    expect(within(region).queryByRole('button')).toBeNull();
    expect(within(region).queryByRole('textbox')).toBeNull();
    expect(asked.every((search) => new URLSearchParams(search).get('view') === 'published')).toBe(true);
    expect(asked.length).toBeGreaterThan(0);
  });

  it('shows staff on the published view what was published, and the live commentary with its actions on the live view', async () => {
    server.use(
      apiGet('/api/publications', () => HttpResponse.json({ publications: [JUNE_PUBLISHED] })),
      apiGet('/api/publications/:month/revisions', () => HttpResponse.json({ month: '2015-06', version: 1, changes: [] })),
      apiGet('/api/commentary', ({ request }) => {
        const published = new URL(request.url).searchParams.get('view') === 'published';
        return HttpResponse.json({ month: '2015-06', items: [published ? item({ state: 'approved', text: 'As published' }) : item({ state: 'draft', text: 'Being rewritten' })] });
      }),
    );
    const { user } = renderApp(`${PAGE}&view=published`);
    const published = await screen.findByRole('region', { name: 'Commentary, June 2015, as published' });
    expect(await within(published).findByText('As published')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'See the live figures' }));
    const live = await panel();
    expect(await within(live).findByText('Being rewritten')).toBeInTheDocument();
    expect(within(live).getByRole('button', { name: 'Show the history' })).toBeInTheDocument();
  });
});

describe('commentary on the scorecard', () => {
  it('shows each row\'s commentary state in words, a dash where there is none', async () => {
    serve([
      item({ state: 'approved' }),
      item({ indicatorCode: 'scs_stepped_down_to_eh_pct', state: 'missing', text: '', author: null, updatedAt: null }),
      // Another geography's commentary is not this page's.
      item({ indicatorCode: 'yj_first_time_entrants', geographyCode: 'THA', state: 'draft' }),
    ]);
    renderApp('/?month=2015-06');
    const table = await screen.findByRole('table', { name: /Indicators for Kent/ });
    expect(await within(table).findByRole('columnheader', { name: 'Commentary' })).toBeInTheDocument();
    const row = (name: RegExp) => within(table).getByRole('row', { name });
    expect(row(/stepped up/).lastElementChild).toHaveTextContent('Approved');
    expect(row(/stepped down/).lastElementChild).toHaveTextContent('Required, not written');
    expect(row(/first time entrants/).lastElementChild).toHaveTextContent('–no commentary');
  });

  it('shows a partner the published commentary\'s state, asked for the published view', async () => {
    const asked: (string | null)[] = [];
    server.use(
      apiGet('/api/me', () => HttpResponse.json({ ...ME, role: 'partner' })),
      apiGet('/api/publications', () => HttpResponse.json({ publications: [JUNE_PUBLISHED] })),
      apiGet('/api/commentary', ({ request }) => {
        asked.push(new URL(request.url).searchParams.get('view'));
        return HttpResponse.json({ month: '2015-06', items: [item({ state: 'approved' })] });
      }),
    );
    renderApp('/');
    const table = await screen.findByRole('table', { name: /Indicators for Kent, June 2015/ });
    await within(table).findByRole('columnheader', { name: 'Commentary' });
    expect(within(table).getByRole('row', { name: /stepped up/ }).lastElementChild).toHaveTextContent('Approved');
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((view) => view === 'published')).toBe(true);
  });
});
