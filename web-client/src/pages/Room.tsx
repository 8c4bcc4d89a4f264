import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, errorMessage, goToLogin } from '../api';
import { HintPanel } from '../components/HintPanel';
import { Memo } from '../components/Memo';
import { TranscriptPanel } from '../components/TranscriptPanel';
import { TranscriptionHint, TranscriptionStatus } from '../components/TranscriptionStatus';
import { Video } from '../components/Video';
import { t } from '../i18n';
import { FINAL_STATES, RoomSession, type RoomSnapshot } from '../room/session';
import { isGuestView, otherName, type GuestMeeting, type Meeting, type MeetingView } from '../types';
import { loadError } from './Meeting';

export function RoomPage({ id }: { id?: string }) {
  const [meeting, setMeeting] = useState<MeetingView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!id) return;
    api.meeting(id).then(setMeeting, (e) => setError(loadError(e)));
  }, [id]);

  if (error)
    return (
      <section class="card">
        <p class="error">{error}</p>
        <a href="/">{t('common.back')}</a>
      </section>
    );
  if (!meeting) return <p class="muted">{t('common.loading')}</p>;
  if (meeting.status === 'ENDED')
    return (
      <section class="card">
        <p class="notice" data-testid="room-status" data-state="ended">
          {t('room.state.ended')}
        </p>
        <a href={`/meetings/${meeting.id}`}>{t('common.back')}</a>
      </section>
    );
  return isGuestView(meeting) ? <GuestRoom meeting={meeting} /> : <Room meeting={meeting} />;
}

/** This page's visit to the room: the session starts on mount and leaves on unmount. */
function useRoomSession(meetingId: string): [RoomSession, RoomSnapshot] {
  const [session] = useState(() => new RoomSession(meetingId));
  const [snap, setSnap] = useState<RoomSnapshot>(session.snapshot);

  useEffect(() => {
    const unsubscribe = session.subscribe(setSnap);
    session.start();
    return () => {
      unsubscribe();
      session.leave();
    };
  }, [session]);

  useEffect(() => {
    if (snap.state === 'unauthorized') goToLogin();
  }, [snap.state]);

  return [session, snap];
}

/** The connection state and, on Jitsi Videobridge, the bridge badge; `children` follow them. */
function StageHead({ snap, children }: { snap: RoomSnapshot; children?: ComponentChildren }) {
  const over = FINAL_STATES.has(snap.state);
  return (
    <div class="stage-head">
      <p class={`room-status state-${snap.state}`} role="status" data-testid="room-status" data-state={snap.state}>
        <span class="dot" />
        {t(`room.state.${snap.state}`)}
      </p>
      {!over && snap.mediaMode === 'bridge' && (
        <span class="badge" data-testid="media-bridge" title={t('room.bridgeHelp')}>
          {t('room.bridge')}
        </span>
      )}
      {children}
    </div>
  );
}

/** The video tiles: the first remote participant large, further ones (bridge only) and one's own small. */
function Tiles({ snap, remoteLabel, extraLabel }: { snap: RoomSnapshot; remoteLabel: string; extraLabel: string }) {
  return (
    <div class="videos">
      <Video stream={snap.remoteStream} muted={false} label={remoteLabel} testid="remote-video" />
      {snap.extraStreams.map((stream, i) => (
        <Video key={stream.id} stream={stream} muted={false} label={extraLabel} testid={`extra-video-${i}`} />
      ))}
      <Video stream={snap.localStream} muted label={t('room.you')} testid="local-video" mirrored />
    </div>
  );
}

/** Mute, camera and leave buttons; `children` add more (the pair's "end meeting"). */
function MediaControls({ session, snap, onLeave, children }: {
  session: RoomSession;
  snap: RoomSnapshot;
  onLeave: () => void;
  children?: ComponentChildren;
}) {
  return (
    <div class="controls">
      <button
        type="button"
        onClick={() => session.setMic(!snap.micOn)}
        aria-pressed={!snap.micOn}
        disabled={!snap.localStream?.getAudioTracks().length}
        data-testid="room-mic"
      >
        {snap.micOn ? t('room.mute') : t('room.unmute')}
      </button>
      <button
        type="button"
        onClick={() => session.setCamera(!snap.cameraOn)}
        aria-pressed={!snap.cameraOn}
        disabled={!snap.localStream?.getVideoTracks().length}
        data-testid="room-camera"
      >
        {snap.cameraOn ? t('room.cameraOff') : t('room.cameraOn')}
      </button>
      <button type="button" onClick={onLeave} data-testid="room-leave">
        {t('room.leave')}
      </button>
      {children}
    </div>
  );
}

