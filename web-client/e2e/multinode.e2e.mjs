#!/usr/bin/env node
// End-to-end test of a meeting across two Kizuna nodes: a private Redis, the standalone
// embedded database (dev.kizuna.server.db.DatabaseServer) and two server processes from the
// jar, sharing both (REDIS_URL, MONGO_URL). The member's browser talks only to node 1, the
// manager's only to node 2, so everything between them crosses Redis: WebRTC signalling (video
// decoded both ways), the shared memo (each sees the other's typing), consent, and the live
// transcript (the member's speech, transcribed on node 1, shows on the manager's screen).
//
// Run it inside a loopback-only network namespace, like room.e2e.mjs:
//   unshare -n sh -c 'ip link set lo up && KIZUNA_JAR=/abs/server/target/kizuna.jar node web-client/e2e/multinode.e2e.mjs'
// Env: KIZUNA_JAR (required), KIZUNA_SPEECH_WAV (the member's microphone, as in
// transcript.e2e.mjs), REDIS_SERVER (default /usr/bin/redis-server), CHROMIUM,
// KIZUNA_WEBROOT_DIR, E2E_VERBOSE=1 (see README.md). Every process is stopped at the end.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MANAGER_EMAIL,
  MEMBER_EMAIL,
  assert,
  assertMediaFlows,
  call,
  clipReference,
  E2eRun,
  freePort,
  launchChromium,
  login,
  setConsent,
  spawnLogged,
  speechClip,
  startServer,
  typeInto,
  waitFor,
  waitForField,
  waitForHealth,
  waitForLine,
  words,
  waitForCall,
} from './harness.mjs';

const SPEECH_WAV = speechClip('KIZUNA_SPEECH_WAV', 'en_jfk_ask_not.wav');
const REDIS_SERVER = process.env.REDIS_SERVER || '/usr/bin/redis-server';
/** Model loading on first consent can take a while on a busy machine. */
const TRANSCRIPTION_ON_TIMEOUT_MS = 45_000;
const WATCHDOG_MS = 180_000;

const run = new E2eRun();
const { log, step } = run;

/** Starts a node of the pair, tracked for cleanup and for the failure report. */
function startNode(name, options) {
  const proc = startServer({
    ...options,
    dataDirPrefix: `kizuna-multinode-${name}-`,
    onLine: (line, prefix) => {
      if (run.verbose) console.log(`[${name}${prefix}] ${line}`);
    },
  });
  return run.trackProcess(name, proc);
}

/** GET {base}/health: 200 and the database reached through MONGO_URL (not the node's embedded one). */
async function assertSharedDatabase(base) {
  const res = await fetch(`${base}/health`);
  const body = await res.json();
  const mongo = body.checks.find((c) => c.id === 'mongo');
  assert(res.status === 200 && mongo?.status === 'UP' && mongo.data.embedded === false, `${base}/health: ${JSON.stringify(body)}`);
}

