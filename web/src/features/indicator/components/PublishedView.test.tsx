// The indicator and caseload pages say which figures the reader sees (a published version, or live and subject
// to change), switch between them through the address as the scorecard does, and give partners the published
// view only: no live switch, no live downloads, the latest published month by default, only the pages they
// can use in the navigation.
import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { server } from '../../../test/server';
import { renderApp } from '../../../test/render';
import { apiGet, caseloads, ME } from '../../../test/fixtures';
import type { PublicationListItem } from '../../../api/types';

const CODE = 'eh_stepped_up_to_scs_pct';

const MAY: PublicationListItem = {
  month: '2015-05', version: 1, publishedAt: '2015-06-12T09:30:00.000Z', publishedBy: { email: 'alex@kent.example', name: 'Alex Approver' },
  note: 'First release', current: true, incompleteDatasets: [], withdrawal: null,
};

beforeAll(async () => {
  await Promise.all([import('./IndicatorPage'), import('../../caseloads/components/CaseloadsPage')]);
});

/** May 2015 published; every figure request's path and query recorded. */
function publishedMay(role: string = ME.role!): string[] {
  const requests: string[] = [];
  const record = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    requests.push(`${url.pathname}${url.search}`);
  };
  server.events.on('request:start', record);
  server.use(
    apiGet('/api/me', () => HttpResponse.json({ ...ME, role: role as typeof ME.role })),
    apiGet('/api/publications', () => HttpResponse.json({ publications: [MAY] })),
    apiGet('/api/publications/:month/revisions', () => HttpResponse.json({ month: '2015-05', version: 1, changes: [] })),
  );
  onTestFinished(() => server.events.removeListener('request:start', record));
  return requests;
}

const asked = (requests: string[], path: string) =>
  requests.filter((r) => r.startsWith(`${path}?`)).map((r) => Object.fromEntries(new URLSearchParams(r.split('?')[1])));

