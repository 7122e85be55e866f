import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { ADMIN_ME, ADMIN_USERS, AUDIT_ENTRIES } from '../../../test/access-fixtures';
import { server } from '../../../test/server';
import { renderApp } from '../../../test/render';
import { addDays, londonToday } from './AuditLog';

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent);

beforeAll(async () => {
  await import('./AdminPage');
});
// Signed in as an administrator (the other pages' tests sign in as an analyst).
beforeEach(() => server.use(http.get('/api/me', () => HttpResponse.json(ADMIN_ME))));

/** Records each change request the page sends: method, path, body and CSRF header. */
function recordChanges() {
  const sent: { method: string; path: string; body: unknown; csrf: string | null }[] = [];
  const record = async ({ request }: { request: Request }) => {
    const text = await request.text();
    sent.push({ method: request.method, path: new URL(request.url).pathname, body: text ? JSON.parse(text) : null, csrf: request.headers.get('x-csrf-token') });
  };
  server.use(
    http.patch('/api/admin/users/:id', async (info) => {
      await record(info);
      const body = sent.at(-1)!.body as { role: string; scope: string[] | null };
      const before = ADMIN_USERS.find((u) => u.id === Number(info.params.id))!;
      return HttpResponse.json({ ...before, role: body.role, grantedRole: body.role, scope: body.scope });
    }),
    http.delete('/api/admin/*', async (info) => { await record(info); return new HttpResponse(null, { status: 204 }); }),
    http.post('/api/admin/users/:id/password', async (info) => { await record(info); return new HttpResponse(null, { status: 204 }); }),
    http.post('/api/admin/users/:id/link', async (info) => {
      await record(info);
      return HttpResponse.json({ link: 'https://scorecard.example.org/auth/first-run?token=once', expiresAt: '2026-03-30T09:15:00Z' });
    }),
  );
  return sent;
}

