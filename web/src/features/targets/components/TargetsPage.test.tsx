import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { apiGet, ME } from '../../../test/fixtures';
import { server } from '../../../test/server';
import { renderApp } from '../../../test/render';

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent);

// Load the lazily imported page once, before the tests wait for it.
beforeAll(async () => {
  await import('./TargetsPage');
});

const PLANS = 'eh_plans_within_4_weeks_pct';

interface Sent {
  method: string;
  path: string;
  body: unknown;
  csrf: string | null;
}

/** Records the writes the page sends, answering each with `answer`. */
function recordWrites(answer: (sent: Sent) => Response = (sent) => HttpResponse.json(sent.body as object)) {
  const sent: Sent[] = [];
  const handle = async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
    const text = await request.text();
    const one = {
      method: request.method, path: `${String(params.indicator)}/${String(params.year)}/${String(params.geography)}`,
      body: text ? JSON.parse(text) : null, csrf: request.headers.get('x-csrf-token'),
    };
    sent.push(one);
    if (request.method === 'DELETE') return new HttpResponse(null, { status: 204 });
    const row = { indicatorCode: params.indicator, year: Number(params.year), geographyCode: params.geography, ...(one.body as object) };
    return answer({ ...one, body: row });
  };
  server.use(http.put('/api/targets/:indicator/:year/:geography', handle), http.delete('/api/targets/:indicator/:year/:geography', handle));
  return sent;
}

