import { api } from '../api';
import type { Side } from '../types';
import { BridgeLink } from './bridge';
import { getLocalMedia, stopMedia } from './media';
import type { Consent, HintMessage, Peer, ServerMessage, SignalData, TranscriptionState } from './messages';
import { PeerLink } from './peer';
import { RoomSocket, roomSocketUrl } from './socket';
import { TranscriptStore } from './transcript';
import { TranscriptionUplink } from './uplink';

export type RoomState =
  | 'idle'
  | 'connecting' // opening the socket
  | 'waiting' // in the room, the other person is not
  | 'negotiating' // the other person is there, media not yet connected
  | 'connected'
  | 'reconnecting' // socket dropped or media connection lost
  | 'left'
  | 'ended'
  | 'replaced'
  | 'forbidden'
  | 'notFound'
  | 'unauthorized';

/** States after which the session is over. */
export const FINAL_STATES: ReadonlySet<RoomState> = new Set(['left', 'ended', 'replaced', 'forbidden', 'notFound', 'unauthorized']);

export interface RoomSnapshot {
  state: RoomState;
  /** `GUEST`: the pair's invited third person, who is never transcribed and sees no transcript. */
  role: Side | 'GUEST' | null;
  remote: Peer | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  /** On the bridge: the streams of participants beyond the first (a 2on1's third person). */
  extraStreams: MediaStream[];
  /** `bridge` once the server moved the room to Jitsi Videobridge (`media-mode`). */
  mediaMode: 'p2p' | 'bridge';
  mediaIncomplete: boolean;
  micOn: boolean;
  cameraOn: boolean;
  agendaIndex: number | null;
  consent: Consent;
  /** The server's last `transcription` message; null until one arrives. */
  transcription: { state: TranscriptionState; reason?: string } | null;
  /** Transcription has been on during this visit (so "off" now means paused). */
  transcriptionRan: boolean;
  /** This browser cannot stream its microphone for transcription. */
  captureFailed: boolean;
  /** Live hints for the manager, newest first (the member never gets any). */
  hints: ShownHint[];
}

/** A live hint as shown: dismissed ones are gone, `helpful` once the manager marked it. */
export interface ShownHint extends HintMessage {
  helpful: boolean;
}

/** How many live hints the panel keeps. */
const MAX_HINTS = 6;

declare global {
  interface Window {
    /** Test hook: the current peer connection and room state. */
    __kizuna?: { pc: RTCPeerConnection | null; state: RoomState };
  }
}

/** Logs room traffic to the console when localStorage has `kizuna.debug`. */
const debug = (() => {
  try {
    return !!localStorage.getItem('kizuna.debug');
  } catch {
    return false;
  }
})();

const CLOSE_CODE_STATES: Record<number, RoomState> = {
  1000: 'left',
  4401: 'unauthorized',
  4403: 'forbidden',
  4404: 'notFound',
  4409: 'replaced',
  4410: 'ended',
};

/** One participant's presence in a meeting room: socket, local media and the peer connection. */
export class RoomSession {
  private snap: RoomSnapshot = {
    state: 'idle',
    role: null,
    remote: null,
    localStream: null,
    remoteStream: null,
    extraStreams: [],
    mediaMode: 'p2p',
    mediaIncomplete: false,
    micOn: true,
    cameraOn: true,
    agendaIndex: null,
    consent: { MEMBER: false, MANAGER: false },
    transcription: null,
    transcriptionRan: false,
    captureFailed: false,
    hints: [],
  };
  private readonly listeners = new Set<(s: RoomSnapshot) => void>();
  private readonly socket: RoomSocket;
  private readonly hook = { pc: null as RTCPeerConnection | null, state: 'idle' as RoomState };
  private me: string | null = null;
  private iceServers: RTCIceServer[] = [];
  private link: PeerLink | null = null;
  private bridge: BridgeLink | null = null;
  /** Peer ids that left or were replaced: late signals from them are dropped. */
  private readonly gone = new Set<string>();
  private readonly onPageHide = () => this.socket.send({ type: 'leave' });
  /** Live transcript lines (own listeners: partials change several times a second). */
  readonly transcript = new TranscriptStore();
  private readonly uplink: TranscriptionUplink;

