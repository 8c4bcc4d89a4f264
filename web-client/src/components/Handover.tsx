import { useEffect, useState } from 'preact/hooks';
import { api, currentUser, errorMessage } from '../api';
import { t } from '../i18n';
import type { Pair } from '../types';

/**
 * For a member with a new manager: hand the memos of the ended meetings with an earlier manager over
 * to the new one. Shown only when the member has two or more pairs as the member.
 */
export function Handover() {
  const [pairs, setPairs] = useState<Pair[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([currentUser(), api.pairs()]).then(([me, all]) => {
      const mine = all.filter((p) => p.memberId === me.id);
      setPairs(mine);
      if (mine.length >= 2) {
        setFrom(mine[0].id);
        setTo(mine[mine.length - 1].id);
      }
    }, () => setPairs([]));
  }, []);

  if (pairs.length < 2) return null;

  function pickFrom(id: string) {
    setFrom(id);
    if (to === id) setTo(pairs.find((p) => p.id !== id)?.id ?? '');
  }

  async function submit(e: Event) {
    e.preventDefault();
    try {
      const { shares } = await api.handOver(from, to);
      setMessage(t('handover.done', { count: shares.length }));
    } catch (err) {
      setMessage(t('share.failed', { reason: errorMessage(err, t('common.error'), t('common.networkError')) }));
    }
  }

  const option = (p: Pair) => (
    <option key={p.id} value={p.id}>
      {p.managerName}
    </option>
  );
  return (
    <section class="card" data-testid="handover">
      <h2>{t('handover.title')}</h2>
      <p class="explain">{t('handover.explain')}</p>
      <form class="row" onSubmit={submit}>
        <label>
          {t('handover.from')}{' '}
          <select value={from} onChange={(e) => pickFrom((e.currentTarget as HTMLSelectElement).value)}>
            {pairs.map(option)}
          </select>
        </label>
        <label>
          {t('handover.to')}{' '}
          <select value={to} onChange={(e) => setTo((e.currentTarget as HTMLSelectElement).value)}>
            {pairs.filter((p) => p.id !== from).map(option)}
          </select>
        </label>
        <button type="submit" disabled={!from || !to || from === to}>
          {t('handover.submit')}
        </button>
      </form>
      {message && <p class="small">{message}</p>}
    </section>
  );
}
