// The scorecard's Activity section: value, expected range and the signal in words with an icon.
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from '../../../test/server';
import { renderApp } from '../../../test/render';

async function activityTable(name: RegExp = /Activity for Kent, June 2015/) {
  return screen.findByRole('table', { name });
}

describe('Scorecard page: Activity', () => {
  it('lists each activity indicator with its count, expected range and signal in words', async () => {
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 2, name: 'Activity' })).toBeInTheDocument();
    const table = await activityTable();

    const notifications = within(table).getByRole('row', { name: /Early help notifications/ });
    expect(notifications).toHaveTextContent('1,250');
    expect(notifications).toHaveTextContent('820 to 1,201');
    expect(within(notifications).getByText('Higher than expected')).toBeInTheDocument();
    // the meaning is there for screen readers, not only the colour of the badge
    expect(notifications).toHaveTextContent(/special cause variation: unusually high/);

    const referrals = within(table).getByRole('row', { name: /Referrals to Specialist/ });
    expect(referrals).toHaveTextContent('300 to 420 (fixed range)');
    expect(within(referrals).getByText('Within the expected range')).toBeInTheDocument();

    const exclusions = within(table).getByRole('row', { name: /Exclusions/ });
    expect(exclusions).toHaveTextContent('42');
    expect(exclusions).toHaveTextContent('–');
    expect(within(exclusions).getByText('Not enough data to judge')).toBeInTheDocument();
  });

  it('links each activity to its page with the same month and geography', async () => {
    const { user, address } = renderApp('/?month=2015-05&district=THA');
    const table = await activityTable(/Activity for Thanet, May 2015/);
    await user.click(within(table).getByRole('link', { name: 'Early help notifications' }));
    expect(address()).toBe('/activity/act_eh_notifications?month=2015-05&district=THA');
    expect(await screen.findByRole('heading', { level: 1, name: 'Early help notifications' })).toBeInTheDocument();
  });

  it('says when the activity figures cannot be loaded, and keeps the indicators', async () => {
    server.use(http.get('/api/activity', () => HttpResponse.json({ error: 'internal_error', message: 'Something went wrong' }, { status: 500 })));
    renderApp('/?month=2015-06');
    expect(await screen.findByText(/Could not load the activity figures for June 2015/)).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: /Indicators for Kent, June 2015/ })).toBeInTheDocument();
  });
});
