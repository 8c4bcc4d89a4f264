import type { Side } from '../types';

/** Wire messages of the room socket (docs/PROTOCOL.md). */
export interface Peer {
  id: string;
  userId?: string;
  /** `GUEST`: a third person the pair invited (2on1). */
  role?: Side | 'GUEST';
  name?: string;
}

export interface Consent {
  MEMBER: boolean;
  MANAGER: boolean;
}

/** `off` while not both consented; `unavailable` (with a reason) when no model can be loaded. */
export type TranscriptionState = 'off' | 'on' | 'degraded' | 'unavailable';

/** Recognised speech: a partial replaces the speaker's previous partial; a final is kept. */
export interface TranscriptMessage {
  type: 'transcript';
  speakerId: string;
  role?: Side;
  text: string;
  final: boolean;
  /** ms from the meeting's start */
  startMs: number;
  endMs: number;
}

/** An SDP description or an ICE candidate, relayed as is by the server. */
export interface SignalData {
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit | null;
}

/** A live hint for the manager (the server never sends these to the member). */
export interface HintMessage {
  type: 'hint';
  id: string;
  /** `cue`: a behavioural cue from the live transcript; `item`: a hint for the current agenda item. */
  kind: 'cue' | 'item';
  cue?: 'TALK_SHARE' | 'ADVICE_PHRASE' | 'NO_QUESTION' | 'TIME_LEFT';
  hintKey?: string;
  text: string;
  topic?: string;
  expectation?: string;
  reason: string;
}

export type ServerMessage =
  | {
      type: 'welcome';
      you: string;
      role: Side | 'GUEST';
      peers: Peer[];
      iceServers?: RTCIceServer[];
      consent?: Consent;
      agendaIndex?: number | null;
      transcription?: { state: TranscriptionState; reason?: string };
    }
  | { type: 'peer-joined'; peer: Peer }
  | { type: 'peer-left'; peerId: string }
  | { type: 'signal'; from: string; data: SignalData }
  | { type: 'agenda.current'; index: number; from?: string }
  | { type: 'consent'; consent: Consent }
  | TranscriptMessage
  | { type: 'transcription'; state: TranscriptionState; reason?: string }
  | HintMessage
  | { type: 'meeting.ended' }
  | { type: 'media-mode'; mode: 'p2p' | 'bridge'; reason?: string }
  | { type: 'bridge-offer'; sdp: string }
  | { type: 'error'; code: string; message?: string };

export type ClientMessage =
  | { type: 'join' }
  | { type: 'signal'; to: string; data: SignalData }
  | { type: 'agenda.current'; index: number }
  | { type: 'consent'; transcription: boolean }
  | { type: 'ice-failed' }
  | { type: 'bridge-answer'; sdp: string }
  | { type: 'leave' };

export function parseServerMessage(raw: unknown): ServerMessage | null {
  if (typeof raw !== 'string') return null;
  try {
    const msg = JSON.parse(raw);
    return msg && typeof msg === 'object' && typeof msg.type === 'string' ? (msg as ServerMessage) : null;
  } catch {
    return null;
  }
}
