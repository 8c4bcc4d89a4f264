#!/usr/bin/env node
// End-to-end test of the shared memo against the real server: member and manager in a call, the
// member types in an agenda item's notes and the manager sees it (with the member's presence);
// the manager's memo socket is cut, both type in the same field while apart, the manager
// reconnects and both pages converge to the same text holding each side's text exactly once;
// GET /api/meetings/{id}/memo has both. An edit made offline survives a reload (IndexedDB).
// Private notes stay private: never on the manager's page nor in the memo endpoint, yet stored
// on the server for their owner.
//
// Run it inside a loopback-only network namespace, like room.e2e.mjs:
//   unshare -n sh -c 'ip link set lo up && KIZUNA_JAR=/abs/server/target/kizuna.jar node web-client/e2e/memo.e2e.mjs'
// Env: KIZUNA_JAR (required), CHROMIUM, KIZUNA_WEBROOT_DIR, E2E_run.verbose=1 (see README.md).
//
// Offline is simulated with Playwright's page.routeWebSocket on /ws/memo: every manager memo
// socket passes through a proxy the test controls; "offline" closes the proxied socket (both
// sides) and refuses new ones until "online" again. The room socket and WebRTC are untouched.

import { randomBytes } from 'node:crypto';
import {
  MANAGER_EMAIL,
  MEMBER_EMAIL,
  assert,
  E2eRun,
  freePort,
  keep,
  launchChromium,
  login,
  memoTexts,
  startServer,
  typeInto,
  waitFor,
  waitForField,
  waitForCall,
} from './harness.mjs';

const WATCHDOG_MS = 180_000;
const SYNC_TIMEOUT_MS = 15_000;

const run = new E2eRun();
const { log, step } = run;
const memoServerLines = [];


/** Occurrences of `needle` in `haystack`. */
function count(haystack, needle) {
  return (haystack ?? '').split(needle).length - 1;
}

/** GET /api/meetings/{id}/memo through the page (its session cookie, same origin). */
async function memoEndpoint(page, meetingId) {
  return page.evaluate(async (id) => {
    const res = await fetch(`/api/meetings/${encodeURIComponent(id)}/memo`, { credentials: 'same-origin' });
    return { status: res.status, body: res.ok ? await res.json() : await res.text() };
  }, meetingId);
}

async function syncState(page) {
  return page.getByTestId('memo-sync').first().getAttribute('data-state');
}

