import { ReconnectingSocket } from './reconnecting-socket';
import { parseServerMessage, type ClientMessage, type ServerMessage } from './messages';

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
  private readonly socket: ReconnectingSocket;

  constructor(url: string, events: RoomSocketEvents) {
    this.socket = new ReconnectingSocket(url, {
      opened: (ws) => ws.send(JSON.stringify({ type: 'join' } satisfies ClientMessage)),
      message: (data) => {
        const msg = parseServerMessage(data);
        if (!msg) return;
        if (msg.type === 'welcome') this.socket.resetBackoff();
        events.message(msg);
      },
      dropped: (code, delayMs) => events.dropped(code, delayMs),
      closed: (code, reason) => events.closed(code, reason),
    });
  }

  start(): void {
    this.socket.start();
  }

  /** Sends when connected; returns false if the message could not be sent now. */
  send(msg: ClientMessage): boolean {
    const ws = this.socket.socket;
    if (!ws) return false;
    ws.send(JSON.stringify(msg));
    return true;
  }

  /** Drops the current connection and joins again at once (as a new peer id). */
  rejoin(): void {
    this.socket.reconnectNow(4000, 'rejoin');
  }

  /** Leaves the room (the server answers by closing with 1000) and stops reconnecting. */
  leave(): void {
    this.send({ type: 'leave' });
    this.stop();
  }

  stop(): void {
    this.socket.stop();
  }
}
