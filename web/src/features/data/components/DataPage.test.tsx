import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { apiGet, DATASETS } from '../../../test/fixtures';
import { server } from '../../../test/server';
import { renderApp } from '../../../test/render';

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent);

// Load the lazily imported page once, before the tests wait for it.
beforeAll(async () => {
  await import('./DataPage');
});

describe('Data page', () => {
  it('is reached from the header and lists each dataset with its rows, coverage, as-at date and last import in UK time', async () => {
    const { user, address } = renderApp('/?month=2015-03');
    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Data' }));
    expect(address()).toBe('/data?month=2015-03');
    expect(await screen.findByRole('heading', { level: 1, name: 'Data' })).toBeInTheDocument();

    const table = await screen.findByRole('table', { name: /Datasets: rows, coverage and last import/ });
    const rows = within(table).getAllByRole('row');
    expect(cells(rows[0]!)).toEqual(['Dataset', 'Rows', 'Covered from', 'As at', 'Last import', 'By']);
    // 13:05 UTC on 3 August is 14:05 in London (summer time); 09:30 UTC on 12 January is 09:30 (winter).
    expect(cells(rows[1]!)).toEqual(['Early help casesearly_help_cases', '12,480', 'April 2014', '31 Jul 2015', '3 Aug 2015, 14:05', 'cli:jane']);
    expect(cells(rows[2]!)).toEqual([
      'Activity of 16 to 18 year olds (NEET)neet_activity', '3,210', 'September 2014', '30 Jun 2015', '3 Aug 2015, 14:05', 'm.smith',
    ]);
    expect(cells(rows[3]!)).toEqual(['Districts and areasdistricts', '3', 'Reference data', '–none', '12 Jan 2015, 09:30', 'cli:jane']);
    expect(cells(rows[4]!)).toEqual(['School exclusionsexclusions', '0', 'No records', '–none', 'Never imported', '–none']);
    expect(within(rows[1]!).getByText('3 Aug 2015, 14:05')).toHaveAttribute('datetime', '2015-08-03T13:05:00Z');
    expect(within(table).getAllByRole('rowheader')).toHaveLength(DATASETS.length);
  });

  it('explains coverage and gives the months reported and the latest complete month', async () => {
    renderApp('/data');
    const section = await screen.findByRole('region', { name: 'How coverage works' });
    expect(section).toHaveTextContent('the last month that ends on or before its as-at date');
    expect(section).toHaveTextContent('shows no value (status “No data: outside coverage”), never a zero');
    expect(section).toHaveTextContent('marked “Partial window”, has status “No data”');
    expect(await within(section).findByText(/The scorecard reports/)).toHaveTextContent(
      'The scorecard reports July 2014 to July 2015; the latest complete month is June 2015.',
    );
  });

  it('shows the loading panel until the datasets arrive', async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      apiGet('/api/datasets', async () => {
        await answered;
        return HttpResponse.json({ datasets: DATASETS });
      }),
    );
    renderApp('/data');
    expect(await screen.findByText('Loading the datasets…')).toBeInTheDocument();
    answer();
    expect(await screen.findByRole('table', { name: /Datasets/ })).toBeInTheDocument();
    expect(screen.queryByText('Loading the datasets…')).not.toBeInTheDocument();
  });

  it('says what failed when the datasets cannot be loaded, and Retry asks again', async () => {
    let calls = 0;
    server.use(
      apiGet('/api/datasets', () => {
        calls += 1;
        if (calls === 1) return HttpResponse.json({ error: 'unavailable', message: 'The database is unavailable.' }, { status: 503 });
        return HttpResponse.json({ datasets: DATASETS });
      }),
    );
    const { user } = renderApp('/data');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the datasets.');
    expect(alert).toHaveTextContent('The database is unavailable.');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: /Datasets/ })).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('says so when no dataset has been imported', async () => {
    server.use(apiGet('/api/datasets', () => HttpResponse.json({ datasets: [] })));
    renderApp('/data');
    expect(await screen.findByText(/No dataset has been imported yet/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
