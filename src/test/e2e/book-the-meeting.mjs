// End-to-end check of the lead hand-off in the real Tasklist (Debian's /usr/bin/chromium driven by
// playwright-core). Run by io.dealflow.tasklist.BookTheMeetingInTasklistTests:
//
//   node src/test/e2e/book-the-meeting.mjs <baseUrl> <outputJsonPath> <taskId>
//
// It logs in to Tasklist as sam, opens the task by its id, claims it, reads the lead shown in the form,
// chooses "Meeting booked", types the meeting date and time as a rep would and completes the task. What it
// saw and what Tasklist submitted go to <outputJsonPath> as JSON; the Java test judges the outcome.

import {chromium} from 'playwright-core';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

const [baseUrl, outputPath, taskId] = process.argv.slice(2);
if (!baseUrl || !outputPath || !taskId) {
  console.error('usage: node book-the-meeting.mjs <baseUrl> <outputJsonPath> <taskId>');
  process.exit(2);
}
const screenshots = process.env.E2E_SCREENSHOTS || 'target/e2e';
const executablePath = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30_000;
const result = {ok: false, step: null, error: null, lead: null, submitted: [], pageErrors: []};

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
page.on('request', r => {
  if (r.method() === 'POST' && r.url().includes('/submit-form')) {
    result.submitted.push(JSON.parse(r.postData() || '{}'));
  }
});
try {
  step('login');
  await page.goto(`${baseUrl.replace(/\/$/, '')}/camunda/app/tasklist/default/#/?task=${taskId}`);
  await page.fill('input[ng-model="username"]', 'sam');
  await page.fill('input[ng-model="password"]', 'sam');
  await page.click('button[type="submit"]');

  step('open the task');
  await page.getByRole('heading', {name: 'Book the meeting'}).first().waitFor();
  const claim = page.getByText('Claim', {exact: true});
  await page.waitForTimeout(1000);
  if (await claim.count()) {
    await claim.first().click();
  }
  await page.waitForSelector('.fjs-container [id$="Field_leadEmail"]');
  await page.waitForFunction(() => document.querySelector('.fjs-container [id$="Field_leadEmail"]').value !== '');

  step('read the lead');
  const value = id => page.locator(`.fjs-container [id$="${id}"]`).inputValue();
  result.lead = {name: await value('Field_leadName'), email: await value('Field_leadEmail'),
    company: await value('Field_leadCompany'), segment: await value('Field_segment')};

  step('book the meeting');
  await page.getByLabel('Meeting booked: open the deal').check();
  await page.click('[id$="Field_meetingAt-date"]');
  await page.keyboard.type('12/04/2026');
  await page.keyboard.press('Enter');
  await page.click('[id$="Field_meetingAt-time"]');
  await page.keyboard.type('09:30');
  await page.keyboard.press('Enter');
  mkdirSync(screenshots, {recursive: true});
  await page.screenshot({path: join(screenshots, 'book-the-meeting.png')});

  step('complete');
  await page.getByRole('button', {name: 'Complete'}).click();
  await page.waitForFunction(() => !document.querySelector('.fjs-container'), null, {timeout: TIMEOUT})
    .catch(() => {});
  await page.waitForTimeout(1500);
  result.ok = result.submitted.length > 0;
} catch (e) {
  result.error = String(e && e.message || e);
  await page.screenshot({path: join(screenshots, 'book-the-meeting-failed.png')}).catch(() => {});
} finally {
  await browser.close();
  writeFileSync(outputPath, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result));
}
