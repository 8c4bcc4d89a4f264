export interface BridgeLinkEvents {
  /** The SDP answer to send as `bridge-answer`. */
  answer(sdp: string): void;
  /** A remote participant's track arrived (one stream per participant, by their msid). */
  track(ev: RTCTrackEvent): void;
  stateChange(state: RTCPeerConnectionState): void;
}

/** How long an answer waits for ICE gathering: the bridge gets the candidates in one go. */
const GATHER_LIMIT_MS = 3000;

/**
 * The peer connection to Jitsi Videobridge. The server offers (built from the bridge's colibri2
 * allocation, docs/PROTOCOL.md `bridge-offer`): mids 0 and 1 take our own audio and video, every
 * later pair of m-sections brings another participant. Each offer is answered in turn, after ICE
 * gathering, so that the answer carries our candidates (the bridge takes no trickle here).
 */
export class BridgeLink {
  readonly pc: RTCPeerConnection;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    config: RTCConfiguration,
    private readonly local: MediaStream | null,
    private readonly events: BridgeLinkEvents,
  ) {
    const pc = new RTCPeerConnection({ ...config, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    this.pc = pc;
    pc.ontrack = (ev) => this.events.track(ev);
    pc.onconnectionstatechange = () => {
      if (!this.closed) this.events.stateChange(pc.connectionState);
    };
  }

  /** Applies an offer from the bridge; offers are answered one at a time, in order. */
  handleOffer(sdp: string): void {
    this.queue = this.queue
      .then(() => this.answer(sdp))
      .catch((err) => {
        if (!this.closed) console.warn('[kizuna] bridge offer failed', err);
      });
  }

  private async answer(sdp: string): Promise<void> {
    if (this.closed) return;
    const pc = this.pc;
    await pc.setRemoteDescription({ type: 'offer', sdp });
    for (const t of pc.getTransceivers()) {
      const kind = t.mid === '0' ? 'audio' : t.mid === '1' ? 'video' : null;
      const track = kind ? this.local?.getTracks().find((x) => x.kind === kind) : undefined;
      if (track && t.sender.track !== track) {
        await t.sender.replaceTrack(track);
        t.sender.setStreams(this.local!);
        t.direction = 'sendonly';
      }
    }
    await pc.setLocalDescription(await pc.createAnswer());
    await this.gathered();
    if (!this.closed && pc.localDescription) this.events.answer(pc.localDescription.sdp);
  }

  private gathered(): Promise<void> {
    const pc = this.pc;
    if (pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, GATHER_LIMIT_MS);
      function done() {
        clearTimeout(timer);
        pc.removeEventListener('icegatheringstatechange', check);
        resolve();
      }
      function check() {
        if (pc.iceGatheringState === 'complete') done();
      }
      pc.addEventListener('icegatheringstatechange', check);
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }
}
