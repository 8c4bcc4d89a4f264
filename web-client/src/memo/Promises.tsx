import { ImmutableString, updateText } from '@automerge/automerge/slim';
import type { DocHandle } from '@automerge/automerge-repo/slim';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Meeting, Side } from '../types';
import { str, type MemoPromise, type SharedMemo } from './schema';

interface Row {
  id: string;
  owner: Side;
  what: string;
  due: string;
  done: boolean;
}

function rows(doc: SharedMemo): Row[] {
  const list = Array.isArray(doc.promises) ? doc.promises : [];
  return list.map((p, i) => ({
    id: str(p?.id) ?? `#${i}`,
    owner: str(p?.owner) === 'MANAGER' ? 'MANAGER' : 'MEMBER',
    what: str(p?.what) ?? '',
    due: str(p?.due) ?? '',
    done: p?.done === true,
  }));
}

/** A random id; crypto.randomUUID only exists in secure contexts. */
function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** The promises of the meeting as a small structured list, edited through `handle.change`. */
export function Promises({ handle, meeting }: { handle: DocHandle<SharedMemo>; meeting: Meeting }) {
  const [list, setList] = useState<Row[]>(() => rows(handle.doc()));

  useEffect(() => {
    const update = () => setList(rows(handle.doc()));
    handle.on('change', update);
    update();
    return () => {
      handle.off('change', update);
    };
  }, [handle]);

  /** Changes the promise `id` (found again inside the change: the other person may have moved it). */
  function edit(id: string, fn: (p: MemoPromise, d: SharedMemo, index: number) => void) {
    handle.change((d) => {
      const index = d.promises?.findIndex((p, i) => (str(p?.id) ?? `#${i}`) === id) ?? -1;
      if (index >= 0) fn(d.promises[index], d, index);
    });
  }

  function add() {
    handle.change((d) => {
      const promise = {
        id: new ImmutableString(newId()),
        owner: new ImmutableString(meeting.yourRole),
        what: '',
        done: false,
      } as unknown as MemoPromise;
      if (!Array.isArray(d.promises)) d.promises = [];
      d.promises.push(promise);
    });
  }

  const ownerLabel = (side: Side) =>
    side === 'MEMBER' ? t('memo.member', { name: meeting.memberName }) : t('memo.manager', { name: meeting.managerName });

  return (
    <div class="memo-promises">
      {list.length === 0 ? (
        <p class="muted small">{t('memo.promisesEmpty')}</p>
      ) : (
        <ul class="promise-list">
          {list.map((p) => (
            <li key={p.id} class={p.done ? 'promise done' : 'promise'} data-testid="memo-promise" data-promise-id={p.id}>
              <input
                type="checkbox"
                checked={p.done}
                aria-label={t('memo.promiseDone')}
                title={t('memo.promiseDone')}
                onChange={(e) => {
                  const done = e.currentTarget.checked;
                  edit(p.id, (x) => (x.done = done));
                }}
                data-testid="memo-promise-done"
              />
              <select
                value={p.owner}
                aria-label={t('memo.promiseOwner')}
                onChange={(e) => {
                  const owner = e.currentTarget.value;
                  edit(p.id, (x) => ((x as unknown as { owner: ImmutableString }).owner = new ImmutableString(owner)));
                }}
                data-testid="memo-promise-owner"
              >
                <option value="MEMBER">{ownerLabel('MEMBER')}</option>
                <option value="MANAGER">{ownerLabel('MANAGER')}</option>
              </select>
              <input
                type="text"
                class="promise-what"
                value={p.what}
                maxLength={500}
                placeholder={t('memo.promiseWhatPlaceholder')}
                aria-label={t('memo.promiseWhat')}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  edit(p.id, (x, d, i) => {
                    if (typeof x.what === 'string') updateText(d, ['promises', i, 'what'], value);
                    else x.what = value;
                  });
                }}
                data-testid="memo-promise-what"
              />
              <input
                type="date"
                value={p.due}
                aria-label={t('memo.promiseDue')}
                title={t('memo.promiseDue')}
                onChange={(e) => {
                  const due = e.currentTarget.value;
                  edit(p.id, (x) => {
                    if (due) (x as unknown as { due: ImmutableString }).due = new ImmutableString(due);
                    else delete x.due;
                  });
                }}
                data-testid="memo-promise-due"
              />
              <button
                type="button"
                class="ghost"
                onClick={() =>
                  handle.change((d) => {
                    const i = d.promises?.findIndex((x, j) => (str(x?.id) ?? `#${j}`) === p.id) ?? -1;
                    if (i >= 0) d.promises.splice(i, 1);
                  })
                }
                data-testid="memo-promise-remove"
              >
                {t('memo.promiseRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={add} data-testid="memo-promise-add">
        {t('memo.promiseAdd')}
      </button>
    </div>
  );
}
