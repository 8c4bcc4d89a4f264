import type { Side } from '../types';

/** Wire messages of the room socket (docs/PROTOCOL.md). */
export interface Peer {
  id: string;
  userId?: string;
  role?: Side;
  name?: string;
}

export interface Consent {
  MEMBER: boolean;
  MANAGER: boolean;
}

/** An SDP description or an ICE candidate, relayed as is by the server. */
export interface SignalData {
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit | null;
}

export type ServerMessage =
  | {
      type: 'welcome';
      you: string;
      role: Side;
      peers: Peer[];
      iceServers?: RTCIceServer[];
      consent?: Consent;
      agendaIndex?: number | null;
    }
  | { type: 'peer-joined'; peer: Peer }
  | { type: 'peer-left'; peerId: string }
  | { type: 'signal'; from: string; data: SignalData }
  | { type: 'agenda.current'; index: number; from?: string }
  | { type: 'consent'; consent: Consent }
  | { type: 'meeting.ended' }
  | { type: 'error'; code: string; message?: string };

export type ClientMessage =
  | { type: 'join' }
  | { type: 'signal'; to: string; data: SignalData }
  | { type: 'agenda.current'; index: number }
  | { type: 'consent'; transcription: boolean }
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
