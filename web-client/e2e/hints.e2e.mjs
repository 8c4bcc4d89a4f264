#!/usr/bin/env node
// End-to-end test of live hints against the real server: the member's agenda has one topic
// where they asked to be listened to; the manager's Chromium plays a long monologue as its
// microphone (--use-file-for-fake-audio-capture). Once both agree to transcription, the
// manager's hint panel shows the current item's hints and, within 30 s, the listening cue
// (the manager did most of the talking); the manager marks it helpful. The member's page never
// receives a hint frame on its room socket and shows no hint panel.
//
// Run it inside a loopback-only network namespace, like room.e2e.mjs:
//   unshare -n sh -c 'ip link set lo up && KIZUNA_JAR=/abs/server/target/kizuna.jar node web-client/e2e/hints.e2e.mjs'
// Env: KIZUNA_JAR (required), KIZUNA_MONOLOGUE_WAV (default
// ../../shared/audio/en_librivox_sonnet001.wav from web-client/), CHROMIUM, E2E_VERBOSE=1.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  MANAGER_EMAIL,
  MEMBER_EMAIL,
  assert,
  E2eRun,
  freePort,
  launchChromium,
  login,
  setConsent,
  speechClip,
  startServer,
  waitFor,
  waitForCall,
} from './harness.mjs';

const MONOLOGUE_WAV = speechClip('KIZUNA_MONOLOGUE_WAV', 'en_librivox_sonnet001.wav');
/** The bound: the listening cue within 30 s of transcription starting. */
const CUE_WITHIN_MS = 30_000;
const WATCHDOG_MS = 150_000;

const run = new E2eRun();
const { log, step } = run;

async function main() {
  const jar = process.env.KIZUNA_JAR;
  if (!jar) throw new Error('set KIZUNA_JAR to the server jar (server/target/kizuna.jar)');
  if (!existsSync(MONOLOGUE_WAV)) throw new Error(`monologue clip not found: ${MONOLOGUE_WAV} (set KIZUNA_MONOLOGUE_WAV)`);
  const password = randomBytes(12).toString('base64url');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  await run.startServer({
    base,
    jar,
    port,
    password,
    dataDirPrefix: 'kizuna-hints-e2e-',
  });

  // Command-line flags are per browser: only the manager's microphone plays the monologue.
  const memberBrowser = run.track(await launchChromium());
  const managerBrowser = run.track(await launchChromium([`--use-file-for-fake-audio-capture=${MONOLOGUE_WAV}`]));
  const { context: memberCtx, page: member } = await run.open(memberBrowser, base, 'en-US', 'member');
  const { context: managerCtx, page: manager } = await run.open(managerBrowser, base, 'en-US', 'manager');

  // Every frame the member's room socket receives: none may be a hint.
  const memberHintFrames = [];
  let memberFrames = 0;
  member.on('websocket', (ws) => {
    if (!/\/ws\/rooms\/[^/]+$/.test(ws.url())) return;
    ws.on('framereceived', ({ payload }) => {
      memberFrames++;
      if (typeof payload === 'string' && /"type"\s*:\s*"hint"/.test(payload)) memberHintFrames.push(payload);
    });
  });

  const meetingId = await step('both log in; the member asks to be listened to on one topic', async () => {
    await login(member, MEMBER_EMAIL, password);
    await login(manager, MANAGER_EMAIL, password);
    const res = await memberCtx.request.get('/api/meetings');
    const planned = (await res.json()).find((m) => m.status === 'PLANNED' && m.yourRole === 'MEMBER');
    assert(planned, 'no PLANNED meeting with the member role');
    const put = await memberCtx.request.put(`/api/meetings/${planned.id}/agenda`, {
      data: { items: [{ topic: 'CONDITION', expectation: 'LISTEN', note: 'I have been sleeping badly' }] },
    });
    assert(put.status() === 200, `PUT agenda: ${put.status()}`);
    return planned.id;
  });

  await step('both open the room and agree to transcription', async () => {
    await member.goto(`/meetings/${meetingId}/room`);
    await manager.goto(`/meetings/${meetingId}/room`);
    for (const [page, who] of [
      [member, 'member'],
      [manager, 'manager'],
    ]) {
      await waitForCall(page, who);
    }
    await manager.getByTestId('hint-panel').waitFor();
    for (const page of [member, manager]) await setConsent(page, true);
    await waitFor(
      'transcription on',
      async () => ['on', 'degraded'].includes(await manager.getByTestId('transcription-status').getAttribute('data-state')),
      { timeout: 45_000 },
    );
  });

  await step(`the manager's panel shows the item's hints and, within ${CUE_WITHIN_MS / 1000} s, the listening cue`, async () => {
    const startedAt = Date.now();
    const cue = manager.locator('[data-testid="hint"][data-cue="TALK_SHARE"]');
    await cue.waitFor({ timeout: CUE_WITHIN_MS });
    log(`listening cue after ${Date.now() - startedAt} ms: "${await cue.innerText()}"`);
    assert((await manager.locator('[data-testid="hint"][data-kind="item"]').count()) > 0, 'no hint for the current item');
  });

  await step('the manager marks the cue helpful and dismisses an item hint', async () => {
    const cue = manager.locator('[data-testid="hint"][data-cue="TALK_SHARE"]').first();
    await cue.getByTestId('hint-helpful').click();
    await waitFor('marked helpful', () => cue.getByTestId('hint-helpful').isDisabled());
    const items = manager.locator('[data-testid="hint"][data-kind="item"]');
    const before = await items.count();
    await items.first().getByTestId('hint-dismiss').click();
    await waitFor('item hint dismissed', async () => (await items.count()) === before - 1);
  });

  await step("the member's page received no hint frame and shows no hint panel", async () => {
    assert(memberFrames > 0, 'the member room socket received nothing at all');
    assert(memberHintFrames.length === 0, `the member received hints: ${memberHintFrames.join(' | ')}`);
    assert((await member.getByTestId('hint-panel').count()) === 0, 'the member page shows a hint panel');
  });
}

await run.execute(main, { watchdogMs: WATCHDOG_MS });
