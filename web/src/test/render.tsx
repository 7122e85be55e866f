// Renders the whole app at an address, with a fresh QueryClient (no retries) and a MemoryRouter,
// and reports the current address so tests can check that filters reach it.
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { AppProviders } from '../app/providers';
import { AppRoutes } from '../app/routes';

export function renderApp(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const address = { current: url };
  function LocationProbe() {
    const location = useLocation();
    address.current = `${location.pathname}${location.search}`;
    return null;
  }
  const user = userEvent.setup();
  const result = render(
    <AppProviders client={client}>
      <MemoryRouter initialEntries={[url]}>
        <AppRoutes />
        <LocationProbe />
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...result, user, client, address: () => address.current };
}
