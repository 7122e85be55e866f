// The pages and their addresses (shared/spec/api.md "Web addresses"). The scorecard is in the first bundle; the
// indicator and caseload pages (which draw with Recharts) and the Data page load when first opened.
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { ScorecardPage } from '../features/scorecard/components/ScorecardPage';
import { Layout, NotFound } from './Layout';

const IndicatorPage = lazy(() => import('../features/indicator/components/IndicatorPage'));
const CaseloadsPage = lazy(() => import('../features/caseloads/components/CaseloadsPage'));
const DataPage = lazy(() => import('../features/data/components/DataPage'));
const ImportPage = lazy(() => import('../features/import/components/ImportPage'));
const ActivityPage = lazy(() => import('../features/activity/components/ActivityPage'));
const TokensPage = lazy(() => import('../features/tokens/components/TokensPage'));
const AdminPage = lazy(() => import('../features/admin/components/AdminPage'));
const TargetsPage = lazy(() => import('../features/targets/components/TargetsPage'));
const MonthClosePage = lazy(() => import('../features/month-close/components/MonthClosePage'));

function PageLoading() {
  return (
    <div className="panel panel--loading panel--large" role="status">
      <span className="spinner" aria-hidden="true" />
      <p>Loading the page…</p>
    </div>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<ScorecardPage />} />
        <Route
          path="indicators/:code"
          element={
            <Suspense fallback={<PageLoading />}>
              <IndicatorPage />
            </Suspense>
          }
        />
        <Route
          path="activity/:code"
          element={
            <Suspense fallback={<PageLoading />}>
              <ActivityPage />
            </Suspense>
          }
        />
        <Route
          path="caseloads"
          element={
            <Suspense fallback={<PageLoading />}>
              <CaseloadsPage />
            </Suspense>
          }
        />
        <Route
          path="targets"
          element={
            <Suspense fallback={<PageLoading />}>
              <TargetsPage />
            </Suspense>
          }
        />
        <Route
          path="data"
          element={
            <Suspense fallback={<PageLoading />}>
              <DataPage />
            </Suspense>
          }
        />
        <Route
          path="import"
          element={
            <Suspense fallback={<PageLoading />}>
              <ImportPage />
            </Suspense>
          }
        />
        <Route
          path="tokens"
          element={
            <Suspense fallback={<PageLoading />}>
              <TokensPage />
            </Suspense>
          }
        />
        <Route
          path="admin"
          element={
            <Suspense fallback={<PageLoading />}>
              <AdminPage />
            </Suspense>
          }
        />
        <Route
          path="month-close"
          element={
            <Suspense fallback={<PageLoading />}>
              <MonthClosePage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
