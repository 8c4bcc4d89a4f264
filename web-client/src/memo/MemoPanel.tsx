// The memo of a meeting: the shared memo both participants edit live (one section per agenda
// item, "keep in mind", "next time", promises, free notes) and the caller's private notes.
// Loaded lazily (see components/Memo.tsx): Automerge and CodeMirror stay out of the main bundle.

import type { AnyDocumentId, DocHandle } from '@automerge/automerge-repo/slim';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Meeting } from '../types';
import { acquireMemoClient, releaseMemoClient, type MemoClient, type SyncState } from './client';
import { Presence, type RemotePresence } from './presence';
import { Promises } from './Promises';
import { SummaryPanel } from './SummaryPanel';
import {
  FREE,
  KEEP_MANAGER,
  KEEP_MEMBER,
  NEXT_TOPICS,
  PRIVATE_NOTES,
  itemField,
  str,
  type PrivateNotes,
  type SharedMemo,
} from './schema';
import { TextField } from './TextField';

export interface MemoPanelProps {
  meeting: Meeting;
  /** Show the shared memo (the meeting is live or over); the private notes are always shown. */
  shared: boolean;
}

export function MemoPanel({ meeting, shared }: MemoPanelProps) {
  const [client, setClient] = useState<MemoClient | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let alive = true;
    let acquired = false;
    acquireMemoClient().then(
      (c) => {
        if (!alive) return releaseMemoClient();
        acquired = true;
        setClient(c);
      },
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
      if (acquired) releaseMemoClient();
    };
  }, []);

  const sharedUrl = shared ? meeting.memo?.documentUrl : undefined;
  const privateUrl = meeting.privateNotes?.documentUrl;

  return (
    <div class="memo" data-testid="memo-editor">
      {failed ? (
        <p class="error card">{t('memo.loadFailed')}</p>
      ) : !client ? (
        <p class="muted card">{t('memo.loading')}</p>
      ) : (
        <>
          {sharedUrl && <SharedMemoCard client={client} url={sharedUrl} meeting={meeting} />}
          {privateUrl && <PrivateNotesCard client={client} url={privateUrl} meeting={meeting} withStatus={!sharedUrl} />}
        </>
      )}
    </div>
  );
}

function useSyncState(client: MemoClient): SyncState {
  const [state, setState] = useState(client.syncState);
  useEffect(() => {
    setState(client.syncState);
    return client.onSyncState(setState);
  }, [client]);
  return state;
}

/**
 * The document at `url`. When neither this device nor the server has it yet (offline on a first
 * visit, say), the handle stays "unavailable" and becomes ready as soon as a sync brings it.
 */
function useDocHandle<T>(client: MemoClient, url: string) {
  const [handle, setHandle] = useState<DocHandle<T> | null>(null);
  const [error, setError] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    setError(false);
    client.repo
      .find<T>(url as AnyDocumentId, { allowableStates: ['ready', 'unavailable'] })
      .then(async (h) => {
        if (h.state !== 'ready') {
          if (alive) setError(true);
          await h.whenReady(['ready']);
        }
        if (alive) {
          setError(false);
          setHandle(h);
        }
      })
      .catch(() => alive && setError(true));
    return () => {
      alive = false;
    };
  }, [client, url, attempt]);

  return { handle, error, retry: () => setAttempt((n) => n + 1) };
}

/** Connected or not; `own`: for the private notes alone (nothing is shared there). */
function SyncStatus({ client, own = false }: { client: MemoClient; own?: boolean }) {
  const state = useSyncState(client);
  const text =
    state === 'offline'
      ? t(client.persistent ? 'memo.sync.offline' : 'memo.sync.offlineNoStorage')
      : state === 'online' && own
        ? t('memo.sync.onlineOwn')
        : t(`memo.sync.${state}`);
  return (
    <p class={`memo-sync state-${state} small`} role="status" data-testid="memo-sync" data-state={state}>
      <span class="dot" />
      {text}
    </p>
  );
}

function Unavailable({ retry }: { retry: () => void }) {
  return (
    <p class="error" data-testid="memo-unavailable">
      {t('memo.unavailable')}{' '}
      <button type="button" class="ghost" onClick={retry}>
        {t('memo.retry')}
      </button>
    </p>
  );
}

/** Topic and expectation of each item: the sections change only if the document's items do. */
function itemsSignature(doc: SharedMemo): string {
  const items = Array.isArray(doc.items) ? doc.items : [];
  return JSON.stringify(items.map((i) => [str(i?.topic) ?? '', str(i?.expectation) ?? '']));
}

function SharedMemoCard({ client, url, meeting }: { client: MemoClient; url: string; meeting: Meeting }) {
  const { handle, error, retry } = useDocHandle<SharedMemo>(client, url);
  return (
    <section class="card memo-shared" data-testid="memo-shared">
      <div class="row memo-head">
        <h2>{t('memo.title')}</h2>
        <div class="spacer" />
        <SyncStatus client={client} />
      </div>
      <p class="muted small">{t('memo.hint')}</p>
      {handle ? (
        <SharedMemoBody client={client} handle={handle} meeting={meeting} />
      ) : error ? (
        <Unavailable retry={retry} />
      ) : (
        <p class="muted">{t('memo.loading')}</p>
      )}
    </section>
  );
}

