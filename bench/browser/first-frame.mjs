#!/usr/bin/env node
// Benchmark: join-to-first-decoded-frame time of a 1on1 room in headless Chromium.
//
// One server (the jar, --demo, fresh data dir) and one Chromium with two contexts (member and
// manager, fake camera/microphone). Each round one side is already in the room ("present") and
// the other ("joiner") navigates to /meetings/{id}/room. Measured, all in milliseconds:
//   - joiner: navigation start -> first remote video frame on the joiner's page, and
//     room-socket `welcome` -> that frame (plus nav -> DOMContentLoaded / camera / welcome);
//   - present side: joiner's navigation start (and joiner's `welcome`) -> first remote video
//     frame on the present side's page.
// "First frame" is the first requestVideoFrameCallback on <video data-testid="remote-video">,
// taken at the frame's metadata.presentationTime (decoded and handed to the compositor).
// BENCH_METHOD=stats polls getStats() inbound-rtp framesDecoded every 20 ms in the page instead.
// Joiner times are in-page (one clock, origin = navigation start). Present-side times compare
// performance.timeOrigin + now() across the two renderer processes of the same machine.
// Between rounds the side that joins next leaves (navigates to the meeting page), so every round
// is a fresh join; with ALTERNATE=1 (default) the joiner alternates member, manager, member...
//
// Run (loopback-only network namespace, like web-client/e2e/room.e2e.mjs):
//   cd /work/main && unshare -n sh -c 'ip link set lo up && KIZUNA_JAR=$PWD/server/target/kizuna.jar node bench/browser/first-frame.mjs'
// Env: KIZUNA_JAR (required), ROUNDS (10), WARMUP (1 unmeasured round first), ALTERNATE (1),
// SETTLE_MS (1000), BENCH_METHOD (rvfc | stats), BENCH_JSON (write raw figures to this file),
// CHROMIUM, KIZUNA_WEBROOT_DIR (passed to the server), E2E_VERBOSE=1 (server output).

import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import {
  MANAGER_EMAIL,
  MEMBER_EMAIL,
  contextOptions,
  freePort,
  keep,
  launchChromium,
  login,
  removeDataDir,
  startServer,
  stopServer,
  waitFor,
  waitForHealth,
} from '../../web-client/e2e/harness.mjs';

const ROUNDS = intEnv('ROUNDS', 10, 1);
const WARMUP = intEnv('WARMUP', 1, 0);
const ALTERNATE = process.env.ALTERNATE !== '0';
const SETTLE_MS = intEnv('SETTLE_MS', 1000, 0);
const METHOD = process.env.BENCH_METHOD === 'stats' ? 'stats' : 'rvfc';
const FRAME_TIMEOUT_MS = 20_000;
const WATCHDOG_MS = 120_000 + (ROUNDS + WARMUP) * 45_000;
const VERBOSE = process.env.E2E_VERBOSE === '1';

const started = Date.now();
const browserLog = [];
let server = null;
let browser = null;
let cleanedUp = false;

