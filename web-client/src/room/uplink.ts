import { startCapture, type Capture } from './audio-capture';
import { AudioSocket, audioSocketUrl } from './audio-socket';

export interface UplinkEvents {
  /** The microphone could not be tapped (no AudioWorklet, e.g. plain http, or no audio device). */
  failed(err: unknown): void;
  /** An error frame from the audio socket. */
  error(code: string, message?: string): void;
}

/**
 * Streams one microphone track to the audio socket while the room says so. Each streaming
 * period gets its own socket and capture, and ends with both closed: a pause, a mute or
 * leaving sends nothing at all, and the server sees the end of the stream.
 */
export class TranscriptionUplink {
  private track: MediaStreamTrack | null = null;
  private socket: AudioSocket | null = null;
  private capture: Capture | null = null;
  private generation = 0;

  constructor(
    private readonly meetingId: string,
    private readonly events: UplinkEvents,
  ) {}

  /** Streams `track`, or nothing when null; repeating the current track changes nothing. */
  set(track: MediaStreamTrack | null): void {
    if (track === this.track) return;
    this.close();
    this.track = track;
    if (!track) return;
    const generation = this.generation;
    const socket = new AudioSocket(audioSocketUrl(this.meetingId), {
      error: (code, message) => this.events.error(code, message),
      closed: (code) => console.warn('[kizuna] audio socket closed', code),
    });
    this.socket = socket;
    socket.start();
    startCapture(track, (frame) => socket.send(frame)).then(
      (capture) => {
        if (generation === this.generation) this.capture = capture;
        else capture.stop();
      },
      (err) => {
        if (generation !== this.generation) return;
        // Keep `track`, so the same request does not retry in a loop; a new one will.
        socket.stop();
        this.socket = null;
        this.events.failed(err);
      },
    );
  }

  /** Stops streaming (leaving the room). */
  close(): void {
    this.generation++;
    this.capture?.stop();
    this.socket?.stop();
    this.capture = null;
    this.socket = null;
    this.track = null;
  }
}
