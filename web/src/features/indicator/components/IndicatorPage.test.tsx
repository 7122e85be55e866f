import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { server } from '../../../test/server';
import { renderApp } from '../../../test/render';
import { apiGet, SCORECARD_INDICATORS, scorecard } from '../../../test/fixtures';

const PAGE = '/indicators/eh_stepped_up_to_scs_pct';

// Load the lazily imported page (and Recharts) once, before the tests wait for it.
beforeAll(async () => {
  await import('./IndicatorPage');
});

describe('Indicator page', () => {
  it('shows the month figure, the trend table over the chosen range and what the indicator means', async () => {
    renderApp(`${PAGE}?month=2015-06&from=2015-02&to=2015-05`);
    expect(await screen.findByRole('heading', { level: 1, name: "Percentage of Early Help cases stepped up to Specialist Children's Services" })).toBeInTheDocument();

    // Fixture series: value 10 + months since July 2014; target 8 to March 2015 then 7; floor 12 then 11.
    const trend = await screen.findByRole('table', { name: 'Monthly figures for Kent' });
    const rows = within(trend).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('th')!.textContent)).toEqual(['May 2015', 'April 2015', 'March 2015', 'February 2015']);
    expect(rows[0]).toHaveTextContent('May 2015' + '20.0%' + '20' + '100' + '7.0%' + '11.0%' + 'Red');
    expect(rows[3]).toHaveTextContent('February 2015' + '17.0%' + '17' + '100' + '8.0%' + '12.0%' + 'Red');
    expect(screen.getByRole('img', { name: /17.0% in February 2015, 20.0% in May 2015. Target 7.0%, floor 11.0% in May 2015/ })).toBeInTheDocument();

    // Headline figure from the scorecard row.
    expect(screen.getByText('9.4%')).toBeInTheDocument();
    expect(screen.getByText('assumed')).toBeInTheDocument();

    // About: definition, polarity, year basis, source, numerator and denominator in words; no comparator.
    const about = screen.getByRole('region', { name: 'About this indicator' });
    expect(about).toHaveTextContent('Lower is better');
    expect(about).toHaveTextContent('Financial year (April to March)');
    expect(about).toHaveTextContent('early_help_cases');
    expect(about).toHaveTextContent('Cases closed in the window with reason "stepped up to SCS"');
    expect(about).toHaveTextContent('No comparator figure');

    expect(screen.getByRole('link', { name: /Trend CSV/ })).toHaveAttribute(
      'href', '/api/export/series.csv?code=eh_stepped_up_to_scs_pct&from=2015-02&to=2015-05',
    );
    expect(screen.getByRole('link', { name: /Districts CSV/ })).toHaveAttribute(
      'href', '/api/export/series.csv?code=eh_stepped_up_to_scs_pct&from=2015-06&to=2015-06&by=district',
    );
  });

  it('defaults the range to every month the data covers', async () => {
    renderApp(`${PAGE}`);
    const trend = await screen.findByRole('table', { name: 'Monthly figures for Kent' });
    expect(within(trend).getAllByRole('row')).toHaveLength(1 + 13); // July 2014 to July 2015 (the latest month)
    expect(screen.getByRole('heading', { name: 'Trend, July 2014 to July 2015' })).toBeInTheDocument();
  });

  it('compares the districts best first (lower is better) with their statuses, and choosing one moves the page to it', async () => {
    const { user, address } = renderApp(`${PAGE}?month=2015-06`);
    const table = await screen.findByRole('table', { name: 'Figures by district, best first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'Thanet9.0%4550010.0%12.0%Green',
      'Swale11.5%4640010.0%12.0%Amber',
      'Maidstone14.2%7150010.0%12.0%Red',
    ]);

    const bars = screen.getByRole('list', { name: 'Districts compared, best first' });
    const swale = within(bars).getByRole('button', { name: /^Swale ?11.5% Amber, target 10.0%$/ });
    swale.focus();
    await user.keyboard('{Enter}');
    expect(address()).toBe(`${PAGE}?month=2015-06&district=SWA`);
    expect(await screen.findByRole('table', { name: 'Monthly figures for Swale' })).toBeInTheDocument();
    expect(within(bars).getByRole('button', { name: /Swale/ })).toHaveAttribute('aria-current', 'true');
  });

  it('compares areas when asked, keeping the choice in the address', async () => {
    const { user, address } = renderApp(`${PAGE}?month=2015-06`);
    await screen.findByRole('table', { name: 'Figures by district, best first' });
    await user.click(screen.getByRole('button', { name: 'Areas' }));
    expect(address()).toBe(`${PAGE}?month=2015-06&by=area`);
    const table = await screen.findByRole('table', { name: 'Figures by area, best first' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.querySelector('th')!.textContent)).toEqual(['East Kent', 'West Kent']);
    await user.click(screen.getByRole('button', { name: /West Kent/ }));
    expect(address()).toBe(`${PAGE}?month=2015-06&by=area&area=WEST`);
  });

  it('puts the range and month in the address', async () => {
    const { user, address } = renderApp(`${PAGE}?month=2015-06`);
    await screen.findByRole('table', { name: 'Monthly figures for Kent' });
    await user.selectOptions(screen.getByLabelText('From'), 'January 2015');
    await user.selectOptions(screen.getByLabelText('Month'), 'April 2015');
    expect(address()).toBe(`${PAGE}?month=2015-04&from=2015-01`);
    const trend = await screen.findByRole('table', { name: 'Monthly figures for Kent' });
    expect(within(trend).getAllByRole('row')).toHaveLength(1 + 7); // January to July 2015
  });

  it('shows an England comparator when the scorecard has one', async () => {
    renderApp('/indicators/scs_stepped_down_to_eh_pct?month=2015-06');
    const about = await screen.findByRole('region', { name: 'About this indicator' });
    expect(await within(about).findByText(/England:/)).toHaveTextContent('England: 18.3% (March 2014)');
  });

  it('says what failed when the trend cannot be loaded, and Retry asks again', async () => {
    let calls = 0;
    server.use(
      apiGet('/api/indicators/:code/series', ({ request }) => {
        const kent = { type: 'county' as const, code: 'KENT', name: 'Kent' };
        const by = new URL(request.url).searchParams.get('by');
        if (by) return HttpResponse.json({ code: 'x', geography: kent, by: by === 'area' ? 'area' : 'district', points: [] });
        calls += 1;
        if (calls === 1) return HttpResponse.json({ error: 'internal_error', message: 'Something went wrong on the server.' }, { status: 500 });
        return HttpResponse.json({
          code: 'eh_stepped_up_to_scs_pct', geography: kent, by: null,
          points: [{
            month: '2015-06', geographyCode: 'KENT', value: 9.4, numerator: 47, denominator: 500, target: 6, floor: 8.5,
            floorAssumed: true, targetYear: 2016, targetCarriedForward: false, targetFromYear: null, status: 'red', coverage: 'full',
          }],
        });
      }),
    );
    const { user } = renderApp(`${PAGE}?month=2015-06`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the trend.');
    expect(alert).toHaveTextContent('Something went wrong on the server.');
    // The comparison answered with no points: its empty panel shows.
    expect(screen.getByText('There are no district figures for this month.')).toBeInTheDocument();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    const trend = await screen.findByRole('table', { name: 'Monthly figures for Kent' });
    expect(within(trend).getAllByRole('row')[1]).toHaveTextContent('June 2015' + '9.4%');
  });

  it('says so when the indicator code is unknown', async () => {
    renderApp('/indicators/no_such_code');
    expect(await screen.findByRole('heading', { name: 'Indicator not found' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('There is no indicator with the code “no_such_code”.');
  });

  it('marks partial windows and months outside coverage in the trend table and the chart text, and opens on the latest complete month', async () => {
    renderApp(PAGE);
    const trend = await screen.findByRole('table', { name: 'Monthly figures for Kent' });
    const row = (month: string) => within(trend).getByRole('rowheader', { name: month }).closest('tr')!;
    // Fixture: July and August 2014 are partial windows (value kept, not scored); July 2015 is outside coverage.
    expect(row('August 2014')).toHaveTextContent('August 2014' + '11.0%' + 'Partial window' + '11' + '100' + '8.0%' + '12.0%' + 'No data: Not scored: partial window');
    expect(row('July 2015')).toHaveTextContent('July 2015' + '–' + '–' + '–' + '7.0%' + '11.0%' + 'No data: Outside coverage');
    expect(row('September 2014')).toHaveTextContent('September 2014' + '12.0%' + '12' + '100' + '8.0%' + '12.0%' + 'Amber');
    expect(row('September 2014')).not.toHaveTextContent(/Partial|coverage/);
    expect(
      screen.getByRole('img', { name: /2 months have a partial window \(hollow dots, not scored\); 1 month is outside coverage \(no value\)\./ }),
    ).toBeInTheDocument();
    expect(screen.getByText('Partial window (not scored)')).toBeInTheDocument(); // chart legend
    // No month in the address: the headline and comparison are for the latest complete month.
    expect(screen.getByRole('heading', { name: 'Districts compared, June 2015' })).toBeInTheDocument();
    expect(screen.getByLabelText('Month')).toHaveDisplayValue('June 2015');
  });

  it('marks a partial headline figure in words', async () => {
    server.use(
      apiGet('/api/scorecard', ({ request }) => {
        const month = new URL(request.url).searchParams.get('month')!;
        const indicators = SCORECARD_INDICATORS.map((i) =>
          i.code === 'eh_stepped_up_to_scs_pct' ? { ...i, status: 'no_data' as const, direction: null, coverage: 'partial' as const } : i,
        );
        return HttpResponse.json({ ...scorecard(month, { type: 'county', code: 'KENT' }), indicators });
      }),
    );
    renderApp(`${PAGE}?month=2015-06`);
    const headline = await screen.findByRole('region', { name: 'Figure for June 2015' });
    await within(headline).findByText('Partial window');
    expect(within(headline).getByText('Value').nextElementSibling).toHaveTextContent('9.4%Partial window');
    expect(within(headline).getByText('Status').nextElementSibling).toHaveTextContent('No data: Not scored: partial window');
  });

  it('names the year a carried-forward target comes from in the headline and the trend table', async () => {
    server.use(
      apiGet('/api/scorecard', ({ request }) => {
        const month = new URL(request.url).searchParams.get('month')!;
        const indicators = SCORECARD_INDICATORS.map((i) =>
          i.code === 'eh_stepped_up_to_scs_pct' ? { ...i, targetYear: 2019, targetCarriedForward: true, targetFromYear: 2018 } : i,
        );
        return HttpResponse.json({ ...scorecard(month, { type: 'county', code: 'KENT' }), indicators });
      }),
      apiGet('/api/indicators/:code/series', ({ request }) => {
        const params = new URL(request.url).searchParams;
        const kent = { type: 'county' as const, code: 'KENT', name: 'Kent' };
        if (params.get('by')) return HttpResponse.json({ code: 'eh_stepped_up_to_scs_pct', geography: kent, by: 'district', points: [] });
        return HttpResponse.json({
          code: 'eh_stepped_up_to_scs_pct', geography: kent, by: null,
          points: [
            { month: '2015-05', geographyCode: 'KENT', value: 20, numerator: 20, denominator: 100, target: 7, floor: 11,
              floorAssumed: false, status: 'red', coverage: 'full', targetYear: 2016, targetCarriedForward: true, targetFromYear: 2015 },
            { month: '2015-06', geographyCode: 'KENT', value: 21, numerator: 21, denominator: 100, target: 7, floor: 11,
              floorAssumed: false, status: 'red', coverage: 'full', targetYear: 2016, targetCarriedForward: false, targetFromYear: null },
          ],
        });
      }),
    );
    renderApp(`${PAGE}?month=2015-06&from=2015-05&to=2015-06`);
    const headline = await screen.findByRole('region', { name: 'Figure for June 2015' });
    expect(await within(headline).findByText('Target (2017–18 target carried forward)')).toBeInTheDocument();
    const trend = await screen.findByRole('table', { name: 'Monthly figures for Kent' });
    const rows = within(trend).getAllByRole('row').slice(1);
    expect(rows[1]).toHaveTextContent('May 2015' + '20.0%' + '20' + '100' + '7.0%carried forward from 2014–15');
    expect(rows[0]).not.toHaveTextContent('carried forward');
  });

  it('shows the headline value with the decimals that tell it from the floor it misses', async () => {
    server.use(
      apiGet('/api/scorecard', ({ request }) => {
        const month = new URL(request.url).searchParams.get('month')!;
        const indicators = SCORECARD_INDICATORS.map((i) =>
          i.code === 'eh_stepped_up_to_scs_pct' ? { ...i, value: 8.53, target: 6, floor: 8.5, status: 'red' as const } : i,
        );
        return HttpResponse.json({ ...scorecard(month, { type: 'county', code: 'KENT' }), indicators });
      }),
    );
    renderApp(`${PAGE}?month=2015-06`);
    const headline = await screen.findByRole('region', { name: 'Figure for June 2015' });
    await within(headline).findByText('Red');
    expect(within(headline).getByText('Value').nextElementSibling).toHaveTextContent(/^8\.53%$/);
    expect(within(headline).getByText('Floor').nextElementSibling).toHaveTextContent(/^8\.5%assumed$/);
  });
});