function intEnv(name, dflt, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got ${raw}`);
  return n;
}

function log(line) {
  console.error(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
}

/**
 * Injected into every page before its own scripts. Records (as performance.timeOrigin + now(),
 * i.e. epoch milliseconds with sub-ms resolution) when the camera stream arrives, when the room
 * socket's `welcome` arrives, and the first remote video frame after `__bench.arm()`. Armed at
 * once on load (the joiner), re-armed by the benchmark on the present side before each join.
 */
function probe(method) {
  const abs = (t = performance.now()) => performance.timeOrigin + t;
  const b = { timeOrigin: performance.timeOrigin, media: null, wsCreated: null, welcome: null, frame: null, method };
  window.__bench = b;

  const md = navigator.mediaDevices;
  if (md?.getUserMedia) {
    const gum = md.getUserMedia.bind(md);
    md.getUserMedia = async (constraints) => {
      const stream = await gum(constraints);
      if (b.media === null) b.media = abs();
      return stream;
    };
  }

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      if (b.wsCreated === null) b.wsCreated = abs();
      // Registered before the app sets onmessage, so this runs first for each message.
      this.addEventListener('message', (ev) => {
        if (b.welcome !== null || typeof ev.data !== 'string' || !ev.data.includes('welcome')) return;
        const at = abs();
        try {
          if (JSON.parse(ev.data).type === 'welcome') b.welcome = at;
        } catch {}
      });
    }
  };

  let stop = () => {};
  let generation = 0;
  b.arm = () => {
    stop(); // also cancels video frame callbacks still pending from an earlier arm()
    const gen = ++generation;
    b.armedAt = abs();
    b.frame = null;
    let resolve;
    b.firstFrame = new Promise((r) => (resolve = r));
    const done = (frame) => {
      if (gen !== generation || b.frame) return;
      b.frame = frame;
      stop();
      resolve(frame);
    };
    if (method === 'stats' || !('requestVideoFrameCallback' in HTMLVideoElement.prototype)) {
      const timer = setInterval(async () => {
        const pc = window.__kizuna?.pc;
        if (!pc) return;
        const report = await pc.getStats();
        let decoded = 0;
        report.forEach((r) => {
          if (r.type === 'inbound-rtp' && r.kind === 'video') decoded += r.framesDecoded ?? 0;
        });
        if (decoded > 0) done({ at: abs(), method: 'stats', framesDecoded: decoded });
      }, 20);
      stop = () => clearInterval(timer);
      return;
    }
    const hooked = new Map(); // video -> pending callback handle
    const scan = () => {
      document.querySelectorAll('video[data-testid="remote-video"]').forEach((video) => {
        if (hooked.has(video)) return;
        hooked.set(video, video.requestVideoFrameCallback((now, meta) => {
          done({
            at: abs(meta.presentationTime),
            callback: abs(now),
            receive: typeof meta.receiveTime === 'number' ? abs(meta.receiveTime) : null,
            width: meta.width,
            height: meta.height,
            presentedFrames: meta.presentedFrames,
            method: 'rvfc',
          });
        }));
      });
    };
    const observer = new MutationObserver(scan);
    observer.observe(document, { childList: true, subtree: true });
    stop = () => {
      observer.disconnect();
      hooked.forEach((handle, video) => video.cancelVideoFrameCallback(handle));
      hooked.clear();
    };
    scan();
  };
  b.arm();
}

function watch(page, who) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') keep(browserLog, `[${who}:${msg.type()}] ${msg.text()}`);
  });
  page.on('pageerror', (e) => keep(browserLog, `[${who}:pageerror] ${e.message}`));
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** The page's room state is `waiting` and its remote <video> shows nothing. */
function waitingAlone(page, who) {
  return waitFor(
    `${who}: room state waiting with an empty remote video`,
    () =>
      page.evaluate(() => {
        const v = document.querySelector('video[data-testid="remote-video"]');
        return window.__kizuna?.state === 'waiting' && !!v && v.srcObject === null;
      }),
    { timeout: 15_000, interval: 50 },
  );
}

/** One join: `joiner` navigates to the room while `present` is already in it. */
async function round(joiner, present, roomUrl) {
  await present.page.evaluate(() => window.__bench.arm());
  const gotoAt = Date.now();
  await joiner.page.goto(roomUrl);
  const [j, p] = await withTimeout(
    Promise.all([
      joiner.page.evaluate(async () => {
        const b = window.__bench;
        await b.firstFrame;
        const nav = performance.getEntriesByType('navigation')[0];
        const { arm, firstFrame, ...plain } = b;
        return { ...plain, domContentLoaded: nav ? b.timeOrigin + nav.domContentLoadedEventEnd : null };
      }),
      present.page.evaluate(async () => {
        const b = window.__bench;
        await b.firstFrame;
        const { arm, firstFrame, ...plain } = b;
        return plain;
      }),
    ]),
    FRAME_TIMEOUT_MS,
    'the first remote video frame on both sides',
  ).catch(async (e) => {
    const look = (page) =>
      page
        .evaluate(() => {
          const v = document.querySelector('video[data-testid="remote-video"]');
          const { arm, firstFrame, ...b } = window.__bench ?? {};
          return {
            url: location.pathname,
            state: window.__kizuna?.state,
            pc: window.__kizuna?.pc?.connectionState ?? null,
            video: v ? { srcObject: !!v.srcObject, readyState: v.readyState, paused: v.paused, w: v.videoWidth } : null,
            bench: b,
          };
        })
        .catch((err) => err.message);
    throw new Error(`${e.message}; ${joiner.who}: ${JSON.stringify(await look(joiner.page))}; ${present.who}: ${JSON.stringify(await look(present.page))}`);
  });
  const nav = j.timeOrigin;
  const ms = (t, from) => (t === null || from === null ? null : t - from);
  return {
    joiner: joiner.who,
    present: present.who,
    navToDomContentLoaded: ms(j.domContentLoaded, nav),
    navToCamera: ms(j.media, nav),
    navToWelcome: ms(j.welcome, nav),
    joinerFromNav: ms(j.frame.at, nav),
    joinerFromWelcome: ms(j.frame.at, j.welcome),
    joinerNavToReceive: j.frame.receive === undefined ? null : ms(j.frame.receive, nav),
    presentFromJoinerNav: ms(p.frame.at, nav),
    presentFromJoinerWelcome: ms(p.frame.at, j.welcome),
    presentArmedBeforeNav: nav - p.armedAt,
    gotoCallToNavStart: nav - gotoAt,
    method: j.frame.method,
    joinerFrameSize: j.frame.width ? `${j.frame.width}x${j.frame.height}` : null,
  };
}

// ---- statistics and output

function sorted(values) {
  return values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
}

function median(s) {
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Nearest-rank percentile. */
function percentile(s, p) {
  return s.length === 0 ? null : s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

const fmt = (v) => (v === null || v === undefined ? '–' : Math.round(v).toString());

function summaryRow(label, values) {
  const s = sorted(values);
  return `| ${label} | ${s.length} | ${fmt(median(s))} | ${fmt(percentile(s, 90))} | ${fmt(s[0])} | ${fmt(s.at(-1))} |`;
}

const METRICS = [
  ['joinerFromNav', 'joiner: navigation → first remote frame'],
  ['joinerFromWelcome', 'joiner: `welcome` → first remote frame'],
  ['presentFromJoinerNav', 'present side: joiner navigation → first remote frame'],
  ['presentFromJoinerWelcome', 'present side: joiner `welcome` → first remote frame'],
  ['navToDomContentLoaded', 'joiner: navigation → DOMContentLoaded'],
  ['navToCamera', 'joiner: navigation → camera stream'],
  ['navToWelcome', 'joiner: navigation → `welcome`'],
];

function report(rows, notes) {
  const out = [];
  out.push(`### Join-to-first-frame, per round (ms)`, '');
  out.push(
    '| round | joiner | nav→DCL | nav→camera | nav→welcome | joiner: nav→frame | joiner: welcome→frame | present: joiner nav→frame | present: joiner welcome→frame |',
  );
  out.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    out.push(
      `| ${r.label} | ${r.joiner} | ${fmt(r.navToDomContentLoaded)} | ${fmt(r.navToCamera)} | ${fmt(r.navToWelcome)} | ${fmt(r.joinerFromNav)} | ${fmt(r.joinerFromWelcome)} | ${fmt(r.presentFromJoinerNav)} | ${fmt(r.presentFromJoinerWelcome)} |`,
    );
  }
  const measured = rows.filter((r) => !r.warmup);
  out.push('', `### Summary over ${measured.length} measured rounds (ms; median of an even count = mean of the middle two, p90 = nearest rank)`, '');
  out.push('| metric | n | median | p90 | min | max |', '|---|---:|---:|---:|---:|---:|');
  for (const [key, label] of METRICS) out.push(summaryRow(label, measured.map((r) => r[key])));
  const joiners = [...new Set(measured.map((r) => r.joiner))];
  if (joiners.length > 1) {
    for (const who of joiners) {
      const mine = measured.filter((r) => r.joiner === who);
      out.push(summaryRow(`joiner = ${who}: joiner nav → frame`, mine.map((r) => r.joinerFromNav)));
      out.push(summaryRow(`joiner = ${who}: present side joiner nav → frame`, mine.map((r) => r.presentFromJoinerNav)));
    }
  }
  out.push('', '### Machine notes', '');
  for (const [k, v] of Object.entries(notes)) out.push(`- ${k}: ${v}`);
  return out.join('\n');
}

