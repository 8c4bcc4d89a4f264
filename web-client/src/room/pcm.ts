/** Audio socket format (docs/PROTOCOL.md): 16 kHz, 16-bit little-endian, mono PCM. */
export const PCM_RATE = 16_000;
/** 100 ms per binary frame: 1,600 samples, 3,200 bytes. */
export const FRAME_SAMPLES = PCM_RATE / 10;
/** The AudioWorkletProcessor registered by pcm-worklet.ts. */
export const PCM_PROCESSOR = 'kizuna-pcm';

/** Packs float samples (-1..1) into Int16 LE frames of `samples` samples each. */
export class PcmFramer {
  private view: DataView;
  private filled = 0;

  constructor(
    private readonly emit: (frame: ArrayBuffer) => void,
    private readonly samples = FRAME_SAMPLES,
  ) {
    this.view = new DataView(new ArrayBuffer(samples * 2));
  }

  push(sample: number): void {
    const s = Math.max(-1, Math.min(1, sample));
    // Asymmetric scale so that -1 and 1 both map to the ends of the int16 range; NaN becomes 0.
    this.view.setInt16(this.filled * 2, Math.round(s < 0 ? s * 0x8000 : s * 0x7fff) || 0, true);
    if (++this.filled === this.samples) {
      const full = this.view.buffer as ArrayBuffer;
      // A fresh buffer per frame: the full one is transferred to the main thread.
      this.view = new DataView(new ArrayBuffer(this.samples * 2));
      this.filled = 0;
      this.emit(full);
    }
  }

  pushAll(block: Float32Array): void {
    for (let i = 0; i < block.length; i++) this.push(block[i]);
  }
}
