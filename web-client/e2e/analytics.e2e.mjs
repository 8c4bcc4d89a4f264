#!/usr/bin/env node
// End-to-end check of the monthly pulse and the admin analytics page against the real server:
// the demo member answers this month's pulse from the header's link and sees it in their history
// (the form is gone); the demo meeting is ended; the admin opens Analytics from the header and the
// page, loaded as its own chunk with Chart.js, draws the 1on1 chart. The member's header has no
// admin links.
//
// Needs no network namespace (no WebRTC), but runs fine inside one like the other scripts:
//   KIZUNA_JAR=/abs/server/target/kizuna.jar node web-client/e2e/analytics.e2e.mjs
// Env: KIZUNA_JAR (required), CHROMIUM, E2E_VERBOSE=1.

import { randomBytes } from 'node:crypto';
import { MEMBER_EMAIL, assert, contextOptions, E2eRun, freePort, launchChromium, login, waitFor } from './harness.mjs';

const ADMIN_EMAIL = 'admin@e2e.kizuna.test';
const WATCHDOG_MS = 90_000;

const run = new E2eRun();
const { step, watch } = run;

async function main() {
  const jar = process.env.KIZUNA_JAR;
  if (!jar) throw new Error('set KIZUNA_JAR to the server jar (server/target/kizuna.jar)');
  const password = randomBytes(12).toString('base64url');
  const adminPassword = randomBytes(12).toString('base64url');
  // The environment passes through to the server: its first start creates this admin.
  process.env.KIZUNA_ADMIN_EMAIL = ADMIN_EMAIL;
  process.env.KIZUNA_ADMIN_PASSWORD = adminPassword;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  await run.startServer({ base, jar, port, password, dataDirPrefix: 'kizuna-analytics-e2e-' });

  const browser = run.track(await launchChromium());
  const member = await (await browser.newContext(contextOptions(base, 'en-US'))).newPage();
  watch(member, 'member');
  await login(member, MEMBER_EMAIL, password);

  await step('the member answers this month\'s pulse once and sees it in their history', async () => {
    assert((await member.getByTestId('nav-analytics').count()) === 0, 'a member sees no analytics link');
    await member.getByTestId('nav-pulse').click();
    await member.getByTestId('pulse-growth-4').check();
    await member.getByTestId('pulse-condition-3').check();
    await member.getByTestId('pulse-stage').selectOption('9');
    await member.getByTestId('pulse-submit').click();
    await member.getByTestId('pulse-answered').waitFor();
    await member.getByTestId('pulse-history').getByText('Trust: I share worries without holding back').waitFor();
    assert((await member.getByTestId('pulse-form').count()) === 0, 'the form is gone once answered');
  });

  await step('the demo meeting ends', async () => {
    const ended = await member.evaluate(async () => {
      const meetings = await (await fetch('/api/meetings')).json();
      const res = await fetch(`/api/meetings/${meetings[0].id}/end`, { method: 'POST' });
      return res.status;
    });
    assert(ended === 200, `end answered ${ended}`);
  });

  const admin = await (await browser.newContext(contextOptions(base, 'en-US'))).newPage();
  watch(admin, 'admin');
  const chunks = [];
  admin.on('request', (r) => {
    if (/\/assets\/AdminAnalytics-[^/]+\.js$/.test(r.url())) chunks.push(r.url());
  });
  await login(admin, ADMIN_EMAIL, adminPassword);

  await step('the admin\'s analytics page loads Chart.js on demand and draws the 1on1s per unit', async () => {
    assert(chunks.length === 0, 'the analytics chunk is not part of the first page');
    await admin.getByTestId('nav-analytics').click();
    await admin.getByTestId('analytics-table').getByText('Sales/East').waitFor();
    assert(chunks.length === 1, `the analytics chunk loaded once (${chunks.length})`);
    const canvas = admin.getByTestId('chart-meetings');
    await canvas.waitFor();
    await waitFor('the chart has drawn pixels', () =>
      canvas.evaluate((c) => {
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
        return false;
      }),
    );
  });
}

await run.execute(main, { watchdogMs: WATCHDOG_MS });
