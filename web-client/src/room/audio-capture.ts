import { PCM_PROCESSOR, PCM_RATE } from './pcm';
import workletUrl from './pcm-worklet?worker&url';

export interface Capture {
  stop(): void;
}

/**
 * Taps the call's own microphone track (no second getUserMedia, no clone: muting the call
 * mutes this too) and calls `onFrame` with each 100 ms frame of 16 kHz Int16 LE mono PCM.
 */
export async function startCapture(track: MediaStreamTrack, onFrame: (frame: ArrayBuffer) => void): Promise<Capture> {
  const { ctx, source } = openContext(new MediaStream([track]));
  const unlock = () => void ctx.resume();
  const gestures = ['pointerdown', 'keydown'] as const;
  const stopListening = () => gestures.forEach((g) => window.removeEventListener(g, unlock, true));
  try {
    await ctx.audioWorklet.addModule(workletUrl);
    const node = new AudioWorkletNode(ctx, PCM_PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCount: 1,
      channelCountMode: 'explicit',
      channelInterpretation: 'speakers',
    });
    node.port.onmessage = (ev: MessageEvent) => {
      if (ev.data instanceof ArrayBuffer) onFrame(ev.data);
    };
    source.connect(node);
    // Connected to the destination so that every browser pulls the graph; the processor writes
    // no output, so nothing is heard.
    node.connect(ctx.destination);
    if (ctx.state !== 'running') {
      // Autoplay policy: a context made without a user gesture (e.g. after a reload) starts
      // suspended; the next click or key press starts it.
      gestures.forEach((g) => window.addEventListener(g, unlock, true));
      ctx.onstatechange = () => ctx.state === 'running' && stopListening();
      void ctx.resume();
    }
    return {
      stop() {
        stopListening();
        node.port.onmessage = null;
        source.disconnect();
        node.disconnect();
        void ctx.close();
      },
    };
  } catch (err) {
    stopListening();
    void ctx.close();
    throw err;
  }
}

/**
 * A 16 kHz context, so the browser resamples the microphone (Chromium, Safari). Firefox refuses
 * to connect a stream of another rate: then a context at the device rate, and the worklet
 * low-passes and decimates itself.
 */
function openContext(stream: MediaStream): { ctx: AudioContext; source: MediaStreamAudioSourceNode } {
  let ctx: AudioContext | null = null;
  try {
    ctx = new AudioContext({ sampleRate: PCM_RATE });
    return { ctx, source: ctx.createMediaStreamSource(stream) };
  } catch {
    void ctx?.close();
  }
  ctx = new AudioContext();
  try {
    return { ctx, source: ctx.createMediaStreamSource(stream) };
  } catch (err) {
    void ctx.close();
    throw err;
  }
}
