// The summary section of the shared memo: the draft the server proposes after the meeting, bound
// field by field like the rest of the memo so both parties edit it live, then accepted by either.

import type { DocHandle } from '@automerge/automerge-repo/slim';
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { t } from '../i18n';
import type { Meeting, Side } from '../types';
import type { MemoClient } from './client';
import type { Presence } from './presence';
import { SUMMARY_NEXT, str, summaryKeep, summaryPoints, summaryPromise, type SharedMemo } from './schema';
import { TextField } from './TextField';

interface Shape {
  status: string;
  producedBy: string;
  items: string[];
  promises: { owner: string; due: string }[];
}

/** What decides the section's layout (not the text inside it), or null when there is no summary. */
function shapeOf(doc: SharedMemo): string | null {
  const s = doc.summary;
  if (!s || typeof s !== 'object') return null;
  const shape: Shape = {
    status: str(s.status) ?? 'proposed',
    producedBy: str(s.producedBy) ?? '',
    items: (Array.isArray(s.items) ? s.items : []).map((i) => str(i?.topic) ?? ''),
    promises: (Array.isArray(s.promises) ? s.promises : []).map((p) => ({ owner: str(p?.owner) ?? '', due: str(p?.due) ?? '' })),
  };
  return JSON.stringify(shape);
}

export function SummaryPanel({
  client,
  handle,
  meeting,
  presence,
}: {
  client: MemoClient;
  handle: DocHandle<SharedMemo>;
  meeting: Meeting;
  presence: Presence;
}) {
  const [signature, setSignature] = useState(() => shapeOf(handle.doc()));
  const [busy, setBusy] = useState<'accept' | 'regenerate' | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const onChange = () => setSignature(shapeOf(handle.doc()));
    handle.on('change', onChange);
    onChange();
    return () => {
      handle.off('change', onChange);
    };
  }, [handle]);

  async function run(kind: 'accept' | 'regenerate') {
    setBusy(kind);
    setMessage(null);
    try {
      if (kind === 'accept') await api.acceptSummary(meeting.id);
      else {
        await api.regenerateSummary(meeting.id);
        setMessage(t('summary.regenerating'));
      }
    } catch (e) {
      setMessage(errorMessage(e, t('summary.failed'), t('common.networkError')));
    } finally {
      setBusy(null);
    }
  }

  if (meeting.status !== 'ENDED' && !signature) return null;
  if (!signature)
    return (
      <section class="memo-section memo-summary" data-testid="summary">
        <h3>{t('summary.title')}</h3>
        <p class="muted small">{t('summary.pending')}</p>
        <button type="button" class="ghost" data-testid="summary-regenerate" disabled={busy !== null} onClick={() => run('regenerate')}>
          {t('summary.generate')}
        </button>
        {message && <p class="muted small">{message}</p>}
      </section>
    );

  const shape = JSON.parse(signature) as Shape;
  const accepted = shape.status === 'accepted';
  const anyHandle = handle as DocHandle<unknown>;
  const owner = (side: string) =>
    side === 'MANAGER' ? t('memo.manager', { name: meeting.managerName }) : t('memo.member', { name: meeting.memberName });
  const field = (ref: { key: string; path: (string | number)[] }, label: string) => (
    <TextField client={client} handle={anyHandle} field={ref} testid={`memo-field-${ref.key}`} label={label} presence={presence} />
  );

  return (
    <section class="memo-section memo-summary" data-testid="summary" data-status={shape.status}>
      <h3>
        {t('summary.title')}
        <span class={`badge ${accepted ? 'status-ended' : ''}`} data-testid="summary-status">
          {accepted ? t('summary.accepted') : t('summary.proposed')}
        </span>
      </h3>
      <p class="muted small">{accepted ? t('summary.acceptedHint') : t('summary.explain')}</p>

      {shape.items.map((topic, i) => (
        <div key={`item-${i}`}>
          <h4>{t(`topic.${topic}`, { defaultValue: topic })}</h4>
          {field(summaryPoints(i), t('summary.points'))}
        </div>
      ))}

      <h4>{t('summary.promises')}</h4>
      {shape.promises.length === 0 && <p class="muted small">{t('memo.promisesEmpty')}</p>}
      {shape.promises.map((p, i) => (
        <div key={`promise-${i}`} class="summary-promise">
          <p class="small">
            <strong>{owner(p.owner)}</strong>
            {p.due && <span class="muted"> · {t('carriedOver.due', { date: p.due })}</span>}
          </p>
          {field(summaryPromise(i), t('memo.promiseWhat'))}
        </div>
      ))}

      <h4>{t('memo.keepInMind')}</h4>
      <div class="memo-pair">
        {(['MEMBER', 'MANAGER'] as Side[]).map((side) => (
          <div key={side}>
            <p class="small">{owner(side)}</p>
            {field(summaryKeep(side), `${t('memo.keepInMind')}: ${owner(side)}`)}
          </div>
        ))}
      </div>

      <h4>{t('memo.nextTopics')}</h4>
      {field(SUMMARY_NEXT, t('memo.nextTopics'))}

      <div class="row">
        <button type="button" class="primary" data-testid="summary-accept" disabled={busy !== null} onClick={() => run('accept')}>
          {accepted ? t('summary.acceptAgain') : t('summary.accept')}
        </button>
        {!accepted && (
          <button type="button" class="ghost" data-testid="summary-regenerate" disabled={busy !== null} onClick={() => run('regenerate')}>
            {t('summary.regenerate')}
          </button>
        )}
        <span class="muted small">{t('summary.producedBy', { by: shape.producedBy })}</span>
      </div>
      {message && <p class="muted small" role="status">{message}</p>}
    </section>
  );
}
