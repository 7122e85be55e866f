// The signed-in user in the header, signing out with the session's CSRF token, and a 401 sending the
// browser to sign-in with the page to return to.
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, vi } from 'vitest';
import { navigation } from '../lib/api-client';
import { ME } from '../test/fixtures';
import { server } from '../test/server';
import { renderApp } from '../test/render';

afterEach(() => vi.restoreAllMocks());

describe('the user menu', () => {
  it('shows the name and role, and signs out with the CSRF token from /api/me', async () => {
    const to = vi.spyOn(navigation, 'to').mockImplementation(() => {});
    const csrfSeen: (string | null)[] = [];
    server.use(http.post('/auth/logout', ({ request }) => {
      csrfSeen.push(request.headers.get('x-csrf-token'));
      return new HttpResponse(null, { status: 204 });
    }));
    const { user } = renderApp('/');
    const header = screen.getByRole('banner');
    const button = await within(header).findByRole('button', { name: 'Ana Lyst Analyst' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(within(header).getByText(ME.email)).toBeVisible();
    await user.click(within(header).getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(to).toHaveBeenCalledWith('/auth/login?signedOut=1'));
    expect(csrfSeen).toEqual(['csrf-test-token']);
  });

  it('closes on Escape', async () => {
    const { user } = renderApp('/');
    const button = await within(screen.getByRole('banner')).findByRole('button', { name: /Ana Lyst/ });
    await user.click(button);
    await user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });
});

describe('a request answered 401', () => {
  it('sends the browser to the sign-in page', async () => {
    const toSignIn = vi.spyOn(navigation, 'toSignIn').mockImplementation(() => {});
    server.use(http.get('/api/months', () => HttpResponse.json(
      { error: 'unauthorized', message: 'Sign in first, or send an API token (Authorization: Bearer <token>).' }, { status: 401 })));
    renderApp('/');
    await vi.waitFor(() => expect(toSignIn).toHaveBeenCalled());
  });
});
