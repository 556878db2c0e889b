// What each user sees of the sales deals in the real Tasklist (Debian's /usr/bin/chromium driven by
// playwright-core; no browser download). Run by io.dealflow.tasklist.TasklistAccessTests:
//
//   node src/test/e2e/tasklist-access.mjs <baseUrl> <outputJsonPath> <user> [<user>...]
//
// For each user (password = user id), in a browser of its own with a fresh user-data-dir: log in to Tasklist,
// open the filter "All open deals", and record the text of every task in the list (its name and the deal's
// reference and company, which the filter shows as columns) plus the tasks the list call answered. What it saw
// goes to <outputJsonPath> as JSON; the Java test judges who sees which deal. Optional environment:
// E2E_FILTER (default "All open deals"), E2E_FILTER_ID (its id, to tell its list call from others),
// E2E_SCREENSHOTS (default target/e2e), E2E_CHROMIUM (default /usr/bin/chromium).

import {chromium} from 'playwright-core';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const [baseUrl, outputPath, ...users] = process.argv.slice(2);
if (!baseUrl || !outputPath || users.length === 0) {
  console.error('usage: node tasklist-access.mjs <baseUrl> <outputJsonPath> <user> [<user>...]');
  process.exit(2);
}
const filterName = process.env.E2E_FILTER || 'All open deals';
// the filter's id, when known, tells its list call from the one of the filter Tasklist opens first
const filterId = process.env.E2E_FILTER_ID || '';
const screenshots = process.env.E2E_SCREENSHOTS || 'target/e2e';
const executablePath = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30_000;
const tasklist = `${baseUrl.replace(/\/$/, '')}/camunda/app/tasklist/default/`;
const result = {ok: false, step: null, error: null, filter: filterName, users: {}};

function step(name) {
  result.step = name;
  console.error(`[e2e] ${name}`);
}

async function seenBy(user) {
  const seen = {user, items: [], listed: [], count: null, pageErrors: [], failedResponses: []};
  result.users[user] = seen;
  const profile = mkdtempSync(join(tmpdir(), 'tasklist-access-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, viewport: {width: 1400, height: 1000},
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', e => seen.pageErrors.push(String(e)));
  page.on('response', r => {
    if (r.status() >= 400 && r.url().includes('/camunda/api/')) {
      seen.failedResponses.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    }
  });
  try {
    step(`${user}: login`);
    await page.goto(tasklist);
    await page.fill('input[ng-model="username"]', user);
    await page.fill('input[ng-model="password"]', user);
    await page.click('button[type="submit"]');

    step(`${user}: open the filter "${filterName}"`);
    const filter = page.locator('.task-filters .item h4 a', {hasText: filterName}).first();
    await filter.waitFor();
    const listed = page.waitForResponse(r => r.request().method() === 'POST'
      && (filterId ? r.url().includes(`/filter/${filterId}/list`) : /\/filter\/[^/]+\/list/.test(r.url())),
      {timeout: TIMEOUT});
    await filter.click();
    const answer = await listed;
    const page1 = await answer.json();
    seen.count = page1.count;
    seen.listed = ((page1._embedded || {}).task || []).map(t => ({id: t.id, name: t.name,
      processInstanceId: t.processInstanceId, assignee: t.assignee}));

    step(`${user}: read the list`);
    // the list is drawn from that answer; give Angular a moment, then read what a person reads
    await page.waitForTimeout(1500);
    if (seen.count > 0) {
      await page.locator('[cam-tasks] .tasks-list li.task').first().waitFor();
    }
    seen.items = await page.locator('[cam-tasks] .tasks-list li.task').allInnerTexts();
    mkdirSync(screenshots, {recursive: true});
    await page.screenshot({path: join(screenshots, `tasklist-access-${user}.png`)});
  } catch (e) {
    await page.screenshot({path: join(screenshots, `tasklist-access-${user}-failed.png`)}).catch(() => {});
    throw e;
  } finally {
    await context.close();
    rmSync(profile, {recursive: true, force: true});
  }
}

try {
  for (const user of users) {
    await seenBy(user);
  }
  result.ok = true;
} catch (e) {
  result.error = String(e && e.message || e);
} finally {
  writeFileSync(outputPath, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result));
}
