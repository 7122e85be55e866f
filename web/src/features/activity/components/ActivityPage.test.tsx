// The activity page: headline for the month, the XmR chart (with a text alternative) and a table beside it,
// state in the address.
import { screen, within } from '@testing-library/react';
import { renderApp } from '../../../test/render';

describe('Activity page', () => {
  it('shows the month, its expected range and signal, and the two years up to it by default', async () => {
    renderApp('/activity/act_eh_notifications?month=2015-06&area=EAST');
    expect(await screen.findByRole('heading', { level: 1, name: 'Early help notifications' })).toBeInTheDocument();
    expect(await screen.findByText('1,250')).toBeInTheDocument();
    expect(screen.getByText('820 to 1,201')).toBeInTheDocument();
    expect(screen.getAllByText('Higher than expected').length).toBeGreaterThan(0);

    // From the first month of the data (July 2014, less than two years before) to June 2015.
    expect(await screen.findByRole('heading', { level: 2, name: 'Control chart, July 2014 to June 2015' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Monthly activity for East Kent' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toHaveTextContent(/June 2015\s*130\s*100\s*80 to 120\s*Higher than expected/);
    expect(within(table).getByRole('row', { name: /March 2015/ })).toHaveTextContent('Lower than expected');
    expect(within(table).getByRole('row', { name: /April 2015/ })).toHaveTextContent('Within the expected range');
  });

  it('describes the chart in words: the latest month, its range and signal, and the unusual months', async () => {
    renderApp('/activity/act_eh_notifications?month=2015-06');
    const chart = await screen.findByRole('img', { name: /Control chart for Kent/ });
    expect(chart).toHaveAccessibleName(
      'Control chart for Kent: 130 in June 2015, expected range 80 to 120: higher than expected. ' +
      'Over the 12 months shown, 1 higher and 1 lower than expected (triangles). The table gives every month.',
    );
  });

  it('keeps the range and geography in the address', async () => {
    const { user, address } = renderApp('/activity/act_eh_notifications?month=2015-06&from=2015-01&to=2015-07');
    expect(await screen.findByRole('heading', { level: 2, name: 'Control chart, January 2015 to July 2015' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Monthly activity for Kent' });
    // July 2015 is outside coverage: no value, no signal
    expect(within(table).getByRole('row', { name: /July 2015/ })).toHaveTextContent('Not enough data to judge');
    await user.selectOptions(await screen.findByLabelText('Geography'), 'Thanet');
    expect(address()).toBe('/activity/act_eh_notifications?month=2015-06&from=2015-01&to=2015-07&district=THA');
    expect(await screen.findByRole('table', { name: 'Monthly activity for Thanet' })).toBeInTheDocument();
  });

  it('says so for a code that is not an activity indicator', async () => {
    renderApp('/activity/nothing?month=2015-06');
    expect(await screen.findByText(/There is no activity indicator with the code “nothing”/)).toBeInTheDocument();
    expect(await screen.findByText(/unknown activity indicator 'nothing'/)).toBeInTheDocument();
  });
});
