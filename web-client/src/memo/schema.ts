// The shapes of Kizuna's memo documents (Automerge, synced over /ws/memo) and the text fields
// the editor binds. No Automerge import here: the main bundle may use these types cheaply.

import type { Side, Summary } from '../types';

/** One promise made in the meeting. `owner`, `id` and `due` are atomic strings, `what` is text. */
export interface MemoPromise {
  id: string;
  owner: Side;
  what: string;
  /** ISO date (YYYY-MM-DD) or absent. */
  due?: string;
  done: boolean;
}

export interface MemoItem {
  topic: string;
  expectation: string;
  notes: string;
}

/** The shared memo both participants edit. Every `string` below except topic/expectation is Automerge text. */
export interface SharedMemo {
  schemaVersion: number;
  items: MemoItem[];
  keepInMind: { member: string; manager: string };
  nextTopics: string;
  promises: MemoPromise[];
  free: string;
  /** The proposed or accepted summary, written by the server (absent until one is proposed). */
  summary?: SummaryDoc;
}

/**
 * The summary section. `status`, `producedBy`, `topic`, `owner` and `due` are atomic strings; `points`,
 * `what`, the keep-in-mind fields and `nextTopics` are text with one line per entry.
 */
export interface SummaryDoc {
  status: string;
  producedBy: string;
  items: { agendaIndex: number; topic: string; points: string }[];
  promises: { owner: string; what: string; due?: string }[];
  keepInMind: { MEMBER: string; MANAGER: string };
  nextTopics: string;
}

/** A participant's own notes; only that participant can load the document. */
export interface PrivateNotes {
  schemaVersion: number;
  notes: string;
}

/** `GET /api/meetings/{id}/memo`. */
export interface MemoRendering {
  document: SharedMemo;
  text: string;
  summary: Summary | null;
  updatedAt: string;
}

/** A bound text field: its key (used in test ids and presence) and its path in the document. */
export interface TextFieldRef {
  key: string;
  path: (string | number)[];
}

export const itemField = (index: number): TextFieldRef => ({ key: `item-${index}`, path: ['items', index, 'notes'] });
export const KEEP_MEMBER: TextFieldRef = { key: 'keepInMind-member', path: ['keepInMind', 'member'] };
export const KEEP_MANAGER: TextFieldRef = { key: 'keepInMind-manager', path: ['keepInMind', 'manager'] };
export const NEXT_TOPICS: TextFieldRef = { key: 'nextTopics', path: ['nextTopics'] };
export const FREE: TextFieldRef = { key: 'free', path: ['free'] };
export const PRIVATE_NOTES: TextFieldRef = { key: 'private', path: ['notes'] };
export const summaryPoints = (index: number): TextFieldRef => ({
  key: `summary-item-${index}`,
  path: ['summary', 'items', index, 'points'],
});
export const summaryPromise = (index: number): TextFieldRef => ({
  key: `summary-promise-${index}`,
  path: ['summary', 'promises', index, 'what'],
});
export const summaryKeep = (side: Side): TextFieldRef => ({
  key: `summary-keep-${side}`,
  path: ['summary', 'keepInMind', side],
});
export const SUMMARY_NEXT: TextFieldRef = { key: 'summary-nextTopics', path: ['summary', 'nextTopics'] };

/** The value at `path` in a document, or undefined. */
export function valueAt(doc: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = doc;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/**
 * A string value of the document whether it was written as text (a JS string) or as an atomic
 * string (Automerge's ImmutableString, which reads back as an object).
 */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'val' in v && typeof (v as { val: unknown }).val === 'string') {
    return (v as { val: string }).val;
  }
  return undefined;
}
