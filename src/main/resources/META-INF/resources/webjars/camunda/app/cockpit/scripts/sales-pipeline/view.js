// The "Sales pipeline" view: the stages side by side (GET /api/pipeline), the forecast by expected decision month
// (GET /api/pipeline/forecast), the funnel (GET /api/pipeline/funnel), and, on a click on a stage, the deals
// waiting in it (engine REST as the Cockpit user). Owners are shown by their names from the engine's users.
//
// /api/** accepts the Cockpit session cookie for GETs. The engine REST API of the web apps
// (api.engineApi = /camunda/api/engine/engine/default) runs as the logged-in user with its authorizations.

import {clear, h, replace} from './dom.js';
import {funnelChart} from './chart.js';
import {decimal, duration, humanize, integer, money, monthName, percent, plural} from './format.js';
import {ensureStyle} from './style.js';

const API = '/api/pipeline';
/** Offered in the currency field; any ISO 4217 code can be typed. */
const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'JPY', 'CAD', 'AUD'];
/** Process instance ids per variable query: keeps the GET URL well under the server's header limit. */
const IDS_PER_QUERY = 100;
const MAX_LISTED = 500;

let instances = 0;

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * Renders the view into node. options: {api, rootId, processDefinitionId (only on the definition page)}.
 * Returns {destroy()}, which stops the requests still under way.
 */
/** "1,250.50 EUR" -> "EUR", "Not known yet (EUR)" -> "EUR": the currency of the deal's monthlyValue variable. */
function currencyOf(monthlyValue) {
  const code = /([A-Z]{3})\)?$/.exec(String(monthlyValue || ''));
  return code ? code[1] : null;
}

export function mountPipeline(node, options) {
  ensureStyle();
  const view = new PipelineView(node, options);
  view.start();
  return view;
}

class PipelineView {
  constructor(node, {api, rootId, processDefinitionId}) {
    this.api = api;
    this.uid = `sp${++instances}`;
    this.definitionKey = processDefinitionId ? String(processDefinitionId).split(':')[0] : null;
    this.aborter = new AbortController();
    this.owner = '';
    this.currency = '';
    this.loads = 0;
    this.pipeline = null;
    this.selectedStage = null;
    this.dealRequests = 0;
    this.owners = null;
    /** user id -> "First Last", from the users read so far */
    this.names = new Map();

    this.title = h('h2', {className: 'sp-title', text: 'Sales pipeline'});
    this.subtitle = h('p', {className: 'sp-subtitle', text: 'Loading…'});
    this.ownerField = h('span', {className: 'sp-owner-field'});
    this.currencyInput = h('input', {
      className: 'sp-currency', name: 'currency', type: 'text', maxlength: 3, autocomplete: 'off',
      spellcheck: 'false', list: `${this.uid}-currencies`, title: 'An ISO 4217 currency code, e.g. EUR',
      'aria-label': 'Currency'
    });
    this.form = h('form', {className: 'sp-filters', onSubmit: event => {
      event.preventDefault();
      this.applyFilters();
    }},
    h('label', {}, 'Owner', this.ownerField),
    h('label', {}, 'Currency', this.currencyInput,
      h('datalist', {id: `${this.uid}-currencies`}, CURRENCIES.map(code => h('option', {value: code})))),
    // Enter in a field submits the form; the button is there for keyboards and screen readers
    h('button', {type: 'submit', className: 'btn btn-default btn-sm sp-apply'}, 'Apply'));
    this.currencyInput.addEventListener('change', () => this.applyFilters());

    this.error = h('div', {className: 'sp-error', role: 'alert', hidden: true});
    this.board = h('div', {className: 'sp-board', dataset: {state: 'loading'}});
    this.totals = h('div', {className: 'sp-totals', 'aria-live': 'polite'});
    this.forecast = h('div', {className: 'sp-forecast', dataset: {state: 'loading'}});
    this.deals = h('div', {className: 'sp-deals', hidden: true, dataset: {state: 'idle'}});
    this.funnel = h('div', {className: 'sp-funnel', dataset: {state: 'loading'}});
    this.notice = h('p', {className: 'sp-notice', hidden: true});

    this.root = h('section', {
      id: rootId, className: 'sales-pipeline', 'aria-labelledby': `${this.uid}-title`,
      dataset: {state: 'loading'}
    },
    h('div', {className: 'sp-header'}, h('div', {}, this.title, this.subtitle), this.form),
    this.error, this.notice, this.board, this.totals, this.deals, this.forecast, this.funnel);
    this.title.id = `${this.uid}-title`;
    clear(node).appendChild(this.root);
  }

