#!/usr/bin/env node
// End-to-end test of live transcription against the real server: the member's Chromium plays a
// speech clip as its microphone (--use-file-for-fake-audio-capture), the manager's has the usual
// fake beeps. Nothing streams while only the member has agreed; once both agree, the member's
// audio socket carries 100 ms frames of 16 kHz PCM, the manager's transcript panel shows the
// member's words live (partials, then finals), and a whole pass of the clip scores WER < 0.35.
// Pausing (the member unticks the box) closes the audio socket; ticking again resumes. After
// the meeting ends, GET /api/meetings/{id}/transcript holds the member's speech (WER < 0.35)
// and no segment from before both agreed or from the pause, and the meeting page shows the
// summary proposed from the conversation, which the member accepts.
//
// Run it inside a loopback-only network namespace, like room.e2e.mjs:
//   unshare -n sh -c 'ip link set lo up && KIZUNA_JAR=/abs/server/target/kizuna.jar node web-client/e2e/transcript.e2e.mjs'
// Env: KIZUNA_JAR (required), KIZUNA_SPEECH_WAV (the clip; default
// ../../shared/audio/en_jfk_ask_not.wav from web-client/; its reference text comes from
// TRANSCRIPTS.tsv beside it), CHROMIUM, KIZUNA_WEBROOT_DIR, E2E_run.verbose=1 (see README.md).
// The server must be able to load an English model offline (e.g. KIZUNA_VOSK_MODEL_EN).
//
// Times: the fake microphone loops the clip from the moment the camera starts, so the audio
// heard after both agree starts anywhere in it. WER is therefore taken over the best-matching
// stretch of the transcript (one whole pass), and "nothing before consent" is checked with the
// segments' startMs (ms from the meeting's startedAt) against this script's clock, which is
// the server's (same machine).

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  MANAGER_EMAIL,
  MEMBER_EMAIL,
  assert,
  clipReference,
  E2eRun,
  freePort,
  keep,
  launchChromium,
  setConsent,
  login,
  speechClip,
  startServer,
  waitFor,
  words,
  waitForCall,
} from './harness.mjs';

const SPEECH_WAV = speechClip('KIZUNA_SPEECH_WAV', 'en_jfk_ask_not.wav');
const MAX_WER = 0.35;
/** Member consents alone for this long (ms) before the manager does. */
const SOLO_CONSENT_MS = 3000;
/** Slack (ms) for "no segment before consent": rounding of the server's timestamps. */
const TIME_SLACK_MS = 300;
/** After a pause (ms): audio already in flight and the recogniser's word boundaries. */
const PAUSE_GRACE_MS = 1000;
/** From the end of a stretch of speech to its final line on screen (ms). */
const RECOGNITION_LAG_MS = 3000;
/** Model loading on first consent can take a while. */
const TRANSCRIPTION_ON_TIMEOUT_MS = 45_000;
const WATCHDOG_MS = 220_000;

const run = new E2eRun();
const { log, step } = run;
const audioErrors = [];


/**
 * Word error rate of the stretch of `hyp` that best matches `ref` (edit distance with a free
 * start and end in `hyp`, divided by the reference length): one whole pass of a looping clip.
 */