async function main() {
  const jar = process.env.KIZUNA_JAR;
  if (!jar) throw new Error('set KIZUNA_JAR to the server jar (server/target/kizuna.jar)');
  if (!existsSync(SPEECH_WAV)) throw new Error(`speech clip not found: ${SPEECH_WAV} (set KIZUNA_SPEECH_WAV)`);
  const keywords = [...new Set(words(clipReference(SPEECH_WAV).text).filter((w) => w.length >= 5))];
  const keywordRe = new RegExp(`\\b(${keywords.join('|')})\\b`, 'i');
  const password = randomBytes(12).toString('base64url');
  const [redisPort, dbPort, port1, port2] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const base1 = `http://127.0.0.1:${port1}`;
  const base2 = `http://127.0.0.1:${port2}`;

  await step('Redis, the standalone database and two nodes sharing them start; node 1 seeds the demo', async () => {
    const redis = run.trackProcess('redis', spawnLogged(REDIS_SERVER, [
      '--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
    ]));
    const dbDir = mkdtempSync(join(tmpdir(), 'kizuna-multinode-db-'));
    const db = run.trackProcess('database', spawnLogged('java', [
      '-cp', jar, 'dev.kizuna.server.db.DatabaseServer', '--port', String(dbPort), '--data-dir', dbDir,
    ]));
    db.dataDir = dbDir;
    await Promise.all([waitForLine(redis, /Ready to accept connections/), waitForLine(db, /Kizuna database listening/)]);
    const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}`, MONGO_URL: `mongodb://127.0.0.1:${dbPort}` };
    // Both at once, like a deployment's nodes; only node 1 seeds the demo pair and meeting.
    const node1 = startNode('node 1', { jar, port: port1, password, env, demo: true });
    const node2 = startNode('node 2', { jar, port: port2, password, env, demo: false });
    await Promise.all([waitForHealth(node1, base1, { timeout: 90_000 }), waitForHealth(node2, base2, { timeout: 90_000 })]);
    await Promise.all([assertSharedDatabase(base1), assertSharedDatabase(base2)]);
  });

  // Command-line flags are per browser: only the member's microphone plays the clip.
  const memberBrowser = run.track(await launchChromium([`--use-file-for-fake-audio-capture=${SPEECH_WAV}`]));
  const managerBrowser = run.track(await launchChromium());
  const { context: memberCtx, page: member } = await run.open(memberBrowser, base1, 'en-US', 'member@node1');
  const { context: managerCtx, page: manager } = await run.open(managerBrowser, base2, 'ja-JP', 'manager@node2');
  member.setDefaultTimeout(10_000);
  manager.setDefaultTimeout(10_000);

  const meetingId = await step('the member logs in on node 1, the manager on node 2; both see the planned meeting', async () => {
    await Promise.all([login(member, MEMBER_EMAIL, password), login(manager, MANAGER_EMAIL, password)]);
    const [mine, theirs] = await Promise.all([memberCtx, managerCtx].map((ctx) => call(ctx, 'GET', '/api/meetings', undefined, 200)));
    const planned = mine.find((m) => m.status === 'PLANNED' && m.yourRole === 'MEMBER');
    assert(planned, 'no PLANNED meeting with the member role on node 1');
    const same = theirs.find((m) => m.id === planned.id);
    assert(same?.yourRole === 'MANAGER', `node 2 shows the manager ${JSON.stringify(same)}`);
    return planned.id;
  });

  await step('both open the room: the call connects across the nodes and video is decoded both ways', async () => {
    await Promise.all([member.goto(`/meetings/${meetingId}/room`), manager.goto(`/meetings/${meetingId}/room`)]);
    for (const [page, who] of [
      [member, 'member'],
      [manager, 'manager'],
    ]) {
      await waitForCall(page, who, { timeout: 30_000 });
    }
    const lines = await Promise.all([assertMediaFlows(member, 'member'), assertMediaFlows(manager, 'manager')]);
    log(lines.join('; '));
  });

  const tag = randomBytes(3).toString('hex');
  const memberText = `The member on node 1 wrote this (${tag}-M).`;
  const managerText = `The manager on node 2 wrote this (${tag}-K).`;
  await step('both type in the shared memo at once; each sees the other side\'s text', async () => {
    for (const page of [member, manager]) {
      await page.locator('[data-testid="memo-sync"][data-state="online"]').first().waitFor({ timeout: 15_000 });
    }
    await Promise.all([typeInto(member, 'memo-field-free', memberText), typeInto(manager, 'memo-field-nextTopics', managerText)]);
    await Promise.all([
      waitForField(manager, 'manager', 'free', "shows the member's text", (t) => t === memberText),
      waitForField(member, 'member', 'nextTopics', "shows the manager's text", (t) => t === managerText),
      waitForField(member, 'member', 'free', 'keeps its own text', (t) => t === memberText),
      waitForField(manager, 'manager', 'nextTopics', 'keeps its own text', (t) => t === managerText),
    ]);
  });

  await step("both consent to transcription; the member's words, transcribed on node 1, show live on the manager's screen", async () => {
    await setConsent(member, true);
    await setConsent(manager, true);
    const status = (page) => page.locator('[data-testid="transcription-status"]');
    await waitFor(
      'transcription running on both sides',
      async () => {
        const states = await Promise.all([member, manager].map((p) => status(p).getAttribute('data-state')));
        if (states.includes('unavailable')) {
          throw Object.assign(new Error(`transcription unavailable: ${await status(member).innerText()}`), { fatal: true });
        }
        return states.every((s) => s === 'on' || s === 'degraded');
      },
      { timeout: TRANSCRIPTION_ON_TIMEOUT_MS, interval: 200 },
    );
    const line = manager
      .locator('[data-testid="transcript-panel"] [data-testid="transcript-line"][data-role="MEMBER"] [data-testid="transcript-text"]')
      .filter({ hasText: keywordRe })
      .first();
    await line.waitFor({ timeout: 40_000 });
    log(`manager on node 2 sees the member say: "${await line.innerText()}"`);
  });
}

await run.execute(main, { watchdogMs: WATCHDOG_MS });
