import { backoffDelay } from './backoff';

/** Close codes after which reconnecting cannot help (docs/PROTOCOL.md). */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([1000, 4401, 4403, 4404, 4409, 4410]);

export interface ReconnectingSocketEvents {
  /** A fresh connection opened (e.g. send `join`). */
  opened?(ws: WebSocket): void;
  /** A frame arrived on the current connection. */
  message(data: unknown): void;
  /** The connection dropped and will be made again after `delayMs`. */
  dropped?(code: number, delayMs: number): void;
  /** The server closed with a final code: no more reconnections. */
  closed(code: number, reason: string): void;
}

export interface ReconnectingSocketOptions {
  binaryType?: BinaryType;
  /** A connection that lasted this long counts as healthy: the next drop retries quickly again. */
  healthyMs?: number;
}

/**
 * One WebSocket that reconnects after drops with exponential backoff and full jitter
 * (`backoffDelay`), until it is stopped or the server closes with a final code. In a deployment of
 * several nodes the reconnection lands on whichever node the load balancer picks.
 */
export class ReconnectingSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly events: ReconnectingSocketEvents,
    private readonly options: ReconnectingSocketOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** The open connection, if any. */
  get socket(): WebSocket | null {
    const ws = this.ws;
    return ws && ws.readyState === WebSocket.OPEN ? ws : null;
  }

  /** The connection works end to end (e.g. the room answered `join`): the next drop retries quickly. */
  resetBackoff(): void {
    this.attempt = 0;
  }

  /** Drops the current connection (closing it with `code`) and connects again at once. */
  reconnectNow(code: number, reason: string): void {
    if (this.stopped) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(code, reason);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000);
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
    if (this.options.binaryType) ws.binaryType = this.options.binaryType;
    this.ws = ws;
    let openedAt = 0;
    ws.onopen = () => {
      if (ws !== this.ws) return;
      openedAt = Date.now();
      this.events.opened?.(ws);
    };
    ws.onmessage = (ev) => {
      if (ws === this.ws && !this.stopped) this.events.message(ev.data);
    };
    ws.onclose = (ev) => {
      if (ws !== this.ws) return;
      this.ws = null;
      if (this.stopped) return;
      if (FINAL_CLOSE_CODES.has(ev.code)) {
        this.stopped = true;
        this.events.closed(ev.code, ev.reason);
        return;
      }
      const healthyMs = this.options.healthyMs;
      if (healthyMs !== undefined && openedAt && Date.now() - openedAt >= healthyMs) this.attempt = 0;
      this.scheduleReconnect(ev.code);
    };
  }

  private scheduleReconnect(code: number): void {
    const delay = backoffDelay(this.attempt++);
    this.events.dropped?.(code, delay);
    this.timer = setTimeout(() => this.connect(), delay);
  }
}