describe('Indicator page: published or live', () => {
  it('says a month not published is live and subject to change', async () => {
    renderApp(`/indicators/${CODE}?month=2015-06`);
    expect((await screen.findByText(/Live figures, subject to change/)).closest('p')).toHaveTextContent(
      'Live figures, subject to change: June 2015 has not been published.');
  });

  it('switches a staff member to the published month and back, asking every figure for that view', async () => {
    const requests = publishedMay();
    const { user, address } = renderApp(`/indicators/${CODE}?month=2015-05`);
    const live = (await screen.findByText(/Live figures, subject to change/)).closest('p')!;
    expect(live).toHaveTextContent('May 2015 was published (version 1, published 12 Jun 2015, 10:30 by Alex Approver).');
    await user.click(within(live).getByRole('button', { name: 'See the published figures' }));
    expect(address()).toBe(`/indicators/${CODE}?month=2015-05&view=published`);
    expect((await screen.findByText(/Published figures: version 1/)).closest('p')).toHaveTextContent(
      'Published figures: version 1, published 12 Jun 2015, 10:30 by Alex Approver.');
    await screen.findByRole('region', { name: 'Commentary, May 2015, as published' });
    await screen.findByRole('heading', { name: /Trend, .* to May 2015, as published/ });
    // The trend ends at the published month; the downloads (live figures) and the To picker are not offered.
    expect(asked(requests, `/api/indicators/${CODE}/series`).filter((q) => q.view === 'published')).toEqual(expect.arrayContaining([
      expect.objectContaining({ to: '2015-05', view: 'published' }),
      expect.objectContaining({ from: '2015-05', to: '2015-05', by: 'district', view: 'published' }),
    ]));
    expect(asked(requests, '/api/scorecard')).toContainEqual(expect.objectContaining({ month: '2015-05', view: 'published' }));
    expect(screen.queryByLabelText('To')).toBeNull();
    expect(screen.queryByRole('link', { name: /Trend CSV/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'See the live figures' }));
    expect(address()).toBe(`/indicators/${CODE}?month=2015-05`);
    expect(await screen.findByText(/Live figures, subject to change/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Trend CSV/ })).toBeInTheDocument();
  });

  it('gives a partner the latest published month, published view only: no live switch, no downloads, no benchmarks', async () => {
    const requests = publishedMay('partner');
    renderApp(`/indicators/${CODE}`);
    const status = (await screen.findByText(/Published figures: version 1/)).closest('.publication-status') as HTMLElement;
    expect(within(status).queryByRole('button', { name: 'See the live figures' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).nextElementSibling).toHaveTextContent('Kent, May 2015');
    await screen.findByRole('region', { name: 'Commentary, May 2015, as published' });
    expect(screen.queryByRole('link', { name: /CSV/ })).toBeNull();
    const figureRequests = requests.filter((r) => /^\/api\/(scorecard|caseloads|commentary|indicators\/[^/]+\/series)\?/.test(r));
    expect(figureRequests.length).toBeGreaterThan(0);
    expect(figureRequests.every((r) => new URLSearchParams(r.split('?')[1]).get('view') === 'published')).toBe(true);
    expect(requests.some((r) => r.startsWith('/api/benchmarks') || r.startsWith('/api/publications/2015-05/revisions'))).toBe(false);
  });

  it('tells a partner when nothing has been published yet, asking for no figures', async () => {
    const requests = publishedMay('partner');
    server.use(apiGet('/api/publications', () => HttpResponse.json({ publications: [] })));
    renderApp(`/indicators/${CODE}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Nothing published yet' })).toBeInTheDocument();
    expect(requests.some((r) => /^\/api\/(scorecard|indicators\/[^/]+\/series|commentary)/.test(r))).toBe(false);
  });
});

describe('Caseloads page: published or live', () => {
  it('shows a staff member the published caseloads on request, without the live trend and download', async () => {
    const requests = publishedMay();
    const { user } = renderApp('/caseloads?month=2015-05');
    await user.click(await screen.findByRole('button', { name: 'See the published figures' }));
    expect(await screen.findByText(/Published figures: version 1/)).toBeInTheDocument();
    await screen.findByRole('table', { name: /Caseloads by district, May 2015/ });
    expect(asked(requests, '/api/caseloads')).toContainEqual({ month: '2015-05', view: 'published' });
    expect(screen.getByText(/the monthly trend is shown with the live figures/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /CSV/ })).toBeNull();
  });

  it('gives a partner the published, suppressed caseloads only, marking the hidden counts', async () => {
    const requests = publishedMay('partner');
    server.use(apiGet('/api/caseloads', ({ request }) => {
      const answer = caseloads(new URL(request.url).searchParams.get('month')!);
      answer.districts[0] = { ...answer.districts[0]!, current: null, suppressed: true };
      return HttpResponse.json(answer);
    }));
    renderApp('/caseloads');
    const table = await screen.findByRole('table', { name: /Caseloads by district, May 2015/ });
    expect(within(table).getAllByRole('row')[1]!.children[1]).toHaveTextContent(/^c$/);
    expect(screen.getByText(/c: hidden in publication mode/)).toBeInTheDocument();
    const status = (await screen.findByText(/Published figures: version 1/)).closest('.publication-status') as HTMLElement;
    expect(within(status).queryByRole('button', { name: 'See the live figures' })).toBeNull();
    expect(screen.queryByRole('heading', { name: /Monthly trend/ })).toBeNull();
    expect(asked(requests, '/api/caseloads').every((q) => q.view === 'published')).toBe(true);
  });

  it('shows a partner only the pages they can use in the navigation', async () => {
    publishedMay('partner');
    renderApp('/caseloads');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await within(nav).findByRole('link', { name: 'API tokens' });
    expect(within(nav).getAllByRole('link').map((l) => l.textContent)).toEqual(['Scorecard', 'Caseloads', 'API tokens']);
  });
});
