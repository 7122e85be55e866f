import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { server } from '../../../test/server';
import { renderApp } from '../../../test/render';
import { apiGet, caseloads } from '../../../test/fixtures';

const rowTexts = (table: HTMLElement) => within(table).getAllByRole('row').map((r) => Array.from(r.children).map((c) => c.textContent));

// Load the lazily imported page (and Recharts) once, before the tests wait for it.
beforeAll(async () => {
  await import('./CaseloadsPage');
});

describe('Caseloads page', () => {
  it('shows each district against its target with area subtotals and the county total (the latest complete month by default)', async () => {
    renderApp('/caseloads');
    const table = await screen.findByRole('table', { name: /Caseloads by district, June 2015/ });
    expect(rowTexts(table)).toEqual([
      ['District', 'Current', 'Baseline', 'Target', 'Difference to target'],
      ['Thanet', '745', '821', '722', '+23 above target'],
      ['Swale', '595', '643', '527', '+68 above target'],
      ['East Kent (area subtotal)', '1,340', '1,464', '1,249', '+91 above target'],
      ['Maidstone', '416', '516', '348', '+68 above target'],
      ['West Kent (area subtotal)', '416', '516', '348', '+68 above target'],
      ['Kent (county total)', '1,756', '1,980', '1,597', '+159 above target'],
    ]);
    expect(screen.getByRole('img', { name: /Kent: 1,756 open cases against a target of 1,597. 3 of 3 districts with a target are above it/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /CSV/ })).toHaveAttribute('href', '/api/export/caseloads.csv?month=2015-06');
  });

  it('shows the monthly trend per district for the twelve months to the chosen month, with targets', async () => {
    renderApp('/caseloads?month=2015-06');
    const table = await screen.findByRole('table', { name: /Open caseload by month and district/ });
    const rows = rowTexts(table);
    expect(rows[0]).toEqual(['Month', 'Thanet', 'Swale', 'Maidstone']);
    expect(rows).toHaveLength(1 + 12); // July 2014 to June 2015
    // Fixture: each month before June 2015 has 10 more cases per district and no target yet.
    expect(rows[1]).toEqual(['July 2014', '855no target', '705no target', '526no target']);
    expect(rows[12]).toEqual(['June 2015', '745target 722', '595target 527', '416target 348']);
    expect(screen.getByRole('img', { name: 'Thanet: 855 open cases in July 2014, 745 in June 2015 against a target of 722.' })).toBeInTheDocument();
  });

  it('puts the chosen month in the address and shows that month', async () => {
    const { user, address } = renderApp('/caseloads');
    await screen.findByRole('table', { name: /Caseloads by district, June 2015/ });
    await user.selectOptions(screen.getByLabelText('Month'), 'May 2015');
    expect(address()).toBe('/caseloads?month=2015-05');
    const table = await screen.findByRole('table', { name: /Caseloads by district, May 2015/ });
    expect(within(table).getByRole('row', { name: /Thanet/ })).toHaveTextContent('Thanet755––No target');
  });

  it('says what failed when the caseloads cannot be loaded, and Retry asks again', async () => {
    let recovered = false;
    server.use(
      apiGet('/api/caseloads', ({ request }) => {
        const month = new URL(request.url).searchParams.get('month')!;
        if (month === '2015-03' && !recovered) {
          return HttpResponse.json({ error: 'unavailable', message: 'The database is unavailable.' }, { status: 503 });
        }
        return HttpResponse.json(caseloads(month));
      }),
    );
    const { user } = renderApp('/caseloads?month=2015-03');
    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]).toHaveTextContent('Could not load the caseloads for March 2015.');
    expect(alerts[0]).toHaveTextContent('The database is unavailable.');
    recovered = true;
    await user.click(within(alerts[0]!).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: /Caseloads by district, March 2015/ })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the empty panel when the month has no districts', async () => {
    server.use(apiGet('/api/caseloads', ({ request }) => HttpResponse.json({ ...caseloads(new URL(request.url).searchParams.get('month')!), districts: [], areas: [] })));
    renderApp('/caseloads?month=2015-06');
    expect(await screen.findByText('There are no caseload figures for June 2015.')).toBeInTheDocument();
    expect(screen.getByText('There are no caseload figures for these months.')).toBeInTheDocument();
  });
});