describe('Targets page', () => {
  it('is reached from the header and shows each row set for a year and the years carried forward', async () => {
    const { user, address } = renderApp('/?month=2015-03');
    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Targets' }));
    expect(address()).toBe('/targets?month=2015-03');
    expect(await screen.findByRole('heading', { level: 1, name: 'Targets' })).toBeInTheDocument();

    const table = await screen.findByRole('table', { name: 'Targets and floors, by geography and year' });
    const rows = within(table).getAllByRole('row');
    expect(cells(rows[0]!)).toEqual(['Indicator', 'Year', 'Geography', 'Target', 'Floor', 'Floor published?', 'Applies', 'Change']);
    expect(cells(rows[1]!).slice(0, 7)).toEqual([
      'Percentage of plans in place within 4 weeks of notification', '2014–15', 'Kent', '80%', '75%', 'Assumed', 'Set for this year',
    ]);
    expect(cells(rows[2]!).slice(0, 7)).toEqual([
      'Percentage of plans in place within 4 weeks of notification', '2015–16', 'Kent', '80%', '75%', 'Assumed', '2014–15 target carried forward',
    ]);
    expect(cells(rows[3]!).slice(1, 7)).toEqual(['2015–16', 'Thanet', '110', '–', 'No floor', 'Set for this year']);
  });

  it('keeps the chosen indicator in the address and shows only its targets', async () => {
    const { user, address } = renderApp('/targets');
    const picker = within(await screen.findByRole('search', { name: 'Choose an indicator' })).getByRole('combobox', { name: 'Indicator' });
    await within(picker).findByRole('option', { name: 'Number of first time entrants to the youth justice system' });
    await user.selectOptions(picker, 'Number of first time entrants to the youth justice system');
    expect(address()).toBe('/targets?indicator=yj_first_time_entrants');
    const table = await screen.findByRole('table', { name: /of Number of first time entrants/ });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).queryByRole('columnheader', { name: 'Indicator' })).not.toBeInTheDocument();
    // The form below follows the chosen indicator, proposing the year after its latest target.
    const form = screen.getByRole('region', { name: 'Set a target' });
    expect(within(form).getByRole('combobox', { name: 'Indicator' })).toHaveValue('yj_first_time_entrants');
    expect(within(form).getByRole('textbox', { name: 'Year' })).toHaveValue('2017');
  });

  it('shows viewers the table without edit controls, and says who sets targets', async () => {
    server.use(apiGet('/api/me', () => HttpResponse.json({ ...ME, role: 'viewer' })));
    renderApp(`/targets?indicator=${PLANS}`);
    const table = await screen.findByRole('table', { name: /Targets and floors/ });
    expect(await screen.findByText(/Targets are set by analysts and administrators/)).toBeInTheDocument();
    expect(within(table).queryByRole('button')).not.toBeInTheDocument();
    expect(within(table).queryByRole('columnheader', { name: 'Change' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Set a target' })).not.toBeInTheDocument();
  });

  it('edits a row in place from the keyboard and sends it with the CSRF token', async () => {
    const sent = recordWrites();
    const { user } = renderApp(`/targets?indicator=${PLANS}`);
    await screen.findByRole('table', { name: /Targets and floors/ });
    await user.click(await screen.findByRole('button', { name: 'Edit the 2014–15 target for Kent' }));
    const target = screen.getByRole('textbox', { name: 'Target for the 2014–15 target for Kent' });
    expect(target).toHaveFocus();
    await user.clear(target);
    await user.type(target, '85');
    await user.tab();
    await user.clear(screen.getByRole('textbox', { name: /Floor for the 2014–15 target for Kent/ }));
    await user.type(screen.getByRole('textbox', { name: /Floor for the 2014–15 target for Kent/ }), '78{Enter}');
    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent('Saved the 2014–15 target for Kent.');
    await waitFor(() => expect(notice).toHaveFocus());
    expect(sent).toEqual([{
      method: 'PUT', path: `${PLANS}/2015/KENT`, body: { target: 85, floor: 78, floorAssumed: true }, csrf: ME.csrfToken,
    }]);
  });

  it('shows the server’s problems next to the field they concern, and a number error before sending', async () => {
    const sent = recordWrites(() => HttpResponse.json({
      error: 'bad_request',
      message: "The target was not saved: floor '90': must not be above the target (85): higher is better, so the floor is the lower bar",
      problems: [{ field: 'floor', value: '90', rule: 'must not be above the target (85): higher is better, so the floor is the lower bar' }],
    }, { status: 400 }));
    const { user } = renderApp(`/targets?indicator=${PLANS}`);
    await user.click(await screen.findByRole('button', { name: 'Edit the 2014–15 target for Kent' }));
    const target = screen.getByRole('textbox', { name: /^Target for/ });
    await user.clear(target);
    await user.type(target, 'lots{Enter}');
    expect(target).toHaveAccessibleDescription('Enter the target as a number, such as 80 or 12.5.');
    expect(sent).toHaveLength(0);

    await user.clear(target);
    await user.type(target, '85');
    const floor = screen.getByRole('textbox', { name: /^Floor for/ });
    await user.clear(floor);
    await user.type(floor, '90');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('alert');
    expect(floor).toHaveAttribute('aria-invalid', 'true');
    expect(floor).toHaveAccessibleDescription('“90”: must not be above the target (85): higher is better, so the floor is the lower bar.');
    expect(sent).toHaveLength(1);
  });

  it('sets a target for a year that carries one forward, prefilled from the carried row', async () => {
    const sent = recordWrites();
    const { user } = renderApp(`/targets?indicator=${PLANS}`);
    await user.click(await screen.findByRole('button', { name: 'Set a target for 2015–16 at Kent' }));
    const form = screen.getByRole('region', { name: 'Set a target' });
    expect(within(form).getByRole('textbox', { name: 'Year' })).toHaveValue('2016');
    const target = within(form).getByRole('textbox', { name: 'Target (%)' });
    expect(target).toHaveFocus();
    expect(target).toHaveValue('80');
    await user.clear(target);
    await user.type(target, '82');
    await user.click(within(form).getByRole('checkbox', { name: 'The floor is assumed (not a published figure)' }));
    await user.click(within(form).getByRole('button', { name: 'Save target' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved the 2015–16 target for Kent.');
    expect(sent).toMatchObject([{ method: 'PUT', path: `${PLANS}/2016/KENT`, body: { target: 82, floor: 75, floorAssumed: false } }]);
  });

  it('adds next year’s target for a district, the year proposed after the latest set', async () => {
    const sent = recordWrites();
    const { user } = renderApp('/targets?indicator=yj_first_time_entrants');
    const form = await screen.findByRole('region', { name: 'Set a target' });
    expect(within(form).getByRole('textbox', { name: 'Year' })).toHaveValue('2017');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Geography' }), 'Thanet');
    await user.click(within(form).getByRole('button', { name: 'Save target' }));
    expect(within(form).getByRole('textbox', { name: 'Target' })).toHaveAccessibleDescription('Enter the target.');
    await user.type(within(form).getByRole('textbox', { name: 'Target' }), '100');
    await user.click(within(form).getByRole('button', { name: 'Save target' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved the 2016–17 target for Thanet.');
    expect(sent).toMatchObject([{ method: 'PUT', path: 'yj_first_time_entrants/2017/THA', body: { target: 100, floor: null, floorAssumed: false } }]);
  });

  it('deletes a row only once confirmed', async () => {
    const sent = recordWrites();
    const { user } = renderApp(`/targets?indicator=${PLANS}`);
    await user.click(await screen.findByRole('button', { name: 'Delete the 2014–15 target for Kent' }));
    const confirm = screen.getByRole('group', { name: 'Delete the 2014–15 target for Kent?' });
    expect(within(confirm).getByRole('button', { name: 'Keep it' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(sent).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Delete the 2014–15 target for Kent' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Delete the 2014–15 target for Kent' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Deleted the 2014–15 target for Kent.');
    expect(sent).toEqual([{ method: 'DELETE', path: `${PLANS}/2015/KENT`, body: null, csrf: ME.csrfToken }]);
  });
});
