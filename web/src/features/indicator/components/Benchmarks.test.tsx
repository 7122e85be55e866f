// Benchmarks in the web app: the England figure and the band in words on the county scorecard (none on a
// district's), and the indicator page's Benchmarks section: every period against England, the region and
// the neighbours' mean, the neighbours ranked for the period the month reads, and the reconciliation.
import { screen, within } from '@testing-library/react';
import { renderApp } from '../../../test/render';

beforeAll(async () => {
  await import('./IndicatorPage');
});

describe('Benchmarks', () => {
  it("shows England's figure and the band as a letter with words on the county scorecard", async () => {
    renderApp('/');
    const table = await screen.findByRole('table', { name: /Indicators for Kent, June 2015/ });
    expect(within(table).getByRole('columnheader', { name: 'Compared with England (DfE)' })).toBeInTheDocument();
    const fte = within(table).getByRole('row', { name: /first time entrants/ });
    expect(fte).toHaveTextContent('England 279.4');
    expect(fte).toHaveTextContent('2014, as a rate: Rate per 100,000 of 10-17 population');
    expect(within(fte).getByText('B: second quarter of 151 authorities')).toBeInTheDocument();
    // A row without a published measure says so in words, not by an empty cell.
    const stepUp = within(table).getByRole('row', { name: /stepped up to Specialist/ });
    expect(within(stepUp).getByText('no published comparison')).toBeInTheDocument();
  });

  it("has no benchmark column on a district's scorecard (benchmarks are the authority's)", async () => {
    renderApp('/?district=THA');
    const table = await screen.findByRole('table', { name: /Indicators for Thanet, June 2015/ });
    expect(within(table).queryByRole('columnheader', { name: /Compared with England/ })).toBeNull();
  });

  it('shows every period against England, the region and the neighbours, the neighbours ranked and the reconciliation', async () => {
    renderApp('/indicators/pa_primary_10pct?month=2015-06');
    const section = await screen.findByRole('region', { name: 'Benchmarks' });
    expect(section).toHaveTextContent('State-funded primary persistent absence (SFPriPerAbNew; % of persistent absence)');
    expect(section).toHaveTextContent('Open Government Licence v3.0');
    expect(within(section).getByRole('img', { name: /Kent 8.5% in 2015, England 8.7%, South East 8.1%, statistical neighbours' mean 8.9%/ })).toBeInTheDocument();

    const byPeriod = within(section).getByRole('table', { name: /Published figures by period/ });
    const rows = within(byPeriod).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('th')!.textContent)).toEqual(['2015', '2014']);
    expect(rows[1]).toHaveTextContent('2014' + '9.11%' + '8.67%' + '8.06%' + '8.31%' + '2 of the neighbours' + 'Ranked 98th of 151 (1 is best)' + 'C: third quarter of 151 authorities');

    // June 2015 is before the academic year 2015 ends (31 August): the neighbours of 2014, best first (lower is better).
    const neighbours = within(section).getByRole('table', { name: /Statistical neighbours, 2014 \(the latest period published by June 2015\), best first/ });
    expect(within(neighbours).getAllByRole('row').slice(1).map((r) => r.querySelector('th')!.textContent)).toEqual([
      'Essex', 'Medway', 'Kent (home authority)',
    ]);

    const reconciliation = within(section).getByRole('table', { name: /Reconciliation/ });
    const lines = within(reconciliation).getAllByRole('row').slice(1);
    expect(lines[1]).toHaveTextContent('2014' + '9.11%' + '9.2%' + 'August 2014' + '+0.09');
    expect(lines[0]).toHaveTextContent('2015' + '8.5%' + '–' + 'August 2015' + '–');
  });

  it("ranks a neighbour DfE published no figure for last, showing its symbol as no value", async () => {
    renderApp('/indicators/pa_primary_10pct?month=2015-08');
    const section = await screen.findByRole('region', { name: 'Benchmarks' });
    const neighbours = within(section).getByRole('table', { name: /Statistical neighbours, 2015/ });
    const rows = within(neighbours).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('th')!.textContent)).toEqual(['Kent (home authority)', 'Essex', 'Medway']);
    expect(rows[2]).toHaveTextContent('Medway' + '–' + '–' + '2');
  });

  it('has no Benchmarks section for a KPI without a published measure', async () => {
    renderApp('/indicators/eh_stepped_up_to_scs_pct?month=2015-06');
    await screen.findByRole('table', { name: 'Monthly figures for Kent' });
    expect(screen.queryByRole('region', { name: 'Benchmarks' })).toBeNull();
  });
});
