#!/usr/bin/env node
// End-to-end test of anonymous feedback and insights against the real server: the demo meeting
// ends; the member rates it in the browser and shares "what was good" (with their own name in it);
// the manager writes a reflection. The manager's /insights page shows the WORK x LISTEN cell as
// hidden while it lacks 3 answers from 2 members; three more members (seeded through the API)
// answer the same cell, and once a release has run the page shows the cell's mean and count,
// and the member's comment as a community hint without the member's name.
//
// Run it inside a loopback-only network namespace, like room.e2e.mjs:
//   unshare -n sh -c 'ip link set lo up && KIZUNA_JAR=/abs/server/target/kizuna.jar node web-client/e2e/feedback.e2e.mjs'
// Env: KIZUNA_JAR (required), CHROMIUM, E2E_VERBOSE=1.

import { randomBytes } from 'node:crypto';
import {
  MANAGER_EMAIL,
  MEMBER_EMAIL,
  assert,
  call,
  contextOptions,
  E2eRun,
  freePort,
  launchChromium,
  login,
  waitFor,
} from './harness.mjs';

const WATCHDOG_MS = 120_000;
const ADMIN_EMAIL = 'admin@feedback-e2e.test';
const CELL = '[data-testid="insight-cell"][data-topic="WORK"][data-expectation="LISTEN"]';

const run = new E2eRun();
const { log, step } = run;

async function main() {
  const jar = process.env.KIZUNA_JAR;
  if (!jar) throw new Error('set KIZUNA_JAR to the server jar (server/target/kizuna.jar)');
  const password = randomBytes(12).toString('base64url');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The server inherits this environment: an admin to create more members, and releases every 300 ms.
  process.env.KIZUNA_ADMIN_EMAIL = ADMIN_EMAIL;
  process.env.KIZUNA_ADMIN_PASSWORD = password;
  process.env.KIZUNA_FEEDBACK_RELEASE_INTERVAL_MS = '300';

  await run.startServer({ base, jar, port, password, dataDirPrefix: 'kizuna-feedback-e2e-' });

  const browser = run.track(await launchChromium());
  const { context: memberCtx, page: member } = await run.open(browser, base, 'en-US', 'member');
  const { context: managerCtx, page: manager } = await run.open(browser, base, 'en-US', 'manager');

  const meetingId = await step('the demo meeting gets a WORK x LISTEN agenda and ends', async () => {
    await login(member, MEMBER_EMAIL, password);
    await login(manager, MANAGER_EMAIL, password);
    const meetings = await (await memberCtx.request.get('/api/meetings')).json();
    const planned = meetings.find((m) => m.status === 'PLANNED' && m.yourRole === 'MEMBER');
    assert(planned, 'no PLANNED meeting with the member role');
    await call(memberCtx, 'PUT', `/api/meetings/${planned.id}/agenda`, { items: [{ topic: 'WORK', expectation: 'LISTEN' }] }, 200);
    await call(memberCtx, 'POST', `/api/meetings/${planned.id}/end`, undefined, 200);
    return planned.id;
  });

  await step('the member rates the meeting in the browser and shares what was good', async () => {
    await member.goto(`/meetings/${meetingId}`);
    await member.getByTestId('feedback-form').waitFor();
    await member.getByTestId('feedback-rating-0-5').check();
    await member.getByTestId('feedback-good-0').fill('Ben here: Aiko let me finish and asked what I needed');
    await member.getByTestId('feedback-share').check();
    await member.getByTestId('feedback-submit').click();
    await member.getByTestId('feedback-thanks').waitFor();
    await member.reload();
    await member.getByTestId('feedback-already').waitFor();
  });

  await step('the manager writes a reflection on the ended meeting', async () => {
    await manager.goto(`/meetings/${meetingId}`);
    await manager.getByTestId('reflection-form').waitFor();
    assert((await manager.getByTestId('feedback-form').count()) === 0, 'the manager sees the feedback form');
    await manager.getByTestId('reflection-worked').fill('Waiting before I answered');
    await manager.getByTestId('reflection-submit').click();
    await manager.getByTestId('reflection-saved').waitFor();
  });

  await step("the manager's insights page hides the cell with one member's answer", async () => {
    await manager.getByTestId('nav-insights').click();
    await manager.getByTestId('insights').waitFor();
    const cell = manager.locator(CELL);
    assert((await cell.getAttribute('data-hidden')) === 'true', 'the cell shows with one answer');
    assert((await cell.innerText()).includes('too few'), `hidden cell text: ${await cell.innerText()}`);
  });

  await step('three more members of the manager answer the same cell through the API', async () => {
    const admin = await browser.newContext(contextOptions(base, 'en-US'));
    await call(admin, 'POST', '/api/session', { email: ADMIN_EMAIL, password }, 200);
    const managerUser = await (await managerCtx.request.get('/api/me')).json();
    const ratings = [4, 4, 3];
    for (let i = 0; i < ratings.length; i++) {
      const email = `member${i}@feedback-e2e.test`;
      const user = await call(admin, 'POST', '/api/users', { email, name: `Seeded Member ${i}`, password, roles: ['MEMBER'] }, 201);
      const pair = await call(admin, 'POST', '/api/pairs', { managerId: managerUser.id, memberId: user.id, kind: 'LINE' }, 201);
      const ctx = await browser.newContext(contextOptions(base, 'en-US'));
      await call(ctx, 'POST', '/api/session', { email, password }, 200);
      const meeting = await call(ctx, 'POST', '/api/meetings', { pairId: pair.id, scheduledAt: new Date().toISOString(), durationMinutes: 30 }, 201);
      await call(ctx, 'PUT', `/api/meetings/${meeting.id}/agenda`, { items: [{ topic: 'WORK', expectation: 'LISTEN' }] }, 200);
      await call(ctx, 'POST', `/api/meetings/${meeting.id}/end`, undefined, 200);
      await call(ctx, 'POST', `/api/meetings/${meeting.id}/feedback`, { items: [{ index: 0, rating: ratings[i] }], shareAsHint: false }, 201);
      await ctx.close();
    }
    await admin.close();
  });

  await step('after a release the page shows the cell with its mean and count, and the anonymised hint', async () => {
    await waitFor(
      'the cell visible after a release',
      async () => {
        await manager.reload();
        await manager.getByTestId('insights').waitFor();
        return (await manager.locator(CELL).getAttribute('data-hidden')) === 'false';
      },
      { timeout: 20_000, interval: 500 },
    );
    const text = await manager.locator(CELL).innerText();
    log(`WORK x LISTEN: ${text.replace(/\s+/g, ' ')}`);
    // Released in batches of 2+ members: 3 or all 4 answers, never fewer.
    assert(/4\.00\s*n=4|4\.33\s*n=3/.test(text), `cell text: ${text}`);
    const hint = manager.getByTestId('community-hint').filter({ hasText: 'let me finish' });
    await hint.waitFor();
    const hintText = await hint.innerText();
    assert(!hintText.includes('Ben') && !hintText.includes('Aiko'), `the hint names the pair: ${hintText}`);
    assert(hintText.includes('[name]'), `no name placeholder: ${hintText}`);
  });
}

await run.execute(main, { watchdogMs: WATCHDOG_MS });
