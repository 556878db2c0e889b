// End-to-end check of the Cockpit "Sales pipeline" plugin in a real browser (Debian's /usr/bin/chromium,
// driven by playwright-core; no browser download). Run by io.dealflow.cockpit.SalesPipelinePluginTests:
//
//   node src/test/e2e/sales-pipeline.mjs <baseUrl> <outputJsonPath>
//
// It logs in to Cockpit, reads the order of the dashboard's sections and what the plugin shows there (numbers
// per stage, totals, deals without a value, forecast, funnel),
// clicks a stage and reads the deals listed, changes the owner and currency filters and reads again, then
// opens the tab on the sales process definition page. Everything it saw goes to <outputJsonPath> (and
// stdout) as JSON; the Java test compares it with the API. It judges nothing itself except that the pages
// appeared. Optional environment: E2E_USER (default mia; password = user id), E2E_STAGE (the stage to click,
// default MeetingBooked), E2E_OWNER / E2E_CURRENCY (the filter values; no filter step when unset),
// E2E_SCREENSHOTS (a folder for PNGs, default target/e2e), E2E_CHROMIUM (default /usr/bin/chromium).

import {chromium} from 'playwright-core';
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';

const [baseUrl, outputPath] = process.argv.slice(2);
if (!baseUrl || !outputPath) {
  console.error('usage: node sales-pipeline.mjs <baseUrl> <outputJsonPath>');
  process.exit(2);
}
const env = process.env;
const user = env.E2E_USER || 'mia';
const stageToClick = env.E2E_STAGE || 'MeetingBooked';
const filterOwner = env.E2E_OWNER || '';
const filterCurrency = env.E2E_CURRENCY || '';
const screenshots = env.E2E_SCREENSHOTS || 'target/e2e';
const executablePath = env.E2E_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30_000;

const cockpit = `${baseUrl.replace(/\/$/, '')}/camunda/app/cockpit/default/`;
const DASHBOARD = '#sales-pipeline-dashboard';
const TAB = '#sales-pipeline-tab';

const result = {
  ok: false,
  step: null,
  error: null,
  dialogs: [],
  pageErrors: [],
  consoleErrors: [],
  failedResponses: [],
  screenshots: [],
  dashboard: null,
  sections: null,
  forecast: null,
  funnel: null,
  deals: null,
  dealLink: null,
  filtered: null,
  filteredFunnel: null,
  tab: null
};

function step(name) {
  result.step = name;
  console.error(`[e2e] ${name}`);
}

async function screenshot(page, name, locator, fullPage = true) {
  mkdirSync(screenshots, {recursive: true});
  const path = join(screenshots, `${name}.png`);
  try {
    if (locator) {
      await locator.screenshot({path, timeout: 5_000});
    } else {
      await page.screenshot({path, fullPage, timeout: 5_000});
    }
    result.screenshots.push(path);
  } catch (e) {
    console.error(`[e2e] no screenshot ${path}: ${e.message}`);
  }
}