function windowWer(ref, hyp) {
  let prev = new Array(hyp.length + 1).fill(0); // an empty reference matches anywhere for free
  for (let i = 1; i <= ref.length; i++) {
    const cur = [i];
    for (let j = 1; j <= hyp.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return Math.min(...prev) / ref.length;
}

const STATUS = '[data-testid="transcription-status"]';
const MEMBER_LINES = '[data-testid="transcript-panel"] [data-testid="transcript-line"][data-role="MEMBER"]';

async function transcriptionState(page) {
  const el = page.locator(STATUS);
  return { state: await el.getAttribute('data-state'), text: await el.innerText() };
}

/** Running, possibly behind on a busy machine. */
const RUNNING = ['on', 'degraded'];

/** Waits for the indicator to show one of `states`; fails at once if transcription is unavailable. */
async function waitForTranscription(page, who, states, timeout = 10_000) {
  const wanted = [states].flat();
  let seen = null;
  return waitFor(
    `${who}: transcription ${wanted.join(' or ')}`,
    async () => {
      seen = await transcriptionState(page);
      if (seen.state === 'unavailable') {
        throw Object.assign(new Error(`${who}: transcription unavailable: ${seen.text}`), { fatal: true });
      }
      return wanted.includes(seen.state) ? seen : false;
    },
    { timeout, interval: 100 },
  ).catch((e) => {
    throw e.fatal ? e : new Error(`${e.message}; shown: ${JSON.stringify(seen)}`);
  });
}

/** The text of the member's lines in a transcript panel (finals only, or everything shown). */
async function memberText(page, finalsOnly) {
  const sel = finalsOnly ? `${MEMBER_LINES}[data-final="true"]` : MEMBER_LINES;
  return page.locator(`${sel} [data-testid="transcript-text"]`).evaluateAll((els) => els.map((e) => e.textContent).join(' '));
}

/** GET /api/meetings/{id}/transcript through the page (its session cookie, same origin). */
async function transcriptEndpoint(page, meetingId) {
  return page.evaluate(async (id) => {
    const res = await fetch(`/api/meetings/${encodeURIComponent(id)}/transcript`, { credentials: 'same-origin' });
    return { status: res.status, body: res.ok ? await res.json() : await res.text() };
  }, meetingId);
}

async function main() {
  const jar = process.env.KIZUNA_JAR;
  if (!jar) throw new Error('set KIZUNA_JAR to the server jar (server/target/kizuna.jar)');
  if (!existsSync(SPEECH_WAV)) throw new Error(`speech clip not found: ${SPEECH_WAV} (set KIZUNA_SPEECH_WAV)`);
  const reference = clipReference(SPEECH_WAV);
  const refWords = words(reference.text);
  const keywords = [...new Set(refWords.filter((w) => w.length >= 5))];
  const keywordRe = new RegExp(`\\b(${keywords.join('|')})\\b`, 'i');
  const password = randomBytes(12).toString('base64url');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  await run.startServer({
    base,
    jar,
    port,
    password,
    dataDirPrefix: 'kizuna-transcript-e2e-',
  });

  // Command-line flags are per browser: only the member's microphone plays the clip.
  const memberBrowser = run.track(await launchChromium([`--use-file-for-fake-audio-capture=${SPEECH_WAV}`]));
  const managerBrowser = run.track(await launchChromium());
  const { context: memberCtx, page: member } = await run.open(memberBrowser, base, 'en-US', 'member');
  const { context: managerCtx, page: manager } = await run.open(managerBrowser, base, 'ja-JP', 'manager');
  member.setDefaultTimeout(10_000);
  manager.setDefaultTimeout(10_000);

  // Every audio socket of the member's page, with the size and time of each frame it sends.
  const audioSockets = [];
  member.on('websocket', (ws) => {
    if (!/\/ws\/rooms\/[^/]+\/audio$/.test(ws.url())) return;
    const rec = { openedAt: Date.now(), closedAt: null, frames: [] };
    audioSockets.push(rec);
    ws.on('framesent', ({ payload }) => rec.frames.push({ t: Date.now(), bytes: typeof payload === 'string' ? -1 : payload.length }));
    ws.on('framereceived', ({ payload }) => keep(audioErrors, `${new Date().toISOString()} ${payload}`, 50));
    ws.on('close', () => (rec.closedAt = Date.now()));
  });

  const meetingId = await step('member and manager log in and find the planned meeting', async () => {
    await login(member, MEMBER_EMAIL, password);
    await login(manager, MANAGER_EMAIL, password);
    const res = await memberCtx.request.get('/api/meetings');
    assert(res.status() === 200, `GET /api/meetings: ${res.status()}`);
    const planned = (await res.json()).find((m) => m.status === 'PLANNED' && m.yourRole === 'MEMBER');
    assert(planned, 'no PLANNED meeting with the member role');
    return planned.id;
  });

  await step('both open the room: the call connects, transcription is off and nothing streams', async () => {
    await member.goto(`/meetings/${meetingId}/room`);
    await manager.goto(`/meetings/${meetingId}/room`);
    for (const [page, who] of [
      [member, 'member'],
      [manager, 'manager'],
    ]) {
      await waitForCall(page, who);
      await waitForTranscription(page, who, 'off');
      assert(!(await page.getByTestId('consent-transcription').isChecked()), `${who}: consent box ticked`);
      await page.getByTestId('transcript-panel').waitFor();
    }
    assert(audioSockets.length === 0, 'the member opened an audio socket without consent');
    // Record any member partial the manager's panel ever shows (they are replaced quickly).
    await manager.evaluate((sel) => {
      window.__sawMemberPartial = false;
      new MutationObserver(() => {
        if (document.querySelector(`${sel}[data-final="false"]`)) window.__sawMemberPartial = true;
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    }, MEMBER_LINES);
  });

  await step(`the member agrees alone: nothing streams or is transcribed for ${SOLO_CONSENT_MS} ms`, async () => {
    await setConsent(member, true);
    await manager.locator('[data-testid="transcription-hint"][data-waiting="you"]').waitFor();
    await member.locator('[data-testid="transcription-hint"][data-waiting="other"]').waitFor();
    await new Promise((r) => setTimeout(r, SOLO_CONSENT_MS));
    assert(audioSockets.length === 0, 'the member streams audio although the manager has not agreed');
    for (const [page, who] of [
      [member, 'member'],
      [manager, 'manager'],
    ]) {
      assert((await transcriptionState(page)).state === 'off', `${who}: transcription not off`);
      assert((await page.locator(MEMBER_LINES).count()) === 0, `${who}: member lines before both agreed`);
    }
  });

  const consentAt = Date.now();
  await step('the manager agrees: transcription turns on on both sides and the member streams', async () => {
    await setConsent(manager, true);
    const m = await waitForTranscription(member, 'member', RUNNING, TRANSCRIPTION_ON_TIMEOUT_MS);
    const k = await waitForTranscription(manager, 'manager', RUNNING, TRANSCRIPTION_ON_TIMEOUT_MS);
    assert(k.text.includes('文字起こし中'), `manager (ja) indicator: ${k.text}`);
    log(`member: "${m.text}", manager: "${k.text}"`);
    await waitFor('a member audio socket sending frames', () => audioSockets[0]?.frames.length > 0);
    assert(audioSockets[0].openedAt >= consentAt, 'the audio socket was opened before the manager agreed');
  });

  await step("the manager's panel shows the member's words live", async () => {
    const text = await waitFor(
      `a member line with one of ${keywords.join(', ')}`,
      async () => {
        const t = await memberText(manager, false);
        return keywordRe.test(t) ? t : false;
      },
      { timeout: reference.seconds * 1000 + 25_000, interval: 200 },
    );
    log(`manager sees: "${text}"`);
  });

  await step('the member sends 100 ms frames of 16 kHz 16-bit PCM (3,200 bytes, 10 a second)', async () => {
    const frames = audioSockets.flatMap((s) => s.frames);
    const sizes = [...new Set(frames.map((f) => f.bytes))];
    assert(sizes.length === 1 && sizes[0] === 3200, `frame sizes ${JSON.stringify(sizes)}`);
    // Skip the first second (socket and audio start-up), then count over at least 4 s.
    const from = frames[0].t + 1000;
    await waitFor('4 s of frames', () => Date.now() - from >= 4000, { timeout: 10_000 });
    const later = audioSockets.flatMap((s) => s.frames).filter((f) => f.t >= from);
    const rate = later.length / ((later.at(-1).t - from) / 1000);
    assert(rate > 8 && rate < 12, `${rate.toFixed(2)} frames/s`);
    log(`${rate.toFixed(2)} frames/s`);
  });

  await step(`a whole pass of the clip appears in final lines on the manager's screen (WER < ${MAX_WER})`, async () => {
    // The clip started anywhere: a whole pass has been heard two clip lengths after consent.
    // Before that, a partial pass could score under the threshold on its own.
    const wholePassBy = consentAt + 2 * reference.seconds * 1000 + RECOGNITION_LAG_MS;
    let last = { wer: 1, text: '' };
    const r = await waitFor(
      'a whole pass of the clip in the final lines',
      async () => {
        if (Date.now() < wholePassBy) return false;
        const text = await memberText(manager, true);
        last = { wer: windowWer(refWords, words(text)), text };
        return last.wer < MAX_WER ? last : false;
      },
      { timeout: wholePassBy - Date.now() + 20_000, interval: 500 },
    ).catch((e) => {
      throw new Error(`${e.message}; best WER ${last.wer.toFixed(3)} over "${last.text}"`);
    });
    log(`live WER ${r.wer.toFixed(3)} over "${r.text}"`);
    assert(await manager.evaluate(() => window.__sawMemberPartial), 'the manager never saw a member partial line');
    const times = await manager.locator(`${MEMBER_LINES}[data-final="true"] time`).allInnerTexts();
    assert(times.length > 0 && times.every((x) => /^(\d+:)?\d{2}:\d{2}$/.test(x)), `line times ${JSON.stringify(times)}`);
  });

  const pause = await step('the member pauses: the audio socket closes and nothing streams; ticking resumes', async () => {
    const pausedAt = Date.now();
    await setConsent(member, false);
    await waitForTranscription(member, 'member', 'paused');
    await waitForTranscription(manager, 'manager', 'paused');
    const open = audioSockets.at(-1);
    await waitFor('the member audio socket to close', () => open.closedAt !== null, { timeout: 5000 });
    const sentAtPause = audioSockets.flatMap((s) => s.frames).length;
    await new Promise((r) => setTimeout(r, 2000));
    const sent = audioSockets.flatMap((s) => s.frames).length;
    assert(sent === sentAtPause && audioSockets.at(-1) === open, `${sent - sentAtPause} frames sent while paused`);
    const resumedAt = Date.now();
    await setConsent(member, true);
    await waitForTranscription(member, 'member', RUNNING, TRANSCRIPTION_ON_TIMEOUT_MS);
    await waitForTranscription(manager, 'manager', RUNNING, TRANSCRIPTION_ON_TIMEOUT_MS);
    await waitFor('a new audio socket sending frames', () => audioSockets.at(-1) !== open && audioSockets.at(-1).frames.length > 0);
    // Some speech after the resume, so the last segment is not just the tail of the clip.
    await new Promise((r) => setTimeout(r, 3000));
    return { pausedAt, resumedAt };
  });

  await step('the member ends the meeting; both rooms show it has ended', async () => {
    member.once('dialog', (d) => d.accept());
    await member.getByTestId('meeting-end').click();
    for (const [page, who] of [
      [member, 'member'],
      [manager, 'manager'],
    ]) {
      await waitFor(`${who} state ended`, () => page.evaluate(() => window.__kizuna?.state === 'ended'));
    }
  });

  await step(`GET /api/meetings/{id}/transcript: the member's speech (WER < ${MAX_WER}), nothing before consent or while paused`, async () => {
    const meeting = await (await managerCtx.request.get(`/api/meetings/${meetingId}`)).json();
    const startedAt = Date.parse(meeting.startedAt);
    assert(Number.isFinite(startedAt), `meeting.startedAt: ${meeting.startedAt}`);
    const rel = (t) => t - startedAt;
    let last = null;
    const r = await waitFor(
      'the transcript endpoint to hold a whole pass of the clip',
      async () => {
        last = await transcriptEndpoint(manager, meetingId);
        if (last.status !== 200) return false;
        const mine = (last.body.segments ?? []).filter((s) => s.role === 'MEMBER').sort((a, b) => a.startMs - b.startMs);
        const wer = windowWer(refWords, words(mine.map((s) => s.text).join(' ')));
        return wer < MAX_WER ? { segments: last.body.segments, wer } : false;
      },
      { timeout: 20_000, interval: 500 },
    ).catch((e) => {
      throw new Error(`${e.message}; last answer ${JSON.stringify(last).slice(0, 2000)}`);
    });
    for (const s of r.segments) {
      const where = JSON.stringify(s);
      assert(typeof s.speakerId === 'string' && typeof s.text === 'string', `segment fields: ${where}`);
      assert(s.role === 'MEMBER' || s.role === 'MANAGER', `segment role: ${where}`);
      assert(s.speakerId === (s.role === 'MEMBER' ? meeting.memberId : meeting.managerId), `speakerId does not match the role: ${where}`);
      assert(Number.isFinite(s.startMs) && Number.isFinite(s.endMs) && s.startMs >= 0 && s.endMs >= s.startMs, `segment times: ${where}`);
      assert(typeof s.confidence === 'number' && s.confidence >= 0 && s.confidence <= 1, `segment confidence: ${where}`);
      assert(s.startMs >= rel(consentAt) - TIME_SLACK_MS, `segment starts ${rel(consentAt) - s.startMs} ms before both agreed: ${where}`);
      const inPause = s.startMs >= rel(pause.pausedAt) + PAUSE_GRACE_MS && s.startMs < rel(pause.resumedAt) - TIME_SLACK_MS;
      assert(!inPause, `segment starts during the pause (${rel(pause.pausedAt)}..${rel(pause.resumedAt)} ms): ${where}`);
    }
    const members = r.segments.filter((s) => s.role === 'MEMBER').length;
    log(`transcript: ${r.segments.length} segments (${members} member), WER ${r.wer.toFixed(3)}; consent at ${rel(consentAt)} ms, first segment at ${Math.min(...r.segments.map((s) => s.startMs))} ms`);
  });

  await step('after the meeting the shared memo holds a proposed summary of the conversation; the member accepts it', async () => {
    await member.goto(`/meetings/${meetingId}`);
    const summary = member.locator('[data-testid="summary"][data-status]');
    await waitFor('a proposed summary', async () => (await summary.getAttribute('data-status')) === 'proposed', { timeout: 30_000 });
    const text = await summary.innerText();
    assert(keywordRe.test(text), `the summary does not hold the member's words: ${text.slice(0, 300)}`);
    await member.getByTestId('summary-accept').click();
    await waitFor('summary accepted', async () => (await summary.getAttribute('data-status')) === 'accepted');
    log(`accepted summary: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
  });
}

await run.execute(main, { watchdogMs: WATCHDOG_MS, report: (failed) => {
    if (failed && audioErrors.length) {
      console.log(`--- member audio socket, frames received (last ${audioErrors.length}) ---\n${audioErrors.join('\n')}`);
    }
  } });
