import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type {
  CommentaryItem, NotReadyResponse, PublicationListItem, PublishResponse, SummaryResponse,
} from '../../../api/types';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { apiGet, ME } from '../../../test/fixtures';
import { packsBeingMade } from '../api/month-close';

beforeAll(async () => {
  await import('./MonthClosePage');
});

const MONTH = '2015-06';
const ANNE = { email: 'anne.owner@kent.example', name: 'Anne Owner' };

function summary(overrides: Partial<SummaryResponse> = {}): SummaryResponse {
  return {
    month: MONTH, dataHeadlines: '', recentActivity: '', plannedActivity: '', state: 'missing',
    author: null, updatedAt: null, reviewer: null, reviewNote: null, selfApproved: false, ...overrides,
  };
}

const ITEMS: CommentaryItem[] = [
  {
    indicatorCode: 'eh_plans_within_4_weeks_pct', geographyCode: 'KENT', text: '', state: 'missing', required: true,
    author: null, updatedAt: null, reviewer: null, reviewNote: null,
  },
  {
    indicatorCode: 'yj_first_time_entrants', geographyCode: 'KENT', text: 'Fewer entrants.', state: 'returned', required: true,
    author: ANNE, updatedAt: '2015-07-10T09:00:00Z', reviewer: { email: 'boss@kent.example', name: 'Bo Boss' }, reviewNote: 'Say why.',
  },
  {
    indicatorCode: 'excl_fixed_primary', geographyCode: 'KENT', text: 'Done.', state: 'approved', required: true,
    author: ANNE, updatedAt: '2015-07-10T09:00:00Z', reviewer: { email: 'boss@kent.example', name: 'Bo Boss' }, reviewNote: null,
  },
  {
    indicatorCode: 'scs_stepped_down_to_eh_pct', geographyCode: 'DAR', text: 'Optional.', state: 'draft', required: false,
    author: ANNE, updatedAt: '2015-07-10T09:00:00Z', reviewer: null, reviewNote: null,
  },
];

const VERSIONS: PublicationListItem[] = [
  {
    month: MONTH, version: 1, publishedAt: '2015-07-20T10:00:00Z', publishedBy: { email: 'boss@kent.example', name: 'Bo Boss' },
    note: '', current: false, incompleteDatasets: [], boardPacks: { stored: 48, total: 48, rendering: false },
    withdrawal: { withdrawnAt: '2015-07-21T08:00:00Z', withdrawnBy: { email: 'boss@kent.example', name: 'Bo Boss' }, reason: 'Wrong extract' },
  },
  {
    month: MONTH, version: 2, publishedAt: '2015-07-22T10:00:00Z', publishedBy: { email: 'boss@kent.example', name: 'Bo Boss' },
    note: 'NEET figures revised', current: true, withdrawal: null, incompleteDatasets: [], boardPacks: { stored: 20, total: 48, rendering: true },
  },
  {
    month: '2015-05', version: 1, publishedAt: '2015-06-20T10:00:00Z', publishedBy: { email: 'boss@kent.example', name: 'Bo Boss' },
    note: 'May', current: true, withdrawal: null, incompleteDatasets: [],
  },
];

