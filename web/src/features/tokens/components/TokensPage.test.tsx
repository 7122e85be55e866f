import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { OWN_TOKENS } from '../../../test/access-fixtures';
import { server } from '../../../test/server';
import { renderApp } from '../../../test/render';

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent);

beforeAll(async () => {
  await import('./TokensPage');
});

describe('Tokens page', () => {
  it('is reached from the header and lists your tokens with created, expiry and last use in UK time', async () => {
    const { user, address } = renderApp('/');
    await user.click(await within(screen.getByRole('navigation', { name: 'Main' })).findByRole('link', { name: 'API tokens' }));
    expect(address()).toBe('/tokens');
    expect(await screen.findByRole('heading', { level: 1, name: 'API tokens' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: /Your tokens/ });
    const rows = within(table).getAllByRole('row');
    expect(cells(rows[0]!)).toEqual(['Name', 'Created', 'Expires', 'Last used', 'Action']);
    // 29 March 2026 09:15 UTC is 10:15 in London (summer time).
    expect(cells(rows[1]!)).toEqual(['nightly check', '2 Mar 2026, 14:00', '31 May 2026, 14:00', '29 Mar 2026, 10:15', 'Revoke']);
    expect(cells(rows[2]!)).toEqual(['old laptop', '2 Nov 2025, 14:00', 'Expired 31 Jan 2026, 14:00', 'Never', 'Revoke']);
  });

  it('creates a token with the CSRF token, shows it once with a copy button, and lists it', async () => {
    let sent: { body: unknown; csrf: string | null } | null = null;
    let tokens = OWN_TOKENS;
    const created = { id: 9, name: 'monthly pull', createdAt: '2026-03-29T09:15:00Z', expiresAt: '2026-04-28T09:15:00Z', lastUsedAt: null, expired: false };
    server.use(
      http.post('/api/tokens', async ({ request }) => {
        sent = { body: await request.json(), csrf: request.headers.get('x-csrf-token') };
        tokens = [created, ...OWN_TOKENS];
        return HttpResponse.json({ ...created, token: 'ehps_secret-shown-once' }, { status: 201 });
      }),
      http.get('/api/tokens', () => HttpResponse.json({ tokens })),
    );
    const { user } = renderApp('/tokens');
    // After user-event's set-up, which puts in a clipboard of its own.
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.type(await screen.findByLabelText('Name (what it is for)'), 'monthly pull');
    await user.selectOptions(screen.getByLabelText('Lasts'), '30 days');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByRole('region', { name: 'Your new token “monthly pull”' });
    expect(sent).toEqual({ body: { name: 'monthly pull', days: 30 }, csrf: 'csrf-test-token' });
    expect(within(shown).getByLabelText('Token')).toHaveValue('ehps_secret-shown-once');
    expect(shown).toHaveTextContent('It is shown this once');
    await user.click(within(shown).getByRole('button', { name: 'Copy token' }));
    expect(writeText).toHaveBeenCalledWith('ehps_secret-shown-once');
    expect(await within(shown).findByText('Copied.')).toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: 'monthly pull' })).toBeInTheDocument();
  });

  it('revokes a token after confirmation and says so', async () => {
    let revoked: string | null = null;
    server.use(http.delete('/api/tokens/:id', ({ params }) => {
      revoked = String(params.id);
      return new HttpResponse(null, { status: 204 });
    }));
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { user } = renderApp('/tokens');
    await user.click(await screen.findByRole('button', { name: 'Revoke the token nightly check' }));
    expect(confirm).toHaveBeenCalledWith('Revoke the token “nightly check”? Scripts using it stop working at once.');
    expect(await screen.findByText('The token “nightly check” has been revoked.')).toBeInTheDocument();
    expect(revoked).toBe('7');
    confirm.mockRestore();
  });

  it('says why a token was not created', async () => {
    server.use(http.post('/api/tokens', () => HttpResponse.json({ error: 'bad_request', message: "body field 'name' must not be empty" }, { status: 400 })));
    const { user } = renderApp('/tokens');
    await user.type(await screen.findByLabelText('Name (what it is for)'), ' ');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("Could not create the token: body field 'name' must not be empty");
  });

  it('explains a refusal instead of offering Retry', async () => {
    server.use(http.get('/api/tokens', () => HttpResponse.json({ error: 'forbidden',
      message: 'You are signed in as x@example.org but have no role in the scorecard yet: ask an administrator to grant you one.' }, { status: 403 })));
    renderApp('/tokens');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You cannot see your tokens.');
    expect(alert).toHaveTextContent('have no role in the scorecard yet');
    expect(within(alert).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
  });
});