// ---- main

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  await stopServer(server).catch(() => {});
  removeDataDir(server);
}

async function main() {
  const jar = process.env.KIZUNA_JAR;
  if (!jar) throw new Error('set KIZUNA_JAR to the server jar (server/target/kizuna.jar)');
  const loadBefore = loadavg();
  const password = randomBytes(12).toString('base64url');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  log(`starting the server on port ${port}`);
  server = startServer({
    jar,
    port,
    password,
    dataDirPrefix: 'kizuna-bench-',
    onLine: (line, prefix) => {
      if (VERBOSE) console.error(`[server${prefix}] ${line}`);
    },
  });
  await waitForHealth(server, base);

  browser = await launchChromium();
  const side = async (who, email, locale) => {
    const context = await browser.newContext(contextOptions(base, locale));
    await context.addInitScript(probe, METHOD);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    watch(page, who);
    await login(page, email, password);
    return { who, context, page };
  };
  const member = await side('member', MEMBER_EMAIL, 'en-US');
  const manager = await side('manager', MANAGER_EMAIL, 'ja-JP');

  const res = await member.context.request.get('/api/meetings');
  if (res.status() !== 200) throw new Error(`GET /api/meetings: ${res.status()}`);
  const meeting = (await res.json()).find((m) => m.status === 'PLANNED' && m.yourRole === 'MEMBER');
  if (!meeting) throw new Error('no PLANNED demo meeting for the member');
  const roomUrl = `/meetings/${meeting.id}/room`;
  const meetingUrl = `/meetings/${meeting.id}`;

  // Joiner of run k (warm-ups first): measured round i joins the member when i is even.
  const total = WARMUP + ROUNDS;
  const joinerOf = (k) => {
    const i = k - WARMUP;
    return !ALTERNATE || ((i % 2) + 2) % 2 === 0 ? member : manager;
  };
  const other = (s) => (s === member ? manager : member);

  // Start: the first round's present side waits in the room, the joiner on the meeting page.
  const first = joinerOf(0);
  await first.page.goto(meetingUrl);
  await other(first).page.goto(roomUrl);
  await waitingAlone(other(first).page, other(first).who);

  const rows = [];
  for (let k = 0; k < total; k++) {
    const joiner = joinerOf(k);
    const present = other(joiner);
    const label = k < WARMUP ? `warm-up ${k + 1}` : String(k - WARMUP + 1);
    const row = { label, warmup: k < WARMUP, ...(await round(joiner, present, roomUrl)) };
    rows.push(row);
    log(
      `${label}: ${joiner.who} joins — joiner nav→frame ${fmt(row.joinerFromNav)} ms (welcome→frame ${fmt(row.joinerFromWelcome)}), ` +
        `${present.who} joiner-nav→frame ${fmt(row.presentFromJoinerNav)} ms`,
    );
    if (k + 1 === total) break;
    // The next joiner leaves the room (pagehide sends `leave`), and the side that stays must
    // have dropped the call before the next join.
    const next = joinerOf(k + 1);
    await next.page.goto(meetingUrl);
    await waitingAlone(other(next).page, other(next).who);
    // Settle: the left room page's teardown (peer connection close, capture stop, old renderer)
    // and the server's peer-left handling finish asynchronously after the state flips; on two
    // cores they would otherwise share the CPU with the next round's page load and negotiation.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
  }
  const loadAfter = loadavg();

  const la = (l) => l.map((v) => v.toFixed(2)).join(' / ');
  const measured = rows.filter((r) => !r.warmup);
  const notes = {
    cores: `${cpus().length} (${cpus()[0]?.model?.trim() ?? 'unknown'})`,
    chromium: `${browser.version()} (${process.env.CHROMIUM || '/usr/bin/chromium'}, headless, --disable-gpu, fake camera/microphone)`,
    node: process.version,
    'load average 1/5/15 min': `before ${la(loadBefore)}, after ${la(loadAfter)}`,
    'rounds': `${ROUNDS} measured + ${WARMUP} warm-up, ${ALTERNATE ? 'joiner alternates member/manager' : 'member always joins'}, settle ${SETTLE_MS} ms between rounds`,
    'first-frame method': METHOD === 'rvfc' ? 'requestVideoFrameCallback presentationTime on the remote <video>' : 'getStats framesDecoded > 0, polled every 20 ms in the page',
    'remote frame size': [...new Set(measured.map((r) => r.joinerFrameSize).filter(Boolean))].join(', ') || 'n/a',
    'goto() call → navigation start (clock sanity, median)': `${fmt(median(sorted(measured.map((r) => r.gotoCallToNavStart))))} ms`,
  };
  console.log(report(rows, notes));
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ notes, rows }, null, 2));
}

const watchdog = setTimeout(async () => {
  console.error(`bench watchdog: still running after ${WATCHDOG_MS} ms`);
  await cleanup();
  process.exit(1);
}, WATCHDOG_MS);

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await cleanup();
    process.exit(130);
  });
}

let failed = false;
try {
  await main();
} catch (e) {
  failed = true;
  console.error(`bench failed: ${e?.stack ?? e}`);
  if (browserLog.length) console.error(`--- browser console (last ${browserLog.length} lines) ---\n${browserLog.join('\n')}`);
  const serverLog = server?.log ?? [];
  console.error(`--- server output (last ${Math.min(serverLog.length, 80)} lines) ---\n${serverLog.slice(-80).join('\n')}`);
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
process.exit(failed ? 1 : 0);