/** The month-close routes, answering as the real ones would; every write recorded with its body. */
function fakeServer(start: SummaryResponse, role: typeof ME.role = 'analyst') {
  const writes: string[] = [];
  let current = start;
  server.use(
    apiGet('/api/me', () => HttpResponse.json({ ...ME, role })),
    apiGet('/api/commentary', () => HttpResponse.json({ month: MONTH, items: ITEMS })),
    apiGet('/api/commentary/owners', () => HttpResponse.json({
      owners: [{ indicatorCode: 'eh_plans_within_4_weeks_pct', owner: ANNE }, { indicatorCode: 'yj_first_time_entrants', owner: null }],
    })),
    apiGet('/api/commentary/:month/due-date', () => HttpResponse.json({ month: MONTH, dueDate: '2015-07-15' })),
    apiGet('/api/summary/:month', () => HttpResponse.json(current)),
    apiGet('/api/summary/:month/draft-headlines', () => HttpResponse.json({
      month: MONTH, headlines: ['Plans moved from amber to red.', 'Referrals were higher than expected in June 2015 (30; expected 5 to 19).'],
    })),
    apiGet('/api/publications', () => HttpResponse.json({ publications: VERSIONS })),
    http.put('/api/summary/:month', async ({ request }) => {
      const body = (await request.json()) as Pick<SummaryResponse, 'dataHeadlines' | 'recentActivity' | 'plannedActivity'>;
      writes.push(`PUT ${JSON.stringify(body)}`);
      current = summary({ ...body, state: 'draft', author: { email: ME.email, name: ME.name! }, updatedAt: '2015-07-12T09:00:00Z' });
      return HttpResponse.json<SummaryResponse>(current);
    }),
    http.post('/api/summary/:month/:action', async ({ params, request }) => {
      const body = (await request.json()) as { note?: string };
      writes.push(`${String(params.action)} ${JSON.stringify(body)}`);
      const state = ({ submit: 'submitted', approve: 'approved', return: 'returned' } as const)[String(params.action) as 'submit'];
      current = { ...current, state, reviewNote: body.note ?? null };
      return HttpResponse.json<SummaryResponse>(current);
    }),
    http.post('/api/publications', async ({ request }) => {
      writes.push(`publish ${JSON.stringify(await request.json())}`);
      return HttpResponse.json<NotReadyResponse>({
        error: 'not_ready', message: '2015-06 cannot be published yet: 2 required text(s) not approved.',
        missing: [
          { indicatorCode: 'eh_plans_within_4_weeks_pct', geographyCode: 'KENT', state: 'missing' },
          { indicatorCode: null, geographyCode: 'KENT', state: 'submitted' },
        ],
        datasets: [],
      }, { status: 409 });
    }),
    http.post('/api/publications/:month/withdraw', async ({ request }) => {
      writes.push(`withdraw ${JSON.stringify(await request.json())}`);
      return HttpResponse.json<PublicationListItem>({ ...VERSIONS[1]!, current: false });
    }),
  );
  return writes;
}

