import { backoffDelay } from './backoff';
import { parseServerMessage, type ClientMessage, type ServerMessage } from './messages';

/** Close codes after which reconnecting cannot help (docs/PROTOCOL.md). */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([1000, 4401, 4403, 4404, 4409, 4410]);

export interface RoomSocketEvents {
  /** Any server message; `welcome` also resets the backoff. */
  message(msg: ServerMessage): void;
  /** The socket dropped and will reconnect after `delayMs`. */
  dropped(code: number, delayMs: number): void;
  /** The socket closed for good with a final code. */
  closed(code: number, reason: string): void;
}

export function roomSocketUrl(meetingId: string, loc: Location = location): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/ws/rooms/${encodeURIComponent(meetingId)}`;
}

/** The room socket: sends `join` on every (re)connect and reconnects with backoff after drops. */
export class RoomSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly events: RoomSocketEvents,
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
      this.scheduleReconnect(1006);
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (ws === this.ws) ws.send(JSON.stringify({ type: 'join' } satisfies ClientMessage));
    };
    ws.onmessage = (ev) => {
      if (ws !== this.ws || this.stopped) return;
      const msg = parseServerMessage(ev.data);
      if (!msg) return;
      if (msg.type === 'welcome') this.attempt = 0;
      this.events.message(msg);
    };
    ws.onclose = (ev) => {
      if (ws !== this.ws) return;
      this.ws = null;
      if (this.stopped) return;
      if (FINAL_CLOSE_CODES.has(ev.code)) {
        this.stopped = true;
        this.events.closed(ev.code, ev.reason);
      } else {
        this.scheduleReconnect(ev.code);
      }
    };
  }

  private scheduleReconnect(code: number): void {
    const delay = backoffDelay(this.attempt++);
    this.events.dropped(code, delay);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** Sends when connected; returns false if the message could not be sent now. */
  send(msg: ClientMessage): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(msg));
    return true;
  }

  /** Drops the current connection and joins again at once (as a new peer id). */
  rejoin(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(4000, 'rejoin');
    this.connect();
  }

  /** Leaves the room (the server answers by closing with 1000) and stops reconnecting. */
  leave(): void {
    this.send({ type: 'leave' });
    this.stop();
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