async function main() {
  const jar = process.env.KIZUNA_JAR;
  if (!jar) throw new Error('set KIZUNA_JAR to the server jar (server/target/kizuna.jar)');
  const password = randomBytes(12).toString('base64url');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const tag = randomBytes(3).toString('hex');

  await run.startServer({
    base,
    jar,
    port,
    password,
    dataDirPrefix: 'kizuna-memo-e2e-',
    onLine: (line) => {
      if (/memo/i.test(line) && /WARN|ERROR|Exception/.test(line)) keep(memoServerLines, line, 100);
    },
  });

  const browser = run.track(await launchChromium());
  const { context: memberCtx, page: member } = await run.open(browser, base, 'en-US', 'member');
  const { context: managerCtx, page: manager } = await run.open(browser, base, 'ja-JP', 'manager');
  member.setDefaultTimeout(10_000);
  manager.setDefaultTimeout(10_000);

  // Every manager memo socket goes through this proxy; `offline` refuses new ones.
  const net = { offline: false, sockets: [], refused: 0 };
  await manager.routeWebSocket(/\/ws\/memo$/, (ws) => {
    if (net.offline) {
      net.refused++;
      ws.close({ code: 4000, reason: 'e2e: offline' });
      return;
    }
    const upstream = ws.connectToServer();
    net.sockets.push({ ws, upstream });
  });
  function goOffline() {
    net.offline = true;
    for (const { ws, upstream } of net.sockets.splice(0)) {
      ws.close({ code: 4000, reason: 'e2e: connection cut' }).catch(() => {});
      upstream.close({ code: 4000, reason: 'e2e: connection cut' }).catch(() => {});
    }
  }

  const { id: meetingId, memberName } = await step('member and manager log in; the member sets a two-item agenda', async () => {
    await login(member, MEMBER_EMAIL, password);
    await login(manager, MANAGER_EMAIL, password);
    const res = await memberCtx.request.get('/api/meetings');
    assert(res.status() === 200, `GET /api/meetings: ${res.status()}`);
    const planned = (await res.json()).find((m) => m.status === 'PLANNED' && m.yourRole === 'MEMBER');
    assert(planned, 'no PLANNED meeting with the member role');
    const put = await memberCtx.request.put(`/api/meetings/${planned.id}/agenda`, {
      data: { items: [{ topic: 'CAREER', expectation: 'THINK_TOGETHER' }, { topic: 'WORK', expectation: 'ADVICE' }] },
    });
    assert(put.status() === 200, `PUT agenda: ${put.status()} ${await put.text()}`);
    const meeting = await (await memberCtx.request.get(`/api/meetings/${planned.id}`)).json();
    assert(/^automerge:/.test(meeting.memo?.documentUrl ?? ''), `memo.documentUrl: ${JSON.stringify(meeting.memo)}`);
    assert(/^automerge:/.test(meeting.privateNotes?.documentUrl ?? ''), `privateNotes: ${JSON.stringify(meeting.privateNotes)}`);
    return { id: planned.id, memberName: meeting.memberName };
  });

  await step('both open the room: the call connects and the memo is live on both sides', async () => {
    await member.goto(`/meetings/${meetingId}/room`);
    await manager.goto(`/meetings/${meetingId}/room`);
    for (const [page, who] of [
      [member, 'member'],
      [manager, 'manager'],
    ]) {
      await waitForCall(page, who);
      await page.getByTestId('memo-editor').waitFor();
      await page.locator('[data-testid="memo-sync"][data-state="online"]').first().waitFor({ timeout: SYNC_TIMEOUT_MS });
      for (const id of ['memo-field-item-0', 'memo-field-item-1', 'memo-field-keepInMind-member', 'memo-field-keepInMind-manager', 'memo-field-nextTopics', 'memo-field-free', 'memo-private-notes']) {
        await page.getByTestId(id).waitFor();
      }
    }
    const title = await manager.getByTestId('memo-shared').locator('h2').innerText();
    assert(title.includes('共有メモ'), `manager (ja) memo title: ${title}`);
  });

  const sentence = `We agreed to look for a mentor in design (${tag}).`;
  await step('member types in the first item; the manager sees the text and where the member is typing', async () => {
    await typeInto(member, 'memo-field-item-0', sentence);
    await waitForField(member, 'member', 'item-0', 'has the sentence', (t) => t === sentence);
    await waitForField(manager, 'manager', 'item-0', 'shows the member sentence', (t) => t === sentence);
    const presence = manager.getByTestId('memo-presence-item-0');
    await presence.waitFor({ timeout: SYNC_TIMEOUT_MS });
    const text = await presence.innerText();
    assert(text.includes(memberName), `presence text "${text}" lacks the member name ${memberName}`);
    await manager.locator('[data-field="item-0"] [data-testid="memo-remote-caret"]').waitFor({ timeout: SYNC_TIMEOUT_MS });
    log(`manager sees: "${text}"`);
  });

  const memberApart = `Member wrote this while apart (${tag}-M).`;
  const managerApart = `Manager wrote this offline (${tag}-K).`;
  await step('the manager memo socket is cut: the manager shows offline, the call goes on', async () => {
    assert(net.sockets.length > 0, 'the manager memo socket was not proxied');
    goOffline();
    await manager.locator('[data-testid="memo-sync"][data-state="offline"]').first().waitFor({ timeout: SYNC_TIMEOUT_MS });
    assert((await member.evaluate(() => window.__kizuna?.state)) === 'connected', 'member call not connected');
  });

  await step('both type in "free" while apart; the member text reaches the server but not the manager', async () => {
    await typeInto(member, 'memo-field-free', memberApart);
    await typeInto(manager, 'memo-field-free', managerApart);
    await waitForField(member, 'member', 'free', 'has its own text', (t) => t === memberApart);
    await waitForField(manager, 'manager', 'free', 'has its own text', (t) => t === managerApart);
    await waitFor('the memo endpoint to have the member text', async () => {
      const r = await memoEndpoint(member, meetingId);
      return r.status === 200 && count(r.body.text, memberApart) === 1;
    });
    const r = await memoEndpoint(member, meetingId);
    assert(count(r.body.text, managerApart) === 0, 'the manager offline text reached the server while offline');
    const m = await memoTexts(manager);
    assert(count(m.fields.free, memberApart) === 0, 'the manager page got the member text while offline');
    assert((await syncState(manager)) === 'offline', 'manager not offline');
    // stay apart until the manager has tried to reconnect at least once (and been refused)
    await waitFor('a refused manager reconnection attempt', () => net.refused > 0);
    log(`refused manager reconnection attempts: ${net.refused}`);
  });

  await step('the manager reconnects: both pages converge, each text exactly once', async () => {
    net.offline = false;
    await manager.locator('[data-testid="memo-sync"][data-state="online"]').first().waitFor({ timeout: SYNC_TIMEOUT_MS });
    const both = (t) => count(t, memberApart) === 1 && count(t, managerApart) === 1;
    const [a, b] = await Promise.all([
      waitForField(member, 'member', 'free', 'has both texts once', both),
      waitForField(manager, 'manager', 'free', 'has both texts once', both),
    ]);
    const same = await waitFor('identical text on both pages', async () => {
      const [x, y] = await Promise.all([memoTexts(member), memoTexts(manager)]);
      return x.fields.free === y.fields.free && x.fields['item-0'] === y.fields['item-0'] ? x.fields.free : false;
    });
    assert(same.length === memberApart.length + managerApart.length, `merged text length ${same.length}: ${JSON.stringify(same)}`);
    log(`merged "free": ${JSON.stringify(same)} (member saw ${JSON.stringify(a)}, manager ${JSON.stringify(b)})`);
  });

  await step('GET /api/meetings/{id}/memo returns text with both sides and the item notes', async () => {
    const r = await waitFor('memo endpoint has both texts', async () => {
      const res = await memoEndpoint(manager, meetingId);
      return res.status === 200 && count(res.body.text, managerApart) === 1 ? res : false;
    });
    assert(count(r.body.text, memberApart) === 1, `memo text: ${r.body.text}`);
    assert(count(r.body.text, sentence) === 1, `memo text lacks the item sentence: ${r.body.text}`);
    assert(r.body.document?.free?.includes(managerApart), 'memo document.free lacks the manager text');
    assert(r.body.document?.items?.[0]?.notes === sentence, `document.items[0].notes: ${r.body.document?.items?.[0]?.notes}`);
  });

  const offlineEdit = `Written offline, kept across a reload (${tag}-R).`;
  await step('an edit made offline survives a reload of the page and syncs once back online', async () => {
    goOffline();
    await manager.locator('[data-testid="memo-sync"][data-state="offline"]').first().waitFor({ timeout: SYNC_TIMEOUT_MS });
    await typeInto(manager, 'memo-field-nextTopics', offlineEdit);
    await waitForField(manager, 'manager', 'nextTopics', 'has the offline edit', (t) => t === offlineEdit);
    await manager.evaluate(() => window.__kizunaMemo.flush());
    await manager.reload();
    await manager.getByTestId('memo-field-nextTopics').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await waitForField(manager, 'manager', 'nextTopics', 'still has the offline edit after the reload', (t) => t === offlineEdit);
    assert((await syncState(manager)) !== 'online', 'manager memo is online although its socket is refused');
    net.offline = false;
    await waitForField(member, 'member', 'nextTopics', 'gets the manager offline edit', (t) => t === offlineEdit);
  });

  const secret = `PRIVATE-${randomBytes(6).toString('hex')}`;
  await step('private notes: the member text never reaches the manager page nor the memo endpoint', async () => {
    await typeInto(member, 'memo-private-notes', `Remember: ${secret}`);
    await waitForField(member, 'member', 'private', 'has the private text', (t) => t.includes(secret));
    // A marker typed after the private text: once the manager has it, the private text had its chance to leak.
    const marker = `marker-${tag}`;
    await typeInto(member, 'memo-field-keepInMind-member', marker);
    await waitForField(manager, 'manager', 'keepInMind-member', 'shows the marker', (t) => t.includes(marker));
    const page = await manager.evaluate(() => document.body.innerText);
    assert(!page.includes(secret), 'the member private notes appear on the manager page');
    const m = await memoTexts(manager);
    assert(!JSON.stringify(m).includes(secret), 'the member private notes are in the manager memo state');
    assert(!(m.fields.private ?? '').includes(secret), 'the manager private notes hold the member text');
    for (const [p, who] of [
      [member, 'member'],
      [manager, 'manager'],
    ]) {
      const r = await memoEndpoint(p, meetingId);
      assert(r.status === 200, `${who} GET memo: ${r.status}`);
      assert(!JSON.stringify(r.body).includes(secret), `the memo endpoint (as ${who}) contains the private notes`);
    }
  });

  await step('a fresh browser profile, offline at first, gets the memo and the member private notes once online; after logout the next user gets their own', async () => {
    const { context: ctx, page } = await run.open(browser, base, 'en-US', 'member-2');
    try {
      page.setDefaultTimeout(10_000);
      let blocked = true;
      await page.routeWebSocket(/\/ws\/memo$/, (ws) => {
        if (blocked) ws.close({ code: 4000, reason: 'e2e: offline' });
        else ws.connectToServer();
      });
      await login(page, MEMBER_EMAIL, password);
      await page.goto(`/meetings/${meetingId}`);
      // nothing on this device and no socket: the memo says so, then loads when the socket is back
      await page.locator('[data-testid="memo-sync"][data-state="offline"]').first().waitFor({ timeout: SYNC_TIMEOUT_MS });
      await page.getByTestId('memo-unavailable').first().waitFor({ timeout: SYNC_TIMEOUT_MS });
      blocked = false;
      await page.getByTestId('memo-private-notes').waitFor({ timeout: SYNC_TIMEOUT_MS });
      await waitForField(page, 'member (fresh profile)', 'private', 'has the private text from the server', (t) => t.includes(secret));
      await waitForField(page, 'member (fresh profile)', 'free', 'has the merged shared text', (t) => count(t, memberApart) === 1 && count(t, managerApart) === 1);

      // Same browser, another user: logging out closes the memo socket, so the next one is the manager's.
      await page.getByTestId('logout').click();
      await page.waitForURL((url) => url.pathname === '/login');
      // log in and open the meeting without a page load, within the memo client's 5 s reuse grace
      await page.getByTestId('login-email').fill(MANAGER_EMAIL);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.locator(`[data-testid="meeting-link"][data-meeting-id="${meetingId}"]`).click();
      await waitForField(page, 'manager (after the member logged out)', 'free', 'has the shared text', (t) => count(t, managerApart) === 1);
      await waitForField(page, 'manager (after the member logged out)', 'private', 'shows the manager own notes', (t) => !t.includes(secret));
    } finally {
      await ctx.close().catch(() => {});
    }
  });
}

await run.execute(main, { watchdogMs: WATCHDOG_MS, report: (failed) => {
    if (!failed && memoServerLines.length) {
      console.log(`--- server memo warnings (${memoServerLines.length}) ---\n${memoServerLines.join('\n')}`);
    }
  } });
