#!/usr/bin/env node
// End-to-end test of the browser client against the real server: login, agenda, manager prep,
// a WebRTC 1on1 between two headless Chromium contexts, a reload of one side, the shared
// "current agenda item", and ending the meeting.
//
// Run it inside a loopback-only network namespace (WebRTC then uses 127.0.0.1 only):
//   unshare -n sh -c 'ip link set lo up && KIZUNA_JAR=/abs/server/target/kizuna.jar node web-client/e2e/room.e2e.mjs'
// Env: KIZUNA_JAR (required), CHROMIUM (default /usr/bin/chromium), KIZUNA_WEBROOT_DIR (passed
// to the server: serve the web client from that folder instead of the jar), E2E_run.verbose=1.
// The server, browser, login and stats helpers live in ./harness.mjs (shared with bench/browser/).

import { randomBytes } from 'node:crypto';
import {
  MANAGER_EMAIL,
  MEMBER_EMAIL,
  assert,
  assertMediaFlows,
  E2eRun,
  freePort,
  launchChromium,
  login,
  startServer,
  waitFor,
} from './harness.mjs';

const MEDIA_TIMEOUT_MS = 20_000;
const WATCHDOG_MS = 150_000;

const run = new E2eRun();
const { log, step, watch } = run;

async function main() {
  const jar = process.env.KIZUNA_JAR;
  if (!jar) throw new Error('set KIZUNA_JAR to the server jar (server/target/kizuna.jar)');
  const password = randomBytes(12).toString('base64url');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  await run.startServer({
    base,
    jar,
    port,
    password,
  });

  const browser = run.track(await launchChromium());
  const debugInit = () => {
    try {
      localStorage.setItem('kizuna.debug', '1');
    } catch {}
  };
  const { context: memberCtx, page: member } = await run.open(browser, base, 'en-US', 'member');
  const { context: managerCtx, page: manager } = await run.open(browser, base, 'ja-JP', 'manager');
  if (run.verbose) {
    await memberCtx.addInitScript(debugInit);
    await managerCtx.addInitScript(debugInit);
  }
  const memberSockets = [];
  member.setDefaultTimeout(10_000);
  manager.setDefaultTimeout(10_000);

  await step('a page without a session redirects to /login', async () => {
    await member.goto('/');
    await member.waitForURL((url) => url.pathname === '/login');
  });

  await step('wrong password shows an error', async () => {
    await member.getByTestId('login-email').fill(MEMBER_EMAIL);
    await member.getByTestId('login-password').fill(`${password}-wrong`);
    await member.getByTestId('login-submit').click();
    await member.getByTestId('login-error').waitFor();
  });

  await step('member logs in through the UI', () => login(member, MEMBER_EMAIL, password));

  const meetingId = await step('member finds the planned demo meeting', async () => {
    const res = await memberCtx.request.get('/api/meetings');
    assert(res.status() === 200, `GET /api/meetings: ${res.status()}`);
    const meetings = await res.json();
    const planned = meetings.find((m) => m.status === 'PLANNED' && m.yourRole === 'MEMBER');
    assert(planned, `no PLANNED meeting with the member's role in ${JSON.stringify(meetings)}`);
    await member.locator(`[data-testid="meeting-link"][data-meeting-id="${planned.id}"]`).click();
    await member.waitForURL((url) => url.pathname === `/meetings/${planned.id}`);
    return planned.id;
  });

  const agenda = [
    { topic: 'CAREER', expectation: 'THINK_TOGETHER' },
    { topic: 'WORK', expectation: 'ADVICE' },
  ];
  await step('member sets and saves a two-item agenda in the UI', async () => {
    for (let i = 0; i < agenda.length; i++) {
      await member.getByTestId('agenda-add').click();
      await member.getByTestId('agenda-topic').nth(i).selectOption(agenda[i].topic);
      await member.getByTestId('agenda-expectation').nth(i).selectOption(agenda[i].expectation);
    }
    await member.getByTestId('agenda-save').click();
    await member.locator('[data-testid="agenda-state"][data-saved="true"]').waitFor();
    const res = await memberCtx.request.get(`/api/meetings/${meetingId}`);
    const saved = (await res.json()).agenda?.items?.map(({ topic, expectation }) => ({ topic, expectation }));
    assert(JSON.stringify(saved) === JSON.stringify(agenda), `saved agenda ${JSON.stringify(saved)}`);
  });

  await step('manager logs in (Japanese browser) and the prep view shows topics with expectations and Japanese hints', async () => {
    await login(manager, MANAGER_EMAIL, password);
    assert((await manager.evaluate(() => document.documentElement.lang)) === 'ja', 'UI language is not Japanese');
    await manager.locator(`[data-testid="meeting-link"][data-meeting-id="${meetingId}"]`).click();
    await manager.waitForURL((url) => url.pathname === `/meetings/${meetingId}`);
    const items = manager.getByTestId('prep-item');
    await waitFor('two prep items', async () => (await items.count()) === 2);
    const expected = [
      ['CAREER', 'THINK_TOGETHER', '今後のキャリア', '一緒に考えてほしい'],
      ['WORK', 'ADVICE', '業務の進捗や進め方', '具体的なアドバイスがほしい'],
    ];
    for (let i = 0; i < expected.length; i++) {
      const [topic, expectation, topicLabel, expectationLabel] = expected[i];
      const item = items.nth(i);
      assert((await item.getAttribute('data-topic')) === topic, `item ${i} topic`);
      assert((await item.getAttribute('data-expectation')) === expectation, `item ${i} expectation`);
      const text = await item.innerText();
      assert(text.includes(topicLabel) && text.includes(expectationLabel), `item ${i} text: ${text}`);
      const hints = item.getByTestId('prep-hint');
      await waitFor(`three hints for item ${i}`, async () => (await hints.count()) === 3);
      for (const hint of await hints.allInnerTexts()) {
        assert(/[\u3040-\u30ff\u4e00-\u9fff]/.test(hint), `item ${i} hint is not in Japanese: ${hint}`);
      }
    }
  });

  await step('both join the room', async () => {
    await member.getByTestId('room-join').click();
    await manager.getByTestId('room-join').click();
    await member.waitForURL((url) => url.pathname === `/meetings/${meetingId}/room`);
    await manager.waitForURL((url) => url.pathname === `/meetings/${meetingId}/room`);
  });

  await step('media flows both ways (video frames decoded, audio packets received)', async () => {
    const lines = await Promise.all([assertMediaFlows(member, 'member'), assertMediaFlows(manager, 'manager')]);
    lines.forEach((l) => log(l));
    for (const page of [member, manager]) {
      await waitFor('state connected', () => page.evaluate(() => window.__kizuna?.state === 'connected'));
      await page.locator('[data-testid="room-status"][data-state="connected"]').waitFor();
    }
  });

  await step('member reloads the room and media flows again both ways', async () => {
    await manager.evaluate(() => {
      window.__oldPc = window.__kizuna?.pc;
    });
    // From now on the member's room sockets pass through a proxy the test can cut.
    await member.routeWebSocket(/\/ws\/rooms\//, (ws) => {
      ws.connectToServer();
      memberSockets.push(ws);
    });
    await member.reload();
    await waitFor(
      'the manager to get a fresh RTCPeerConnection',
      () => manager.evaluate(() => !!window.__kizuna?.pc && window.__kizuna.pc !== window.__oldPc),
      { timeout: 10_000 },
    );
    const lines = await Promise.all([assertMediaFlows(member, 'member'), assertMediaFlows(manager, 'manager')]);
    lines.forEach((l) => log(l));
  });

  await step('a dropped member socket reconnects and media flows again', async () => {
    await member.evaluate(() => {
      window.__oldPc = window.__kizuna?.pc;
    });
    assert(memberSockets.length > 0, 'the member room socket was not proxied');
    // Cut the member's side only, as a network drop would (abnormal close, not a final code).
    await memberSockets.at(-1).close({ code: 4000, reason: 'e2e: connection cut' });
    await waitFor('member state reconnecting', () => member.evaluate(() => window.__kizuna?.state === 'reconnecting'));
    await waitFor(
      'member to reconnect with a fresh RTCPeerConnection',
      () => member.evaluate(() => !!window.__kizuna?.pc && window.__kizuna.pc !== window.__oldPc),
      { timeout: 15_000 },
    );
    const lines = await Promise.all([assertMediaFlows(member, 'member'), assertMediaFlows(manager, 'manager')]);
    lines.forEach((l) => log(l));
  });

  await step('the current agenda item is shared between both sides', async () => {
    const current = (page, i) =>
      page.locator('[data-testid="room-agenda-item"]').nth(i).getAttribute('aria-current').then((v) => v === 'true');
    await member.getByTestId('room-agenda-item').nth(1).click();
    await waitFor('manager sees item 1 highlighted', () => current(manager, 1));
    assert(await current(member, 1), 'member does not highlight item 1');
    await manager.getByTestId('room-agenda-item').nth(0).click();
    await waitFor('member sees item 0 highlighted', () => current(member, 0));
    assert(!(await current(member, 1)), 'member still highlights item 1');
  });

  const member2 = await step('the room opened in a second member tab replaces the first (4409)', async () => {
    const page = await memberCtx.newPage();
    watch(page, 'member-tab2');
    page.setDefaultTimeout(10_000);
    await page.goto(`/meetings/${meetingId}/room`);
    await waitFor('first tab state replaced', () => member.evaluate(() => window.__kizuna?.state === 'replaced'));
    await member.locator('[data-testid="room-status"][data-state="replaced"]').waitFor();
    await waitFor('second tab connected', () => page.evaluate(() => window.__kizuna?.state === 'connected'), {
      timeout: MEDIA_TIMEOUT_MS,
    });
    return page;
  });

  await step('member ends the meeting; both rooms show it has ended', async () => {
    member2.once('dialog', (d) => d.accept());
    await member2.getByTestId('meeting-end').click();
    for (const [page, who] of [
      [member2, 'member'],
      [manager, 'manager'],
    ]) {
      await waitFor(`${who} state ended`, () => page.evaluate(() => window.__kizuna?.state === 'ended'));
      await page.locator('[data-testid="room-status"][data-state="ended"]').waitFor();
    }
    const res = await memberCtx.request.get(`/api/meetings/${meetingId}`);
    assert((await res.json()).status === 'ENDED', 'meeting is not ENDED');
  });
}

await run.execute(main, { watchdogMs: WATCHDOG_MS });