describe('Admin page', () => {
  it('is reached from the header by an administrator and lists users with role, its source, scope, last sign-in and state', async () => {
    const { user, address } = renderApp('/');
    await user.click(await within(screen.getByRole('navigation', { name: 'Main' })).findByRole('link', { name: 'Admin' }));
    expect(address()).toBe('/admin');
    const table = await screen.findByRole('table', { name: /^Users/ });
    const rows = within(table).getAllByRole('row');
    expect(cells(rows[0]!)).toEqual(['User', 'Role', 'Scope', 'Last sign-in', 'Status', 'Action']);
    expect(cells(rows[1]!)).toEqual(['Ann Adminann@example.org', 'Administratorset here', '–', '29 Mar 2026, 10:15', 'Active', 'Manage']);
    expect(cells(rows[2]!)).toEqual(['Catcat@example.org', 'Contributorset here', 'DAR, EAST', '2 Mar 2026, 14:00', 'Active', 'Manage']);
    expect(cells(rows[3]!)).toEqual(['Bobbob@example.org', 'Approverfrom the identity provider', '–', 'Never', 'Active', 'Manage']);
    expect(cells(rows[4]!)).toEqual(['Deedee@example.org', 'Analystset here', '–', 'Never', 'Removed 2 Mar 2026, 14:00', 'Manage']);
  });

  it('tells anyone else what is missing, shows them no Admin link and asks the server for nothing', async () => {
    let adminCalls = 0;
    server.use(
      http.get('/api/me', () => HttpResponse.json({ ...ADMIN_ME, email: 'bob@example.org', role: 'viewer' })),
      http.get('/api/admin/*', () => { adminCalls += 1; return HttpResponse.json({}); }),
      http.get('/api/audit', () => { adminCalls += 1; return HttpResponse.json({}); }),
    );
    renderApp('/admin');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This page is for administrators.');
    expect(alert).toHaveTextContent('You are signed in as bob@example.org with the role Viewer. Managing users and reading the audit log needs the administrator role');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'API tokens' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
    expect(adminCalls).toBe(0);
  });

  it("changes a contributor's scope from the keyboard, sending the CSRF token, and says what was saved", async () => {
    const sent = recordChanges();
    const { user } = renderApp('/admin');
    await user.click(await screen.findByRole('button', { name: 'Manage Cat' }));
    const heading = await screen.findByRole('heading', { name: 'Manage Cat (cat@example.org)' });
    expect(heading).toHaveFocus();
    const scope = screen.getByLabelText('Scope (contributors only)');
    expect(scope).toHaveValue('DAR, EAST');
    await user.clear(scope);
    await user.type(scope, 'DAR, EAST, THA');
    await user.click(screen.getByRole('button', { name: 'Save role' }));
    expect(await screen.findByText('Saved: cat@example.org now has the role Contributor for DAR, EAST, THA.')).toBeInTheDocument();
    expect(sent).toEqual([{ method: 'PATCH', path: '/api/admin/users/2', body: { role: 'contributor', scope: ['DAR', 'EAST', 'THA'] }, csrf: 'csrf-admin' }]);

    // Another role leaves no scope, and the scope field is disabled.
    await user.selectOptions(screen.getByLabelText('Role'), 'Viewer');
    expect(screen.getByLabelText('Scope (contributors only)')).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Save role' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.body).toEqual({ role: 'viewer', scope: null });
  });

  it("shows the server's reason when a change is refused", async () => {
    server.use(http.patch('/api/admin/users/:id', () => HttpResponse.json({ error: 'bad_request', message: 'unknown geography code MARS (known: DAR, EAST, KENT)' }, { status: 400 })));
    const { user } = renderApp('/admin');
    await user.click(await screen.findByRole('button', { name: 'Manage Cat' }));
    await user.click(screen.getByRole('button', { name: 'Save role' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not saved: unknown geography code MARS (known: DAR, EAST, KENT)');
  });

  it('sets a new password and issues a one-time sign-in link for a local account, and removes a user after confirmation', async () => {
    const sent = recordChanges();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { user } = renderApp('/admin');
    await user.click(await screen.findByRole('button', { name: 'Manage Cat' }));
    await user.type(screen.getByLabelText('New password (12 characters or more)'), 'a long new password');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText('The new password is set; cat@example.org has been signed out everywhere.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create a sign-in link' }));
    expect(await screen.findByLabelText('Sign-in link')).toHaveValue('https://scorecard.example.org/auth/first-run?token=once');
    expect(screen.getByRole('button', { name: 'Copy sign-in link' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove cat@example.org' }));
    expect(confirm).toHaveBeenCalledWith(expect.stringMatching(/^Remove cat@example.org\? Their sessions end/));
    await waitFor(() => expect(screen.queryByRole('heading', { name: /Manage Cat/ })).not.toBeInTheDocument());
    expect(sent.map((s) => [s.method, s.path, s.body])).toEqual([
      ['POST', '/api/admin/users/2/password', { password: 'a long new password' }],
      ['POST', '/api/admin/users/2/link', null],
      ['DELETE', '/api/admin/users/2', null],
    ]);
    confirm.mockRestore();
  });

  it('does not offer an administrator to remove themselves or change their own role', async () => {
    const { user } = renderApp('/admin');
    await user.click(await screen.findByRole('button', { name: 'Manage Ann Admin' }));
    expect(screen.getByLabelText('Role')).toBeDisabled();
    expect(screen.getByText('You cannot change your own role: another administrator must.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Remove/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Manage Ann Admin' })).toHaveFocus());
  });

  it("ends another user's session and revokes a token; the current session cannot be ended from here", async () => {
    const sent = recordChanges();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { user } = renderApp('/admin');
    const sessions = await screen.findByRole('table', { name: /Open sessions/ });
    const rows = within(sessions).getAllByRole('row');
    expect(cells(rows[1]!)).toEqual(['ann@example.orgFirefox', 'Password', '29 Mar 2026, 10:15', '29 Mar 2026, 10:15', '10.0.0.9', 'This session']);
    await user.click(within(sessions).getByRole('button', { name: 'End session of cat@example.org opened 2 Mar 2026, 14:00' }));
    expect(await screen.findByText('The session of cat@example.org has ended.')).toBeInTheDocument();
    const tokens = await screen.findByRole('table', { name: /Working API tokens/ });
    expect(cells(within(tokens).getAllByRole('row')[0]!)).toEqual(['Token', 'User', 'Created', 'Expires', 'Last used', 'Action']);
    await user.click(await screen.findByRole('button', { name: 'Revoke the token nightly check of ann@example.org' }));
    expect(await screen.findByText('The token “nightly check” of ann@example.org has been revoked.')).toBeInTheDocument();
    expect(sent.map((s) => [s.method, s.path, s.csrf])).toEqual([
      ['DELETE', `/api/admin/sessions/${'b'.repeat(64)}`, 'csrf-admin'],
      ['DELETE', '/api/admin/tokens/7', 'csrf-admin'],
    ]);
    confirm.mockRestore();
  });

  it('shows the last seven days of the audit log in UK time, filters by action in the address, and links the CSV', async () => {
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/audit') asked.push(url.search);
    });
    const { user, address } = renderApp('/admin');
    const table = await screen.findByRole('table', { name: /Audit log/ });
    const today = londonToday();
    expect(asked[0]).toBe(`?from=${addDays(today, -6)}&to=${today}`);
    const rows = within(table).getAllByRole('row');
    expect(cells(rows[0]!)).toEqual(['Time', 'User', 'Action', 'Object', 'Address', 'Details']);
    expect(cells(rows[1]!)).toEqual(['29 Mar 2026, 10:15', 'ann@example.orgAnn Admin', 'sign_in', 'ann@example.org', '10.0.0.9', 'method: password']);
    expect(cells(rows[3]!)).toEqual(['2 Mar 2026, 13:00', 'cli:ops', 'import', 'extracts', '–',
      'outcome: loaded; files: [{"dataset":"districts","file":"districts.csv","rows":3}]']);

    const filters = screen.getByRole('form', { name: 'Audit log filters' });
    await user.clear(within(filters).getByLabelText('From (UK time)'));
    await user.type(within(filters).getByLabelText('From (UK time)'), '2026-03-01');
    await user.clear(within(filters).getByLabelText('To (UK time, included)'));
    await user.type(within(filters).getByLabelText('To (UK time, included)'), '2026-03-31');
    await user.selectOptions(within(filters).getByLabelText('Action'), 'role_changed');
    await user.click(within(filters).getByRole('button', { name: 'Show entries' }));
    await waitFor(() => expect(address()).toBe('/admin?from=2026-03-01&to=2026-03-31&action=role_changed'));
    await waitFor(() => expect(within(screen.getByRole('table', { name: /Audit log/ })).getAllByRole('row')).toHaveLength(2));
    expect(asked.at(-1)).toBe('?from=2026-03-01&to=2026-03-31&action=role_changed');
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', '/api/audit.csv?from=2026-03-01&to=2026-03-31&action=role_changed');
    server.events.removeAllListeners();
  });

  it('says when more entries match than are listed, pointing to the CSV', async () => {
    server.use(http.get('/api/audit', ({ request }) => {
      const params = new URL(request.url).searchParams;
      return HttpResponse.json({ from: params.get('from')!, to: params.get('to')!, entries: AUDIT_ENTRIES, total: 2500, truncated: true });
    }));
    renderApp('/admin');
    expect(await screen.findByRole('note')).toHaveTextContent('Showing the latest 3 of 2,500 entries: narrow the filters, or download the CSV for all of them.');
  });

  it('refuses a range that runs backwards without asking the server', async () => {
    const { user } = renderApp('/admin?from=2026-03-01&to=2026-03-31');
    const filters = await screen.findByRole('form', { name: 'Audit log filters' });
    await user.clear(within(filters).getByLabelText('From (UK time)'));
    await user.type(within(filters).getByLabelText('From (UK time)'), '2026-04-02');
    await user.click(within(filters).getByRole('button', { name: 'Show entries' }));
    expect(within(filters).getByRole('alert')).toHaveTextContent('The first day must not be after the last.');
  });
});