  start() {
    this.renderOwnerField();
    this.loadOwners();
    this.reload();
  }

  destroy() {
    this.aborter.abort();
  }

  // ---- filters -------------------------------------------------------------------------------------

  /** Owners to choose from: the users the Cockpit user may see; a text field when that list is not readable. */
  async loadOwners() {
    try {
      const users = await this.getJson(`${this.api.engineApi}/user?sortBy=userId&sortOrder=asc&maxResults=1000`);
      this.owners = Array.isArray(users) ? users : null;
      (this.owners || []).forEach(user => this.rememberName(user));
    } catch (e) {
      if (e.name === 'AbortError') {
        return;
      }
      this.owners = null;
    }
    this.renderOwnerField();
    if (this.pipeline) {
      this.renderSubtitle(this.pipeline);
    }
  }

  rememberName(user) {
    const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
    if (name) {
      this.names.set(user.id, name);
    }
  }

  /** "Sam Seller" for sam; the id when the user has no name or may not be read. */
  nameOf(userId) {
    return userId ? this.names.get(userId) || userId : '';
  }

  /** Reads the names of the users not yet known, in one request; without them the ids are shown. */
  async loadNames(userIds) {
    const unknown = [...new Set(userIds.filter(id => id && !this.names.has(id)))];
    if (!unknown.length) {
      return;
    }
    try {
      const users = await this.getJson(`${this.api.engineApi}/user?` + new URLSearchParams({idIn: unknown.join(',')}));
      (Array.isArray(users) ? users : []).forEach(user => this.rememberName(user));
    } catch (e) {
      if (e.name === 'AbortError') {
        throw e;
      }
    }
  }

  renderOwnerField() {
    let control;
    if (this.owners) {
      control = h('select', {className: 'sp-owner', name: 'owner', 'aria-label': 'Owner',
        onChange: () => this.applyFilters()},
      h('option', {value: ''}, 'All owners'),
      this.owners.map(user => {
        const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
        return h('option', {value: user.id}, name ? `${name} (${user.id})` : user.id);
      }));
      if (this.owner && !this.owners.some(user => user.id === this.owner)) {
        control.appendChild(h('option', {value: this.owner}, this.owner));
      }
    } else {
      control = h('input', {className: 'sp-owner', name: 'owner', type: 'text', placeholder: 'All owners',
        autocomplete: 'off', 'aria-label': 'Owner (user id)', onChange: () => this.applyFilters()});
    }
    control.value = this.owner;
    replace(this.ownerField, control);
  }

  applyFilters() {
    const owner = this.ownerField.firstChild ? this.ownerField.firstChild.value.trim() : '';
    const currency = this.currencyInput.value.trim().toUpperCase();
    if (owner === this.owner && currency === this.currency) {
      return;
    }
    this.owner = owner;
    this.currency = currency;
    this.reload();
  }

  // ---- loading -------------------------------------------------------------------------------------

  async reload() {
    const load = ++this.loads;
    const query = new URLSearchParams();
    if (this.owner) {
      query.set('owner', this.owner);
    }
    this.root.dataset.state = 'loading';
    this.board.dataset.state = 'loading';
    this.funnel.dataset.state = 'loading';
    this.error.hidden = true;
    const funnelQuery = query.toString();
    if (this.currency) {
      query.set('currency', this.currency);
    }
    const pipelineQuery = query.toString();

    this.forecast.dataset.state = 'loading';
    const results = await Promise.allSettled([
      this.getJson(API + (pipelineQuery ? `?${pipelineQuery}` : '')),
      this.getJson(`${API}/funnel` + (funnelQuery ? `?${funnelQuery}` : '')),
      this.getJson(`${API}/forecast` + (pipelineQuery ? `?${pipelineQuery}` : '')),
      this.loadNames([this.owner])
    ]);
    if (load !== this.loads || this.aborter.signal.aborted) {
      return; // a newer load is under way, or the view is gone
    }
    const [pipeline, funnel, forecast] = results;
    const errors = results.slice(0, 3).filter(result => result.status === 'rejected')
      .map(result => result.reason.message);

    if (pipeline.status === 'fulfilled') {
      if (this.definitionKey && pipeline.value.process && pipeline.value.process !== this.definitionKey) {
        this.showOtherProcess(pipeline.value.process);
        return;
      }
      this.pipeline = pipeline.value;
      this.renderBoard(pipeline.value);
    } else {
      this.board.dataset.state = 'error';
    }
    if (funnel.status === 'fulfilled') {
      this.renderFunnel(funnel.value);
    } else {
      this.funnel.dataset.state = 'error';
    }
    if (forecast.status === 'fulfilled') {
      this.renderForecast(forecast.value);
    } else {
      this.forecast.dataset.state = 'error';
    }
    if (errors.length) {
      replace(this.error, [...new Set(errors)].join(' '));
      this.error.hidden = false;
    }
    this.root.dataset.state = errors.length ? 'error' : 'ready';

    if (this.selectedStage && this.pipeline) {
      const stage = this.pipeline.stages.find(candidate => candidate.key === this.selectedStage);
      if (stage) {
        this.showDeals(stage);
      } else {
        this.hideDeals();
      }
    }
  }

