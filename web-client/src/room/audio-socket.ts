import { backoffDelay } from './backoff';
import { FINAL_CLOSE_CODES, roomSocketUrl } from './socket';

/** Queued audio beyond this (1 s) is dropped rather than delivered late. */
const MAX_BUFFERED_BYTES = 32_000;
/** A connection that lasted this long counts as healthy: the next drop retries quickly again. */
const HEALTHY_MS = 5_000;

export interface AudioSocketEvents {
  /** A `{"type":"error"}` text frame from the server; the socket stays open. */
  error(code: string, message?: string): void;
  /** The server closed with a final code (docs/PROTOCOL.md): no more reconnections. */
  closed(code: number): void;
}

export function audioSocketUrl(meetingId: string, loc: Location = location): string {
  return `${roomSocketUrl(meetingId, loc)}/audio`;
}

/** `GET /ws/rooms/{id}/audio`: sends binary PCM frames, reconnects with backoff after drops. */
export class AudioSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly events: AudioSocketEvents,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  private connect(): void {
    this.timer = undefined;
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    let openedAt = 0;
    ws.onopen = () => {
      openedAt = Date.now();
    };
    ws.onmessage = (ev) => {
      if (ws !== this.ws || typeof ev.data !== 'string') return;
      try {
        const msg = JSON.parse(ev.data);
        if (msg?.type === 'error' && typeof msg.code === 'string') this.events.error(msg.code, msg.message);
      } catch {
        // not JSON: nothing the client could act on
      }
    };
    ws.onclose = (ev) => {
      if (ws !== this.ws) return;
      this.ws = null;
      if (this.stopped) return;
      if (FINAL_CLOSE_CODES.has(ev.code)) {
        this.stopped = true;
        this.events.closed(ev.code);
        return;
      }
      if (openedAt && Date.now() - openedAt >= HEALTHY_MS) this.attempt = 0;
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    this.timer = setTimeout(() => this.connect(), backoffDelay(this.attempt++));
  }

  /** Sends one frame if the socket is open and not backed up; audio is live, never queued. */
  send(frame: ArrayBuffer): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || ws.bufferedAmount > MAX_BUFFERED_BYTES) return false;
    ws.send(frame);
    return true;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000);
  }
}