function SharedMemoBody({ client, handle, meeting }: { client: MemoClient; handle: DocHandle<SharedMemo>; meeting: Meeting }) {
  const me = meeting.yourRole === 'MEMBER' ? meeting.memberName : meeting.managerName;
  const [presence, setPresence] = useState<Presence | null>(null);
  const [signature, setSignature] = useState(() => itemsSignature(handle.doc()));
  const [others, setOthers] = useState<RemotePresence[]>([]);

  useEffect(() => {
    const onChange = () => setSignature(itemsSignature(handle.doc()));
    handle.on('change', onChange);
    onChange();
    return () => {
      handle.off('change', onChange);
    };
  }, [handle]);

  useEffect(() => {
    const p = new Presence(handle as DocHandle<unknown>, { name: me, role: meeting.yourRole });
    setPresence(p);
    const unsubscribe = p.subscribe(() => setOthers(p.others()));
    const offSync = client.onSyncState((s) => {
      if (s === 'online') p.announce();
      else p.clear();
    });
    return () => {
      unsubscribe();
      offSync();
      p.dispose();
      setOthers([]);
    };
  }, [handle, client, me, meeting.yourRole]);

  if (!presence) return null;
  const items = (JSON.parse(signature) as [string, string][]).map(([topic, expectation]) => ({ topic, expectation }));
  const anyHandle = handle as DocHandle<unknown>;
  const labels: Record<string, string> = {
    [KEEP_MEMBER.key]: `${t('memo.keepInMind')}: ${t('memo.member', { name: meeting.memberName })}`,
    [KEEP_MANAGER.key]: `${t('memo.keepInMind')}: ${t('memo.manager', { name: meeting.managerName })}`,
    [NEXT_TOPICS.key]: t('memo.nextTopics'),
    [FREE.key]: t('memo.free'),
  };
  items.forEach((item, i) => (labels[itemField(i).key] = t(`topic.${item.topic}`, { defaultValue: item.topic })));

  return (
    <div class="memo-body">
      {others.length > 0 && (
        <p class="memo-presence-summary small" data-testid="memo-presence">
          {others.map((o) => (
            <span key={o.peer}>
              <span class={`presence-dot role-${o.role.toLowerCase()}`} />
              {t('memo.editingField', { name: o.name, field: labels[o.field] ?? o.field })}
            </span>
          ))}
        </p>
      )}

      <SummaryPanel client={client} handle={handle} meeting={meeting} presence={presence} />

      {items.map((item, i) => {
        const field = itemField(i);
        return (
          <section class="memo-section memo-item" key={`${i}:${item.topic}`} data-topic={item.topic}>
            <h3>
              <span class="prep-topic">{labels[field.key]}</span>
              <span class="prep-expect">
                <span class="muted small">{t('prep.expects')}</span>
                <span class={`badge expect expect-${item.expectation.toLowerCase()}`}>
                  {t(`expectation.${item.expectation}`, { defaultValue: item.expectation })}
                </span>
              </span>
            </h3>
            <TextField
              client={client}
              handle={anyHandle}
              field={field}
              testid={`memo-field-${field.key}`}
              label={labels[field.key]}
              placeholder={t('memo.notesPlaceholder')}
              presence={presence}
            />
          </section>
        );
      })}

      <section class="memo-section">
        <h3>{t('memo.keepInMind')}</h3>
        <div class="memo-pair">
          {[KEEP_MEMBER, KEEP_MANAGER].map((field) => (
            <div key={field.key}>
              <h4>
                {field === KEEP_MEMBER
                  ? t('memo.member', { name: meeting.memberName })
                  : t('memo.manager', { name: meeting.managerName })}
              </h4>
              <TextField
                client={client}
                handle={anyHandle}
                field={field}
                testid={`memo-field-${field.key}`}
                label={labels[field.key]}
                placeholder={t('memo.keepInMindPlaceholder')}
                presence={presence}
              />
            </div>
          ))}
        </div>
      </section>

      <section class="memo-section">
        <h3>{t('memo.nextTopics')}</h3>
        <TextField
          client={client}
          handle={anyHandle}
          field={NEXT_TOPICS}
          testid="memo-field-nextTopics"
          label={labels[NEXT_TOPICS.key]}
          placeholder={t('memo.nextTopicsPlaceholder')}
          presence={presence}
        />
      </section>

      <section class="memo-section">
        <h3>{t('memo.promises')}</h3>
        <Promises handle={handle} meeting={meeting} />
      </section>

      <section class="memo-section">
        <h3>{t('memo.free')}</h3>
        <TextField
          client={client}
          handle={anyHandle}
          field={FREE}
          testid="memo-field-free"
          label={labels[FREE.key]}
          placeholder={t('memo.freePlaceholder')}
          presence={presence}
        />
      </section>
    </div>
  );
}

function PrivateNotesCard({
  client,
  url,
  meeting,
  withStatus,
}: {
  client: MemoClient;
  url: string;
  meeting: Meeting;
  withStatus: boolean;
}) {
  const { handle, error, retry } = useDocHandle<PrivateNotes>(client, url);
  const other = meeting.yourRole === 'MEMBER' ? meeting.managerName : meeting.memberName;
  return (
    <section class="card memo-private" data-testid="memo-private">
      <div class="row memo-head">
        <h2>
          <svg class="lock" viewBox="0 0 16 16" aria-hidden="true">
            <path
              fill="currentColor"
              d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 6V4.5a2 2 0 1 1 4 0V7H6Z"
            />
          </svg>
          {t('memo.private.title')}
        </h2>
        <div class="spacer" />
        {withStatus && <SyncStatus client={client} own />}
      </div>
      <p class="private-hint small">{t('memo.private.hint', { name: other })}</p>
      {handle ? (
        <TextField
          client={client}
          handle={handle as DocHandle<unknown>}
          field={PRIVATE_NOTES}
          testid="memo-private-notes"
          label={t('memo.private.title')}
          placeholder={t('memo.private.placeholder')}
        />
      ) : error ? (
        <Unavailable retry={retry} />
      ) : (
        <p class="muted">{t('memo.loading')}</p>
      )}
    </section>
  );
}
