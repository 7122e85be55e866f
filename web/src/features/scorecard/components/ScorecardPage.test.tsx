import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { server } from '../../../test/server';
import { renderApp } from '../../../test/render';
import { apiGet, MONTHS, SCORECARD_INDICATORS, scorecard } from '../../../test/fixtures';

async function scorecardTable() {
  return screen.findByRole('table', { name: /Indicators for Kent, June 2015/ });
}

describe('Scorecard page', () => {
  it('opens on the latest complete month, with values formatted, statuses in words and a summary line', async () => {
    renderApp('/');
    const table = await scorecardTable();
    expect(screen.getByRole('heading', { level: 1, name: 'Monthly scorecard' })).toBeInTheDocument();

    const stepUp = within(table).getByRole('row', { name: /stepped up to Specialist/ });
    expect(within(stepUp).getByRole('button', { name: '9.4%' })).toBeInTheDocument();
    expect(within(stepUp).getByText('Red')).toBeInTheDocument();
    expect(within(stepUp).getByText('6.0%')).toBeInTheDocument(); // target
    expect(within(stepUp).getByText('8.5%')).toBeInTheDocument(); // floor
    expect(within(stepUp).getByText('assumed')).toBeInTheDocument();
    expect(within(stepUp).getByText('10.3%')).toBeInTheDocument(); // last year 10.25 to 1 dp
    expect(within(stepUp).getByText('Improving')).toBeInTheDocument();
    expect(within(stepUp).getByText('↓')).toBeInTheDocument(); // lower is better: improving means falling

    const fte = within(table).getByRole('row', { name: /first time entrants/ });
    expect(within(fte).getByRole('button', { name: '1,669' })).toBeInTheDocument();
    expect(within(fte).getByText('Green')).toBeInTheDocument();
    expect(within(fte).getByText('Worsening')).toBeInTheDocument();

    expect(within(table).getByRole('row', { name: /stepped down/ })).toHaveTextContent('Amber');
    expect(within(table).getByRole('row', { name: /within 4 weeks/ })).toHaveTextContent('No target');
    expect(within(table).getByRole('row', { name: /fixed term exclusions/ })).toHaveTextContent('No data');

    // Grouped by theme, in catalogue order.
    const themes = within(table).getAllByRole('columnheader').filter((h) => h.getAttribute('scope') === 'colgroup');
    expect(themes.map((t) => t.textContent)).toEqual([
      'Early help casework', 'Social care interface', 'Youth justice', 'Attendance and exclusions',
    ]);

    expect(screen.getByText(/Of 5 indicators:/).closest('p')).toHaveTextContent(
      'Of 5 indicators: 1 green, 1 amber, 1 red, 1 without target, 1 without data (1 outside coverage).',
    );
    // The pickers show the latest complete month and the county; the address keeps "no month".
    expect(screen.getByLabelText('Month')).toHaveDisplayValue('June 2015');
    expect(screen.getByLabelText('Geography')).toHaveDisplayValue('Kent');
  });

  it('shows the numerator and denominator of a value, described by the value button', async () => {
    renderApp('/?month=2015-06');
    const table = await scorecardTable();
    const button = within(table).getByRole('button', { name: '9.4%' });
    expect(button).toHaveAccessibleDescription(/47 of 500.*Numerator: Cases closed in the window with reason "stepped up to SCS".*Denominator: Cases closed in the window/);
  });

  it('draws a sparkline per row with a text summary of the last 24 months (from the first month with data)', async () => {
    renderApp('/?month=2015-06');
    const table = await scorecardTable();
    const row = within(table).getByRole('row', { name: /stepped up to Specialist/ });
    // Fixture series: July 2014 = 10, June 2015 = 21; target 7 in 2015-16.
    expect(await within(row).findByRole('img', { name: /10.0% in July 2014 to 21.0% in June 2015; target 7.0%/ })).toBeInTheDocument();
  });

  it('takes the sparklines from the scorecard (one request, no series) and marks the partial months', async () => {
    const series: string[] = [];
    server.use(apiGet('/api/indicators/:code/series', ({ request }) => {
      series.push(request.url);
      return HttpResponse.json({ error: 'bad_request', message: 'not expected' }, { status: 400 });
    }));
    renderApp('/?month=2015-06');
    const table = await scorecardTable();
    const row = within(table).getByRole('row', { name: /stepped up to Specialist/ });
    // July and August 2014 are partial windows in the fixture: hollow dots, and said in words.
    const line = within(row).getByRole('img', { name: /; 2 months with a partial window \(hollow, not scored\)$/ });
    expect([...line.querySelectorAll('.sparkline__partial')].map((c) => c.getAttribute('data-month'))).toEqual(['2014-07', '2014-08']);
    expect(series).toEqual([]);
  });

  it('puts the chosen month and geography in the address and asks the API for them', async () => {
    const asked: string[] = [];
    server.use(
      apiGet('/api/scorecard', ({ request }) => {
        const params = new URL(request.url).searchParams;
        asked.push(params.toString());
        const district = params.get('district');
        return HttpResponse.json(scorecard(params.get('month')!, district ? { type: 'district', code: district } : { type: 'county', code: 'KENT' }));
      }),
    );
    const { user, address } = renderApp('/');
    await scorecardTable();
    await user.selectOptions(screen.getByLabelText('Month'), 'March 2015');
    expect(address()).toBe('/?month=2015-03');
    await user.selectOptions(screen.getByLabelText('Geography'), 'Thanet');
    expect(address()).toBe('/?month=2015-03&district=THA');
    expect(await screen.findByRole('table', { name: /Indicators for Thanet, March 2015/ })).toBeInTheDocument();
    expect(asked).toContain('month=2015-03&district=THA');
    // The download links follow the filters.
    expect(screen.getByRole('link', { name: /CSV/ })).toHaveAttribute('href', '/api/export/scorecard.csv?month=2015-03&district=THA');
    expect(screen.getByRole('link', { name: /XLSX/ })).toHaveAttribute('href', '/api/export/scorecard.xlsx?month=2015-03&district=THA');
  });

  it('reproduces the view from the address (area), and lists the geographies from the API', async () => {
    renderApp('/?month=2015-03&area=EAST');
    expect(await screen.findByRole('table', { name: /Indicators for East Kent, March 2015/ })).toBeInTheDocument();
    // The pickers load apart from the table (months and geographies): wait for them too.
    const picker = await screen.findByLabelText('Geography');
    expect(picker).toHaveDisplayValue('East Kent');
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Kent', 'East Kent', 'West Kent', 'Maidstone', 'Swale', 'Thanet',
    ]);
  });

  it('opens the indicator page from a row, keeping the filters', async () => {
    const { user, address } = renderApp('/?month=2015-03&district=THA');
    const table = await screen.findByRole('table', { name: /Indicators for Thanet/ });
    await user.click(within(table).getByRole('link', { name: /stepped up to Specialist/ }));
    expect(address()).toBe('/indicators/eh_stepped_up_to_scs_pct?month=2015-03&district=THA');
  });

  it('says what failed when the scorecard cannot be loaded, and Retry asks again', async () => {
    let calls = 0;
    server.use(
      apiGet('/api/scorecard', ({ request }) => {
        calls += 1;
        if (calls === 1) return HttpResponse.json({ error: 'unavailable', message: 'The database is unavailable.' }, { status: 503 });
        return HttpResponse.json(scorecard(new URL(request.url).searchParams.get('month')!, { type: 'county', code: 'KENT' }));
      }),
    );
    const { user } = renderApp('/?month=2015-06');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the scorecard for June 2015.');
    expect(alert).toHaveTextContent('The database is unavailable.');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await scorecardTable()).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('shows the API message for a bad month in the address', async () => {
    server.use(
      apiGet('/api/scorecard', () =>
        HttpResponse.json({ error: 'bad_request', message: 'month: "2015-13" is not a month (YYYY-MM).' }, { status: 400 }),
      ),
    );
    renderApp('/?month=2015-13');
    expect(await screen.findByRole('alert')).toHaveTextContent('month: "2015-13" is not a month (YYYY-MM).');
  });

  it('shows the empty panel when the month has no indicators', async () => {
    server.use(apiGet('/api/scorecard', () => HttpResponse.json({ ...scorecard('2015-06', { type: 'county', code: 'KENT' }), indicators: [] })));
    renderApp('/?month=2015-06');
    expect(await screen.findByText('No data')).toBeInTheDocument();
    expect(screen.getByText('There are no indicator figures for Kent in June 2015.')).toBeInTheDocument();
    // The Activity section below has its own table.
    await waitFor(() => expect(screen.queryByRole('table', { name: /Indicators for/ })).not.toBeInTheDocument());
  });

  describe('as-at dates and coverage', () => {
    it('offers every month, labelling those after the latest complete month incomplete, and asks for the complete one first', async () => {
      const asked: string[] = [];
      server.use(
        apiGet('/api/scorecard', ({ request }) => {
          const month = new URL(request.url).searchParams.get('month')!;
          asked.push(month);
          return HttpResponse.json(scorecard(month, { type: 'county', code: 'KENT' }));
        }),
      );
      renderApp('/');
      await scorecardTable();
      const picker = screen.getByLabelText('Month');
      const options = within(picker).getAllByRole('option').map((o) => o.textContent);
      expect(options).toHaveLength(13); // July 2014 to July 2015
      expect(options.slice(0, 2)).toEqual(['July 2015 (incomplete)', 'June 2015']);
      expect(options.at(-1)).toBe('July 2014');
      expect(asked).toEqual(['2015-06']);
    });

    it('says that no data has been loaded yet when the API has no months, and still offers the geographies', async () => {
      server.use(apiGet('/api/months', () => HttpResponse.json({ first: null, latest: null, latestComplete: null })));
      renderApp('/');
      expect(await screen.findByText('No data has been loaded yet: the figures show once the first extracts are imported.')).toBeInTheDocument();
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
      expect(within(screen.getByLabelText('Month')).queryAllByRole('option')).toHaveLength(0);
      expect(within(screen.getByLabelText('Geography')).getByRole('option', { name: 'Thanet' })).toBeInTheDocument();
    });

    it('opens on the latest month when no month is complete yet', async () => {
      server.use(apiGet('/api/months', () => HttpResponse.json({ ...MONTHS, latestComplete: null })));
      renderApp('/');
      expect(await screen.findByRole('table', { name: /Indicators for Kent, July 2015/ })).toBeInTheDocument();
      expect(screen.getByLabelText('Month')).toHaveDisplayValue('July 2015');
    });

    it('says how current the data is, with a link to the Data page', async () => {
      const { user, address } = renderApp('/?month=2015-06');
      await scorecardTable();
      // Fixture: NEET taken on 30 June 2015, early help cases on 31 July 2015.
      const line = await screen.findByText(/Data as at/);
      expect(line).toHaveTextContent('Data as at 30 Jun 2015 to 31 Jul 2015 (by dataset) · latest complete month June 2015');
      expect(screen.queryByRole('note')).not.toBeInTheDocument();
      await user.click(within(line).getByRole('link', { name: /Data page/ }));
      expect(address()).toBe('/data');
    });

    it('gives one as-at date when every extract was taken on the same day', async () => {
      server.use(
        apiGet('/api/datasets', () =>
          HttpResponse.json({
            datasets: [
              { name: 'early_help_cases', kind: 'record', rows: 10, coveredFrom: '2014-04', coveredTo: '2015-06', asAt: '2015-06-30', lastImportedAt: null, lastImportedBy: null },
              { name: 'neet_activity', kind: 'record', rows: 10, coveredFrom: '2014-09', coveredTo: '2015-06', asAt: '2015-06-30', lastImportedAt: null, lastImportedBy: null },
            ],
          }),
        ),
      );
      renderApp('/?month=2015-06');
      expect(await screen.findByText(/Data as at/)).toHaveTextContent(/^Data as at 30 Jun 2015 · latest complete month June 2015 · Data page/);
    });

    it('notes that a month after the latest complete one is not covered by every dataset yet', async () => {
      renderApp('/?month=2015-07');
      await screen.findByRole('table', { name: /Indicators for Kent, July 2015/ });
      const note = await screen.findByRole('note');
      expect(note).toHaveTextContent('July 2015 is incomplete: some datasets do not cover it yet, so figures that read them show no value.');
      // Only the extract taken before July ended is named.
      expect(note).toHaveTextContent('Extracts taken before it ended: Activity of 16 to 18 year olds (NEET) (as at 30 Jun 2015).');
      expect(note).not.toHaveTextContent('Early help cases');
      expect(screen.getByLabelText('Month')).toHaveDisplayValue('July 2015 (incomplete)');
    });

    it('marks a partial window in words beside its value and under its status, and shows no value outside coverage', async () => {
      server.use(
        apiGet('/api/scorecard', ({ request }) => {
          const month = new URL(request.url).searchParams.get('month')!;
          const indicators = SCORECARD_INDICATORS.map((i) =>
            i.code === 'eh_stepped_up_to_scs_pct' ? { ...i, status: 'no_data' as const, direction: null, coverage: 'partial' as const } : i,
          );
          return HttpResponse.json({ ...scorecard(month, { type: 'county', code: 'KENT' }), indicators });
        }),
      );
      renderApp('/?month=2015-06');
      const table = await scorecardTable();

      const partial = within(table).getByRole('row', { name: /stepped up to Specialist/ });
      const value = within(partial).getByRole('button', { name: '9.4%' });
      expect(value.closest('td')).toHaveTextContent('9.4%47 of 500'); // value and its detail
      expect(value.closest('td')).toHaveTextContent('Partial window');
      expect(value).toHaveAccessibleDescription(/Partial window: part of the window is before the data starts, so the value is shown but not scored/);
      expect(within(partial).getByText('No data').closest('td')).toHaveTextContent('No data: Not scored: partial window');
      expect(within(partial).queryByText('Improving')).not.toBeInTheDocument();

      const outside = within(table).getByRole('row', { name: /fixed term exclusions/ });
      expect(within(outside).queryByRole('button')).not.toBeInTheDocument(); // no value to explain
      expect(within(outside).getByText('No data').closest('td')).toHaveTextContent('No data: Outside coverage');

      expect(screen.getByText(/Of 5 indicators:/).closest('p')).toHaveTextContent(
        'Of 5 indicators: 1 green, 1 amber, 0 red, 1 without target, 2 without data (1 partial window, 1 outside coverage).',
      );
      // The key under the status key says what the two marks mean.
      const key = within(screen.getByRole('list', { name: 'Coverage key' })).getAllByRole('listitem');
      expect(key.map((li) => li.textContent)).toEqual([
        'Partial window: part of the window is before the data starts, so the value is shown but not scored.',
        'Outside coverage: a dataset the figure reads does not cover this month, so there is no value.',
      ]);
    });
  });

  it('says which earlier year a carried-forward target comes from, and names the target year otherwise', async () => {
    server.use(
      apiGet('/api/scorecard', ({ request }) => {
        const month = new URL(request.url).searchParams.get('month')!;
        const indicators = SCORECARD_INDICATORS.map((i) =>
          i.code === 'eh_stepped_up_to_scs_pct' ? { ...i, targetYear: 2019, targetCarriedForward: true, targetFromYear: 2018 } : i,
        );
        return HttpResponse.json({ ...scorecard(month, { type: 'county', code: 'KENT' }), indicators });
      }),
    );
    renderApp('/?month=2015-06');
    const table = await scorecardTable();
    const carried = within(table).getByRole('row', { name: /stepped up to Specialist/ });
    expect(within(carried).getByText('6.0%').closest('td')).toHaveTextContent('6.0%2017–18 target carried forward');
    const own = within(table).getByRole('row', { name: /stepped down/ });
    expect(within(own).getByText('22.0%').closest('td')).toHaveTextContent('22.0%financial year 2015–16');
  });

  it('shows the decimals that tell a value from a threshold it misses (79.96% beside 80.0%), and no more otherwise', async () => {
    server.use(
      apiGet('/api/scorecard', ({ request }) => {
        const month = new URL(request.url).searchParams.get('month')!;
        const indicators = SCORECARD_INDICATORS.map((i) =>
          i.code === 'scs_stepped_down_to_eh_pct' ? { ...i, value: 79.96, target: 80, floor: 70, status: 'amber' as const }
            : i.code === 'eh_stepped_up_to_scs_pct' ? { ...i, value: 5.96, target: 6, floor: 8.5, status: 'green' as const }
              : i,
        );
        return HttpResponse.json({ ...scorecard(month, { type: 'county', code: 'KENT' }), indicators });
      }),
    );
    renderApp('/?month=2015-06');
    const table = await scorecardTable();
    const missed = within(table).getByRole('row', { name: /stepped down/ });
    expect(within(missed).getByRole('button', { name: '79.96%' })).toBeInTheDocument();
    expect(within(missed).getByText('80.0%')).toBeInTheDocument();
    expect(within(missed).getByText('Amber')).toBeInTheDocument();
    // Lower is better: 5.96% meets a target of 6.0%, so it needs no more decimals than usual.
    const met = within(table).getByRole('row', { name: /stepped up to Specialist/ });
    expect(within(met).getByRole('button', { name: '6.0%' })).toBeInTheDocument();
  });
});
