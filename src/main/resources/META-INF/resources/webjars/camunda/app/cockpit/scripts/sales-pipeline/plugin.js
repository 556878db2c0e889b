// Cockpit plugins of Dealflow, loaded through scripts/config.js (customScripts): the sales pipeline on the
// dashboard and as a tab of the process definition page. Plain ES modules, no build step.

import {h} from './dom.js';
import {mountPipeline} from './view.js';

const SECTION_ID = 'sales-pipeline-section';
/** Frames to wait for Cockpit to attach the plugin's container to the dashboard (it renders into a detached one). */
const PLACING_FRAMES = 120;

/**
 * Cockpit 7.24 has no dashboard plugin point above "Right Now": plugins of 'cockpit.dashboard' are listed last,
 * under the generic heading "Custom Plugins" (section.deprecate of its dashboard.html), whatever their priority.
 * So the view is moved into a section of its own, headed "Sales pipeline", put first on the dashboard; the slot
 * Cockpit gave it stays empty, and "Custom Plugins" is hidden while it holds nothing else. Without the dashboard
 * markup this relies on (another Cockpit version), the view simply stays in its slot.
 * Returns a function that undoes it.
 */
function placeFirstOnDashboard(node) {
  let frame = 0;
  let request = null;
  let undo = () => {};
  const place = () => {
    const dashboard = node.isConnected ? node.closest('.dashboard') : null;
    if (!dashboard) {
      request = ++frame < PLACING_FRAMES ? requestAnimationFrame(place) : null;
      return;
    }
    document.getElementById(SECTION_ID)?.remove();
    const title = node.querySelector('.sp-title');
    const section = h('section', {id: SECTION_ID, className: 'sp-dashboard-section'},
      h('header', {}, h('h1', {className: 'section-title'}, 'Sales pipeline')), [...node.childNodes]);
    if (title) {
      title.hidden = true; // the section's heading says it
    }
    dashboard.insertBefore(section, dashboard.firstChild);

    const custom = node.closest('section.deprecate');
    const onlyOurs = custom && [...custom.querySelectorAll('[data-plugin-id]')]
      .every(slot => slot.dataset.pluginId === 'sales-pipeline-dashboard');
    if (onlyOurs) {
      custom.hidden = true;
    }
    undo = () => {
      section.remove();
      if (onlyOurs) {
        custom.hidden = false;
      }
    };
  };
  place();
  return () => {
    if (request !== null) {
      cancelAnimationFrame(request);
    }
    undo();
  };
}

/**
 * Cockpit renders 'cockpit.dashboard' plugins only while its "Custom Plugins" section is expanded, a choice it keeps
 * in localStorage "camunda" and reads when it starts (after loading this script). That section is hidden now, so a
 * user who once collapsed it could neither see the pipeline nor expand it again: the choice is forgotten.
 */
function forgetCollapsedCustomPlugins() {
  try {
    const settings = JSON.parse(localStorage.getItem('camunda') || '{}');
    if (settings['dashboardSection:deprecate'] === false) {
      delete settings['dashboardSection:deprecate'];
      localStorage.setItem('camunda', JSON.stringify(settings));
    }
  } catch (e) {
    // no storage, or not Cockpit's format: nothing to forget
  }
}

forgetCollapsedCustomPlugins();

/**
 * Cockpit calls render(node, ...) when a view with the plugin point appears and unmount() when its scope is
 * destroyed, which happens before the next view of the same plugin renders: unmount stops them all.
 */
function pipelinePlugin({id, pluginPoint, priority, rootId, dashboard}) {
  const views = new Set();
  return {
    id,
    pluginPoint,
    priority,
    render(node, {api, processDefinitionId}) {
      const view = mountPipeline(node, {api, rootId, processDefinitionId});
      const unplace = dashboard ? placeFirstOnDashboard(node) : () => {};
      views.add({
        destroy() {
          view.destroy();
          unplace();
        }
      });
    },
    unmount() {
      views.forEach(view => view.destroy());
      views.clear();
    },
    properties: {
      label: 'Sales pipeline'
    }
  };
}

export default [
  pipelinePlugin({
    id: 'sales-pipeline-dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 10,
    rootId: 'sales-pipeline-dashboard',
    dashboard: true
  }),
  pipelinePlugin({
    id: 'sales-pipeline-tab',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 5,
    rootId: 'sales-pipeline-tab'
  })
];
