// The other person's caret and selection inside a CodeMirror field, set from their presence.

import { StateEffect, StateField, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import type { Side } from '../types';

export interface RemoteCaret {
  peer: string;
  name: string;
  role: Side;
  head: number;
  anchor: number;
}

/** Replaces the remote carets shown in a field. */
export const setRemoteCarets = StateEffect.define<RemoteCaret[]>();

class CaretWidget extends WidgetType {
  constructor(
    readonly name: string,
    readonly role: Side,
  ) {
    super();
  }

  eq(other: CaretWidget) {
    return other.name === this.name && other.role === this.role;
  }

  toDOM() {
    const caret = document.createElement('span');
    caret.className = `cm-remote-caret role-${this.role.toLowerCase()}`;
    caret.setAttribute('aria-hidden', 'true');
    caret.dataset.testid = 'memo-remote-caret';
    const label = document.createElement('span');
    label.className = 'cm-remote-caret-label';
    label.textContent = this.name;
    caret.appendChild(label);
    return caret;
  }

  ignoreEvent() {
    return true;
  }
}

function build(carets: readonly RemoteCaret[], length: number): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  for (const c of carets) {
    const head = Math.max(0, Math.min(length, c.head));
    const anchor = Math.max(0, Math.min(length, c.anchor));
    if (head !== anchor) {
      ranges.push(
        Decoration.mark({ class: `cm-remote-selection role-${c.role.toLowerCase()}` }).range(Math.min(head, anchor), Math.max(head, anchor)),
      );
    }
    ranges.push(Decoration.widget({ widget: new CaretWidget(c.name, c.role), side: 1 }).range(head));
  }
  return Decoration.set(ranges, true);
}

const caretField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setRemoteCarets)) next = build(effect.value, tr.state.doc.length);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function remoteCarets(): Extension {
  return caretField;
}
