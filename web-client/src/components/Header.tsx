import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, currentUser, forgetCurrentUser } from '../api';
import { t } from '../i18n';
import type { User } from '../types';

export function Header() {
  const { route } = useLocation();
  const [me, setMe] = useState<User | null>(null);
  useEffect(() => {
    currentUser().then(setMe, () => {});
  }, []);

  async function logout() {
    try {
      await api.logout();
    } catch {
      // the session is gone either way
    }
    forgetCurrentUser();
    window.dispatchEvent(new Event('kizuna:logout')); // closes the memo socket (memo/client.ts)
    route('/login');
  }

  return (
    <header class="topbar">
      <a class="brand" href="/">
        {t('app.name')}
      </a>
      <nav>
        <a href="/">{t('nav.myMeetings')}</a>
        {me?.roles.includes('MANAGER') && (
          <a href="/insights" data-testid="nav-insights">
            {t('nav.insights')}
          </a>
        )}
        <a href="/shared-with-me" data-testid="nav-shared-with-me">
          {t('nav.sharedWithMe')}
        </a>
        <a href="/pulse" data-testid="nav-pulse">
          {t('nav.pulse')}
        </a>
        {me && (me.roles.includes('ADMIN') || me.roles.includes('HR')) && (
          <a href="/admin/pulse" data-testid="nav-pulse-admin">
            {t('nav.pulseAdmin')}
          </a>
        )}
        {me?.roles.includes('ADMIN') && (
          <a href="/admin/analytics" data-testid="nav-analytics">
            {t('nav.analytics')}
          </a>
        )}
      </nav>
      <div class="spacer" />
      {me && <span class="muted who">{t('nav.signedInAs', { name: me.name })}</span>}
      <button type="button" class="ghost" data-testid="logout" onClick={logout}>
        {t('nav.logout')}
      </button>
    </header>
  );
}
