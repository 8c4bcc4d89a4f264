import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, errorMessage } from '../api';
import { AgendaEditor } from '../components/AgendaEditor';
import { AgendaView } from '../components/AgendaView';
import { CarriedOver } from '../components/CarriedOver';
import { EscalateButton } from '../components/EscalateButton';
import { FeedbackForm } from '../components/FeedbackForm';
import { GuestPanel } from '../components/GuestPanel';
import { Memo } from '../components/Memo';
import { ReflectionForm } from '../components/ReflectionForm';
import { SharePanel } from '../components/SharePanel';
import { ShareRules } from '../components/ShareRules';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, lang, t } from '../i18n';
import { isGuestView, otherName, type GuestMeeting, type Meeting, type MeetingView, type Prep, type StoredPromise } from '../types';

export function loadError(e: unknown): string {
  if (e instanceof ApiError && e.status === 404) return t('meeting.notFound');
  if (e instanceof ApiError && e.status === 403) return t('meeting.forbidden');
  return errorMessage(e, t('common.error'), t('common.networkError'));
}

export function MeetingPage({ id }: { id?: string }) {
  const [meeting, setMeeting] = useState<MeetingView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!id) return;
    setMeeting(null);
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
  if (isGuestView(meeting)) return <GuestMeetingCard meeting={meeting} />;

  const items = meeting.agenda?.items ?? [];
  const isMember = meeting.yourRole === 'MEMBER';

  return (
    <>
      <MeetingHead
        meeting={meeting}
        title={t('meeting.title', { name: otherName(meeting) })}
        role={isMember ? t('home.roleMember') : t('home.roleManager')}
      />

      <GuestPanel meeting={meeting} onChanged={setMeeting} />

      {meeting.status === 'ENDED' && (isMember ? <FeedbackForm meeting={meeting} /> : <ReflectionForm meeting={meeting} />)}

      {isMember && <MemberCarriedOver meeting={meeting} />}

      {isMember && meeting.status === 'PLANNED' && <AgendaEditor meeting={meeting} onSaved={setMeeting} />}

      {isMember && meeting.status !== 'PLANNED' && (
        <section class="card">
          <h2>{t('agenda.readOnlyTitle')}</h2>
          {meeting.status === 'LIVE' && <p class="muted">{t('agenda.locked')}</p>}
          {items.length === 0 ? <p class="muted">{t('agenda.empty')}</p> : <AgendaView items={items} testid="agenda-view-item" />}
        </section>
      )}

      {!isMember && <PrepView meeting={meeting} />}

      {/* after the meeting both can still edit the shared memo; before it, only the private notes */}
      <Memo key={meeting.id} meeting={meeting} shared={meeting.status !== 'PLANNED'} />

      <EscalateButton meeting={meeting} />
      <SharePanel meeting={meeting} />
      <ShareRules meeting={meeting} />
    </>
  );
}

/** What the invited guest sees: when, with whom, and the way into the room (no agenda, memo or prep). */
function GuestMeetingCard({ meeting }: { meeting: GuestMeeting }) {
  return (
    <MeetingHead
      meeting={meeting}
      title={t('guest.title', { member: meeting.memberName, manager: meeting.managerName })}
      role={t('home.roleGuest')}
      explain={t('guest.explain')}
      testid="guest-meeting"
    />
  );
}

/** The meeting's title, status, time and the caller's part, with the way into the room until it ends. */
function MeetingHead({ meeting, title, role, explain, testid }: {
  meeting: MeetingView;
  title: string;
  role: string;
  explain?: string;
  testid?: string;
}) {
  return (
    <section class="card meeting-head" data-testid={testid}>
      <div class="row">
        <h1>{title}</h1>
        <StatusBadge status={meeting.status} />
      </div>
      <p class="muted">
        {t('meeting.when', {
          date: formatDate(meeting.scheduledAt),
          duration: t('home.minutes', { count: meeting.durationMinutes }),
        })}
        {' · '}
        {role}
      </p>
      {explain && <p class="explain">{explain}</p>}
      {meeting.status === 'ENDED' ? (
        <p class="notice">{t('meeting.ended')}</p>
      ) : (
        <a class="button primary" href={`/meetings/${meeting.id}/room`} data-testid="room-join">
          {t('meeting.join')}
        </a>
      )}
    </section>
  );
}

/** The member's open promises from earlier meetings (the manager sees them in the prep view). */
function MemberCarriedOver({ meeting }: { meeting: Meeting }) {
  const [promises, setPromises] = useState<StoredPromise[]>([]);
  useEffect(() => {
    api.carriedOver(meeting.id).then(setPromises, () => setPromises([]));
  }, [meeting.id]);
  return <CarriedOver meeting={meeting} promises={promises} />;
}

/** The manager's view before the meeting: promises carried over, the agenda with each item's hints, and icebreakers. */
function PrepView({ meeting }: { meeting: Meeting }) {
  const [prep, setPrep] = useState<Prep | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    setPrep(null);
    api.prep(meeting.id, lang).then(setPrep, () => setError(true));
  }, [meeting.id, meeting.agenda?.updatedAt]);

  const items = meeting.agenda?.items ?? [];
  const hints = (i: number) => prep?.agenda.find((a) => a.index === i)?.hints ?? [];
  const community = (i: number) => prep?.agenda.find((a) => a.index === i)?.community ?? [];
  return (
    <>
      {prep && <CarriedOver meeting={meeting} promises={prep.carriedOver} />}
      <section class="card prep" data-testid="prep-view">
        <h2>{t('prep.title')}</h2>
        <p class="explain">{t('prep.explain')}</p>
        {items.length === 0 ? <p class="muted">{t('prep.empty')}</p> : <AgendaView items={items} hints={hints} community={community} />}
        {error && <p class="muted small">{t('prep.hintsUnavailable')}</p>}
        {prep && prep.icebreakers.length > 0 && (
          <details class="prep-icebreakers" data-testid="prep-icebreakers">
            <summary>{t('prep.icebreakers')}</summary>
            <ul>
              {prep.icebreakers.map((h) => (
                <li key={h.key} lang={h.language}>
                  {h.text}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
    </>
  );
}
