// AudioWorklet module (AudioWorkletGlobalScope), bundled on its own by Vite through the
// `?worker&url` import in audio-capture.ts. Posts one transferable ArrayBuffer of 16 kHz
// Int16 LE mono PCM per 100 ms to the node's port.
import { Downsampler } from './downsample';
import { PCM_PROCESSOR, PCM_RATE, PcmFramer } from './pcm';

// The worklet scope's globals (TypeScript's DOM library describes the window instead).
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

class PcmCaptureProcessor extends AudioWorkletProcessor {
  private readonly framer = new PcmFramer((frame) => this.port.postMessage(frame, [frame]));
  /** Null when the context already runs at 16 kHz (the browser resampled the microphone). */
  private readonly downsampler = sampleRate === PCM_RATE ? null : new Downsampler(sampleRate, PCM_RATE);
  private readonly push = (sample: number) => this.framer.push(sample);

  process(inputs: Float32Array[][]): boolean {
    // The node mixes its input down to one channel (channelCount 1, explicit).
    const mono = inputs[0]?.[0];
    if (mono) {
      if (this.downsampler) this.downsampler.process(mono, this.push);
      else this.framer.pushAll(mono);
    }
    return true;
  }
}

registerProcessor(PCM_PROCESSOR, PcmCaptureProcessor);
