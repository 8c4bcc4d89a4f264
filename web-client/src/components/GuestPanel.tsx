import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { t } from '../i18n';
import type { Meeting } from '../types';
import { EmailField } from './EmailField';

/**
 * The pair invites one third person (a mentor, HR: "2on1") to the meeting's live room by e-mail,
 * or removes them. The guest sees only the room, never the agenda, memo or transcript.
 */
export function GuestPanel({ meeting, onChanged }: { meeting: Meeting; onChanged: (m: Meeting) => void }) {
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const guest = meeting.guests?.[0];
  const open = meeting.status !== 'ENDED';

  async function put(emails: string[]) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.putGuests(meeting.id, emails));
      setEmail('');
    } catch (e) {
      setError(t('guest.failed', { reason: errorMessage(e, t('common.error'), t('common.networkError')) }));
    } finally {
      setBusy(false);
    }
  }

  if (!open && !guest) return null;
  return (
    <section class="card" data-testid="guest-panel">
      <h2>{t('guest.panelTitle')}</h2>
      <p class="explain">{t('guest.panelExplain')}</p>
      {guest ? (
        <p class="row">
          <span data-testid="guest-name">{guest.name}</span>
          {open && (
            <button type="button" class="ghost" disabled={busy} onClick={() => put([])} data-testid="guest-remove">
              {t('guest.remove')}
            </button>
          )}
        </p>
      ) : (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            put([email.trim()]);
          }}
        >
          <EmailField value={email} onChange={setEmail} testid="guest-email" placeholder={t('guest.email')} />
          <button type="submit" disabled={busy} data-testid="guest-invite">
            {t('guest.invite')}
          </button>
        </form>
      )}
      {error && <p class="error small">{error}</p>}
    </section>
  );
}
