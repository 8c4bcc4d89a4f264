import { getCursor, getCursorPosition } from '@automerge/automerge/slim';
import { automergeSyncPlugin } from '@automerge/automerge-codemirror';
import { isReconcileTx } from '@automerge/automerge-codemirror/dist/plugin.js';
import type { DocHandle } from '@automerge/automerge-repo/slim';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { EditorState, Transaction } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { remoteCarets, setRemoteCarets, type RemoteCaret } from './carets';
import type { MemoClient } from './client';
import type { Presence, RemotePresence } from './presence';
import { valueAt, type TextFieldRef } from './schema';

/** The binding declares its own (structurally compatible) handle type. */
type BindingHandle = Parameters<typeof automergeSyncPlugin>[0]['handle'];

interface Props {
  client: MemoClient;
  handle: DocHandle<unknown>;
  field: TextFieldRef;
  testid: string;
  /** Accessible name of the editable area. */
  label: string;
  placeholder?: string;
  /** Shared memo only: where we are goes out, where the others are comes in. */
  presence?: Presence;
}

function sameEditors(a: RemotePresence[], b: RemotePresence[]): boolean {
  return a.length === b.length && a.every((p, i) => p.peer === b[i].peer && p.name === b[i].name && p.role === b[i].role);
}

/** A CodeMirror 6 editor bound to one Automerge text field, with the other person's caret. */
export function TextField({ client, handle, field, testid, label, placeholder, presence }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [editors, setEditors] = useState<RemotePresence[]>([]);
  const usable = typeof valueAt(handle.doc(), field.path) === 'string';
  const key = field.key;
  const path = field.path;

  useEffect(() => {
    if (!host.current || !usable) return;
    const text = (valueAt(handle.doc(), path) as string) ?? '';
    let view: EditorView | null = null;

    /** Our caret as Automerge cursors, so that it stays on the same characters for the other person. */
    const reportLocal = (v: EditorView) => {
      if (!presence) return;
      if (!v.hasFocus) {
        presence.leave(key);
        return;
      }
      try {
        const doc = handle.doc();
        const length = (valueAt(doc, path) as string).length;
        if (length !== v.state.doc.length) return; // not reconciled yet; the next update reports
        const at = (pos: number) => getCursor(doc, [...path], pos >= length ? 'end' : pos);
        const { head, anchor } = v.state.selection.main;
        presence.setLocal(key, at(head), anchor === head ? undefined : at(anchor));
      } catch {
        presence.setLocal(key);
      }
    };

    view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          placeholder ? placeholderExt(placeholder) : [],
          EditorView.contentAttributes.of({ 'data-testid': testid, 'aria-label': label }),
          // the path is copied: the binding hands it to Automerge, which may modify it
          automergeSyncPlugin({ handle: handle as unknown as BindingHandle, path: [...path] }),
          // the other person's edits are not ours to undo
          EditorState.transactionExtender.of((tr) => (isReconcileTx(tr) ? { annotations: Transaction.addToHistory.of(false) } : null)),
          remoteCarets(),
          EditorView.updateListener.of((u) => {
            if (u.focusChanged || u.selectionSet || u.docChanged) reportLocal(u.view);
          }),
        ],
      }),
    });
    const bound = { view, handle, path };
    client.views.set(key, bound);

    // The other people's carets: resolved from their cursors on every presence or document change.
    let queued = false;
    const refresh = () => {
      if (queued) return;
      queued = true;
      // never dispatch inside CodeMirror's own update (the binding changes the document from there)
      queueMicrotask(() => {
        queued = false;
        if (!view || !presence) return;
        const others = presence.others().filter((p) => p.field === key);
        setEditors((before) => (sameEditors(before, others) ? before : others));
        const doc = handle.doc();
        const carets: RemoteCaret[] = [];
        for (const p of others) {
          if (!p.head) continue;
          try {
            const head = getCursorPosition(doc, [...path], p.head);
            const anchor = p.anchor ? getCursorPosition(doc, [...path], p.anchor) : head;
            carets.push({ peer: p.peer, name: p.name, role: p.role, head, anchor });
          } catch {
            // a cursor from a change we do not have yet: shown once the change arrives
          }
        }
        view.dispatch({ effects: setRemoteCarets.of(carets) });
      });
    };
    const unsubscribe = presence?.subscribe(refresh);
    handle.on('change', refresh);
    refresh();

    return () => {
      unsubscribe?.();
      handle.off('change', refresh);
      presence?.leave(key);
      if (client.views.get(key) === bound) client.views.delete(key);
      view?.destroy();
      view = null;
    };
    // the editor lives as long as its document and field; label/placeholder are set once
  }, [client, handle, key, usable, presence]);

  if (!usable)
    return (
      <p class="muted small" data-testid={`${testid}-missing`}>
        {t('memo.fieldMissing')}
      </p>
    );
  return (
    <div class="memo-field" data-field={key}>
      <div class={editors.length ? 'memo-cm remote-active' : 'memo-cm'} ref={host} />
      {editors.length > 0 && (
        <p class="memo-presence small" data-testid={`memo-presence-${key}`}>
          <span class={`presence-dot role-${editors[0].role.toLowerCase()}`} />
          {t('memo.editing', { name: editors.map((e) => e.name).join(', ') })}
        </p>
      )}
    </div>
  );
}