/** Everything the board of one plugin root shows, numbers from the data-* attributes and the texts as seen. */
function readBoard(page, root) {
  return page.$eval(root, section => {
    const text = node => (node ? node.textContent.trim() : null);
    const board = section.querySelector('.sp-board');
    const totals = section.querySelector('.sp-totals');
    return {
      title: text(section.querySelector('.sp-title')),
      subtitle: text(section.querySelector('.sp-subtitle')),
      state: section.dataset.state,
      currency: board.dataset.currency,
      owner: board.dataset.owner,
      process: board.dataset.process,
      currencyField: section.querySelector('.sp-currency').value,
      ownerField: section.querySelector('.sp-owner').value,
      ownerFieldType: section.querySelector('.sp-owner').tagName.toLowerCase(),
      ownerOptions: [...section.querySelectorAll('select.sp-owner option')].map(option => option.value),
      stages: [...board.querySelectorAll('.sp-stage')].map(column => ({
        key: column.dataset.stageKey,
        name: column.querySelector('.sp-stage-name').firstChild.textContent,
        count: column.dataset.count,
        value: column.dataset.value,
        weightedValue: column.dataset.weightedValue,
        probability: column.dataset.probability,
        idleCount: column.dataset.idleCount,
        current: column.dataset.current,
        countText: text(column.querySelector('.sp-count')),
        valueText: text(column.querySelector('.sp-value')),
        weightedText: text(column.querySelector('.sp-weighted')),
        probabilityText: text(column.querySelector('.sp-probability')),
        idleBadge: text(column.querySelector('.sp-idle')),
        unvaluedCount: column.dataset.unvaluedCount,
        unvaluedText: text(column.querySelector('.sp-unvalued')),
        left: Math.round(column.getBoundingClientRect().left),
        top: Math.round(column.getBoundingClientRect().top)
      })),
      totals: {
        count: totals.dataset.count,
        value: totals.dataset.value,
        weightedValue: totals.dataset.weightedValue,
        idleCount: totals.dataset.idleCount,
        unvaluedCount: totals.dataset.unvaluedCount,
        unvaluedText: text(totals.querySelector('.sp-unvalued-total')),
        text: text(totals)
      },
      images: section.querySelectorAll('img').length,
      error: section.querySelector('.sp-error:not([hidden])')
        ? text(section.querySelector('.sp-error:not([hidden])')) : null
    };
  });
}

/** The dashboard's visible sections top to bottom: heading, position, whether the plugin's board is inside. */
function readSections(page) {
  return page.$$eval('.dashboard section', sections => sections
    .filter(section => section.getClientRects().length > 0 && !section.closest('[hidden]'))
    .map(section => ({
      heading: (section.querySelector('.section-title') || {textContent: ''}).textContent.trim(),
      top: Math.round(section.getBoundingClientRect().top + window.scrollY),
      hasPipeline: section.querySelector('.sp-board') !== null
    }))
    .filter(section => section.heading)
    .sort((a, b) => a.top - b.top));
}

function readForecast(page, root) {
  return page.$eval(`${root} .sp-forecast`, forecast => ({
    ...forecast.dataset,
    months: [...forecast.querySelectorAll('tr.sp-forecast-month')].map(row => ({
      ...row.dataset,
      label: row.querySelector('.sp-forecast-label').textContent.trim(),
      unvaluedText: row.querySelector('.sp-unvalued') ? row.querySelector('.sp-unvalued').textContent.trim() : null
    }))
  }));
}

function readFunnel(page, root) {
  return page.$eval(`${root} .sp-funnel`, funnel => {
    const text = node => (node ? node.textContent.trim() : null);
    return {
      ...funnel.dataset,
      period: text(funnel.querySelector('.sp-funnel-period')),
      chart: funnel.querySelector('svg.sp-funnel-chart') !== null,
      bars: [...funnel.querySelectorAll('svg .sp-funnel-bar')].map(bar => ({
        key: bar.dataset.stageKey || null,
        reached: bar.dataset.reached,
        conversion: bar.dataset.conversion ?? null,
        label: text(bar.querySelector('.sp-funnel-label')),
        reachedText: text(bar.querySelector('.sp-funnel-reached')),
        conversionText: text(bar.querySelector('.sp-funnel-conversion')),
        width: Number(bar.querySelector('rect').getAttribute('width'))
      })),
      winRateText: text(funnel.querySelector('.sp-win-rate .sp-kpi-value')),
      medianDaysText: text(funnel.querySelector('.sp-median-days .sp-kpi-value')),
      lostReasons: [...funnel.querySelectorAll('.sp-lost-reason')].map(item => ({
        reason: item.dataset.reason,
        count: item.dataset.count,
        text: text(item.querySelector('.sp-lost-name'))
      }))
    };
  });
}