  constructor(readonly meetingId: string) {
    this.socket = new RoomSocket(roomSocketUrl(meetingId), {
      message: (msg) => this.onMessage(msg),
      dropped: (code, delay) => {
        if (debug) console.debug('[kizuna] socket dropped', code, 'retry in', delay);
        this.closeLink();
        this.closeBridge();
        this.update({ state: 'reconnecting' });
      },
      closed: (code, reason) => {
        if (debug) console.debug('[kizuna] socket closed', code, reason);
        this.finish(CLOSE_CODE_STATES[code] ?? 'ended');
      },
    });
    this.uplink = new TranscriptionUplink(meetingId, {
      failed: (err) => {
        console.warn('[kizuna] microphone not available for transcription', err);
        this.update({ captureFailed: true });
      },
      error: (code, message) => {
        // no-consent: frames that crossed a consent withdrawal; the consent message follows.
        if (code !== 'no-consent' || debug) console.warn('[kizuna] audio error', code, message);
      },
    });
    window.__kizuna = this.hook;
  }

  get snapshot(): RoomSnapshot {
    return this.snap;
  }

  subscribe(listener: (s: RoomSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snap);
    return () => this.listeners.delete(listener);
  }

  private update(patch: Partial<RoomSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    this.hook.state = this.snap.state;
    this.hook.pc = this.link?.pc ?? this.bridge?.pc ?? null;
    this.listeners.forEach((l) => l(this.snap));
    this.uplink.set(this.streamedTrack());
  }

  /** The microphone track to stream for transcription now, if any. */
  private streamedTrack(): MediaStreamTrack | null {
    const s = this.snap;
    const allowed =
      s.role !== 'GUEST' && s.consent.MEMBER && s.consent.MANAGER && s.transcription?.state !== 'unavailable';
    if (this.over || !allowed || !s.micOn) return null;
    return s.localStream?.getAudioTracks()[0] ?? null;
  }

  private get over(): boolean {
    return FINAL_STATES.has(this.snap.state);
  }

  async start(): Promise<void> {
    this.update({ state: 'connecting' });
    const { stream, complete } = await getLocalMedia();
    if (this.over) {
      stopMedia(stream);
      return;
    }
    this.update({ localStream: stream, mediaIncomplete: !complete });
    window.addEventListener('pagehide', this.onPageHide);
    this.socket.start();
  }

