import { t } from '../i18n';
import type { RoomSnapshot } from '../room/session';

/** What the room shows about transcription. */
export type ShownTranscription = 'on' | 'starting' | 'degraded' | 'unavailable' | 'paused' | 'off';

export function shownTranscription(snap: RoomSnapshot): ShownTranscription {
  const server = snap.transcription?.state;
  if (server === 'unavailable') return 'unavailable';
  if (!(snap.consent.MEMBER && snap.consent.MANAGER)) return snap.transcriptionRan ? 'paused' : 'off';
  if (server === 'on' || server === 'degraded') return server;
  return 'starting'; // both agreed; the server has not confirmed yet
}

/** The recording indicator: a dot and what transcription is doing now. */
export function TranscriptionStatus({ snap }: { snap: RoomSnapshot }) {
  const shown = shownTranscription(snap);
  const label =
    shown === 'unavailable'
      ? t('room.transcription.unavailable', { reason: snap.transcription?.reason || t('room.transcription.noReason') })
      : t(`room.transcription.${shown}`);
  return (
    <p class={`transcription state-${shown}`} role="status" data-testid="transcription-status" data-state={shown}>
      <span class="dot" aria-hidden="true" />
      {label}
    </p>
  );
}

/** Under the consent box: whose agreement is missing, or how to pause. */
export function TranscriptionHint({ snap, otherName }: { snap: RoomSnapshot; otherName: string }) {
  if (!snap.role || snap.role === 'GUEST') return null;
  const mine = snap.consent[snap.role];
  const theirs = snap.consent[snap.role === 'MEMBER' ? 'MANAGER' : 'MEMBER'];
  const waiting = mine === theirs ? undefined : mine ? 'other' : 'you';
  let hint: string | null = null;
  if (shownTranscription(snap) !== 'unavailable') {
    if (waiting === 'other') hint = t('room.transcription.hintWaitingOther', { name: otherName });
    else if (waiting === 'you') hint = t('room.transcription.hintWaitingYou', { name: otherName });
    else if (mine) hint = t('room.transcription.hintPause');
  }
  return (
    <>
      {hint && (
        <p class="muted small" data-testid="transcription-hint" data-waiting={waiting}>
          {hint}
        </p>
      )}
      {snap.captureFailed && <p class="error small">{t('room.transcription.captureFailed')}</p>}
    </>
  );
}