function readDeals(page, root) {
  return page.$eval(`${root} .sp-deals`, panel => {
    const text = node => (node ? node.textContent : null);
    return {
      stageKey: panel.dataset.stageKey,
      state: panel.dataset.state,
      title: text(panel.querySelector('.sp-deals-title')),
      rows: [...panel.querySelectorAll('tr.sp-deal')].map(row => ({
        processInstanceId: row.dataset.processInstanceId,
        businessKey: row.dataset.businessKey,
        href: row.querySelector('a.sp-deal-link').getAttribute('href'),
        linkText: text(row.querySelector('a.sp-deal-link')),
        company: text(row.querySelector('.sp-deal-company')),
        companyHtml: row.querySelector('.sp-deal-company').innerHTML,
        companyChildElements: row.querySelector('.sp-deal-company').children.length,
        title: text(row.querySelector('.sp-deal-title')),
        owner: text(row.querySelector('.sp-deal-owner')),
        value: text(row.querySelector('.sp-deal-value'))
      })),
      images: panel.querySelectorAll('img').length
    };
  });
}

async function boardReady(page, root, {owner, currency} = {}) {
  let selector = `${root} .sp-board[data-state="ready"]`;
  if (owner !== undefined) {
    selector += `[data-owner="${owner}"]`;
  }
  if (currency !== undefined) {
    selector += `[data-currency="${currency}"]`;
  }
  await page.waitForSelector(selector, {timeout: TIMEOUT});
  let funnel = `${root} .sp-funnel[data-state="ready"]`;
  if (owner !== undefined) {
    funnel += `[data-owner="${owner}"]`;
  }
  await page.waitForSelector(funnel, {timeout: TIMEOUT});
}

