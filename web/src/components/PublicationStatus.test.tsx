// The scorecard says whether the reader sees a month's published figures (version, date, by whom) or the live
// ones, switches between them through the address, shows the revisions since publication, and gives partners
// the published view only.
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { server } from '../test/server';
import { renderApp } from '../test/render';
import { apiGet, ME, scorecard } from '../test/fixtures';
import type { PublicationListItem } from '../api/types';

const VERSION_1: PublicationListItem = {
  month: '2015-06', version: 1, publishedAt: '2015-07-10T09:30:00.000Z', publishedBy: { email: 'alex@kent.example', name: 'Alex Approver' },
  note: 'First release', current: false, incompleteDatasets: [],
  withdrawal: null,
};
const VERSION_2: PublicationListItem = {
  ...VERSION_1, version: 2, publishedAt: '2015-07-20T14:00:00.000Z', note: 'NEET figures revised after the July extract', current: true,
};

/** Publications of June 2015 (versions 2 and 1); scorecard requests recorded; published answers marked by a value. */
function publishedJune(): string[] {
  const requests: string[] = [];
  server.use(
    apiGet('/api/publications', () => HttpResponse.json({ publications: [VERSION_2, VERSION_1] })),
    apiGet('/api/scorecard', ({ request }) => {
      const params = new URL(request.url).searchParams;
      requests.push(params.toString());
      const answer = scorecard(params.get('month')!, { type: 'county', code: 'KENT' });
      if (params.get('view') === 'published') {
        // The frozen figure of the first row, as published.
        answer.indicators[0] = { ...answer.indicators[0]!, value: params.get('version') === '1' ? 8.1 : 8.8 };
      }
      return HttpResponse.json(answer);
    }),
    apiGet('/api/publications/:month/revisions', ({ params }) => HttpResponse.json({
      month: String(params.month), version: 2,
      changes: [{ indicatorCode: 'eh_stepped_up_to_scs_pct', geographyCode: 'THA', publishedValue: 8.8, liveValue: 9.4, publishedStatus: 'amber', liveStatus: 'red' }],
    })),
  );
  return requests;
}

describe('Scorecard: published or live', () => {
  it('says a month not published is live and subject to change', async () => {
    renderApp('/?month=2015-06');
    expect((await screen.findByText(/Live figures, subject to change/)).closest('p')).toHaveTextContent(
      'Live figures, subject to change: June 2015 has not been published.');
    expect(screen.queryByRole('navigation', { name: /board pack/ })).not.toBeInTheDocument();
  });

  it('shows the live figures of a published month with who published it and the revisions since', async () => {
    const requests = publishedJune();
    const { user } = renderApp('/?month=2015-06');
    const status = (await screen.findByText(/Live figures, subject to change/)).closest('.publication-status') as HTMLElement;
    expect(status).toHaveTextContent('June 2015 was published (version 2, published 20 Jul 2015, 15:00 by Alex Approver).');
    const revisions = await within(status).findByText('1 figure has been revised since version 2 was published');
    await user.click(revisions);
    const table = within(status).getByRole('table', { name: /Revisions since publication/ });
    const row = within(table).getByRole('row', { name: /stepped up to Specialist/ });
    expect(row).toHaveTextContent('Thanet');
    expect(row).toHaveTextContent('8.80%');
    expect(row).toHaveTextContent('9.40%');
    expect(row).toHaveTextContent('AmberRed');
    expect(requests.every((r) => !r.includes('view='))).toBe(true);
  });

  it('switches to the published figures (in the address), with the board pack of that version, and to an earlier version', async () => {
    const requests = publishedJune();
    const { user, address } = renderApp('/?month=2015-06');
    await user.click(await screen.findByRole('button', { name: 'See the published figures' }));
    await waitFor(() => expect(address()).toBe('/?month=2015-06&view=published'));
    const status = (await screen.findByText(/Published figures: version 2/)).closest('.publication-status') as HTMLElement;
    expect(status).toHaveTextContent('published 20 Jul 2015, 15:00 by Alex Approver');
    expect(status).toHaveTextContent('Note: NEET figures revised after the July extract');
    expect(await screen.findByRole('button', { name: '8.8%' })).toBeInTheDocument();
    const packs = screen.getByRole('navigation', { name: 'Download the board pack, version 2' });
    expect(within(packs).getByRole('link', { name: /Board pack \(PDF\)/ })).toHaveAttribute('href', '/api/publications/2015-06/board-pack.pdf?version=2');

    await user.click(within(status).getByRole('button', { name: 'See version 1' }));
    await waitFor(() => expect(address()).toBe('/?month=2015-06&view=published&version=1'));
    expect(await screen.findByRole('button', { name: '8.1%' })).toBeInTheDocument();
    expect(requests).toContain('month=2015-06&view=published&version=1');

    await user.click(screen.getByRole('button', { name: 'See the live figures' }));
    await waitFor(() => expect(address()).toBe('/?month=2015-06'));
    expect(await screen.findByRole('button', { name: '9.4%' })).toBeInTheDocument();
  });

  it('marks a withdrawn version', async () => {
    publishedJune();
    server.use(apiGet('/api/publications', () => HttpResponse.json({
      publications: [
        { ...VERSION_2, current: false, withdrawal: { withdrawnAt: '2015-07-21T08:00:00.000Z', withdrawnBy: VERSION_1.publishedBy, reason: 'Published in error' } },
        { ...VERSION_1, current: true },
      ],
    })));
    renderApp('/?month=2015-06&view=published&version=2');
    const status = (await screen.findByText(/Published figures: version 2/)).closest('.publication-status') as HTMLElement;
    expect(status).toHaveTextContent('Withdrawn 21 Jul 2015, 09:00 by Alex Approver: Published in error');
    expect(within(status).getByRole('button', { name: 'See version 1 (current)' })).toBeInTheDocument();
  });

  it('gives a partner the published view only: no live switch, no live downloads', async () => {
    const requests = publishedJune();
    server.use(
      apiGet('/api/me', () => HttpResponse.json({ ...ME, role: 'partner' })),
      // As the server lists publications to partners: each month's current version only.
      apiGet('/api/publications', () => HttpResponse.json({ publications: [VERSION_2] })),
    );
    renderApp('/?month=2015-06');
    const status = (await screen.findByText(/Published figures: version 2/)).closest('.publication-status') as HTMLElement;
    expect(within(status).queryByRole('button', { name: 'See the live figures' })).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Download the scorecard' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Activity' })).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: '8.8%' })).toBeInTheDocument();
    await waitFor(() => expect(requests).toContain('month=2015-06&view=published'));
    // The current version only: no other version offered, and the board pack asked for without one.
    expect(within(status).queryByRole('button', { name: /See version/ })).not.toBeInTheDocument();
    const pack = screen.getByRole('link', { name: 'Board pack (PDF)' });
    expect(pack.getAttribute('href')).not.toContain('version=');
  });

  it('shows a partner the current version even when the address names another', async () => {
    const requests = publishedJune();
    server.use(
      apiGet('/api/me', () => HttpResponse.json({ ...ME, role: 'partner' })),
      // As the server lists publications to partners: each month's current version only.
      apiGet('/api/publications', () => HttpResponse.json({ publications: [VERSION_2] })),
    );
    renderApp('/?month=2015-06&version=1');
    expect(await screen.findByText(/Published figures: version 2/)).toBeInTheDocument();
    await waitFor(() => expect(requests).toContain('month=2015-06&view=published'));
    // (Before the app knows the reader is a partner it may ask as staff would.)
    expect(requests.at(-1)).toBe('month=2015-06&view=published');
  });
});
