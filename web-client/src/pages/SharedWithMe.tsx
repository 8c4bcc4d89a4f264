import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { formatDate, t } from '../i18n';
import type { AppNotification, Share, SharedContent } from '../types';
import { loadError } from './Meeting';

/** For HR and other invited users: notifications (escalations, shares) and the memos shared with them. */
export function SharedWithMePage() {
  const [notifications, setNotifications] = useState<AppNotification[]>([]);
  const [shares, setShares] = useState<Share[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.notifications().then(setNotifications, (e) => setError(loadError(e)));
    api.sharedWithMe().then(setShares, (e) => setError(loadError(e)));
  }, []);

  async function markRead(id: string) {
    await api.markNotificationRead(id).catch(() => {});
    setNotifications((list) => list.map((n) => (n.id === id ? { ...n, read: true } : n)));
  }

  return (
    <>
      <section class="card" data-testid="notifications">
        <h1>{t('shared.notifications')}</h1>
        {error && <p class="error">{error}</p>}
        {notifications.length === 0 ? (
          <p class="muted">{t('shared.noNotifications')}</p>
        ) : (
          <ul>
            {notifications.map((n) => (
              <li key={n.id} data-testid="notification" data-kind={n.kind} class={n.read ? 'muted' : ''}>
                <strong>
                  {t(n.kind === 'ESCALATION' ? 'shared.escalation' : 'shared.sharedNotice', {
                    actor: n.actorName,
                    member: n.memberName,
                    manager: n.managerName,
                  })}
                </strong>{' '}
                <span class="small muted">{formatDate(n.createdAt)}</span>
                {n.note && <p>{n.note}</p>}
                {!n.read && (
                  <button type="button" class="ghost" onClick={() => markRead(n.id)}>
                    {t('shared.markRead')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" data-testid="shared-memos">
        <h2>{t('shared.memos')}</h2>
        {shares && shares.length === 0 && <p class="muted">{t('shared.noMemos')}</p>}
        <ul>
          {(shares ?? []).map((s) => (
            <li key={s.id}>
              <a href={`/shared-with-me/${s.id}`} data-testid="shared-memo-link">
                {t('shared.meeting', { member: s.memberName, manager: s.managerName, date: formatDate(s.scheduledAt) })}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** One memo shared with the user, read-only (each opening is recorded for the pair). */
export function SharedMemoPage({ id }: { id?: string }) {
  const [content, setContent] = useState<SharedContent | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (id) api.readShare(id).then(setContent, () => setError(t('shared.unavailable')));
  }, [id]);

  if (error)
    return (
      <section class="card">
        <p class="error">{error}</p>
        <a href="/shared-with-me">{t('shared.title')}</a>
      </section>
    );
  if (!content) return <p class="muted">{t('common.loading')}</p>;
  const m = content.meeting;
  return (
    <section class="card" data-testid="shared-memo-page">
      <h1>{t('shared.meeting', { member: m.memberName, manager: m.managerName, date: formatDate(m.scheduledAt) })}</h1>
      <p class="muted small">{t('shared.readOnly')}</p>
      <h2>{t('shared.memo')}</h2>
      {content.memo.trim() ? <pre class="shared-memo">{content.memo}</pre> : <p class="muted">{t('shared.memoEmpty')}</p>}
      {content.transcript && (
        <>
          <h2>{t('shared.transcript')}</h2>
          <dl>
            {content.transcript.map((s, i) => (
              <div key={i}>
                <dt>{s.role === 'MEMBER' ? t('shared.member') : t('shared.manager')}</dt>
                <dd>{s.text}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
