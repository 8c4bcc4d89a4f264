// Presence on the shared memo through automerge-repo ephemeral messages (relayed by the server to
// the other peers of the document, never stored): which field each person is in and their caret
// as Automerge cursors, which stay attached to the same characters while both type.

import type { DocHandle, PeerId } from '@automerge/automerge-repo/slim';
import type { Side } from '../types';

/** What a peer broadcasts; `field` null means "not in any field". */
export interface PresenceMessage {
  kind: 'kizuna.presence';
  v: 1;
  name: string;
  role: Side;
  field: string | null;
  /** Automerge cursor of the caret (the selection head) and of the selection anchor. */
  head?: string;
  anchor?: string;
}

export interface RemotePresence {
  peer: PeerId;
  name: string;
  role: Side;
  field: string;
  head?: string;
  anchor?: string;
  seenAt: number;
}

/** At most one broadcast per this many milliseconds (the last state always goes out). */
const THROTTLE_MS = 150;
/** While in a field, say so again this often (the server keeps no presence state). */
const HEARTBEAT_MS = 4000;
/** Forget a peer not heard of for this long (closed tab, lost connection). */
const EXPIRE_MS = 11000;

function isPresence(m: unknown): m is PresenceMessage {
  if (!m || typeof m !== 'object') return false;
  const p = m as Partial<PresenceMessage>;
  return (
    p.kind === 'kizuna.presence' &&
    typeof p.name === 'string' &&
    (p.role === 'MEMBER' || p.role === 'MANAGER') &&
    (p.field === null || typeof p.field === 'string') &&
    (p.head === undefined || typeof p.head === 'string') &&
    (p.anchor === undefined || typeof p.anchor === 'string')
  );
}

export class Presence {
  private readonly remote = new Map<PeerId, RemotePresence>();
  private readonly listeners = new Set<() => void>();
  private local: PresenceMessage;
  private lastSent = 0;
  private disposed = false;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    private readonly handle: DocHandle<unknown>,
    me: { name: string; role: Side },
  ) {
    this.local = { kind: 'kizuna.presence', v: 1, name: me.name, role: me.role, field: null };
    handle.on('ephemeral-message', this.onMessage);
    this.heartbeat = setInterval(() => {
      if (this.local.field) this.send();
    }, HEARTBEAT_MS);
    this.sweeper = setInterval(() => this.expire(), 1000);
  }

  /** Our position: the field we are in (null when none) with caret cursors. */
  setLocal(field: string | null, head?: string, anchor?: string) {
    if (this.disposed) return;
    const next: PresenceMessage = { ...this.local, field, head, anchor };
    if (next.field === this.local.field && next.head === this.local.head && next.anchor === this.local.anchor) return;
    this.local = next;
    this.schedule();
  }

  /** We left `field` (unless we are already in another one: focus may move in either order). */
  leave(field: string) {
    if (this.local.field === field) this.setLocal(null);
  }

  /** Says where we are again (after a reconnection). */
  announce() {
    this.send();
  }

  /** The other people's presence, newest first. */
  others(): RemotePresence[] {
    return [...this.remote.values()].sort((a, b) => b.seenAt - a.seenAt);
  }

  /** Forgets everyone (our socket is down: we would not hear them leave). */
  clear() {
    if (this.remote.size === 0) return;
    this.remote.clear();
    this.emit();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.pending);
    clearInterval(this.heartbeat);
    clearInterval(this.sweeper);
    this.handle.off('ephemeral-message', this.onMessage);
    if (this.local.field) {
      this.local = { ...this.local, field: null, head: undefined, anchor: undefined };
      this.send();
    }
    this.listeners.clear();
  }

  private schedule() {
    if (this.pending) return;
    const wait = Math.max(0, this.lastSent + THROTTLE_MS - Date.now());
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.send();
    }, wait);
  }

  private send() {
    if (this.disposed && this.local.field !== null) return;
    this.lastSent = Date.now();
    try {
      // undefined values are left out of the CBOR map
      const { head, anchor, ...rest } = this.local;
      this.handle.broadcast({ ...rest, ...(head ? { head } : {}), ...(anchor ? { anchor } : {}) });
    } catch {
      // not connected: the heartbeat or announce() after reconnection sends it
    }
  }

  private onMessage = ({ senderId, message }: { senderId: PeerId; message: unknown }) => {
    if (!isPresence(message)) return;
    if (message.field === null) {
      if (this.remote.delete(senderId)) this.emit();
      return;
    }
    this.remote.set(senderId, {
      peer: senderId,
      name: message.name.slice(0, 80),
      role: message.role,
      field: message.field,
      head: message.head,
      anchor: message.anchor,
      seenAt: Date.now(),
    });
    this.emit();
  };

  private expire() {
    const now = Date.now();
    let changed = false;
    for (const [peer, p] of this.remote) {
      if (now - p.seenAt > EXPIRE_MS) {
        this.remote.delete(peer);
        changed = true;
      }
    }
    if (changed) this.emit();
  }

  private emit() {
    for (const fn of this.listeners) fn();
  }
}
