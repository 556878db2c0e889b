// The funnel as an inline SVG bar chart: one horizontal bar per stage (deals that reached it), the share
// that went on to the next stage under each bar, and a last bar for the deals won.

import {s} from './dom.js';
import {integer, percent} from './format.js';

const WIDTH = 760;
const LABEL_WIDTH = 190;
const BAR_X = LABEL_WIDTH + 12;
const BAR_MAX = WIDTH - BAR_X - 70;
const BAR_HEIGHT = 26;
const ROW_GAP = 20;
const MAX_LABEL = 26;

function shorten(text) {
  return text.length > MAX_LABEL ? text.slice(0, MAX_LABEL - 1) + '…' : text;
}

/** funnel: the answer of GET /api/pipeline/funnel. */
export function funnelChart(funnel) {
  const rows = funnel.stages.map(stage => ({
    key: stage.key,
    name: stage.name || stage.key,
    reached: stage.reached,
    conversion: stage.conversion,
    won: false
  }));
  rows.push({key: null, name: 'Won', reached: funnel.won, conversion: null, won: true});

  const most = Math.max(1, ...rows.map(row => row.reached));
  const height = rows.length * (BAR_HEIGHT + ROW_GAP) - ROW_GAP + 8;
  const summary = rows.map(row => `${row.name}: ${row.reached}`).join(', ');

  return s('svg', {
    className: 'sp-funnel-chart',
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: '100%',
    preserveAspectRatio: 'xMinYMin meet',
    role: 'img',
    'aria-label': `Funnel, deals that reached each stage: ${summary}`
  },
  rows.map((row, index) => {
    const y = 4 + index * (BAR_HEIGHT + ROW_GAP);
    const width = row.reached > 0 ? Math.max(3, (row.reached / most) * BAR_MAX) : 0;
    const next = rows[index + 1];
    return s('g', {
      className: row.won ? 'sp-funnel-bar sp-funnel-won' : 'sp-funnel-bar',
      dataset: {stageKey: row.key, reached: row.reached, conversion: row.conversion}
    },
    s('title', {text: `${row.name}: ${row.reached} reached` +
        (row.conversion === null || row.conversion === undefined ? ''
          : `, ${percent(row.conversion)} of them went on to ${next.name}`)}),
    s('text', {
      className: 'sp-funnel-label', x: LABEL_WIDTH, y: y + BAR_HEIGHT / 2,
      'text-anchor': 'end', 'dominant-baseline': 'central', text: shorten(row.name)
    }),
    s('rect', {className: 'sp-funnel-rect', x: BAR_X, y, width, height: BAR_HEIGHT, rx: 3}),
    s('text', {
      className: 'sp-funnel-reached', x: BAR_X + width + 6, y: y + BAR_HEIGHT / 2,
      'dominant-baseline': 'central', text: integer(row.reached)
    }),
    row.conversion === null || row.conversion === undefined ? null : s('text', {
      className: 'sp-funnel-conversion', x: BAR_X + 4, y: y + BAR_HEIGHT + ROW_GAP / 2 + 1,
      'dominant-baseline': 'central', text: `↓ ${percent(row.conversion)} went on`
    }));
  }));
}
