import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import type { Meeting, StoredPromise } from '../types';

/**
 * The pair's open promises from earlier meetings, each with a checkbox to tick it done. DOMAIN.md:
 * promises made in a 1on1 are kept and visible, and the next agenda starts from them.
 */
export function CarriedOver({ meeting, promises }: { meeting: Meeting; promises: StoredPromise[] }) {
  const [done, setDone] = useState<Record<string, boolean>>({});
  const [failed, setFailed] = useState(false);

  async function toggle(p: StoredPromise, value: boolean) {
    setDone((d) => ({ ...d, [p.id]: value }));
    setFailed(false);
    try {
      await api.setPromiseDone(p.id, value);
    } catch {
      setDone((d) => ({ ...d, [p.id]: !value }));
      setFailed(true);
    }
  }

  if (promises.length === 0) return null;
  return (
    <section class="card carried-over" data-testid="carried-over">
      <h2>{t('carriedOver.title')}</h2>
      <p class="explain">{t('carriedOver.explain')}</p>
      <ul class="carried-list">
        {promises.map((p) => (
          <li key={p.id} data-testid="carried-over-item">
            <label>
              <input
                type="checkbox"
                data-testid="carried-over-done"
                checked={done[p.id] ?? p.done}
                onChange={(e) => toggle(p, (e.currentTarget as HTMLInputElement).checked)}
              />{' '}
              <strong>
                {p.owner === 'MEMBER'
                  ? t('memo.member', { name: meeting.memberName })
                  : t('memo.manager', { name: meeting.managerName })}
              </strong>
              {': '}
              {p.what}
              {p.due && <span class="muted small"> · {t('carriedOver.due', { date: p.due })}</span>}
            </label>
          </li>
        ))}
      </ul>
      {failed && <p class="error small">{t('carriedOver.failed')}</p>}
    </section>
  );
}
