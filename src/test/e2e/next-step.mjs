// End-to-end check of the rep's next step in the real Tasklist (Debian's /usr/bin/chromium driven by
// playwright-core). Run by io.dealflow.tasklist.NextStepInTasklistTests:
//
//   node src/test/e2e/next-step.mjs <baseUrl> <outputJsonPath> <taskId>
//
// It logs in to Tasklist as sam, opens the stage by its id, reads the due date shown, sets a follow-up date with
// Tasklist's own "Set follow-up date" and reports what Tasklist sent and what the engine answered; the Java test
// judges the outcome.

import {chromium} from 'playwright-core';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

const [baseUrl, outputPath, taskId] = process.argv.slice(2);
if (!baseUrl || !outputPath || !taskId) {
  console.error('usage: node next-step.mjs <baseUrl> <outputJsonPath> <taskId>');
  process.exit(2);
}
const screenshots = process.env.E2E_SCREENSHOTS || 'target/e2e';
const executablePath = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30_000;
const result = {ok: false, step: null, error: null, due: null, updates: [], pageErrors: []};

function step(name) {
  result.step = name;
  console.error(`[e2e] ${name}`);
}

const browser = await chromium.launch({
  executablePath, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync']
});
const page = await browser.newPage({viewport: {width: 1400, height: 1000}});
page.setDefaultTimeout(TIMEOUT);
page.on('pageerror', e => result.pageErrors.push(String(e)));
page.on('response', async r => {
  if (r.request().method() === 'PUT' && r.url().endsWith(`/task/${taskId}`)) {
    result.updates.push({status: r.status(), sent: JSON.parse(r.request().postData() || '{}')});
  }
});
try {
  step('login');
  await page.goto(`${baseUrl.replace(/\/$/, '')}/camunda/app/tasklist/default/#/?task=${taskId}`);
  await page.fill('input[ng-model="username"]', 'sam');
  await page.fill('input[ng-model="password"]', 'sam');
  await page.click('button[type="submit"]');

  step('open the stage');
  await page.getByRole('heading', {name: 'Meeting booked'}).first().waitFor();
  const followUp = page.locator('.followup-date').first();
  await followUp.waitFor();
  result.due = await page.locator('.due-date [uib-tooltip]').last().getAttribute('uib-tooltip').catch(() => null);

  step('set the follow-up date');
  await followUp.getByText('Set follow-up date').click();
  const apply = page.locator('button:has(.glyphicon-ok):visible').first();
  await apply.waitFor();
  mkdirSync(screenshots, {recursive: true});
  await page.screenshot({path: join(screenshots, 'next-step-picker.png')});
  await apply.click();
  for (let i = 0; i < 50 && result.updates.length === 0; i++) {
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(1000);
  result.shown = (await followUp.textContent()).replace(/\s+/g, ' ').trim();
  await page.screenshot({path: join(screenshots, 'next-step.png')});
  result.ok = result.updates.length > 0;
} catch (e) {
  result.error = String(e && e.message || e);
  result.html = await page.locator('.followup-date').first().innerHTML().catch(() => null);
  await page.screenshot({path: join(screenshots, 'next-step-failed.png')}).catch(() => {});
} finally {
  await browser.close();
  writeFileSync(outputPath, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result));
}
