import { t } from '../i18n';
import type { RoomSession, ShownHint } from '../room/session';

/**
 * The manager's live hints during the meeting: cues from the conversation and hints for the
 * current agenda item. Each can be dismissed or marked helpful.
 */
export function HintPanel({ hints, session }: { hints: ShownHint[]; session: RoomSession }) {
  return (
    <section class="hint-panel" data-testid="hint-panel" aria-live="polite">
      <h3>{t('room.hints.title')}</h3>
      {hints.length === 0 ? (
        <p class="muted small">{t('room.hints.empty')}</p>
      ) : (
        <ul>
          {hints.map((h) => (
            <li key={h.id} class={`hint hint-${h.kind}`} data-testid="hint" data-kind={h.kind} data-cue={h.cue ?? ''}>
              <p>{h.text}</p>
              <div class="hint-actions">
                <button
                  type="button"
                  class="small"
                  disabled={h.helpful}
                  onClick={() => session.markHintHelpful(h.id).catch(() => undefined)}
                  data-testid="hint-helpful"
                >
                  {h.helpful ? t('room.hints.marked') : t('room.hints.helpful')}
                </button>
                <button type="button" class="small" onClick={() => session.dismissHint(h.id)} data-testid="hint-dismiss">
                  {t('room.hints.dismiss')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
