import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, errorMessage } from '../api';
import { t } from '../i18n';
import type { Meeting, Reflection } from '../types';

/** The manager's private reflection after the meeting: what they paid attention to and what worked. */
export function ReflectionForm({ meeting }: { meeting: Meeting }) {
  const items = meeting.agenda?.items ?? [];
  const [loaded, setLoaded] = useState(false);
  const [saved, setSaved] = useState<Reflection | null>(null);
  const [attention, setAttention] = useState('');
  const [worked, setWorked] = useState('');
  const [index, setIndex] = useState(0);
  const [share, setShare] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.reflection(meeting.id).then(
      (r) => {
        setSaved(r);
        setLoaded(true);
      },
      (e) => setLoaded(e instanceof ApiError && e.status === 404),
    );
  }, [meeting.id]);

  if (!loaded) return null;
  if (saved)
    return (
      <section class="card" data-testid="reflection-saved">
        <h2>{t('reflection.title')}</h2>
        <p class="explain">{t('reflection.intro')}</p>
        {saved.attention && (
          <>
            <h3>{t('reflection.attention')}</h3>
            <p class="pre">{saved.attention}</p>
          </>
        )}
        {saved.worked && (
          <>
            <h3>{t('reflection.worked')}</h3>
            <p class="pre">{saved.worked}</p>
          </>
        )}
      </section>
    );

  async function submit(e: Event) {
    e.preventDefault();
    if (!attention.trim() && !worked.trim()) {
      setError(t('reflection.empty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setSaved(await api.writeReflection(meeting.id, { attention, worked, shareAsHint: share, agendaIndex: index }));
    } catch (err) {
      setError(errorMessage(err, t('common.error'), t('common.networkError')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" data-testid="reflection-form">
      <h2>{t('reflection.title')}</h2>
      <p class="explain">{t('reflection.intro')}</p>
      <form onSubmit={submit}>
        <label>
          {t('reflection.attention')}
          <textarea rows={3} maxLength={1000} value={attention} data-testid="reflection-attention"
            onInput={(e) => setAttention((e.target as HTMLTextAreaElement).value)} />
        </label>
        <label>
          {t('reflection.worked')}
          <textarea rows={3} maxLength={500} value={worked} data-testid="reflection-worked"
            onInput={(e) => setWorked((e.target as HTMLTextAreaElement).value)} />
        </label>
        {items.length > 1 && (
          <label>
            {t('reflection.item')}
            <select value={index} onChange={(e) => setIndex(Number((e.target as HTMLSelectElement).value))}>
              {items.map((item, i) => (
                <option key={i} value={i}>
                  {t(`topic.${item.topic}`)} · {t(`expectation.${item.expectation}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="check">
          <input type="checkbox" checked={share} data-testid="reflection-share"
            onChange={(e) => setShare((e.target as HTMLInputElement).checked)} />
          {t('reflection.share')}
        </label>
        {error && <p class="error">{error}</p>}
        <button type="submit" class="primary" disabled={busy} data-testid="reflection-submit">
          {busy ? t('reflection.submitting') : t('reflection.submit')}
        </button>
      </form>
    </section>
  );
}