  async getJson(url) {
    const headers = {Accept: 'application/json'};
    if (url.startsWith('/api/')) {
      // without it Spring Security answers a lost session with a Basic challenge and the browser pops up a login
      headers['X-Requested-With'] = 'XMLHttpRequest';
    }
    const response = await fetch(url, {credentials: 'same-origin', headers, signal: this.aborter.signal});
    if (!response.ok) {
      let detail = '';
      try {
        const body = await response.json();
        detail = body.detail || body.message || '';
      } catch (e) {
        // not JSON
      }
      if (response.status === 401) {
        throw new HttpError(401, 'Your Cockpit session has ended: please log in again.');
      }
      if (response.status === 403) {
        throw new HttpError(403, `You may not read this${detail ? `: ${detail}` : '.'}`);
      }
      throw new HttpError(response.status, detail
        ? `Could not load ${url.split('?')[0]}: ${detail}`
        : `Could not load ${url.split('?')[0]} (HTTP ${response.status}).`);
    }
    return response.json();
  }

  showOtherProcess(process) {
    clear(this.board);
    clear(this.totals);
    this.form.hidden = true;
    this.funnel.hidden = true;
    this.deals.hidden = true;
    this.subtitle.textContent = '';
    replace(this.notice, `The sales pipeline shows the deals of the process "${process}"; `
      + `this is "${this.definitionKey}".`);
    this.notice.hidden = false;
    this.root.dataset.state = 'other-process';
  }

  // ---- stages --------------------------------------------------------------------------------------

  renderBoard(pipeline) {
    const currency = pipeline.currency;
    this.currency = currency;
    if (document.activeElement !== this.currencyInput) {
      this.currencyInput.value = currency;
    }
    this.renderSubtitle(pipeline);

    Object.assign(this.board.dataset, {currency, owner: pipeline.owner || '', process: pipeline.process});
    replace(this.board, pipeline.stages.map(stage => this.stageColumn(stage, currency)));
    if (!pipeline.stages.length) {
      this.board.appendChild(h('p', {className: 'sp-notice'}, 'The sales process has no stages deployed.'));
    }
    this.board.dataset.state = 'ready';

    const totals = pipeline.totals;
    Object.assign(this.totals.dataset, {
      count: totals.count, value: totals.value, weightedValue: totals.weightedValue,
      idleCount: totals.idleCount, unvaluedCount: totals.unvaluedCount, currency
    });
    replace(this.totals,
      'Total: ',
      h('strong', {className: 'sp-total-count'}, plural(totals.count, 'open deal', 'open deals')),
      ' · ', h('strong', {className: 'sp-total-value'}, money(totals.value, currency)), ' monthly',
      ' · ', h('span', {className: 'sp-total-weighted'}, money(totals.weightedValue, currency)), ' weighted',
      totals.idleCount > 0 ? [' · ', h('span', {className: 'sp-idle-total'}, `${integer(totals.idleCount)} idle`)]
        : null,
      totals.unvaluedCount > 0 ? [' · ', unvalued(totals.unvaluedCount, 'sp-unvalued-total')] : null);
  }

  renderSubtitle(pipeline) {
    const ownerText = pipeline.owner ? ` owned by ${this.nameOf(pipeline.owner)}` : '';
    const version = pipeline.version ? ` · version ${pipeline.version}` : '';
    this.subtitle.textContent = `${pipeline.processName || pipeline.process}${version} · open deals in `
      + `${pipeline.currency}${ownerText}` + (pipeline.asOf ? ` as of ${pipeline.asOf}` : ' now');
  }

