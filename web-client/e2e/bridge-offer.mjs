// Does Chromium accept the SDP offer Kizuna builds from a Jitsi Videobridge allocation?
// Usage: node e2e/bridge-offer.mjs <offer.sdp> <answer.sdp>
// Sets the offer as remote description, sends a canvas video track and an oscillator audio track
// on the offer's own m-sections (mids 0 and 1, as web-client/src/room/bridge.ts does), creates
// the answer, waits for ICE gathering, and writes the answer. No bridge answers, so no media
// flows: run it in a loopback-only network namespace (unshare -n) so that ICE checks towards the
// offer's candidates never leave the machine. Prints PASS or FAIL with the reason.

import { readFileSync, writeFileSync } from 'node:fs';
import { launchChromium } from './harness.mjs';

const [offerFile, answerFile] = process.argv.slice(2);
const offer = readFileSync(offerFile, 'utf8');
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const result = await page.evaluate(async (sdp) => {
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    await pc.setRemoteDescription({ type: 'offer', sdp });
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    canvas.getContext('2d').fillRect(0, 0, 10, 10);
    const video = canvas.captureStream(15).getVideoTracks()[0];
    const audioContext = new AudioContext();
    const destination = audioContext.createMediaStreamDestination();
    audioContext.createOscillator().connect(destination);
    const audio = destination.stream.getAudioTracks()[0];
    const stream = new MediaStream([audio, video]);
    for (const t of pc.getTransceivers()) {
      const track = t.mid === '0' ? audio : t.mid === '1' ? video : null;
      if (track) {
        await t.sender.replaceTrack(track);
        t.sender.setStreams(stream);
        t.direction = 'sendonly';
      }
    }
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    await new Promise((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
      setTimeout(resolve, 5000);
    });
    const remoteTracks = pc.getTransceivers().filter((t) => t.receiver.track && t.currentDirection !== 'inactive')
      .map((t) => `${t.mid}:${t.receiver.track.kind}:${t.currentDirection}`);
    return { sdp: pc.localDescription.sdp, remoteTracks, signaling: pc.signalingState };
  }, offer);
  writeFileSync(answerFile, result.sdp);
  console.log(`tracks ${result.remoteTracks.join(' ')} signaling ${result.signaling}`);
  console.log(result.signaling === 'stable' ? 'PASS' : `FAIL signaling state ${result.signaling}`);
} catch (e) {
  console.log(`FAIL ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
