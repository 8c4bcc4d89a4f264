#!/usr/bin/env node
// A 2on1 on Jitsi Videobridge, against the real server in KIZUNA_MEDIA_MODE=auto and an in-test
// colibri2 bridge (no Jitsi Videobridge runs here): a Node HTTP server answering with the
// representative payloads of server/src/test/resources/colibri2/ and recording what it is sent.
// The member invites a guest by e-mail on the meeting page; the pair meet peer to peer; the guest
// logs in, finds the meeting on the home page and opens the guest's room (no memo, transcript or
// consent, and no request the server refuses). The guest's arrival moves the room to the bridge:
// all three rooms show it, each browser's RTCPeerConnection takes the server's offer (the bridge's
// ICE credentials), its answer reaches the bridge as colibri2 transport and sources, and each then
// gets an offer carrying the others' SSRCs; leaving expires the endpoint. No media flows on the
// bridge (nothing answers ICE on the bridge's side).
//
// Run it inside a loopback-only network namespace, as room.e2e.mjs:
//   unshare -n sh -c 'ip link set lo up && KIZUNA_JAR=/abs/server/target/kizuna.jar node web-client/e2e/bridge.e2e.mjs'

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import {
  MANAGER_EMAIL,
  MEMBER_EMAIL,
  assert,
  call,
  E2eRun,
  freePort,
  launchChromium,
  login,
  waitFor,
} from './harness.mjs';

const ADMIN_EMAIL = 'admin@bridge.e2e.test';
const GUEST_EMAIL = 'guest@bridge.e2e.test';

const PAYLOADS = new URL('../../server/src/test/resources/colibri2/', import.meta.url);
const payload = (name) => JSON.parse(readFileSync(new URL(name, PAYLOADS), 'utf8'));

const run = new E2eRun();
const { step } = run;

/** The in-test colibri2 bridge: answers as FakeBridge.java does; `requests` holds what it got. */
async function startBridge() {
  const requests = [];
  const withIds = (template, ids) => ({
    ...template,
    endpoints: ids.slice(0, template.endpoints.length).map((id, i) => ({ ...template.endpoints[i], id })),
  });
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const json = body ? JSON.parse(body) : {};
      requests.push({ method: req.method, path: req.url, body: json });
      const created = (json.endpoints ?? []).filter((e) => e.create).map((e) => e.id);
      let answer = {};
      if (req.method === 'POST') answer = withIds(payload('conference-create-response.json'), created);
      else if (created.length) answer = withIds(payload('endpoint-create-response.json'), created);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  run.track({ close: () => new Promise((resolve) => server.close(resolve)) });
  return { url: `http://127.0.0.1:${port}`, requests };
}

/** The first PATCH that sent endpoint `id`'s transport, if any. */
function answerOf(requests, id) {
  return requests
    .filter((r) => r.method === 'PATCH')
    .flatMap((r) => r.body.endpoints ?? [])
    .find((e) => e.id === id && e.transport?.transport);
}

/** The endpoint ids the bridge was asked to create, in order. */
function createdEndpoints(requests) {
  return requests.flatMap((r) => (r.body.endpoints ?? []).filter((e) => e.create).map((e) => e.id));
}

