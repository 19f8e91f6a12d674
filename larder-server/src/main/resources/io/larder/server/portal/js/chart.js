// Line charts drawn as SVG, with no library: a chart is a few paths and labels. Colours and
// strokes are presentation attributes or CSS classes, so nothing needs inline styles (CSP).

import {h, text} from './dom.js';

const WIDTH = 320;
const HEIGHT = 140;
const PAD = {left: 44, right: 8, top: 10, bottom: 22};

/**
 * A chart card that can be redrawn: chart.update(points, windowStart, windowEnd).
 * points: [{t: epochMillis, v: number|null}]; format: value → label text.
 */
export function lineChart({id, title, format, minMax = 1, fixedMax = null, emptyText}) {
  const latest = h('span', {class: 'chart-latest', id: `${id}-latest`});
  const svg = h('svg:svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', 'aria-label': title,
    preserveAspectRatio: 'none',
  });
  const card = h('figure', {class: 'card chart-card', id},
    h('figcaption', null, h('span', {class: 'chart-title'}, title), latest),
    svg);

  function update(points, start, end) {
    const shown = points.filter((p) => p.v !== null && p.t >= start);
    const last = shown.length ? shown[shown.length - 1].v : null;
    text(latest, last === null ? '–' : format(last));
    svg.setAttribute('aria-label',
      `${title}, last 15 minutes: ${last === null ? 'no data yet' : `now ${format(last)}`}`);
    svg.replaceChildren();
    const max = fixedMax || niceMax(Math.max(minMax, ...shown.map((p) => p.v)));
    const x = (t) => PAD.left + ((t - start) / (end - start)) * (WIDTH - PAD.left - PAD.right);
    const y = (v) => HEIGHT - PAD.bottom - (v / max) * (HEIGHT - PAD.top - PAD.bottom);
    for (const fraction of [0, 0.5, 1]) {
      const value = max * fraction;
      svg.appendChild(h('svg:line', {
        x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value), class: 'grid',
      }));
      svg.appendChild(h('svg:text', {x: PAD.left - 4, y: y(value) + 3, class: 'axis end'},
        format(value)));
    }
    svg.appendChild(h('svg:text', {x: PAD.left, y: HEIGHT - 6, class: 'axis'}, '15 min ago'));
    svg.appendChild(h('svg:text', {x: WIDTH - PAD.right, y: HEIGHT - 6, class: 'axis end'}, 'now'));
    if (shown.length === 0) {
      svg.appendChild(h('svg:text', {x: WIDTH / 2, y: HEIGHT / 2, class: 'axis middle'},
        points.length ? emptyText || 'No data yet' : 'Collecting figures…'));
      return;
    }
    const line = shown.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`)
      .join(' ');
    const baseline = y(0).toFixed(1);
    const area = `${line} L${x(shown[shown.length - 1].t).toFixed(1)},${baseline}`
      + ` L${x(shown[0].t).toFixed(1)},${baseline} Z`;
    svg.appendChild(h('svg:path', {d: area, class: 'area'}));
    svg.appendChild(h('svg:path', {d: line, class: 'line'}));
  }

  return {element: card, update};
}

/** A round upper bound for the axis: 0 → 1, 7 → 10, 130 → 200. */
function niceMax(value) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}
