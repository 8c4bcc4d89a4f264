#!/usr/bin/env node
// End-to-end test of sharing: the member ends the demo meeting, types a line into the shared memo,
// opens the Share panel and creates a read-only link there; an HR user's browser opens the link and
// reads the memo on the server-rendered page (no transcript, strict headers). The member's share
// list then shows the HR user's view in the audit log.
//
// Run it inside a loopback-only network namespace, like room.e2e.mjs:
//   unshare -n sh -c 'ip link set lo up && KIZUNA_JAR=/abs/server/target/kizuna.jar node web-client/e2e/sharing.e2e.mjs'
// Env: KIZUNA_JAR (required), CHROMIUM, E2E_VERBOSE=1.

import { randomBytes } from 'node:crypto';
import { MEMBER_EMAIL, assert, E2eRun, freePort, launchChromium, login, waitFor } from './harness.mjs';

const WATCHDOG_MS = 120_000;
const ADMIN_EMAIL = 'admin@sharing.e2e.test';
const HR_EMAIL = 'hr@sharing.e2e.test';

const run = new E2eRun();
const { log, step } = run;

/** A JSON call with a session cookie, for seeding through the API as an admin would. */
async function call(base, method, path, body, cookie) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0], json: await res.json().catch(() => null) };
}

async function main() {
  const jar = process.env.KIZUNA_JAR;
  if (!jar) throw new Error('set KIZUNA_JAR to the server jar (server/target/kizuna.jar)');
  const password = randomBytes(12).toString('base64url');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const note = `Next quarter I want to mentor the new joiners ${randomBytes(3).toString('hex')}`;

  // the server's environment comes from ours: a bootstrap admin to create the HR user
  process.env.KIZUNA_ADMIN_EMAIL = ADMIN_EMAIL;
  process.env.KIZUNA_ADMIN_PASSWORD = password;
  await run.startServer({ base, jar, port, password, dataDirPrefix: 'kizuna-sharing-e2e-' });

  await step('the admin creates an HR user through the API', async () => {
    const admin = await call(base, 'POST', '/api/session', { email: ADMIN_EMAIL, password });
    assert(admin.status === 200, `admin login: ${admin.status}`);
    const hr = await call(base, 'POST', '/api/users',
      { email: HR_EMAIL, name: 'Hana HR', locale: 'en', password, roles: ['HR'] }, admin.cookie);
    assert(hr.status === 201, `create HR user: ${hr.status} ${JSON.stringify(hr.json)}`);
  });

  const browser = run.track(await launchChromium());
  const { context: memberCtx, page: member } = await run.open(browser, base, 'en-US', 'member');
  const { context: hrCtx, page: hr } = await run.open(browser, base, 'en-US', 'hr');

  const meetingId = await step('the member ends the meeting and writes a line into the shared memo', async () => {
    await login(member, MEMBER_EMAIL, password);
    const planned = (await (await memberCtx.request.get('/api/meetings')).json()).find((m) => m.yourRole === 'MEMBER');
    assert(planned, 'no meeting with the member role');
    const ended = await memberCtx.request.post(`/api/meetings/${planned.id}/end`);
    assert(ended.status() === 200, `end meeting: ${ended.status()}`);
    await member.goto(`/meetings/${planned.id}`);
    await member.locator('[data-testid="memo-sync"][data-state="online"]').first().waitFor({ timeout: 20_000 });
    await member.getByTestId('memo-field-free').click();
    await member.keyboard.type(note, { delay: 10 });
    await waitFor('the memo text on the server', async () => {
      const memo = await (await memberCtx.request.get(`/api/meetings/${planned.id}/memo`)).json();
      return memo.text?.includes(note);
    }, { timeout: 15_000 });
    return planned.id;
  });

  const link = await step('the member creates a read-only link in the Share panel', async () => {
    await member.getByTestId('share-days').selectOption('30');
    await member.getByTestId('share-create-link').click();
    const field = member.getByTestId('share-link-url');
    await field.waitFor();
    const url = await field.inputValue();
    assert(new RegExp(`^${base}/shared/[A-Za-z0-9_-]{43}$`).test(url), `unexpected link ${url}`);
    await member.locator('[data-testid="share-item"][data-kind="LINK"][data-active="true"]').waitFor();
    return url;
  });

  await step('the HR user opens the link and reads the memo, without transcript, on a no-store page', async () => {
    await login(hr, HR_EMAIL, password);
    const response = await hr.goto(link);
    assert(response.status() === 200, `shared page: ${response.status()}`);
    const headers = response.headers();
    assert(headers['cache-control'] === 'no-store', `Cache-Control: ${headers['cache-control']}`);
    assert(headers['content-security-policy']?.startsWith("default-src 'none'"), 'no strict CSP');
    const memo = await hr.getByTestId('shared-memo').innerText();
    assert(memo.includes(note), `the page shows: ${memo}`);
    assert((await hr.getByTestId('shared-transcript').count()) === 0, 'a transcript was shown');
    log(`HR read: ${memo.split('\n').slice(-1)[0]}`);
  });

  await step("the member's share list shows the HR user's view", async () => {
    await member.reload();
    const views = member.locator('[data-testid="share-item"][data-kind="LINK"] [data-testid="share-views"]');
    await views.waitFor({ timeout: 10_000 });
    await views.click();
    await waitFor('the HR view in the audit log', async () =>
      (await member.locator('[data-testid="share-item"][data-kind="LINK"]').innerText()).includes('Hana HR'));
    const list = await (await memberCtx.request.get(`/api/meetings/${meetingId}/shares`)).json();
    assert(list[0].views.length === 1 && list[0].views[0].viewerName === 'Hana HR', `audit: ${JSON.stringify(list[0].views)}`);
  });
}

await run.execute(main, { watchdogMs: WATCHDOG_MS });