async function main() {
  const jar = process.env.KIZUNA_JAR;
  if (!jar) throw new Error('set KIZUNA_JAR to the server jar (server/target/kizuna.jar)');
  const bridge = await step('the in-test colibri2 bridge listens', startBridge);
  const password = randomBytes(12).toString('base64url');
  // the server's environment comes from ours: auto mode, the bridge, a bootstrap admin for the guest's account
  process.env.KIZUNA_MEDIA_MODE = 'auto';
  process.env.KIZUNA_JVB_URL = bridge.url;
  process.env.KIZUNA_ADMIN_EMAIL = ADMIN_EMAIL;
  process.env.KIZUNA_ADMIN_PASSWORD = password;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  await run.startServer({ base, jar, port, password });

  const browser = run.track(await launchChromium());
  const { context: memberCtx, page: member } = await run.open(browser, base, 'en-US', 'member');
  const { context: managerCtx, page: manager } = await run.open(browser, base, 'ja-JP', 'manager');
  const { context: guestCtx, page: guest } = await run.open(browser, base, 'en-US', 'guest');
  const pages = [[member, 'member'], [manager, 'manager'], [guest, 'guest']];
  for (const [page] of pages) page.setDefaultTimeout(10_000);
  const refused = [];
  guest.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
  });

  await step('the admin creates the guest\'s account through the API', async () => {
    const admin = await browser.newContext({ baseURL: base });
    await call(admin, 'POST', '/api/session', { email: ADMIN_EMAIL, password }, 200);
    await call(admin, 'POST', '/api/users', { email: GUEST_EMAIL, name: 'Gina Guest', locale: 'en', password, roles: ['HR'] }, 201);
    await admin.close();
  });

  const meetingId = await step('the member invites the guest by e-mail on the meeting page', async () => {
    await login(member, MEMBER_EMAIL, password);
    const meetings = await (await memberCtx.request.get('/api/meetings')).json();
    const planned = meetings.find((m) => m.status === 'PLANNED');
    assert(planned, `no planned meeting in ${JSON.stringify(meetings)}`);
    await member.goto(`/meetings/${planned.id}`);
    await member.getByTestId('guest-email').fill(GUEST_EMAIL);
    await member.getByTestId('guest-invite').click();
    await waitFor('the guest\'s name on the page', async () => (await member.getByTestId('guest-name').innerText()) === 'Gina Guest');
    return planned.id;
  });

  await step('the pair meet peer to peer (auto mode, two participants: no bridge yet)', async () => {
    await login(manager, MANAGER_EMAIL, password);
    await member.getByTestId('room-join').click();
    await manager.goto(`/meetings/${meetingId}/room`);
    for (const page of [member, manager]) await page.locator('[data-testid="room-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    assert(bridge.requests.length === 0, `bridge asked before the guest came: ${JSON.stringify(bridge.requests)}`);
    assert((await member.getByTestId('media-bridge').count()) === 0, 'no bridge badge while peer to peer');
  });

  await step('the guest finds the meeting on the home page and opens the guest\'s room', async () => {
    await login(guest, GUEST_EMAIL, password);
    const link = guest.locator(`[data-testid="meeting-link"][data-meeting-id="${meetingId}"]`);
    assert((await link.getAttribute('data-role')) === 'GUEST', 'the link is marked as the guest\'s');
    assert((await link.innerText()).includes('Ben Carter'), `the pair's names in ${await link.innerText()}`);
    await link.click();
    await guest.getByTestId('guest-room').waitFor();
    for (const absent of ['consent-transcription', 'meeting-end', 'room-agenda-item', 'memo-sync']) {
      assert((await guest.getByTestId(absent).count()) === 0, `the guest's room shows no ${absent}`);
    }
  });

  const ids = await step('the guest\'s arrival moves the room to the bridge: one endpoint per participant', async () => {
    const create = await waitFor('POST /colibri/v2/conferences', () => bridge.requests.find((r) => r.method === 'POST'));
    assert(create.path === '/colibri/v2/conferences', `path ${create.path}`);
    assert(create.body['meeting-id'] === meetingId, `meeting-id ${create.body['meeting-id']}`);
    return waitFor('three endpoints created', () => {
      const created = createdEndpoints(bridge.requests);
      return created.length === 3 ? created : false;
    });
  });

  await step('all three rooms show that media runs through the bridge (English and Japanese)', async () => {
    for (const [page] of pages) await page.getByTestId('media-bridge').waitFor();
    assert((await member.getByTestId('media-bridge').innerText()).includes('bridge'), 'English label');
    assert((await manager.getByTestId('media-bridge').innerText()).includes('ブリッジ'), 'Japanese label');
  });

  const answers = await step('each browser answers its offer; transport and audio and video sources reach the bridge', async () => {
    const found = [];
    for (const id of ids) {
      const endpoint = await waitFor(`PATCH with endpoint ${id}'s transport`, () => answerOf(bridge.requests, id));
      const t = endpoint.transport.transport;
      assert(t.ufrag && t.pwd, `ICE credentials in ${JSON.stringify(t)}`);
      assert(t.fingerprints?.[0]?.setup === 'active', `fingerprint ${JSON.stringify(t.fingerprints)}`);
      const kinds = (endpoint.sources ?? []).map((s) => `${s.type}:${s.id}`);
      assert(JSON.stringify(kinds) === JSON.stringify([`audio:${id}-a0`, `video:${id}-v0`]), `sources ${kinds}`);
      found.push(endpoint);
    }
    return found;
  });

  /** The bridge endpoint (its PATCH) whose transport carries `page`'s own ICE ufrag. */
  const endpointOf = async (page) => {
    const local = await page.evaluate(() => window.__kizuna?.pc?.localDescription?.sdp ?? '');
    return answers.find((a) => local.includes(`a=ice-ufrag:${a.transport.transport.ufrag}`));
  };

  await step('each peer connection holds the bridge\'s offer and then the others\' SSRCs', async () => {
    const ufrags = ['conference-create-response.json', 'endpoint-create-response.json']
      .flatMap((name) => payload(name).endpoints.map((e) => e.transport.transport.ufrag));
    for (const [page, who] of pages) {
      const own = await endpointOf(page);
      assert(own, `${who}: no PATCH carries this page's ICE ufrag`);
      const otherSsrcs = answers.filter((a) => a !== own).map((a) => a.sources[0].sources[0].ssrc);
      const sdp = await waitFor(`${who}: remote offer with the others' audio SSRCs ${otherSsrcs}`, () =>
        page.evaluate((ssrcs) => {
          const pc = window.__kizuna?.pc;
          const remote = pc?.remoteDescription?.sdp ?? '';
          return pc?.signalingState === 'stable' && ssrcs.every((s) => remote.includes(`a=ssrc:${s} `)) ? remote : false;
        }, otherSsrcs));
      assert(ufrags.some((u) => sdp.includes(`a=ice-ufrag:${u}`)), `${who}: the bridge's ICE ufrag`);
    }
  });

  await step('the guest leaves; the bridge expires the guest\'s endpoint; no request of the guest was refused', async () => {
    const guestEndpoint = (await endpointOf(guest)).id;
    await guest.getByTestId('room-leave').click();
    await waitFor('PATCH expiring the guest\'s endpoint', () =>
      bridge.requests.some((r) => r.body.endpoints?.some((e) => e.id === guestEndpoint && e.expire === true)));
    await guest.getByTestId('guest-meeting').waitFor();
    assert(refused.length === 0, `the guest's page was refused: ${refused.join(', ')}`);
  });
}

await run.execute(main, { watchdogMs: 120_000 });
