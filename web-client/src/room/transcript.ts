import type { Side, TranscriptSegment } from '../types';
import type { TranscriptMessage } from './messages';

export interface TranscriptLine {
  speakerId: string;
  role: Side | null;
  text: string;
  /** ms from the meeting's start */
  startMs: number;
  endMs: number;
  final: boolean;
}

export interface TranscriptView {
  /** Final lines in time order; the same array until a final line is added. */
  finals: readonly TranscriptLine[];
  /** At most one line in progress per speaker. */
  partials: readonly TranscriptLine[];
}

/**
 * The room's transcript: finals from the room socket and from the transcript endpoint (after a
 * reload or reconnect), and each speaker's partial. It has its own listeners so that partials,
 * several a second, re-render the transcript panel only.
 */
export class TranscriptStore {
  private finals: TranscriptLine[] = [];
  private readonly seen = new Set<string>();
  private readonly partials = new Map<string, TranscriptLine>();
  private current: TranscriptView = { finals: [], partials: [] };
  private readonly listeners = new Set<(v: TranscriptView) => void>();

  get view(): TranscriptView {
    return this.current;
  }

  subscribe(listener: (v: TranscriptView) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  apply(msg: TranscriptMessage): void {
    const line = toLine(msg, msg.final === true);
    if (!line) return;
    if (line.final) {
      this.partials.delete(line.speakerId);
      this.addFinal(line);
      this.publish(true);
    } else {
      if (line.text.trim()) this.partials.set(line.speakerId, line);
      else this.partials.delete(line.speakerId);
      this.publish(false);
    }
  }

  /** Segments from `GET /api/meetings/{id}/transcript`; lines already shown are skipped. */
  merge(segments: readonly TranscriptSegment[]): void {
    let added = false;
    for (const s of segments) {
      const line = toLine(s, true);
      if (line) added = this.addFinal(line) || added;
    }
    if (added) this.publish(true);
  }

  /** Drops lines in progress: recognition paused or the socket reconnected. */
  clearPartials(): void {
    if (this.partials.size === 0) return;
    this.partials.clear();
    this.publish(false);
  }

  private addFinal(line: TranscriptLine): boolean {
    const key = `${line.speakerId}@${line.startMs}`;
    if (this.seen.has(key) || !line.text.trim()) return false;
    this.seen.add(key);
    let i = this.finals.length;
    while (i > 0 && this.finals[i - 1].startMs > line.startMs) i--;
    this.finals.splice(i, 0, line);
    return true;
  }

  private publish(finalsChanged: boolean): void {
    this.current = {
      finals: finalsChanged ? this.finals.slice() : this.current.finals,
      partials: [...this.partials.values()],
    };
    this.listeners.forEach((l) => l(this.current));
  }
}

function toLine(raw: Partial<TranscriptSegment>, final: boolean): TranscriptLine | null {
  if (typeof raw.speakerId !== 'string' || typeof raw.text !== 'string' || !Number.isFinite(raw.startMs)) return null;
  const startMs = raw.startMs as number;
  return {
    speakerId: raw.speakerId,
    role: raw.role === 'MEMBER' || raw.role === 'MANAGER' ? raw.role : null,
    text: raw.text,
    startMs,
    endMs: Number.isFinite(raw.endMs) ? (raw.endMs as number) : startMs,
    final,
  };
}
