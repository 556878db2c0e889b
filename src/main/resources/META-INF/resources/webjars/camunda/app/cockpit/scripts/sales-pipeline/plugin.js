// Cockpit plugins of Dealflow, loaded through scripts/config.js (customScripts): the sales pipeline on the
// dashboard and as a tab of the process definition page. Plain ES modules, no build step.

import {mountPipeline} from './view.js';

/**
 * Cockpit calls render(node, ...) when a view with the plugin point appears and unmount() when its scope is
 * destroyed, which happens before the next view of the same plugin renders: unmount stops them all.
 */
function pipelinePlugin({id, pluginPoint, priority, rootId}) {
  const views = new Set();
  return {
    id,
    pluginPoint,
    priority,
    render(node, {api, processDefinitionId}) {
      views.add(mountPipeline(node, {api, rootId, processDefinitionId}));
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
    rootId: 'sales-pipeline-dashboard'
  }),
  pipelinePlugin({
    id: 'sales-pipeline-tab',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 5,
    rootId: 'sales-pipeline-tab'
  })
];
