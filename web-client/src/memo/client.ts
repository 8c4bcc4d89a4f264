// One automerge-repo Repo per page: the stock WebSocket client adapter to /ws/memo (the session
// cookie authenticates it; same origin) and IndexedDB storage, so that edits made offline survive
// a reload and are synced when the socket is back.
//
// Automerge's wasm is loaded from its own asset (`?url`) through the slim entry point; vite.config.ts
// maps the package's full entry point (imported by automerge-codemirror) to the slim one, so no
// wasm-ESM plugin or top-level await is needed.

import { initializeWasm, isWasmInitialized } from '@automerge/automerge/slim';
import wasmUrl from '@automerge/automerge/automerge.wasm?url';
import { Repo, type DocHandle } from '@automerge/automerge-repo/slim';
import { BrowserWebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket';
import { IndexedDBStorageAdapter } from '@automerge/automerge-repo-storage-indexeddb';
import type { EditorView } from '@codemirror/view';
import { valueAt } from './schema';

/** An open editor: its view and the document field it is bound to. */
export interface BoundField {
  view: EditorView;
  handle: DocHandle<unknown>;
  path: (string | number)[];
}

/** `connecting`: first connection not made yet; `online`: the server answered our join; `offline`: socket gone, retrying. */
export type SyncState = 'connecting' | 'online' | 'offline';

/**
 * Milliseconds between reconnection attempts of the memo socket: the stock adapter retries at a
 * fixed interval, so each page draws its own from 1-3 s, and the clients of a node that died do
 * not all come back to the next node at the same moment.
 */
const RETRY_MS = 1000 + Math.round(Math.random() * 2000);
/** After this long without the server's answer the first time, show the memo as offline. */
const CONNECT_GRACE_MS = 4000;
/** A released client stays open this long, so that going from the meeting page to the room reuses it. */
const RELEASE_GRACE_MS = 5000;

export function memoSocketUrl(loc: Location = location): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/ws/memo`;
}

export class MemoClient {
  readonly repo: Repo;
  /** Whether edits are kept on this device (IndexedDB) while offline and across reloads. */
  readonly persistent: boolean;
  /** The open editors by field key (test hook and debugging). */
  readonly views = new Map<string, BoundField>();
  /** Test hook (`window.__kizunaMemo`): the sync state and the open fields' texts. */
  readonly hook: NonNullable<Window['__kizunaMemo']> = {
    state: 'connecting',
    fields: () => Object.fromEntries([...this.views].map(([key, f]) => [key, f.view.state.doc.toString()])),
    docs: () => Object.fromEntries([...this.views].map(([key, f]) => [key, valueAt(f.handle.doc(), f.path)])),
    flush: () => this.repo.flush(),
  };
  private readonly adapter: BrowserWebSocketClientAdapter;
  private readonly listeners = new Set<(s: SyncState) => void>();
  private state: SyncState = 'connecting';
  private closed = false;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.adapter = new BrowserWebSocketClientAdapter(memoSocketUrl(), RETRY_MS);
    let storage: IndexedDBStorageAdapter | undefined;
    try {
      storage = typeof indexedDB === 'undefined' ? undefined : new IndexedDBStorageAdapter('kizuna-memo', 'documents');
    } catch {
      storage = undefined; // e.g. storage disabled by the browser: memo works, offline edits live in this tab only
    }
    this.persistent = !!storage;
    this.repo = new Repo({ network: [this.adapter], storage });
    this.adapter.on('peer-candidate', () => this.set('online'));
    this.adapter.on('peer-disconnected', () => this.set('offline'));
    this.graceTimer = setTimeout(() => {
      if (this.state === 'connecting') this.set('offline');
    }, CONNECT_GRACE_MS);
    window.addEventListener('offline', this.onBrowserOffline);
    window.addEventListener('pagehide', this.onPageHide);
  }

  get syncState(): SyncState {
    return this.state;
  }

  /** Calls `fn` with every new sync state; returns the unsubscribe function. */
  onSyncState(fn: (s: SyncState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private onBrowserOffline = () => this.set('offline');

  /** Saves what is not saved yet (the repo batches writes) when the page goes away. */
  private onPageHide = () => void this.repo.flush().catch(() => {});

  private set(state: SyncState) {
    if (this.closed || state === this.state) return;
    this.state = state;
    this.hook.state = state;
    for (const fn of this.listeners) fn(state);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.graceTimer);
    window.removeEventListener('offline', this.onBrowserOffline);
    window.removeEventListener('pagehide', this.onPageHide);
    this.listeners.clear();
    await this.repo.shutdown().catch(() => {});
  }
}

declare global {
  interface Window {
    /** Test hook: the memo's sync state and the text of each open field (editor and document). */
    __kizunaMemo?: {
      state: SyncState;
      /** Each open field's text as the editor shows it. */
      fields: () => Record<string, string>;
      /** Each open field's text in the Automerge document. */
      docs: () => Record<string, unknown>;
      /** Writes pending changes to IndexedDB now. */
      flush: () => Promise<void>;
    };
  }
}

let current: MemoClient | null = null;
let users = 0;
let releaseTimer: ReturnType<typeof setTimeout> | undefined;
let wasmReady: Promise<void> | null = null;

function loadWasm(): Promise<void> {
  if (!wasmReady) {
    wasmReady = isWasmInitialized() ? Promise.resolve() : initializeWasm(wasmUrl);
    wasmReady.catch(() => (wasmReady = null));
  }
  return wasmReady;
}

/** The page's memo client (created on first use); pair every call with {@link releaseMemoClient}. */
export async function acquireMemoClient(): Promise<MemoClient> {
  users++;
  clearTimeout(releaseTimer);
  try {
    await loadWasm();
  } catch (e) {
    users--;
    throw e;
  }
  if (!current) {
    current = new MemoClient();
    window.__kizunaMemo = current.hook;
  }
  return current;
}

export function releaseMemoClient(): void {
  users = Math.max(0, users - 1);
  if (users > 0) return;
  clearTimeout(releaseTimer);
  releaseTimer = setTimeout(closeMemoClient, RELEASE_GRACE_MS);
}

/** Closes the socket now (after logout: the next user gets a socket with their own session). */
export function closeMemoClient(): void {
  clearTimeout(releaseTimer);
  const client = current;
  current = null;
  if (client && window.__kizunaMemo === client.hook) delete window.__kizunaMemo;
  void client?.close();
}

window.addEventListener('kizuna:logout', closeMemoClient);