  private onMessage(msg: ServerMessage): void {
    if (debug) console.debug('[kizuna] <-', msg.type === 'signal' ? `signal from ${msg.from} ${Object.keys(msg.data ?? {})}` : JSON.stringify(msg));
    if (this.over) return;
    switch (msg.type) {
      case 'welcome': {
        this.me = msg.you;
        this.iceServers = Array.isArray(msg.iceServers) ? msg.iceServers : [];
        this.closeLink();
        this.closeBridge();
        const others = (msg.peers ?? []).filter((p) => p.id !== msg.you);
        const remote = others.find((p) => p.role && p.role !== msg.role) ?? others[0] ?? null;
        this.update({
          role: msg.role,
          consent: msg.consent ?? this.snap.consent,
          agendaIndex: typeof msg.agendaIndex === 'number' ? msg.agendaIndex : this.snap.agendaIndex,
        });
        if (msg.transcription) this.applyTranscription(msg.transcription.state, msg.transcription.reason);
        if (remote) this.openLink(remote, false); // we are the newcomer: we offer
        else this.update({ state: 'waiting', remote: null });
        if (msg.role !== 'GUEST') this.loadTranscript();
        break;
      }
      case 'media-mode':
        if (msg.mode === 'bridge' && this.snap.mediaMode !== 'bridge') {
          this.closeLink();
          this.update({ mediaMode: 'bridge', state: 'negotiating' });
        }
        break;
      case 'bridge-offer':
        if (typeof msg.sdp === 'string') this.openBridge().handleOffer(msg.sdp);
        break;
      case 'peer-joined':
        if (this.snap.mediaMode === 'bridge') {
          if (!this.snap.remote && msg.peer?.id !== this.me) this.update({ remote: msg.peer });
          break;
        }
        if (msg.peer?.id && msg.peer.id !== this.me && msg.peer.id !== this.link?.remoteId) {
          if (this.link) this.gone.add(this.link.remoteId);
          this.closeLink();
          this.openLink(msg.peer, true); // the newcomer offers; we answer
        }
        break;
      case 'peer-left':
        this.gone.add(msg.peerId);
        if (this.snap.mediaMode === 'bridge') break;
        if (msg.peerId === this.link?.remoteId) {
          this.closeLink();
          this.update({ state: 'waiting', remote: null });
        }
        break;
      case 'signal': {
        if (this.snap.mediaMode === 'bridge') break;
        if (!msg.from || msg.from === this.me || this.gone.has(msg.from)) break;
        if (msg.from !== this.link?.remoteId) {
          // A signal from a peer we have not been told about yet: connect to it lazily.
          if (this.link) this.gone.add(this.link.remoteId);
          this.closeLink();
          this.openLink({ id: msg.from }, true);
        }
        this.link?.handle(msg.data);
        break;
      }
      case 'agenda.current':
        if (typeof msg.index === 'number') this.update({ agendaIndex: msg.index });
        break;
      case 'consent':
        if (msg.consent) this.update({ consent: msg.consent });
        break;
      case 'transcript':
        this.transcript.apply(msg);
        break;
      case 'transcription':
        this.applyTranscription(msg.state, msg.reason);
        break;
      case 'hint':
        this.update({ hints: [{ ...msg, helpful: false }, ...this.snap.hints.filter((h) => h.id !== msg.id)].slice(0, MAX_HINTS) });
        break;
      case 'meeting.ended':
        this.finish('ended');
        break;
      case 'error':
        console.warn('[kizuna] room error', msg.code, msg.message);
        break;
    }
  }

  /** Final lines said while this page was away (first join, reload, reconnection). */
  private loadTranscript(): void {
    this.transcript.clearPartials();
    api.transcript(this.meetingId).then(
      (r) => this.transcript.merge(Array.isArray(r?.segments) ? r.segments : []),
      (err) => {
        if (debug) console.debug('[kizuna] transcript not loaded', err);
      },
    );
  }

  /** How long the side already in the room waits for the newcomer's first offer. */
  private static readonly AWAIT_OFFER_MS = 2000;

  private openLink(peer: Peer, awaitOffer: boolean): void {
    this.gone.delete(peer.id);
    const remoteStream = new MediaStream();
    const options = {
      polite: this.snap.role === 'MEMBER',
      awaitOfferMs: awaitOffer ? RoomSession.AWAIT_OFFER_MS : 0,
    };
    const link: PeerLink = new PeerLink(peer.id, { iceServers: this.iceServers }, this.snap.localStream, {
      signal: (data: SignalData) => {
        const sent = this.link === link && this.socket.send({ type: 'signal', to: peer.id, data });
        if (debug) console.debug('[kizuna] -> signal', peer.id, data.description?.type ?? 'candidate', sent ? 'sent' : 'NOT SENT');
      },
      track: (ev) => {
        if (this.link !== link) return;
        if (!remoteStream.getTracks().includes(ev.track)) remoteStream.addTrack(ev.track);
        this.update({ remoteStream });
      },
      debug: debug ? (what) => console.debug('[kizuna] pc', peer.id, what) : undefined,
      stuck: () => {
        if (this.link !== link || this.over) return;
        // Rejoin: both sides get fresh connections (we come back as a new peer id and offer).
        this.closeLink();
        this.update({ state: 'reconnecting', remote: null });
        this.socket.rejoin();
      },
      stateChange: (state) => {
        if (debug) console.debug('[kizuna] pc', peer.id, state);
        if (this.link !== link || this.over) return;
        if (state === 'connected') this.update({ state: 'connected' });
        else if (state === 'disconnected' || state === 'failed') this.update({ state: 'reconnecting' });
        // In auto mode the server then moves the room to the bridge; otherwise this changes nothing.
        if (state === 'failed') this.socket.send({ type: 'ice-failed' });
        else if (state === 'connecting' || state === 'new') this.update({ state: 'negotiating' });
      },
    }, options);
    this.link = link;
    this.update({ state: 'negotiating', remote: peer, remoteStream: null });
  }