let browser;
let exitCode = 1;
try {
  step('launch chromium');
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
  const context = await browser.newContext({locale: 'en-US', viewport: {width: 1400, height: 900}});
  // as if mia had once collapsed Cockpit's "Custom Plugins" section, where Cockpit renders dashboard plugins
  await context.addInitScript(() => {
    const settings = JSON.parse(localStorage.getItem('camunda') || '{}');
    settings['dashboardSection:deprecate'] = false;
    localStorage.setItem('camunda', JSON.stringify(settings));
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('dialog', dialog => {
    result.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', error => result.pageErrors.push(String(error && error.stack || error)));
  page.on('console', message => {
    if (message.type() === 'error') {
      result.consoleErrors.push(message.text());
    }
  });
  page.on('response', response => {
    const url = response.url();
    if (response.status() >= 400 && (url.includes('/api/') || url.includes('/app/cockpit/scripts/'))) {
      result.failedResponses.push({status: response.status(), method: response.request().method(), url});
    }
  });

  step('log in to Cockpit');
  await page.goto(cockpit, {waitUntil: 'domcontentloaded'});
  await page.fill('input[ng-model="username"]', user);
  await page.fill('input[ng-model="password"]', user);
  await page.click('button[type="submit"]');

  step('dashboard: wait for the Sales pipeline section');
  // on the dashboard the section heading says "Sales pipeline"; the view's own title is there, hidden
  await page.waitForSelector(`${DASHBOARD} .sp-title`, {state: 'attached', timeout: TIMEOUT});
  await boardReady(page, DASHBOARD);
  await page.waitForSelector(`${DASHBOARD} .sp-forecast[data-state="ready"]`, {timeout: TIMEOUT});
  // what is seen first, before any scrolling
  await page.waitForSelector('.dashboard section.actual .section-title', {timeout: TIMEOUT});
  await screenshot(page, 'dashboard-first-view', null, false);
  result.sections = await readSections(page);
  result.dashboard = await readBoard(page, DASHBOARD);
  result.forecast = await readForecast(page, DASHBOARD);
  result.funnel = await readFunnel(page, DASHBOARD);
  await page.locator(DASHBOARD).scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard');
  await screenshot(page, 'sales-pipeline', page.locator(DASHBOARD));

  step(`dashboard: click the stage ${stageToClick}`);
  await page.click(`${DASHBOARD} .sp-stage[data-stage-key="${stageToClick}"]`);
  await page.waitForSelector(`${DASHBOARD} .sp-deals[data-state="ready"][data-stage-key="${stageToClick}"]`);
  result.deals = await readDeals(page, DASHBOARD);
  await screenshot(page, 'sales-pipeline-deals', page.locator(DASHBOARD));

  if (result.deals.rows.length) {
    step('dashboard: follow a deal link');
    const first = result.deals.rows[0];
    await page.click(`${DASHBOARD} tr.sp-deal[data-process-instance-id="${first.processInstanceId}"] a.sp-deal-link`);
    // Cockpit adds its own query (search, diagram viewbox) to the route
    await page.waitForURL(url => url.hash.startsWith(`#/process-instance/${first.processInstanceId}/runtime`),
      {waitUntil: 'commit'});
    result.dealLink = {processInstanceId: first.processInstanceId, url: page.url()};
    // Cockpit's instance page names the instance; wait until it shows something of it
    await page.waitForSelector('[cam-widget-header], .ctn-header, .process-instance', {timeout: TIMEOUT})
      .catch(() => {});
    await page.goto(`${cockpit}#/dashboard`);
    await page.waitForSelector(`${DASHBOARD} .sp-board[data-state="ready"]`);
  }

  if (filterOwner || filterCurrency) {
    step(`dashboard: filter owner=${filterOwner} currency=${filterCurrency}`);
    const ownerField = page.locator(`${DASHBOARD} .sp-owner`);
    if (await ownerField.evaluate(node => node.tagName === 'SELECT')) {
      await ownerField.selectOption(filterOwner);
    } else {
      await ownerField.fill(filterOwner);
      await ownerField.press('Enter');
    }
    if (filterCurrency) {
      const currencyField = page.locator(`${DASHBOARD} .sp-currency`);
      await currencyField.fill(filterCurrency);
      await currencyField.press('Enter');
    }
    await boardReady(page, DASHBOARD, {owner: filterOwner, currency: filterCurrency || undefined});
    result.filtered = await readBoard(page, DASHBOARD);
    result.filteredFunnel = await readFunnel(page, DASHBOARD);
    await screenshot(page, 'sales-pipeline-filtered', page.locator(DASHBOARD));
  }

  step('process definition page: open the Sales pipeline tab');
  const definition = await page.evaluate(async () => {
    const response = await fetch('/camunda/api/engine/engine/default/process-definition/key/sales-process',
      {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    return response.ok ? response.json() : {status: response.status};
  });
  if (!definition.id) {
    throw new Error(`no sales process definition readable: ${JSON.stringify(definition)}`);
  }
  await page.goto(`${cockpit}#/process-definition/${definition.id}/runtime`);
  const tabLink = page.locator('a', {hasText: /^\s*Sales pipeline\s*$/}).first();
  await tabLink.waitFor({timeout: TIMEOUT});
  await tabLink.click();
  await boardReady(page, TAB);
  result.tab = await readBoard(page, TAB);
  result.tab.processDefinitionId = definition.id;
  result.tab.url = page.url();
  await page.locator(TAB).scrollIntoViewIfNeeded();
  await screenshot(page, 'process-definition-tab');

  result.ok = true;
  result.step = 'done';
  exitCode = 0;
} catch (e) {
  result.error = String(e && e.stack || e);
  console.error(`[e2e] failed in step "${result.step}": ${e && e.message}`);
  try {
    const pages = browser ? browser.contexts().flatMap(context => context.pages()) : [];
    if (pages.length) {
      await screenshot(pages[0], 'failure');
    }
  } catch (ignored) {
    // best effort
  }
} finally {
  if (browser) {
    await browser.close().catch(() => {});
  }
  mkdirSync(dirname(outputPath), {recursive: true});
  const json = JSON.stringify(result, null, 2);
  writeFileSync(outputPath, json);
  console.log(json);
}
process.exit(exitCode);
