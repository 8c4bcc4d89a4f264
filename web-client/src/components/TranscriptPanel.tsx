import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { TranscriptLine, TranscriptStore } from '../room/transcript';
import type { Meeting, Side } from '../types';

/** `mm:ss` (or `h:mm:ss`) from the meeting's start. */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const mmss = `${String(Math.floor((total % 3600) / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** The live transcript: final lines, then what each speaker is saying now (greyed). */
export function TranscriptPanel({ store, meeting }: { store: TranscriptStore; meeting: Meeting }) {
  const [view, setView] = useState(store.view);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  useEffect(() => store.subscribe(setView), [store]);

  // Follow new lines unless the reader has scrolled up.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [view]);

  const line = (l: TranscriptLine, key: string) => <Line key={key} line={l} role={l.role ?? roleOf(l.speakerId, meeting)} meeting={meeting} />;
  // Partials re-render the panel several times a second; the final lines only change when one is added.
  const finals = useMemo(() => view.finals.map((l) => line(l, `${l.speakerId}@${l.startMs}`)), [view.finals, meeting]);

  return (
    <section class="transcript" data-testid="transcript-panel">
      <h2>{t('room.transcript.title')}</h2>
      <div
        class="transcript-scroll"
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {view.finals.length === 0 && view.partials.length === 0 && <p class="muted small">{t('room.transcript.empty')}</p>}
        <div role="log" aria-live="polite">
          <ol class="transcript-lines">{finals}</ol>
        </div>
        {view.partials.length > 0 && (
          <ol class="transcript-lines partials">
            {view.partials.map((l) => line(l, l.speakerId))}
          </ol>
        )}
      </div>
    </section>
  );
}

function roleOf(speakerId: string, meeting: Meeting): Side | null {
  if (speakerId === meeting.memberId) return 'MEMBER';
  return speakerId === meeting.managerId ? 'MANAGER' : null;
}

function Line({ line, role, meeting }: { line: TranscriptLine; role: Side | null; meeting: Meeting }) {
  return (
    <li
      class={`transcript-line${line.final ? '' : ' partial'}`}
      data-testid="transcript-line"
      data-final={String(line.final)}
      data-role={role ?? undefined}
      data-start-ms={line.startMs}
    >
      <span class="transcript-meta">
        <span class={`presence-dot role-${(role ?? '').toLowerCase()}`} aria-hidden="true" />
        <span class="transcript-who">{role === 'MEMBER' ? meeting.memberName : role === 'MANAGER' ? meeting.managerName : ''}</span>
        <time>{formatOffset(line.startMs)}</time>
      </span>
      <span class="transcript-text" data-testid="transcript-text">
        {line.text}
      </span>
    </li>
  );
}
