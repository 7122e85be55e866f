import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useMe } from '../api/session';
import { UserMenu } from '../components/UserMenu';
import { usePageTitle } from '../lib/use-page-title';
import { can } from '../../../shared/roles';

export function Layout() {
  const { pathname, search } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const month = new URLSearchParams(search).get('month');
  const keep = month ? `?month=${encodeURIComponent(month)}` : '';
  // Links to what the signed-in user's role allows: tokens for anyone with a role, Import for analysts and
  // administrators, Admin for administrators; partners only the pages with a published view.
  const role = useMe().data?.role ?? null;

  // After moving to another page, put keyboard and screen reader focus at the start of the new content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus({ preventScroll: false });
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={`/${keep}`} className="site-header__title">
            EHPS performance scorecard
          </Link>
          <nav aria-label="Main">
            <ul className="site-nav">
              <li>
                <NavLink to={`/${keep}`} end>
                  Scorecard
                </NavLink>
              </li>
              <li>
                <NavLink to={`/caseloads${keep}`}>Caseloads</NavLink>
              </li>
              {/* Targets and the data's coverage are live figures: partners read published months only. */}
              {role !== 'partner' && (
                <>
                  <li>
                    <NavLink to={`/targets${keep}`}>Targets</NavLink>
                  </li>
                  <li>
                    <NavLink to={`/data${keep}`}>Data</NavLink>
                  </li>
                </>
              )}
              {can(role, 'import') && (
                <li>
                  <NavLink to={`/import${keep}`}>Import</NavLink>
                </li>
              )}
              {can(role, 'write_summary') && (
                <li>
                  <NavLink to={`/month-close${keep}`}>Month close</NavLink>
                </li>
              )}
              {role && (
                <li>
                  <NavLink to="/tokens">API tokens</NavLink>
                </li>
              )}
              {role === 'admin' && (
                <li>
                  <NavLink to="/admin">Admin</NavLink>
                </li>
              )}
            </ul>
          </nav>
          <UserMenu />
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          Kent County Council Early Help and Preventative Services. Figures are recomputed each month from the
          record-level extracts. <a href="/api/docs">API documentation</a>
        </p>
      </footer>
    </>
  );
}

export function NotFound() {
  usePageTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link to="/">Go to the scorecard</Link>.
      </p>
    </>
  );
}
