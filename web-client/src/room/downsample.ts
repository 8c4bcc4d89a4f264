/**
 * Sinc lobes kept on each side of the window (counted at the cut-off frequency). 16 with the
 * cut-off below: flat to 6 kHz, -5 dB at 7 kHz, and anything above 8 kHz (which would alias
 * into the speech band) at least 80 dB down.
 */
const LOBES = 16;
/** Fractional positions tabulated between two input samples. */
const PHASES = 64;
/** Cut-off (-6 dB) as a share of the output Nyquist frequency: 7 kHz for 16 kHz output. */
const PASSBAND = 0.88;

/**
 * Streaming low-pass + decimation from any rate down to `outRate`, for browsers whose
 * AudioContext cannot run at 16 kHz on a microphone of another rate (Firefox). Each output
 * sample is a Blackman-windowed sinc FIR evaluated at its (fractional) input position, with
 * the kernel tabulated at PHASES fractional offsets, so 44.1 kHz works as well as 48 kHz.
 */
export class Downsampler {
  private readonly step: number;
  private readonly half: number;
  private readonly kernels: Float32Array[];
  private buf: Float32Array;
  private len: number;
  /** Input position of the next output sample, relative to buf[0]. */
  private pos: number;

  constructor(inRate: number, outRate: number) {
    if (!(inRate >= outRate)) throw new RangeError(`cannot downsample ${inRate} Hz to ${outRate} Hz`);
    this.step = inRate / outRate;
    const fc = (PASSBAND * 0.5) / this.step; // cut-off in cycles per input sample
    this.half = Math.ceil(LOBES / (2 * fc));
    this.kernels = [];
    for (let p = 0; p <= PHASES; p++) this.kernels.push(kernel(fc, this.half, p / PHASES));
    // Start with `half` samples of silence so the first output has a full window behind it.
    this.buf = new Float32Array(4 * this.half + 1024);
    this.len = this.half;
    this.pos = this.half;
  }

  process(input: Float32Array, emit: (sample: number) => void): void {
    if (this.len + input.length > this.buf.length) {
      const grown = new Float32Array(2 * (this.len + input.length));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(input, this.len);
    this.len += input.length;
    const { buf, half, step, kernels } = this;
    const taps = 2 * half;
    while (Math.floor(this.pos) + half < this.len) {
      const i0 = Math.floor(this.pos);
      const k = kernels[Math.round((this.pos - i0) * PHASES)];
      const base = i0 - half + 1;
      let acc = 0;
      for (let j = 0; j < taps; j++) acc += buf[base + j] * k[j];
      emit(acc);
      this.pos += step;
    }
    // Keep only the samples that later outputs still reach.
    const drop = Math.floor(this.pos) - half + 1;
    if (drop > 0) {
      buf.copyWithin(0, drop, this.len);
      this.len -= drop;
      this.pos -= drop;
    }
  }
}

/** Taps for input offsets 1-half .. half around a position `frac` past an input sample, summing to 1. */
function kernel(fc: number, half: number, frac: number): Float32Array {
  const taps = new Float32Array(2 * half);
  let sum = 0;
  for (let j = 0; j < taps.length; j++) {
    const t = j - half + 1 - frac; // distance from the output position, in input samples
    const x = 2 * fc * t;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    const u = t / half; // -1..1 across the window
    const w = Math.abs(u) >= 1 ? 0 : 0.42 + 0.5 * Math.cos(Math.PI * u) + 0.08 * Math.cos(2 * Math.PI * u);
    taps[j] = sinc * w;
    sum += taps[j];
  }
  for (let j = 0; j < taps.length; j++) taps[j] /= sum;
  return taps;
}
