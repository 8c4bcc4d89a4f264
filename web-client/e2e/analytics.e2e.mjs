#!/usr/bin/env node
// End-to-end check of the monthly pulse and the admin analytics page against the real server:
// the demo member answers this month's pulse from the header's link and sees it in their history
// (the form is gone); the demo meeting is ended; two managers of Sales/East get feedback from two
// members each through the API, released in two rounds; the admin opens Analytics from the header and the page, loaded as its
// own chunk with Chart.js, draws the 1on1 chart, and once the feedback is released the meeting
// satisfaction chart and the managers' strengths and weaknesses. The member's header has no admin
// links.
//
// Needs no network namespace (no WebRTC), but runs fine inside one like the other scripts:
//   KIZUNA_JAR=/abs/server/target/kizuna.jar node web-client/e2e/analytics.e2e.mjs
// Env: KIZUNA_JAR (required), CHROMIUM, E2E_VERBOSE=1.

import { randomBytes } from 'node:crypto';
import { MEMBER_EMAIL, assert, call, contextOptions, E2eRun, freePort, launchChromium, login, waitFor } from './harness.mjs';

const ADMIN_EMAIL = 'admin@e2e.kizuna.test';
const WATCHDOG_MS = 90_000;

const run = new E2eRun();
const { step, watch } = run;

/** Waits until the chart's canvas has a pixel drawn. */
function drawn(canvas) {
  return waitFor('the chart has drawn pixels', () =>
    canvas.evaluate((c) => {
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    }),
  );
}

async function main() {
  const jar = process.env.KIZUNA_JAR;
  if (!jar) throw new Error('set KIZUNA_JAR to the server jar (server/target/kizuna.jar)');
  const password = randomBytes(12).toString('base64url');
  const adminPassword = randomBytes(12).toString('base64url');
  // The environment passes through to the server: its first start creates this admin.
  process.env.KIZUNA_ADMIN_EMAIL = ADMIN_EMAIL;
  process.env.KIZUNA_ADMIN_PASSWORD = adminPassword;
  process.env.KIZUNA_FEEDBACK_RELEASE_INTERVAL_MS = '300';
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

  await step('two managers of Sales/East are rated by two members each, WORK x LISTEN above CAREER x ADVICE', async () => {
    const seeder = await browser.newContext(contextOptions(base, 'en-US'));
    await call(seeder, 'POST', '/api/session', { email: ADMIN_EMAIL, password: adminPassword }, 200);
    const user = (name, roles, unit) =>
      call(seeder, 'POST', '/api/users', { email: `${name}@analytics-e2e.test`, name, password, roles, unit }, 201);
    // Per manager, per round: [member 1's ratings, member 2's ratings] of WORK x LISTEN, CAREER x ADVICE.
    const ratings = {
      X: [[[5, 3], [5, 2]], [[4, 3], [5, 3]]],
      Y: [[[4, 2], [5, 3]], [[5, 3], [5, 3]]],
    };
    const members = {};
    for (const key of Object.keys(ratings)) {
      const manager = await user(`manager${key}`, ['MANAGER'], 'Sales/East');
      members[key] = [];
      for (const n of [1, 2]) {
        const member = await user(`member${key}${n}`, ['MEMBER']);
        const pair = await call(seeder, 'POST', '/api/pairs', { managerId: manager.id, memberId: member.id, kind: 'LINE' }, 201);
        const ctx = await browser.newContext(contextOptions(base, 'en-US'));
        await call(ctx, 'POST', '/api/session', { email: `member${key}${n}@analytics-e2e.test`, password }, 200);
        members[key].push({ ctx, pair });
      }
    }
    const items = [{ topic: 'WORK', expectation: 'LISTEN' }, { topic: 'CAREER', expectation: 'ADVICE' }];
    // In each round both members of a manager answer, then the round waits for its release: a
    // member's answers go out only together with another member's.
    for (const round of [0, 1]) {
      for (const [key, rows] of Object.entries(ratings)) {
        for (const [m, { ctx, pair }] of members[key].entries()) {
          const meeting = await call(ctx, 'POST', '/api/meetings', { pairId: pair.id, scheduledAt: new Date().toISOString(), durationMinutes: 30 }, 201);
          await call(ctx, 'PUT', `/api/meetings/${meeting.id}/agenda`, { items }, 200);
          await call(ctx, 'POST', `/api/meetings/${meeting.id}/end`, undefined, 200);
          const feedback = { items: rows[round][m].map((rating, index) => ({ index, rating })), shareAsHint: false };
          await call(ctx, 'POST', `/api/meetings/${meeting.id}/feedback`, feedback, 201);
        }
      }
      const expected = (round + 1) * 8;
      await waitFor(`${expected} answers released`, async () => {
        const report = await (await seeder.request.get('/api/admin/analytics')).json();
        const organisation = report.groups.find((g) => g.level === 'ORGANISATION');
        return organisation?.meetingSatisfaction?.answers === expected;
      }, { timeout: 15_000, interval: 300 });
    }
    for (const key of Object.keys(members)) for (const { ctx } of members[key]) await ctx.close();
    await seeder.close();
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
    await drawn(canvas);
  });

  await step('meeting satisfaction per unit is drawn and the strengths table names cells, not managers', async () => {
    const chart = admin.getByTestId('chart-meeting-satisfaction');
    const table = admin.getByTestId('analytics-cells');
    let cells = '';
    await waitFor(
      'the feedback section',
      async () => {
        await admin.getByRole('button', { name: 'Show', exact: true }).click();
        await admin.getByTestId('analytics-feedback').waitFor();
        cells = (await table.count()) === 1 ? await table.innerText() : '';
        return cells !== '' && (await chart.count()) === 1;
      },
      { timeout: 20_000, interval: 500 },
    );
    await drawn(chart);
    assert(/Whole organisation[\s\S]*Work progress and ways of working × Just listen to me: 4\.75/.test(cells), `cells: ${cells}`);
    assert(cells.includes('Future career × I want concrete advice: 2.75'), `cells: ${cells}`);
    assert(!/manager[XY]/.test(await admin.content()), 'a manager is named on the page');
    assert(chunks.length === 1, `the analytics chunk loaded once (${chunks.length})`);
  });
}

await run.execute(main, { watchdogMs: WATCHDOG_MS });
