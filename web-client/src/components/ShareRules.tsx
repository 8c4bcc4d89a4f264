import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { t } from '../i18n';
import type { Meeting, ShareRule } from '../types';
import { EmailField } from './EmailField';

/** The pair's automatic sharing rules: the member adds recipients, either party removes them. */
export function ShareRules({ meeting }: { meeting: Meeting }) {
  const [rules, setRules] = useState<ShareRule[]>([]);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const isMember = meeting.yourRole === 'MEMBER';

  useEffect(() => {
    api.shareRules(meeting.pairId).then(setRules, () => setRules([]));
  }, [meeting.pairId]);

  async function run(action: () => Promise<ShareRule[]>) {
    setError(null);
    try {
      setRules(await action());
    } catch (e) {
      setError(t('share.failed', { reason: errorMessage(e, t('common.error'), t('common.networkError')) }));
    }
  }

  return (
    <section class="card" data-testid="share-rules">
      <h2>{t('share.rulesTitle')}</h2>
      <p class="explain">{t('share.rulesExplain')}</p>
      {rules.length === 0 ? (
        <p class="muted small">{t('share.rulesNone')}</p>
      ) : (
        <ul>
          {rules.map((r) => (
            <li key={r.recipientId} class="row">
              {r.recipientName}
              <button type="button" class="ghost" onClick={() => run(() => api.deleteShareRule(meeting.pairId, r.recipientId))}>
                {t('share.removeRule')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {isMember && (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            run(async () => {
              const updated = await api.putShareRule(meeting.pairId, email.trim(), false);
              setEmail('');
              return updated;
            });
          }}
        >
          <EmailField value={email} onChange={setEmail} />
          <button type="submit">{t('share.addRule')}</button>
        </form>
      )}
      {error && <p class="error small">{error}</p>}
    </section>
  );
}
