// Shared pieces of the browser tests and benchmarks (web-client/e2e/room.e2e.mjs,
// bench/browser/first-frame.mjs): a free port, polling, the server jar with the demo data in a
// fresh data dir, headless Chromium with fake media, the UI login, and inbound WebRTC stats.
//
// Everything runs inside a loopback-only network namespace (see room.e2e.mjs); WebRTC then uses
// 127.0.0.1 only. playwright-core resolves from web-client/node_modules, so callers outside
// web-client/ import it through `chromium` below rather than on their own.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export { chromium };

export const MEMBER_EMAIL = 'member@demo.kizuna.dev';
export const MANAGER_EMAIL = 'manager@demo.kizuna.dev';
const JFK_REFERENCE = 'and so my fellow americans ask not what your country can do for you ask what you can do for your country';

/** Chromium flags: headless, fake camera/microphone, and WebRTC over loopback. */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
]);

/** The Chromium binary: $CHROMIUM or Debian's /usr/bin/chromium. */
export function chromiumPath() {
  return process.env.CHROMIUM || '/usr/bin/chromium';
}

/** Launch options for playwright-core's `chromium.launch()`. */
export function chromiumLaunchOptions(extraArgs = []) {
  return { executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] };
}

/** Launches headless Chromium with the flags above. */
export function launchChromium(extraArgs = []) {
  return chromium.launch(chromiumLaunchOptions(extraArgs));
}

/** Browser context options: the server as baseURL, a UI locale, camera and microphone granted. */
export function contextOptions(baseURL, locale) {
  return { baseURL, locale, permissions: ['camera', 'microphone'] };
}