describe('Month close page', () => {
  it('explains the refusal to those who do not close months', async () => {
    fakeServer(summary(), 'viewer');
    renderApp(`/month-close?month=${MONTH}`);
    const refusal = await screen.findByRole('alert');
    expect(refusal).toHaveTextContent(/for analysts, approvers and administrators/);
    expect(refusal).toHaveTextContent(/signed in as Viewer/);
    expect(screen.queryByRole('heading', { name: /Executive summary/ })).not.toBeInTheDocument();
  });

  it('lists the required commentary with its owner, due date and state, and what blocks publication', async () => {
    fakeServer(summary({ state: 'draft', dataHeadlines: 'Drafted.', author: ANNE, updatedAt: '2015-07-11T09:00:00Z' }));
    renderApp(`/month-close?month=${MONTH}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Month close: June 2015' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: /Required commentary for June 2015/ });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => Array.from(row.children).map((c) => c.textContent));
    expect(rows).toEqual([
      ['Percentage of plans in place within 4 weeks of notification', 'Anne Owner', '15 Jul 2015', 'Not written'],
      ['Number of first time entrants to the youth justice system', 'Nobody yet', '15 Jul 2015', 'Returned for changesNote: Say why.'],
      ['Number of fixed term exclusions (primary)', 'Nobody yet', '15 Jul 2015', 'Approved'],
    ]);
    expect(screen.getByText(/is due on/)).toHaveTextContent('Commentary for June 2015 is due on 15 Jul 2015.');
    const blockers = within(screen.getByRole('region', { name: 'What still blocks publication' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(blockers).toEqual([
      'Percentage of plans in place within 4 weeks of notification: commentary not written',
      'Number of first time entrants to the youth justice system: commentary returned for changes',
      'Executive summary: draft',
    ]);
    expect(screen.getByRole('region', { name: 'Datasets not covering June 2015' })).toHaveTextContent('Every dataset holding records covers June 2015.');
    // An analyst does not publish, but sees the earlier versions with their notes and withdrawals.
    expect(screen.queryByRole('button', { name: /^Publish/ })).not.toBeInTheDocument();
    const versions = await screen.findByRole('table', { name: /Published versions of June 2015/ });
    const versionRows = within(versions).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(versionRows).toHaveLength(2);
    expect(versionRows[0]).toMatch(/^Version 2.*NEET figures revised.*Current20 of 48 ready \(being made\)$/);
    expect(versionRows[1]).toMatch(/^Version 1.*Withdrawn.*Reason: Wrong extractAll 48 ready$/);
  });

  it('says the packs the job no longer makes are made at first download', async () => {
    fakeServer(summary());
    // The job tried every pack of version 2 and one failed (or the job does not run): it is not making the rest.
    const settled = VERSIONS.map((v) => (v.version === 2 ? { ...v, boardPacks: { stored: 47, total: 48, rendering: false } } : v));
    server.use(apiGet('/api/publications', () => HttpResponse.json({ publications: settled })));
    renderApp(`/month-close?month=${MONTH}`);
    const versions = await screen.findByRole('table', { name: /Published versions of June 2015/ });
    const versionRows = within(versions).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(versionRows[0]).toMatch(/Current47 of 48 ready; the rest are made at first download$/);
    expect(versionRows[0]).not.toMatch(/being made/);
  });

  it('asks for the publications again only while the shown month\'s current packs are being made', () => {
    const list = (versions: PublicationListItem[]) => ({ publications: versions });
    const [withdrawn, current, may] = VERSIONS as [PublicationListItem, PublicationListItem, PublicationListItem];
    expect(packsBeingMade(list(VERSIONS), MONTH)).toBe(true);
    // The job is done with it (a pack failed, or no job): no more asking, whatever is missing.
    expect(packsBeingMade(list([withdrawn, { ...current, boardPacks: { stored: 47, total: 48, rendering: false } }, may]), MONTH)).toBe(false);
    // All stored.
    expect(packsBeingMade(list([withdrawn, { ...current, boardPacks: { stored: 48, total: 48, rendering: false } }, may]), MONTH)).toBe(false);
    // A withdrawn version's packs missing, or another month's, do not keep the shown month asking.
    const withdrawnMissing = { ...withdrawn, boardPacks: { stored: 3, total: 48, rendering: true } };
    const settledCurrent = { ...current, boardPacks: { stored: 48, total: 48, rendering: false } };
    expect(packsBeingMade(list([withdrawnMissing, settledCurrent, may]), MONTH)).toBe(false);
    const mayMissing = { ...may, boardPacks: { stored: 3, total: 48, rendering: true } };
    expect(packsBeingMade(list([withdrawn, settledCurrent, mayMissing]), MONTH)).toBe(false);
    expect(packsBeingMade(list([withdrawn, settledCurrent, mayMissing]), '2015-05')).toBe(true);
    expect(packsBeingMade(undefined, MONTH)).toBe(false);
  });

  it('says which required commentary is last month\'s text carried over, still a draft', async () => {
    fakeServer(summary());
    server.use(apiGet('/api/commentary', () => HttpResponse.json({
      month: MONTH,
      items: [{
        indicatorCode: 'eh_plans_within_4_weeks_pct', geographyCode: 'KENT', text: 'May\'s approved text.', state: 'draft', required: true,
        author: null, updatedAt: null, reviewer: null, reviewNote: null, carriedOver: true,
      }],
    })));
    renderApp(`/month-close?month=${MONTH}`);
    const table = await screen.findByRole('table', { name: /Required commentary for June 2015/ });
    const cells = Array.from(within(table).getAllByRole('row')[1]!.children).map((c) => c.textContent);
    expect(cells).toEqual(['Percentage of plans in place within 4 weeks of notification', 'Anne Owner', '15 Jul 2015',
      'DraftCarried over from last month: someone must submit it; neither they nor last month\'s writer may approve it.']);
  });

  it('lets an analyst set the due date and the owner of each required commentary', async () => {
    const writes = fakeServer(summary());
    server.use(
      http.put('/api/commentary/:month/due-date', async ({ params, request }) => {
        const body = (await request.json()) as { dueDate: string | null };
        writes.push(`due ${String(params.month)} ${JSON.stringify(body)}`);
        return HttpResponse.json({ month: MONTH, dueDate: body.dueDate });
      }),
      http.put('/api/commentary/owners', async ({ request }) => {
        const body = (await request.json()) as { owners: { indicatorCode: string; email: string | null }[] };
        writes.push(`owners ${JSON.stringify(body)}`);
        return HttpResponse.json({
          owners: [
            { indicatorCode: 'eh_plans_within_4_weeks_pct', owner: null },
            { indicatorCode: 'yj_first_time_entrants', owner: ANNE },
          ],
        });
      }),
    );
    const { user } = renderApp(`/month-close?month=${MONTH}`);
    const plan = await screen.findByRole('region', { name: 'Owners and due date' });
    const due = within(plan).getByLabelText('Commentary for June 2015 due on');
    await waitFor(() => expect(due).toHaveValue('2015-07-15'));
    await user.clear(due);
    await user.type(due, '2015-07-20');
    await user.click(within(plan).getByRole('button', { name: 'Set the due date' }));
    expect(await within(plan).findByRole('status')).toHaveTextContent('Commentary for June 2015 is now due on 20 Jul 2015.');
    await waitFor(() => expect(screen.getByText(/is due on/)).toHaveTextContent('Commentary for June 2015 is due on 20 Jul 2015.'));

    // One field per required indicator, holding its owner's e-mail; only the changed ones are sent.
    const plans = within(plan).getByLabelText('Owner of Percentage of plans in place within 4 weeks of notification');
    expect(plans).toHaveValue(ANNE.email);
    expect(within(plan).getByLabelText('Owner of Number of fixed term exclusions (primary)')).toHaveValue('');
    await user.clear(plans);
    await user.type(within(plan).getByLabelText('Owner of Number of first time entrants to the youth justice system'), ANNE.email);
    await user.click(within(plan).getByRole('button', { name: 'Save owners' }));
    await waitFor(() => expect(within(plan).getByRole('status')).toHaveTextContent('Owners saved.'));
    const table = screen.getByRole('table', { name: /Required commentary for June 2015/ });
    await waitFor(() => expect(within(table).getAllByRole('row')[2]).toHaveTextContent(/Anne Owner/));
    expect(writes).toEqual([
      'due 2015-06 {"dueDate":"2015-07-20"}',
      `owners ${JSON.stringify({ owners: [
        { indicatorCode: 'eh_plans_within_4_weeks_pct', email: null },
        { indicatorCode: 'yj_first_time_entrants', email: ANNE.email },
      ] })}`,
    ]);
  });

  it('shows an approver no owner or due date controls (analysts and administrators set them)', async () => {
    fakeServer(summary(), 'approver');
    renderApp(`/month-close?month=${MONTH}`);
    await screen.findByRole('table', { name: /Required commentary for June 2015/ });
    expect(screen.queryByRole('region', { name: 'Owners and due date' })).not.toBeInTheDocument();
  });

  it('lists the datasets that do not cover the month', async () => {
    fakeServer(summary({ month: '2015-07' }));
    renderApp('/month-close?month=2015-07');
    const region = await screen.findByRole('region', { name: 'Datasets not covering July 2015' });
    await waitFor(() => expect(region).toHaveTextContent('Activity of 16 to 18 year olds (NEET): covered to June 2015 (extract taken 30 Jun 2015)'));
    await waitFor(() => expect(screen.getByRole('region', { name: 'What still blocks publication' }))
      .toHaveTextContent('Activity of 16 to 18 year olds (NEET): covers to June 2015, not July 2015'));
  });

  it('lets an analyst insert the drafted headlines, edit and save the summary, then submit it', async () => {
    const writes = fakeServer(summary());
    const { user } = renderApp(`/month-close?month=${MONTH}`);
    const headlines = await screen.findByRole('textbox', { name: 'Data headlines' });
    expect(screen.getByText(/^State:/)).toHaveTextContent('State: Not written');
    expect(screen.getByRole('button', { name: 'Submit for approval' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Insert drafted headlines' }));
    await waitFor(() => expect(headlines).toHaveValue('Plans moved from amber to red.\nReferrals were higher than expected in June 2015 (30; expected 5 to 19).'));
    expect(screen.getByRole('status')).toHaveTextContent('2 drafted headlines inserted');
    await user.type(screen.getByRole('textbox', { name: 'Recent activity' }), 'Two hubs opened.');
    await user.type(screen.getByRole('textbox', { name: 'Planned activity' }), 'Recruit.');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(screen.getByText(/^State:/)).toHaveTextContent('State: Draft — last saved by Ana Lyst'));
    await user.click(screen.getByRole('button', { name: 'Submit for approval' }));
    await waitFor(() => expect(screen.getByText(/^State:/)).toHaveTextContent('State: Submitted for approval'));
    expect(writes).toEqual([
      `PUT ${JSON.stringify({
        dataHeadlines: 'Plans moved from amber to red.\nReferrals were higher than expected in June 2015 (30; expected 5 to 19).',
        recentActivity: 'Two hubs opened.', plannedActivity: 'Recruit.',
      })}`,
      'submit {}',
    ]);
    // Analysts neither approve nor return.
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('lets an approver return a submitted summary only with a note', async () => {
    const writes = fakeServer(summary({ state: 'submitted', dataHeadlines: 'A', recentActivity: 'B', plannedActivity: 'C', author: ANNE, updatedAt: '2015-07-11T09:00:00Z' }), 'approver');
    const { user } = renderApp(`/month-close?month=${MONTH}`);
    const returnButton = await screen.findByRole('button', { name: 'Return with note' });
    expect(returnButton).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: /Note \(required to return it\)/ }), 'Add the NEET figures.');
    await user.click(returnButton);
    await waitFor(() => expect(screen.getByText(/^State:/)).toHaveTextContent('State: Returned for changes'));
    expect(screen.getByText(/^Returned with the note/)).toHaveTextContent('Returned with the note: Add the NEET figures.');
    expect(writes).toEqual(['return {"note":"Add the NEET figures."}']);
  });

  it('explains what blocks publishing and shows the missing list of a refused publication', async () => {
    const writes = fakeServer(summary({ state: 'submitted', dataHeadlines: 'A', recentActivity: 'B', plannedActivity: 'C', author: ANNE, updatedAt: '2015-07-11T09:00:00Z' }), 'approver');
    const { user } = renderApp(`/month-close?month=${MONTH}`);
    const publish = await screen.findByRole('button', { name: 'Publish June 2015' });
    await waitFor(() => expect(publish).toHaveAccessibleDescription(/Publishing is blocked by 3 items/));
    await user.type(screen.getByRole('textbox', { name: /^Publication note/ }), 'June');
    await user.click(publish);
    const refused = await screen.findByText(/cannot be published yet/);
    const box = refused.closest('[role="alert"]') as HTMLElement;
    expect(within(box).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Percentage of plans in place within 4 weeks of notification (KENT): not written',
      'Executive summary (KENT): submitted for approval',
    ]);
    expect(writes).toEqual(['publish {"month":"2015-06","note":"June"}']);
  });

  it('withdraws a version with a reason', async () => {
    const writes = fakeServer(summary(), 'approver');
    const { user } = renderApp(`/month-close?month=${MONTH}`);
    await user.click(await screen.findByRole('button', { name: 'Withdraw version 2' }));
    const withdraw = screen.getByRole('button', { name: 'Withdraw' });
    expect(withdraw).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: 'Why is version 2 withdrawn?' }), 'Published in error');
    await user.click(withdraw);
    await waitFor(() => expect(writes).toEqual(['withdraw {"version":2,"reason":"Published in error"}']));
    // Version 1 is already withdrawn: nothing to withdraw.
    expect(screen.queryByRole('button', { name: 'Withdraw version 1' })).not.toBeInTheDocument();
  });
});
