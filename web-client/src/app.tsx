import { useEffect } from 'preact/hooks';
import { LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { setUnauthorizedHandler } from './api';
import { Header } from './components/Header';
import { t } from './i18n';
import { HomePage } from './pages/Home';
import { InsightsPage } from './pages/Insights';
import { LoginPage } from './pages/Login';
import { MeetingPage } from './pages/Meeting';
import { PulsePage } from './pages/Pulse';
import { RoomPage } from './pages/Room';
import { SharedMemoPage, SharedWithMePage } from './pages/SharedWithMe';

// Admin pages load on demand, each in its own chunk (the analytics page with Chart.js).
const AdminAnalyticsPage = lazy(() => import('./pages/AdminAnalytics').then((m) => m.AdminAnalyticsPage));
const AdminPulsePage = lazy(() => import('./pages/AdminPulse').then((m) => m.AdminPulsePage));

function NotFound() {
  return (
    <section class="card">
      <p>{t('meeting.notFound')}</p>
      <a href="/">{t('common.back')}</a>
    </section>
  );
}

function Shell() {
  const { path, route } = useLocation();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (location.pathname !== '/login') route('/login', true);
    });
  }, [route]);
  const inRoom = /^\/meetings\/[^/]+\/room\/?$/.test(path);
  return (
    <>
      {path !== '/login' && <Header />}
      <main class={inRoom ? 'main wide' : 'main'}>
        <Router>
          <Route path="/shared-with-me" component={SharedWithMePage} />
          <Route path="/shared-with-me/:id" component={SharedMemoPage} />
          <Route path="/login" component={LoginPage} />
          <Route path="/" component={HomePage} />
          <Route path="/meetings/:id" component={MeetingPage} />
          <Route path="/meetings/:id/room" component={RoomPage} />
          <Route path="/insights" component={InsightsPage} />
          <Route path="/pulse" component={PulsePage} />
          <Route path="/admin/pulse" component={AdminPulsePage} />
          <Route path="/admin/analytics" component={AdminAnalyticsPage} />
          <Route default component={NotFound} />
        </Router>
      </main>
    </>
  );
}

export function App() {
  return (
    <LocationProvider>
      <Shell />
    </LocationProvider>
  );
}