  stageColumn(stage, currency) {
    const name = stage.name || stage.key;
    const selected = stage.key === this.selectedStage;
    const column = h('div', {
      className: stage.idleCount > 0 ? 'sp-stage sp-has-idle' : 'sp-stage', role: 'button', tabindex: 0, 'aria-pressed': selected ? 'true' : 'false',
      title: `Show the deals in ${name}`,
      dataset: {
        stageKey: stage.key, count: stage.count, value: stage.value, weightedValue: stage.weightedValue,
        probability: stage.probability, idleCount: stage.idleCount, idleLimit: stage.idleLimit,
        unvaluedCount: stage.unvaluedCount,
        averageDaysInStage: stage.averageDaysInStage, current: stage.current
      },
      onClick: () => this.toggleStage(stage),
      onKeydown: event => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          this.toggleStage(stage);
        }
      }
    },
    h('h4', {className: 'sp-stage-name'}, name,
      stage.current ? null : h('span', {className: 'sp-stage-old'}, 'from an older version')),
    stage.idleCount > 0 ? h('span', {
      className: 'sp-idle',
      title: `${plural(stage.idleCount, 'deal has', 'deals have')} been in this stage longer than `
        + duration(stage.idleLimit)
    }, `${integer(stage.idleCount)} idle`) : null,
    h('div', {}, h('span', {className: 'sp-count'}, integer(stage.count)),
      h('span', {className: 'sp-count-unit'}, stage.count === 1 ? 'deal' : 'deals')),
    h('div', {className: 'sp-value', title: 'Total monthly value'}, money(stage.value, currency),
      h('span', {className: 'sp-small'}, ' /month')),
    stage.unvaluedCount > 0 ? unvalued(stage.unvaluedCount, 'sp-unvalued') : null,
    h('div', {className: 'sp-weighted', title: 'Monthly value × win probability'},
      `${money(stage.weightedValue, currency)} weighted`),
    h('div', {className: 'sp-probability'}, `${percent(stage.probability)} win probability`),
    stage.averageDaysInStage === null || stage.averageDaysInStage === undefined ? null
      : h('div', {className: 'sp-age', title: 'Average time the deals have been in this stage'},
        `Ø ${decimal(stage.averageDaysInStage, 1)} days in stage`));
    return column;
  }

  toggleStage(stage) {
    if (this.selectedStage === stage.key) {
      this.hideDeals();
    } else {
      this.showDeals(stage);
    }
  }

  hideDeals() {
    this.selectedStage = null;
    this.dealRequests++;
    this.deals.hidden = true;
    this.deals.dataset.state = 'idle';
    clear(this.deals);
    this.markSelected();
  }

  markSelected() {
    for (const column of this.board.querySelectorAll('.sp-stage')) {
      column.setAttribute('aria-pressed', column.dataset.stageKey === this.selectedStage ? 'true' : 'false');
    }
  }

  // ---- deals of a stage ----------------------------------------------------------------------------

  /**
   * The process instances waiting in the stage (its user task), with their deal reference (business key) and
   * the deal variables the stage forms show, filtered like the numbers: by owner and by currency.
   */
  async showDeals(stage) {
    const name = stage.name || stage.key;
    const currency = this.pipeline.currency;
    const owner = this.pipeline.owner || '';
    this.selectedStage = stage.key;
    this.markSelected();
    this.deals.hidden = false;
    Object.assign(this.deals.dataset, {stageKey: stage.key, state: 'loading'});
    const heading = h('h3', {className: 'sp-deals-title'}, `Deals in ${name}`);
    replace(this.deals, h('div', {className: 'sp-deals-head'}, heading,
      h('button', {type: 'button', className: 'sp-close', onClick: () => this.hideDeals()}, 'Close')),
    h('p', {className: 'sp-notice'}, 'Loading…'));
    const request = ++this.dealRequests;

    try {
      const engine = this.api.engineApi;
      const query = new URLSearchParams({
        processDefinitionKey: this.pipeline.process, activityIdIn: stage.key,
        sortBy: 'businessKey', sortOrder: 'asc', firstResult: '0', maxResults: String(MAX_LISTED)
      });
      const found = await this.getJson(`${engine}/process-instance?${query}`);
      const variables = await this.dealVariables(found.map(instance => instance.id));
      if (request !== this.dealRequests || this.selectedStage !== stage.key) {
        return;
      }
      const rows = found.map(instance => ({instance, vars: variables.get(instance.id) || {}}));
      const inCurrency = row => !row.vars.monthlyValue || currencyOf(row.vars.monthlyValue) === currency;
      const shown = rows.filter(row => (!owner || row.vars.owner === owner) && inCurrency(row));
      const otherCurrency = rows.filter(row => (!owner || row.vars.owner === owner) && !inCurrency(row)).length;
      await this.loadNames(shown.map(row => row.vars.owner));
      if (request !== this.dealRequests || this.selectedStage !== stage.key) {
        return;
      }

      heading.textContent = `Deals in ${name} (${shown.length})`;
      const notes = [];
      if (otherCurrency) {
        notes.push(`${plural(otherCurrency, 'deal', 'deals')} in other currencies not listed.`);
      }
      if (found.length === MAX_LISTED) {
        notes.push(`Only the first ${MAX_LISTED} deals of the stage are looked at.`);
      }
      replace(this.deals, this.deals.firstChild,
        shown.length ? this.dealTable(shown) : h('p', {className: 'sp-notice'},
          `No open deal in ${currency}${owner ? ` owned by ${this.nameOf(owner)}` : ''} waits in this stage.`),
        notes.length ? h('p', {className: 'sp-notice'}, notes.join(' ')) : null);
      Object.assign(this.deals.dataset, {state: 'ready', count: shown.length});
    } catch (e) {
      if (e.name === 'AbortError' || request !== this.dealRequests) {
        return;
      }
      replace(this.deals, this.deals.firstChild, h('div', {className: 'sp-error', role: 'alert'}, e.message));
      this.deals.dataset.state = 'error';
    }
  }

  /** processInstanceId -> {companyName, dealTitle, owner, monthlyValue}, a few GETs per hundred instances. */
  async dealVariables(ids) {
    const names = ['companyName', 'dealTitle', 'owner', 'monthlyValue'];
    const byInstance = new Map();
    for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
      const chunk = ids.slice(start, start + IDS_PER_QUERY).join(',');
      const answers = await Promise.all(names.map(variableName => this.getJson(
        `${this.api.engineApi}/variable-instance?` + new URLSearchParams({
          processInstanceIdIn: chunk, variableName, deserializeValues: 'false'
        }))));
      for (const variable of answers.flat()) {
        // the deal's variables live on the process instance itself; a local one of the same name does not count
        const vars = byInstance.get(variable.processInstanceId) || {};
        const local = variable.executionId && variable.executionId !== variable.processInstanceId;
        if (local && variable.name in vars) {
          continue;
        }
        vars[variable.name] = variable.value;
        byInstance.set(variable.processInstanceId, vars);
      }
    }
    return byInstance;
  }

  dealTable(rows) {
    return h('table', {className: 'sp-deal-table'},
      h('thead', {}, h('tr', {},
        h('th', {scope: 'col'}, 'Deal'), h('th', {scope: 'col'}, 'Company'), h('th', {scope: 'col'}, 'Title'),
        h('th', {scope: 'col'}, 'Owner'), h('th', {scope: 'col', className: 'sp-deal-value'}, 'Monthly value'))),
      h('tbody', {}, rows.map(({instance, vars}) => h('tr', {
        className: 'sp-deal',
        dataset: {processInstanceId: instance.id, businessKey: instance.businessKey || ''}
      },
      h('td', {}, h('a', {
        className: 'sp-deal-link', href: `#/process-instance/${encodeURIComponent(instance.id)}/runtime`,
        title: 'Open the process instance in Cockpit'
      }, instance.businessKey || instance.id)),
      h('td', {className: 'sp-deal-company'}, vars.companyName == null ? '' : String(vars.companyName)),
      h('td', {className: 'sp-deal-title'}, vars.dealTitle == null ? '' : String(vars.dealTitle)),
      h('td', {className: 'sp-deal-owner', dataset: {owner: vars.owner == null ? '' : String(vars.owner)}},
        vars.owner == null ? 'Sales team' : this.nameOf(String(vars.owner))),
      h('td', {className: 'sp-deal-value'}, vars.monthlyValue == null ? '' : String(vars.monthlyValue))))));
  }

  // ---- forecast ------------------------------------------------------------------------------------

  /** The open deals by the month their decision is expected; month null (listed last): no date given yet. */
  renderForecast(forecast) {
    const currency = forecast.currency;
    Object.assign(this.forecast.dataset, {currency, owner: forecast.owner || ''});
    replace(this.forecast,
      h('h3', {}, 'Forecast by expected decision month'),
      forecast.months.length ? h('table', {className: 'sp-forecast-table'},
        h('thead', {}, h('tr', {},
          h('th', {scope: 'col'}, 'Decision expected'), h('th', {scope: 'col', className: 'sp-num'}, 'Deals'),
          h('th', {scope: 'col', className: 'sp-num'}, 'Monthly value'),
          h('th', {scope: 'col', className: 'sp-num'}, 'Weighted'), h('th', {scope: 'col'}, ''))),
        h('tbody', {}, forecast.months.map(month => h('tr', {
          className: 'sp-forecast-month',
          dataset: {month: month.month ?? '', count: month.count, value: month.value,
            weightedValue: month.weightedValue, unvaluedCount: month.unvaluedCount}
        },
        h('th', {scope: 'row', className: 'sp-forecast-label'},
          month.month === null ? 'No decision date yet' : monthName(month.month)),
        h('td', {className: 'sp-num'}, integer(month.count)),
        h('td', {className: 'sp-num'}, money(month.value, currency)),
        h('td', {className: 'sp-num'}, money(month.weightedValue, currency)),
        h('td', {}, month.unvaluedCount > 0 ? unvalued(month.unvaluedCount, 'sp-unvalued') : null)))))
        : h('p', {className: 'sp-notice'}, `No open deal in ${currency}.`));
    this.forecast.dataset.state = 'ready';
  }

  // ---- funnel --------------------------------------------------------------------------------------

  renderFunnel(funnel) {
    Object.assign(this.funnel.dataset, {
      owner: funnel.owner || '', from: funnel.from, to: funnel.to, opened: funnel.opened, won: funnel.won,
      lost: funnel.lost, winRate: funnel.winRate ?? '', medianDaysToWin: funnel.medianDaysToWin ?? ''
    });
    const mostLost = Math.max(1, ...funnel.lostReasons.map(reason => reason.count));
    replace(this.funnel,
      h('h3', {}, 'Funnel'),
      h('p', {className: 'sp-subtitle sp-funnel-period'},
        `Deals opened ${funnel.from} – ${funnel.to}${funnel.owner ? ` by ${this.nameOf(funnel.owner)}` : ''}: `
        + `${integer(funnel.opened)} opened, ${integer(funnel.won)} won, ${integer(funnel.lost)} lost.`),
      h('div', {className: 'sp-funnel-body'},
        h('div', {className: 'sp-funnel-chart-box'}, funnelChart(funnel)),
        h('div', {className: 'sp-funnel-side'},
          h('div', {className: 'sp-kpis'},
            h('div', {className: 'sp-kpi sp-win-rate'},
              h('span', {className: 'sp-kpi-value'}, percent(funnel.winRate)),
              h('span', {className: 'sp-kpi-label'}, 'win rate (won of closed)')),
            h('div', {className: 'sp-kpi sp-median-days'},
              h('span', {className: 'sp-kpi-value'},
                funnel.medianDaysToWin == null ? '–' : decimal(funnel.medianDaysToWin, 1)),
              h('span', {className: 'sp-kpi-label'}, 'median days to win'))),
          h('h3', {}, 'Lost reasons'),
          funnel.lostReasons.length
            ? h('ol', {className: 'sp-lost-reasons'}, funnel.lostReasons.map(reason => {
              const bar = h('span', {});
              bar.style.width = `${(reason.count / mostLost) * 100}%`;
              return h('li', {className: 'sp-lost-reason', dataset: {reason: reason.reason, count: reason.count}},
                h('span', {className: 'sp-lost-name'}, humanize(reason.reason)),
                h('strong', {className: 'sp-lost-count'}, integer(reason.count)),
                h('div', {className: 'sp-lost-bar'}, bar));
            }))
            : h('p', {className: 'sp-notice'}, 'No deal lost in this period.'))));
    this.funnel.dataset.state = 'ready';
  }
}

/** "2 without a value": deals counted whose monthly value is not known yet, so no value adds them in. */
function unvalued(count, className) {
  return h('span', {
    className,
    title: `${plural(count, 'deal has', 'deals have')} no monthly value yet: counted, but not in the value`
  }, `${integer(count)} without a value`);
}
