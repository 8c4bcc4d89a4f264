import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { t } from '../i18n';
import type { Meeting } from '../types';

const MAX_NOTE = 2000;

/** "Mark critical": either party tells the designated HR users about something serious. */
export function EscalateButton({ meeting }: { meeting: Meeting }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function send(e: Event) {
    e.preventDefault();
    setSending(true);
    setError(null);
    try {
      const { notified } = await api.escalate(meeting.id, note.trim());
      setResult(notified > 0 ? t('escalate.sent', { count: notified }) : t('escalate.sentNone'));
      setNote('');
      setOpen(false);
    } catch (err) {
      setError(t('escalate.failed', { reason: errorMessage(err, t('common.error'), t('common.networkError')) }));
    } finally {
      setSending(false);
    }
  }

  return (
    <section class="card escalate" data-testid="escalate">
      {!open ? (
        <div class="row">
          <button type="button" class="danger" data-testid="escalate-open" onClick={() => setOpen(true)}>
            {t('escalate.button')}
          </button>
          {result && <span class="notice small" data-testid="escalate-sent">{result}</span>}
        </div>
      ) : (
        <form onSubmit={send}>
          <h2>{t('escalate.title')}</h2>
          <p class="explain">{t('escalate.explain')}</p>
          <label>
            {t('escalate.note')}
            <textarea
              required
              maxLength={MAX_NOTE}
              rows={3}
              value={note}
              data-testid="escalate-note"
              onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
            />
          </label>
          <div class="row">
            <button type="submit" class="danger" disabled={sending || !note.trim()} data-testid="escalate-send">
              {t('escalate.send')}
            </button>
            <button type="button" class="ghost" onClick={() => setOpen(false)}>
              {t('escalate.cancel')}
            </button>
          </div>
          {error && <p class="error small">{error}</p>}
        </form>
      )}
    </section>
  );
}
