import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { formatDate, t } from '../i18n';
import type { Meeting, Share } from '../types';
import { EmailField } from './EmailField';

const LINK_DAYS = [1, 7, 30, 90];

function failure(e: unknown): string {
  return t('share.failed', { reason: errorMessage(e, t('common.error'), t('common.networkError')) });
}

/**
 * The pair's sharing of one meeting's memo: a read-only link (expiry, transcript or not; the link is
 * shown once), sharing with a person by e-mail, and every share with its audit log and a revoke button.
 */
export function SharePanel({ meeting }: { meeting: Meeting }) {
  const [shares, setShares] = useState<Share[]>([]);
  const [days, setDays] = useState(7);
  const [withTranscript, setWithTranscript] = useState(false);
  const [email, setEmail] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = () => api.shares(meeting.id).then(setShares, (e) => setError(failure(e)));
  useEffect(() => {
    reload();
  }, [meeting.id]);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      await reload();
    } catch (e) {
      setError(failure(e));
    }
  }

  const createLink = () =>
    run(async () => {
      const created = await api.createShare(meeting.id, { kind: 'LINK', expiresInDays: days, includeTranscript: withTranscript });
      setCopied(false);
      setLink(`${location.origin}${created.path}`);
    });
  const invite = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await api.createShare(meeting.id, { kind: 'USER', recipientEmail: email.trim(), includeTranscript: withTranscript });
      setEmail('');
    });
  };
  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false); // the link stays selectable in the field
    }
  }

  return (
    <section class="card share-panel" data-testid="share-panel">
      <h2>{t('share.title')}</h2>
      <p class="explain">{t('share.explain')}</p>
      <label class="row small">
        <input
          type="checkbox"
          data-testid="share-transcript"
          checked={withTranscript}
          onChange={(e) => setWithTranscript((e.currentTarget as HTMLInputElement).checked)}
        />
        {t('share.includeTranscript')}
      </label>
      <h3>{t('share.linkTitle')}</h3>
      <div class="row">
        <label>
          {t('share.expiresIn')}{' '}
          <select data-testid="share-days" value={days} onChange={(e) => setDays(Number((e.currentTarget as HTMLSelectElement).value))}>
            {LINK_DAYS.map((d) => (
              <option key={d} value={d}>
                {t('share.days', { count: d })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="share-create-link" onClick={createLink}>
          {t('share.createLink')}
        </button>
      </div>
      {link && (
        <div class="share-link">
          <p class="small">{t('share.linkReady')}</p>
          <div class="row">
            <input type="text" readOnly value={link} data-testid="share-link-url" size={60} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" class="ghost" onClick={copy}>
              {copied ? t('share.copied') : t('share.copy')}
            </button>
          </div>
        </div>
      )}
      <h3>{t('share.inviteTitle')}</h3>
      <form class="row" onSubmit={invite}>
        <EmailField value={email} onChange={setEmail} testid="share-invite-email" />
        <button type="submit" data-testid="share-invite">
          {t('share.invite')}
        </button>
      </form>
      {error && <p class="error small">{error}</p>}
      <h3>{t('share.list')}</h3>
      {shares.length === 0 ? (
        <p class="muted small">{t('share.none')}</p>
      ) : (
        <ul class="share-list">
          {shares.map((s) => (
            <ShareItem key={s.id} share={s} onRevoke={() => run(() => api.revokeShare(s.id))} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ShareItem({ share, onRevoke }: { share: Share; onRevoke: () => void }) {
  const views = share.views ?? [];
  const state = share.revokedAt ? t('share.revoked') : !share.active ? t('share.expired') : share.expiresAt ? t('share.expires', { date: formatDate(share.expiresAt) }) : '';
  return (
    <li data-testid="share-item" data-kind={share.kind} data-active={String(share.active)}>
      <div class="row">
        <strong>{share.kind === 'LINK' ? t('share.link') : t('share.with', { name: share.recipientName })}</strong>
        {share.source === 'RULE' && <span class="muted small">{t('share.viaRule')}</span>}
        {share.source === 'HANDOVER' && <span class="muted small">{t('share.viaHandover')}</span>}
        {share.includeTranscript && <span class="muted small">{t('share.includeTranscript')}</span>}
        <span class="muted small">{state}</span>
        {share.active && (
          <button type="button" class="ghost" data-testid="share-revoke" onClick={onRevoke}>
            {t('share.revoke')}
          </button>
        )}
      </div>
      {views.length > 0 && (
        <details>
          <summary class="small" data-testid="share-views">
            {t('share.views', { count: views.length })}
          </summary>
          <ul class="small">
            {views.map((v, i) => (
              <li key={i}>
                {v.viewer === 'user'
                  ? t('share.viewedBy', { name: v.viewerName, date: formatDate(v.at) })
                  : t('share.anonymousView', { hash: v.addressHash, date: formatDate(v.at) })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
