import type { SignalData } from './messages';

export interface PeerLinkEvents {
  signal(data: SignalData): void;
  track(ev: RTCTrackEvent): void;
  stateChange(state: RTCPeerConnectionState): void;
  /** The connection does not come up and restarting ICE is not expected to help: replace it. */
  stuck(): void;
  debug?(what: string): void;
}

export interface PeerLinkOptions {
  /** The member's side is polite: on an offer collision it rolls back and answers. */
  polite: boolean;
  /**
   * The remote peer has just arrived and will offer itself: hold our own first offer this long
   * (ms) so that the usual start needs no collision. 0 offers at once.
   */
  awaitOfferMs?: number;
  /** First check that the connection is up, this long after it was created (ms). */
  iceWatchdogMs?: number;
}

/**
 * One RTCPeerConnection to one remote peer id, negotiated with the "perfect negotiation"
 * pattern: either side may offer at any time; on a collision the polite side rolls back and
 * answers, the impolite side ignores the other offer.
 *
 * Two additions keep set-up quick and robust: the side that was in the room first waits briefly
 * for the newcomer's offer instead of offering at the same moment, and a watchdog restarts ICE
 * when the connection does not come up or drops. Chromium sometimes never gathers ICE candidates
 * again after the implicit rollback of a first offer (seen with Chromium 14x on loopback): a
 * polite side that rolled back and is not connected when the watchdog fires reports itself
 * `stuck`, and so does any polite side whose ICE restart did not help; the session then rejoins
 * the room, which gives both sides fresh connections.
 */
export class PeerLink {
  readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswerPending = false;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private holdingFirstOffer: boolean;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private watchdogRounds = 0;
  private rolledBack = false;
  private readonly polite: boolean;
  private readonly iceWatchdogMs: number;

  constructor(
    readonly remoteId: string,
    config: RTCConfiguration,
    local: MediaStream | null,
    private readonly events: PeerLinkEvents,
    options: PeerLinkOptions,
  ) {
    this.polite = options.polite;
    // The impolite side restarts ICE first; the polite side only if that did not happen.
    this.iceWatchdogMs = options.iceWatchdogMs ?? (this.polite ? 5000 : 4000);
    const pc = new RTCPeerConnection(config);
    this.pc = pc;

    const awaitOfferMs = options.awaitOfferMs ?? 0;
    this.holdingFirstOffer = awaitOfferMs > 0;
    if (this.holdingFirstOffer) {
      this.holdTimer = setTimeout(() => {
        // No offer came: offer ourselves.
        this.holdingFirstOffer = false;
        if (!this.closed && !pc.remoteDescription && pc.signalingState === 'stable') void this.offer();
      }, awaitOfferMs);
    }

    for (const kind of ['audio', 'video'] as const) {
      const tracks = local?.getTracks().filter((t) => t.kind === kind) ?? [];
      if (local && tracks.length > 0) tracks.forEach((t) => pc.addTrack(t, local));
      else pc.addTransceiver(kind, { direction: 'recvonly' });
    }

    pc.onnegotiationneeded = () => {
      if (this.holdingFirstOffer) {
        this.events.debug?.('holding first offer');
        return;
      }
      void this.offer();
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate && !this.closed) this.events.signal({ candidate: candidate.toJSON() });
    };
    pc.ontrack = (ev) => this.events.track(ev);
    if (events.debug) {
      pc.onsignalingstatechange = () => events.debug?.(`signaling ${pc.signalingState}`);
      pc.onicegatheringstatechange = () => events.debug?.(`gathering ${pc.iceGatheringState}`);
      pc.oniceconnectionstatechange = () => events.debug?.(`ice ${pc.iceConnectionState}`);
    }
    pc.onconnectionstatechange = () => {
      if (this.closed) return;
      const state = pc.connectionState;
      if (state === 'connected') {
        this.watchdogRounds = 0;
        this.disarmWatchdog();
      } else if (state === 'failed') {
        this.restartIce('failed');
      } else if (state === 'disconnected') {
        this.armWatchdog();
      }
      this.events.stateChange(state);
    };
    this.armWatchdog();
  }

  private async offer(): Promise<void> {
    const pc = this.pc;
    try {
      this.makingOffer = true;
      await pc.setLocalDescription();
      if (!this.closed && pc.localDescription) this.events.signal({ description: pc.localDescription.toJSON() });
    } catch (err) {
      if (!this.closed) console.warn('[kizuna] offer failed', err);
    } finally {
      this.makingOffer = false;
    }
  }

  private armWatchdog(): void {
    if (this.closed || this.watchdog !== undefined) return;
    const delay = this.iceWatchdogMs * 2 ** Math.min(this.watchdogRounds, 3);
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      if (this.closed || this.pc.connectionState === 'connected') return;
      this.watchdogRounds++;
      if (this.polite && (this.rolledBack || this.watchdogRounds > 1)) {
        this.events.debug?.('stuck');
        this.events.stuck();
        return;
      }
      this.restartIce('watchdog');
      this.armWatchdog();
    }, delay);
  }

  private disarmWatchdog(): void {
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private restartIce(why: string): void {
    this.events.debug?.(`restart ICE (${why})`);
    this.holdingFirstOffer = false;
    this.pc.restartIce(); // fires negotiationneeded: an ICE-restart offer, collisions handled as usual
  }

  /** Applies a signal from the remote peer; signals are processed one at a time, in order. */
  handle(data: SignalData): void {
    this.queue = this.queue
      .then(() => this.process(data))
      .catch((err) => {
        if (!this.closed) console.warn('[kizuna] signal failed', err);
      });
  }

  private async process(data: SignalData): Promise<void> {
    if (this.closed || !data || typeof data !== 'object') return;
    const pc = this.pc;
    const description = data.description;
    if (description) {
      if (this.holdingFirstOffer) {
        this.holdingFirstOffer = false;
        clearTimeout(this.holdTimer);
      }
      const readyForOffer =
        !this.makingOffer && (pc.signalingState === 'stable' || this.settingRemoteAnswerPending);
      const offerCollision = description.type === 'offer' && !readyForOffer;
      this.ignoreOffer = !this.polite && offerCollision;
      if (this.ignoreOffer) return;
      if (offerCollision) this.rolledBack = true;
      this.settingRemoteAnswerPending = description.type === 'answer';
      try {
        await pc.setRemoteDescription(description); // rolls back our own offer when polite
      } finally {
        this.settingRemoteAnswerPending = false;
      }
      if (description.type === 'offer') {
        await pc.setLocalDescription();
        if (!this.closed && pc.localDescription) this.events.signal({ description: pc.localDescription.toJSON() });
      }
    } else if (data.candidate) {
      try {
        await pc.addIceCandidate(data.candidate);
      } catch (err) {
        if (!this.ignoreOffer) throw err;
      }
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.holdTimer);
    this.disarmWatchdog();
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.onsignalingstatechange = null;
    this.pc.onicegatheringstatechange = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.close();
  }
}