/** Appends `line` to the ring buffer `buf` (at most `max` lines). */
export function keep(buf, line, max = 400) {
  buf.push(line);
  if (buf.length > max) buf.shift();
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Polls `fn` until it returns a truthy value; no fixed sleeps beyond the poll interval.
 * An error with `fatal: true` stops the polling at once; other errors are retried.
 */
export async function waitFor(what, fn, { timeout = 10_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      if (e?.fatal) throw e;
      lastError = e;
    }
    if (Date.now() > deadline) {
      const detail = lastError ? ` (last error: ${lastError.message})` : last !== undefined ? ` (last: ${JSON.stringify(last)})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Waits until the room page's call state (`window.__kizuna.state`) is `connected`. */
export function waitForCall(page, who, { timeout = 20_000 } = {}) {
  return waitFor(`${who}: call connected`, () => page.evaluate(() => window.__kizuna?.state === 'connected'), { timeout });
}

/**
 * Spawns `command args` with `env` added to this process's environment. The returned child
 * process has `log` (the last 400 output lines) and `exited` (a promise of {code, signal});
 * `onLine(line, prefix)` sees every output line ('' for stdout, ':err' for stderr).
 */
export function spawnLogged(command, args, { env = {}, onLine } = {}) {
  const proc = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.log = [];
  const onData = (prefix) => (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      keep(proc.log, line);
      onLine?.(line, prefix);
    }
  };
  proc.stdout.on('data', onData(''));
  proc.stderr.on('data', onData(':err'));
  proc.exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  proc.on('error', (e) => keep(proc.log, `spawn error: ${e.message}`));
  return proc;
}

/**
 * Starts `java -jar <jar> --demo` (without `--demo` if `demo` is false) on `port` with a fresh
 * data dir (the returned process's `dataDir`), the demo password and `env` (e.g. REDIS_URL,
 * MONGO_URL). KIZUNA_WEBROOT_DIR and the rest of the environment pass through. The process is
 * one of `spawnLogged`.
 */
export function startServer({ jar, port, password, dataDirPrefix = 'kizuna-e2e-', demo = true, env = {}, onLine } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  const proc = spawnLogged('java', ['-Dfile.encoding=UTF-8', '-jar', jar, ...(demo ? ['--demo'] : [])], {
    env: { KIZUNA_HTTP_PORT: String(port), KIZUNA_DATA_DIR: dataDir, KIZUNA_DEMO_PASSWORD: password, ...env },
    onLine,
  });
  proc.dataDir = dataDir;
  return proc;
}

/** A check for `waitFor` that throws a fatal error (stops the polling) once `proc` has exited. */
function aliveCheck(proc, who) {
  let exit = null;
  proc.exited.then((e) => (exit = e));
  return () => {
    if (exit) throw Object.assign(new Error(`${who} exited early: ${JSON.stringify(exit)}`), { fatal: true });
  };
}

/**
 * Waits until `proc` (one of `spawnLogged`) has printed a line matching `pattern`; resolves to
 * the match, fails at once if the process exits.
 */
export async function waitForLine(proc, pattern, { timeout = 60_000 } = {}) {
  const alive = aliveCheck(proc, `the process awaited for ${pattern}`);
  return waitFor(
    `a line matching ${pattern}`,
    () => {
      alive();
      return proc.log.map((line) => line.match(pattern)).find(Boolean);
    },
    { timeout, interval: 100 },
  );
}

/** Waits until GET {base}/health answers 200; fails at once if the server process exits. */
export async function waitForHealth(proc, base, { timeout = 60_000 } = {}) {
  const alive = aliveCheck(proc, 'server');
  await waitFor(
    'GET /health 200',
    async () => {
      alive();
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
      return res.status === 200;
    },
    { timeout, interval: 200 },
  );
}

/** SIGTERM, then SIGKILL after 8 s; waits (at most 2 s more) for the exit. */
export async function stopServer(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  const exited = await Promise.race([proc.exited, new Promise((r) => setTimeout(() => r(null), 8000))]);
  if (!exited) proc.kill('SIGKILL');
  await Promise.race([proc.exited, new Promise((r) => setTimeout(r, 2000))]);
}

/** Removes the server's data dir unless E2E_KEEP_DATA is set. */
export function removeDataDir(proc) {
  if (proc?.dataDir && !process.env.E2E_KEEP_DATA) rmSync(proc.dataDir, { recursive: true, force: true });
}

/** Logs in through the login form and waits for the home page. */
export async function login(page, email, password) {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/', { timeout: 10_000 });
}

/** Inbound media counters of the page's current RTCPeerConnection (window.__kizuna.pc). */
export async function inboundStats(page) {
  return page.evaluate(async () => {
    const hook = window.__kizuna;
    const pc = hook?.pc;
    if (!pc) return { state: hook?.state ?? null, pc: false };
    const report = await pc.getStats();
    let framesDecoded = 0;
    let audioPackets = 0;
    let hasVideo = false;
    let hasAudio = false;
    report.forEach((r) => {
      if (r.type !== 'inbound-rtp') return;
      if (r.kind === 'video') {
        hasVideo = true;
        framesDecoded += r.framesDecoded ?? 0;
      } else if (r.kind === 'audio') {
        hasAudio = true;
        audioPackets += r.packetsReceived ?? 0;
      }
    });
    return { state: hook.state, pc: true, connectionState: pc.connectionState, hasVideo, hasAudio, framesDecoded, audioPackets };
  });
}

/**
 * Waits (at most `timeout` ms) until the page decodes video frames and receives audio packets,
 * and both counters grow; resolves to a line with the counters.
 */
export async function assertMediaFlows(page, who, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  const left = () => Math.max(1, deadline - Date.now());
  const first = await waitFor(
    `${who}: inbound video framesDecoded > 0 and audio packetsReceived > 0`,
    async () => {
      const s = await inboundStats(page);
      return s.pc && s.framesDecoded > 0 && s.audioPackets > 0 ? s : false;
    },
    { timeout: left(), interval: 200 },
  );
  const second = await waitFor(
    `${who}: inbound media counters increasing (first ${JSON.stringify(first)})`,
    async () => {
      const s = await inboundStats(page);
      return s.pc && s.framesDecoded > first.framesDecoded && s.audioPackets > first.audioPackets ? s : false;
    },
    { timeout: left(), interval: 200 },
  );
  return `${who}: video frames ${first.framesDecoded} -> ${second.framesDecoded}, audio packets ${first.audioPackets} -> ${second.audioPackets}`;
}

/**
 * Ticks or unticks the room's transcription consent box and waits until it shows the new
 * state (the box mirrors the last consent broadcast, so it changes once the server answered).
 */
export async function setConsent(page, on) {
  const box = page.getByTestId('consent-transcription');
  await box.click();
  await waitFor(`consent box ${on ? 'ticked' : 'unticked'}`, async () => (await box.isChecked()) === on);
}

/** The text of each open memo field, as the editor shows it and as the Automerge document holds it. */
export async function memoTexts(page) {
  return page.evaluate(() => {
    const hook = window.__kizunaMemo;
    return hook ? { state: hook.state, fields: hook.fields(), docs: hook.docs() } : null;
  });
}

/**
 * Waits until the memo field `key` exists on the page and satisfies `pred(text)`, with the
 * editor and the document agreeing; resolves to the text.
 */
export async function waitForField(page, who, key, what, pred, timeout = 15_000) {
  return waitFor(
    `${who}: field ${key} ${what}`,
    async () => {
      const m = await memoTexts(page);
      const text = m?.fields?.[key];
      if (typeof text !== 'string') return false;
      if (m.docs[key] !== text) return false;
      return pred(text) ? { text } : false;
    },
    { timeout },
  ).then((r) => r.text);
}

/** Clicks into a CodeMirror field, moves to its end and types `text` like a person (key by key). */
export async function typeInto(page, testid, text) {
  const field = page.getByTestId(testid);
  await field.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 15 });
}

/**
 * A speech clip's path: the environment variable `envName` (relative to web-client/), else
 * `file` in ../shared/audio beside the checkout.
 */
export function speechClip(envName, file) {
  const webClient = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return resolve(webClient, process.env[envName] || `../../shared/audio/${file}`);
}

/** A speech clip's reference transcript (TRANSCRIPTS.tsv beside it) and its duration in seconds. */
export function clipReference(wav) {
  const tsv = resolve(dirname(wav), 'TRANSCRIPTS.tsv');
  if (existsSync(tsv)) {
    const [header, ...rows] = readFileSync(tsv, 'utf8').split('\n').map((l) => l.split('\t'));
    const col = (name) => header.indexOf(name);
    const row = rows.find((r) => r[col('file')] === basename(wav));
    if (row?.[col('reference_transcript')]) {
      return { text: row[col('reference_transcript')], seconds: Number(row[col('duration_s')]) || 30 };
    }
  }
  if (basename(wav) === 'en_jfk_ask_not.wav') return { text: JFK_REFERENCE, seconds: 11 };
  throw new Error(`no reference transcript for ${wav} (looked in ${tsv})`);
}

/** The lower-case words of `text`, without punctuation. */
export function words(text) {
  return (text ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * A request through a browser context's API client (its cookies); fails unless the status is
 * `expected`; returns the JSON body (null for 204).
 */
export async function call(ctx, method, path, data, expected) {
  const res = await ctx.request.fetch(path, { method, data });
  assert(res.status() === expected, `${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.status() === 204 ? null : res.json();
}

/** Throws an Error with `message` unless `cond` holds. */
export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/**
 * The frame of one end-to-end script: timestamped log lines, a PASS/FAIL line per step, the
 * browsers' console errors kept for the failure report, a watchdog, and cleanup of every
 * browser and the server on any way out. A script sets `run.server` to what `startServer`
 * returns and passes each browser through `run.track`; the methods are bound, so they can be
 * destructured.
 */
export class E2eRun {
  started = Date.now();
  results = [];
  browserLog = [];
  browsers = [];
  server = null;
  /** Further processes ({name, proc}) to stop at cleanup, the last tracked first. */
  processes = [];
  verbose = process.env.E2E_VERBOSE === '1';
  #cleanedUp = false;

  log = (line) => {
    console.log(`[e2e +${((Date.now() - this.started) / 1000).toFixed(1)}s] ${line}`);
  };

  /** Runs `fn` as one named step; its failure is reported once and rethrown. */
  step = async (name, fn) => {
    const t0 = Date.now();
    try {
      const value = await fn();
      this.results.push({ name, ok: true });
      console.log(`PASS ${name} (${Date.now() - t0} ms)`);
      return value;
    } catch (e) {
      this.results.push({ name, ok: false });
      console.log(`FAIL ${name}: ${e?.message ?? e}`);
      throw Object.assign(e instanceof Error ? e : new Error(String(e)), { reported: true });
    }
  };

  /** Keeps the page's console errors and warnings (all of it with E2E_VERBOSE=1) as `who`. */
  watch = (page, who) => {
    page.on('console', (msg) => {
      const line = `[${who}:${msg.type()}] ${msg.text()}`;
      if (this.verbose) this.log(line);
      else if (msg.type() === 'error' || msg.type() === 'warning') keep(this.browserLog, line);
    });
    page.on('pageerror', (e) => keep(this.browserLog, `[${who}:pageerror] ${e.message}`));
  };

  /**
   * Starts the server (`startServer`) as the first step and waits for its /health on `base`;
   * with E2E_VERBOSE=1 its output is echoed, and `onLine` sees every line.
   */
  startServer = ({ base, onLine, ...options }) =>
    this.step(`server starts and /health answers 200 (${base})`, async () => {
      this.server = startServer({
        ...options,
        onLine: (line, prefix) => {
          if (this.verbose) console.log(`[server${prefix}] ${line}`);
          onLine?.(line, prefix);
        },
      });
      await waitForHealth(this.server, base);
    });

  /** A new context of `browser` on `base` in `locale`, and its page, whose console is kept as `who`. */
  open = async (browser, base, locale, who) => {
    const context = await browser.newContext(contextOptions(base, locale));
    const page = await context.newPage();
    this.watch(page, who);
    return { context, page };
  };

  /** Registers a browser for cleanup and returns it. */
  track = (browser) => {
    this.browsers.push(browser);
    return browser;
  };

  /**
   * Registers a process of `spawnLogged` or `startServer` as `name` for cleanup (and for the
   * failure report) and returns it; put what others use (a database) before them.
   */
  trackProcess = (name, proc) => {
    this.processes.push({ name, proc });
    return proc;
  };

  /**
   * Closes the browsers (5 s each at most), stops the server and the tracked processes (last
   * tracked first) and removes their data; once.
   */
  cleanup = async () => {
    if (this.#cleanedUp) return;
    this.#cleanedUp = true;
    await Promise.all(this.browsers.map((b) => Promise.race([b.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))])));
    for (const proc of [this.server, ...this.processes.map((p) => p.proc).reverse()]) {
      await stopServer(proc).catch(() => {});
      removeDataDir(proc);
    }
  };

  /**
   * Runs `main` under a watchdog of `watchdogMs`, prints the browser console and the server's
   * last output if it failed (and whatever `report(failed)` adds), cleans up and exits the
   * process: 0 when every step passed, 1 otherwise, 130 on SIGINT/SIGTERM.
   */
  async execute(main, { watchdogMs, report = () => {} }) {
    const watchdog = setTimeout(async () => {
      console.log(`FAIL e2e watchdog: still running after ${watchdogMs} ms`);
      await this.cleanup();
      process.exit(1);
    }, watchdogMs);
    for (const sig of ['SIGINT', 'SIGTERM']) {
      process.on(sig, async () => {
        await this.cleanup();
        process.exit(130);
      });
    }
    let failed = false;
    try {
      await main();
    } catch (e) {
      failed = true;
      if (!e?.reported) console.log(`FAIL e2e: ${e?.stack ?? e}`);
    } finally {
      if (failed && this.browserLog.length) {
        console.log(`--- browser console (last ${this.browserLog.length} lines) ---\n${this.browserLog.join('\n')}`);
      }
      report(failed);
      if (failed) {
        for (const { name, proc } of [{ name: 'server', proc: this.server }, ...this.processes]) {
          if (!proc) continue;
          console.log(`--- ${name} output (last ${Math.min(proc.log.length, 80)} lines) ---\n${proc.log.slice(-80).join('\n')}`);
        }
      }
      await this.cleanup();
      clearTimeout(watchdog);
    }
    const passed = this.results.filter((r) => r.ok).length;
    const failedCount = this.results.length - passed + (failed && this.results.every((r) => r.ok) ? 1 : 0);
    console.log(`e2e finished in ${((Date.now() - this.started) / 1000).toFixed(1)} s`);
    console.log(`e2e: ${passed} passed, ${failedCount} failed`);
    process.exit(failed || failedCount > 0 ? 1 : 0);
  }
}