/**
 * The guest's room (2on1): video and the media controls only. A guest may not end the meeting and
 * sees no agenda, memo, transcript or consent (the server refuses them those routes).
 */
function GuestRoom({ meeting }: { meeting: GuestMeeting }) {
  const { route } = useLocation();
  const [session, snap] = useRoomSession(meeting.id);
  const over = FINAL_STATES.has(snap.state);

  function leave() {
    session.leave();
    route(`/meetings/${meeting.id}`);
  }

  return (
    <div class="room guest-room" data-testid="guest-room">
      <div class="stage">
        <StageHead snap={snap} />
        <p class="muted">{t('guest.roomIntro', { member: meeting.memberName, manager: meeting.managerName })}</p>
        {!over && <Tiles snap={snap} remoteLabel={snap.remote?.name ?? t('room.remote')} extraLabel={t('room.participant')} />}
        {!over && snap.mediaIncomplete && <p class="notice">{t('room.mediaError')}</p>}
        {over ? (
          <a class="button" href={`/meetings/${meeting.id}`} data-testid="room-back">
            {t('common.back')}
          </a>
        ) : (
          <MediaControls session={session} snap={snap} onLeave={leave} />
        )}
      </div>
    </div>
  );
}

function Room({ meeting }: { meeting: Meeting }) {
  const { route } = useLocation();
  const [session, snap] = useRoomSession(meeting.id);
  const [endError, setEndError] = useState<string | null>(null);
  const items = meeting.agenda?.items ?? [];
  const over = FINAL_STATES.has(snap.state);

  function leave() {
    session.leave();
    route(`/meetings/${meeting.id}`);
  }

  async function end() {
    if (!window.confirm(t('room.endConfirm'))) return;
    setEndError(null);
    try {
      await api.endMeeting(meeting.id);
      session.markEnded();
    } catch (e) {
      setEndError(errorMessage(e, t('common.error'), t('common.networkError')));
    }
  }

  const myConsent = snap.role && snap.role !== 'GUEST' ? snap.consent[snap.role] : false;

  return (
    <div class="room">
      <div class="stage">
        <StageHead snap={snap}>{!over && <TranscriptionStatus snap={snap} />}</StageHead>
        {!over && <Tiles snap={snap} remoteLabel={snap.remote?.name ?? otherName(meeting)} extraLabel={t('room.guest')} />}
        {!over && snap.mediaIncomplete && <p class="notice">{t('room.mediaError')}</p>}
        {endError && <p class="error">{endError}</p>}
        {over ? (
          <a class="button" href={`/meetings/${meeting.id}`} data-testid="room-back">
            {t('common.back')}
          </a>
        ) : (
          <MediaControls session={session} snap={snap} onLeave={leave}>
            <button type="button" class="danger" onClick={end} data-testid="meeting-end">
              {t('room.end')}
            </button>
          </MediaControls>
        )}
        <Memo key={meeting.id} meeting={meeting} shared />
      </div>
      <aside class="card side">
        <h2>{t('room.agenda')}</h2>
        {items.length === 0 ? (
          <p class="muted">{t('room.agendaEmpty')}</p>
        ) : (
          <>
            <p class="muted small">{t('room.agendaHint')}</p>
            <ol class="room-agenda">
              {items.map((item, i) => (
                <li key={i}>
                  <button
                    type="button"
                    class={snap.agendaIndex === i ? 'agenda-entry current' : 'agenda-entry'}
                    aria-current={snap.agendaIndex === i ? 'true' : undefined}
                    disabled={over}
                    onClick={() => session.selectAgenda(i)}
                    data-testid="room-agenda-item"
                  >
                    <span class="prep-topic">{t(`topic.${item.topic}`)}</span>
                    <span class={`badge expect expect-${item.expectation.toLowerCase()}`}>
                      {t(`expectation.${item.expectation}`)}
                    </span>
                    {item.note && <span class="muted small">{item.note}</span>}
                  </button>
                </li>
              ))}
            </ol>
          </>
        )}
        {!over && (
          <label class="consent">
            <input
              type="checkbox"
              checked={myConsent}
              disabled={!snap.role}
              onChange={(e) => session.setConsent(e.currentTarget.checked)}
              data-testid="consent-transcription"
            />
            {t('room.consent')}
          </label>
        )}
        {!over && <p class="muted small">{t('room.consentBoth')}</p>}
        {!over && <TranscriptionHint snap={snap} otherName={snap.remote?.name ?? otherName(meeting)} />}
        {!over && snap.role === 'MANAGER' && <HintPanel hints={snap.hints} session={session} />}
        <TranscriptPanel store={session.transcript} meeting={meeting} />
      </aside>
    </div>
  );
}
