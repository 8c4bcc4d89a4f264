#!/usr/bin/env node
// The browser client on Jitsi Videobridge, against the real server in KIZUNA_MEDIA_MODE=bridge and
// an in-test colibri2 bridge (no Jitsi Videobridge runs here): a Node HTTP server answering with the
// representative payloads of server/src/test/resources/colibri2/ and recording what it is sent.
// Both join; the room shows it runs through the bridge; each browser's RTCPeerConnection takes the
// server's offer (the bridge's ICE credentials) and the client's answer reaches the bridge as
// colibri2 transport and sources; each then gets a new offer carrying the other's SSRCs; leaving
// expires the endpoint. No media flows (nothing answers ICE on the bridge's side).
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
  contextOptions,
  E2eRun,
  freePort,
  launchChromium,
  login,
  waitFor,
} from './harness.mjs';

const PAYLOADS = new URL('../../server/src/test/resources/colibri2/', import.meta.url);
const payload = (name) => JSON.parse(readFileSync(new URL(name, PAYLOADS), 'utf8'));

const run = new E2eRun();
const { step, watch } = run;

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

async function main() {
  const jar = process.env.KIZUNA_JAR;
  if (!jar) throw new Error('set KIZUNA_JAR to the server jar (server/target/kizuna.jar)');
  const bridge = await step('the in-test colibri2 bridge listens', startBridge);
  process.env.KIZUNA_MEDIA_MODE = 'bridge';
  process.env.KIZUNA_JVB_URL = bridge.url;
  const password = randomBytes(12).toString('base64url');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  await run.startServer({ base, jar, port, password });

  const browser = run.track(await launchChromium());
  const memberCtx = await browser.newContext(contextOptions(base, 'en-US'));
  const managerCtx = await browser.newContext(contextOptions(base, 'ja-JP'));
  const member = await memberCtx.newPage();
  const manager = await managerCtx.newPage();
  watch(member, 'member');
  watch(manager, 'manager');
  member.setDefaultTimeout(10_000);
  manager.setDefaultTimeout(10_000);

  const meetingId = await step('both log in and open the planned demo meeting\'s room', async () => {
    await login(member, MEMBER_EMAIL, password);
    await login(manager, MANAGER_EMAIL, password);
    const meetings = await (await memberCtx.request.get('/api/meetings')).json();
    const planned = meetings.find((m) => m.status === 'PLANNED');
    assert(planned, `no planned meeting in ${JSON.stringify(meetings)}`);
    await member.goto(`/meetings/${planned.id}/room`);
    await manager.goto(`/meetings/${planned.id}/room`);
    return planned.id;
  });

  const ids = await step('the server gives each participant a bridge endpoint in the conference', async () => {
    const create = await waitFor('POST /colibri/v2/conferences', () => bridge.requests.find((r) => r.method === 'POST'));
    assert(create.path === '/colibri/v2/conferences', `path ${create.path}`);
    assert(create.body['meeting-id'] === meetingId, `meeting-id ${create.body['meeting-id']}`);
    // Two endpoints: both in the create when both had joined by then, else the second added by PATCH.
    return waitFor('two endpoints created', () => {
      const created = bridge.requests.flatMap((r) => (r.body.endpoints ?? []).filter((e) => e.create).map((e) => e.id));
      return created.length === 2 ? created : false;
    });
  });

  await step('both rooms show that media runs through the bridge (English and Japanese)', async () => {
    await member.getByTestId('media-bridge').waitFor();
    await manager.getByTestId('media-bridge').waitFor();
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

  await step('each peer connection holds the bridge\'s offer and then the other participant\'s SSRCs', async () => {
    const ufrags = ['conference-create-response.json', 'endpoint-create-response.json']
      .flatMap((name) => payload(name).endpoints.map((e) => e.transport.transport.ufrag));
    for (const [page, who] of [[member, 'member'], [manager, 'manager']]) {
      // Which endpoint is this page's: the one whose transport carries the page's own ICE ufrag.
      const local = await page.evaluate(() => window.__kizuna?.pc?.localDescription?.sdp ?? '');
      const own = answers.find((a) => local.includes(`a=ice-ufrag:${a.transport.transport.ufrag}`));
      assert(own, `${who}: no PATCH carries this page's ICE ufrag`);
      const otherSsrc = answers.find((a) => a !== own).sources[0].sources[0].ssrc;
      const sdp = await waitFor(`${who}: remote offer with the other's audio SSRC ${otherSsrc}`, () =>
        page.evaluate((ssrc) => {
          const pc = window.__kizuna?.pc;
          const remote = pc?.remoteDescription?.sdp ?? '';
          return pc?.signalingState === 'stable' && remote.includes(`a=ssrc:${ssrc} `) ? remote : false;
        }, otherSsrc));
      assert(ufrags.some((u) => sdp.includes(`a=ice-ufrag:${u}`)), `${who}: the bridge's ICE ufrag`);
    }
  });

  await step('the member leaves; the bridge expires the member\'s endpoint', async () => {
    const local = await member.evaluate(() => window.__kizuna?.pc?.localDescription?.sdp ?? '');
    const memberEndpoint = answers.find((a) => local.includes(`a=ice-ufrag:${a.transport.transport.ufrag}`)).id;
    await member.getByTestId('room-leave').click();
    await waitFor('PATCH expiring the member\'s endpoint', () =>
      bridge.requests.some((r) => r.body.endpoints?.some((e) => e.id === memberEndpoint && e.expire === true)));
  });
}

await run.execute(main, { watchdogMs: 120_000 });