  /** The connection to the bridge, created at the first `bridge-offer`. */
  private openBridge(): BridgeLink {
    if (this.bridge) return this.bridge;
    const streams = new Map<string, MediaStream>();
    const bridge: BridgeLink = new BridgeLink({ iceServers: this.iceServers }, this.snap.localStream, {
      answer: (sdp) => {
        if (this.bridge === bridge) this.socket.send({ type: 'bridge-answer', sdp });
      },
      track: (ev) => {
        if (this.bridge !== bridge) return;
        const id = ev.streams[0]?.id ?? ev.track.id;
        const stream = streams.get(id) ?? new MediaStream();
        if (!stream.getTracks().includes(ev.track)) stream.addTrack(ev.track);
        streams.set(id, stream);
        const all = [...streams.values()];
        this.update({ remoteStream: all[0] ?? null, extraStreams: all.slice(1) });
      },
      stateChange: (state) => {
        if (this.bridge !== bridge || this.over) return;
        if (state === 'connected') this.update({ state: 'connected' });
        else if (state === 'disconnected' || state === 'failed') this.update({ state: 'reconnecting' });
      },
    });
    this.bridge = bridge;
    this.update({ mediaMode: 'bridge' });
    return bridge;
  }

  private closeBridge(): void {
    const bridge = this.bridge;
    if (!bridge) return;
    this.bridge = null;
    bridge.close();
    this.update({ remoteStream: null, extraStreams: [], mediaMode: 'p2p' });
  }

  private closeLink(): void {
    const link = this.link;
    if (!link) return;
    this.link = null;
    link.close();
    this.update({ remoteStream: null });
  }

  private finish(state: RoomState): void {
    if (this.over) return;
    this.socket.stop();
    this.uplink.close();
    this.transcript.clearPartials();
    this.closeLink();
    this.closeBridge();
    stopMedia(this.snap.localStream);
    window.removeEventListener('pagehide', this.onPageHide);
    this.update({ state, localStream: null, remoteStream: null, remote: null });
  }

  /** Leaves the room for good (navigation away or the leave button). */
  leave(): void {
    if (this.over) return;
    this.socket.leave();
    this.finish('left');
  }

  /** The meeting was ended from this side (the server will also broadcast meeting.ended). */
  markEnded(): void {
    this.finish('ended');
  }

  setMic(on: boolean): void {
    this.snap.localStream?.getAudioTracks().forEach((t) => (t.enabled = on));
    this.update({ micOn: on });
  }

  setCamera(on: boolean): void {
    this.snap.localStream?.getVideoTracks().forEach((t) => (t.enabled = on));
    this.update({ cameraOn: on });
  }

  selectAgenda(index: number): void {
    if (this.socket.send({ type: 'agenda.current', index })) this.update({ agendaIndex: index });
  }

  /** Where transcription stands, from `welcome` or a `transcription` message. */
  private applyTranscription(state: TranscriptionState, reason: unknown): void {
    if (state !== 'on' && state !== 'degraded') this.transcript.clearPartials();
    this.update({
      transcription: { state, reason: typeof reason === 'string' ? reason : undefined },
      transcriptionRan: this.snap.transcriptionRan || state === 'on' || state === 'degraded',
    });
  }

  /** Hides a live hint. */
  dismissHint(id: string): void {
    this.update({ hints: this.snap.hints.filter((h) => h.id !== id) });
  }

  /** Marks a live hint helpful on the server (stored for the hint library). */
  async markHintHelpful(id: string): Promise<void> {
    await api.markHintHelpful(this.meetingId, id);
    this.update({ hints: this.snap.hints.map((h) => (h.id === id ? { ...h, helpful: true } : h)) });
  }

  setConsent(transcription: boolean): void {
    this.socket.send({ type: 'consent', transcription });
  }
}
