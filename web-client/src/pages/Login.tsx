import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, api, errorMessage, forgetCurrentUser } from '../api';
import { t } from '../i18n';

export function LoginPage() {
  const { route } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.login(email.trim(), password);
      forgetCurrentUser();
      route('/');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('login.invalid'));
      else if (err instanceof ApiError && err.status === 429) setError(t('login.tooMany'));
      else setError(errorMessage(err, t('common.error'), t('common.networkError')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="login card">
      <h1 class="brand-title">{t('app.name')}</h1>
      <p class="muted">{t('app.tagline')}</p>
      <form onSubmit={submit} class="stack">
        <h2>{t('login.title')}</h2>
        <label>
          {t('login.email')}
          <input
            type="email"
            name="email"
            autocomplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            data-testid="login-email"
          />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            name="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            data-testid="login-password"
          />
        </label>
        {error && (
          <p class="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy} data-testid="login-submit">
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </section>
  );
}
