import { useEffect, useState } from 'preact/hooks';
import { api, currentUser, errorMessage } from '../api';
import { Handover } from '../components/Handover';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, t } from '../i18n';
import { isGuestView, otherName, type MeetingView, type Pair, type User } from '../types';

const DURATIONS = [15, 30, 45, 60];

/** `YYYY-MM-DDTHH:mm` in local time, for a datetime-local input. */
function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function defaultWhen(): string {
  const d = new Date(Date.now() + 24 * 3600_000);
  d.setMinutes(0, 0, 0);
  return toLocalInput(d);
}

export function HomePage() {
  const [meetings, setMeetings] = useState<MeetingView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  function load() {
    api.meetings().then(
      (ms) => {
        setMeetings(ms);
        setError(null);
      },
      (e) => setError(errorMessage(e, t('common.error'), t('common.networkError'))),
    );
  }
  useEffect(load, []);

  return (
    <>
      <section class="card">
        <h1>{t('home.title')}</h1>
        {error && <p class="error">{error}</p>}
        {!meetings && !error && <p class="muted">{t('common.loading')}</p>}
        {meetings && meetings.length === 0 && <p class="muted">{t('home.empty')}</p>}
        {meetings && meetings.length > 0 && (
          <ul class="meeting-list" data-testid="meeting-list">
            {meetings.map((m) => (
              <li key={m.id}>
                {/* a guest goes straight to the room: the room is all of the meeting a guest may see */}
                <a
                  href={isGuestView(m) ? `/meetings/${m.id}/room` : `/meetings/${m.id}`}
                  class="meeting-row"
                  data-testid="meeting-link"
                  data-meeting-id={m.id}
                  data-role={m.yourRole}
                >
                  <StatusBadge status={m.status} />
                  <span class="meeting-when">{formatDate(m.scheduledAt)}</span>
                  <span class="meeting-with">
                    {isGuestView(m)
                      ? t('home.withPair', { member: m.memberName, manager: m.managerName })
                      : t('home.with', { name: otherName(m) })}
                  </span>
                  <span class="muted">
                    {t('home.minutes', { count: m.durationMinutes })}
                    {isGuestView(m) && ` · ${t('home.roleGuest')}`}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <PlanForm onCreated={load} />
      <Handover />
    </>
  );
}

function PlanForm({ onCreated }: { onCreated: () => void }) {
  const [pairs, setPairs] = useState<Pair[] | null>(null);
  const [me, setMe] = useState<User | null>(null);
  const [pairId, setPairId] = useState('');
  const [when, setWhen] = useState(defaultWhen);
  const [duration, setDuration] = useState(30);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    Promise.all([api.pairs(), currentUser()]).then(
      ([ps, user]) => {
        setPairs(ps);
        setMe(user);
        if (ps.length > 0) setPairId(ps[0].id);
      },
      (e) => setMessage({ ok: false, text: errorMessage(e, t('common.error'), t('common.networkError')) }),
    );
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    const date = new Date(when);
    if (!when || Number.isNaN(date.getTime())) {
      setMessage({ ok: false, text: t('plan.whenRequired') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await api.createMeeting(pairId, date.toISOString(), duration);
      setMessage({ ok: true, text: t('plan.created') });
      onCreated();
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err, t('common.error'), t('common.networkError')) });
    } finally {
      setBusy(false);
    }
  }

  const pairLabel = (p: Pair) =>
    t('plan.pairOption', {
      name: me && p.managerId === me.id ? p.memberName : p.managerName,
      kind: t(`pairKind.${p.kind}`, { defaultValue: p.kind }),
    });

  return (
    <section class="card">
      <h2>{t('plan.title')}</h2>
      {pairs && pairs.length === 0 && <p class="muted">{t('plan.noPairs')}</p>}
      {pairs && pairs.length > 0 && (
        <form class="plan-form" onSubmit={submit}>
          <label>
            {t('plan.pair')}
            <select value={pairId} onChange={(e) => setPairId(e.currentTarget.value)} data-testid="plan-pair">
              {pairs.map((p) => (
                <option key={p.id} value={p.id}>
                  {pairLabel(p)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('plan.when')}
            <input
              type="datetime-local"
              required
              value={when}
              onInput={(e) => setWhen(e.currentTarget.value)}
              data-testid="plan-when"
            />
          </label>
          <label>
            {t('plan.duration')}
            <select
              value={String(duration)}
              onChange={(e) => setDuration(Number(e.currentTarget.value))}
              data-testid="plan-duration"
            >
              {DURATIONS.map((d) => (
                <option key={d} value={String(d)}>
                  {t('home.minutes', { count: d })}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="primary" disabled={busy || !pairId} data-testid="plan-submit">
            {busy ? t('plan.submitting') : t('plan.submit')}
          </button>
        </form>
      )}
      {message && <p class={message.ok ? 'ok' : 'error'}>{message.text}</p>}
    </section>
  );
}
