import { ReconnectingSocket } from './reconnecting-socket';
import { roomSocketUrl } from './socket';

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
  private readonly socket: ReconnectingSocket;

  constructor(url: string, events: AudioSocketEvents) {
    this.socket = new ReconnectingSocket(
      url,
      {
        message: (data) => {
          if (typeof data !== 'string') return;
          try {
            const msg = JSON.parse(data);
            if (msg?.type === 'error' && typeof msg.code === 'string') events.error(msg.code, msg.message);
          } catch {
            // not JSON: nothing the client could act on
          }
        },
        closed: (code) => events.closed(code),
      },
      { binaryType: 'arraybuffer', healthyMs: HEALTHY_MS },
    );
  }

  start(): void {
    this.socket.start();
  }

  /** Sends one frame if the socket is open and not backed up; audio is live, never queued. */
  send(frame: ArrayBuffer): boolean {
    const ws = this.socket.socket;
    if (!ws || ws.bufferedAmount > MAX_BUFFERED_BYTES) return false;
    ws.send(frame);
    return true;
  }

  stop(): void {
    this.socket.stop();
  }
}
