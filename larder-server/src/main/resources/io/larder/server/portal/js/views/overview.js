import {h, text, copyButton} from '../dom.js';
import {api, cachePath} from '../api.js';
import * as format from '../format.js';
import {lineChart} from '../chart.js';
import {poll} from './poll.js';
import {snippets} from './snippets.js';

/** A cache's dashboard: where to connect, figures at a glance, live charts, snippets. */
export function overviewTab(cache, {setStatus}) {
  const figures = {
    keys: figure('figure-keys', 'Keys'),
    memory: figure('figure-memory', 'Memory used'),
    ops: figure('figure-ops', 'Ops/s'),
    hitRatio: figure('figure-hit-ratio', 'Hit ratio'),
    clients: figure('figure-clients', 'Connected clients'),
    evictions: figure('figure-evictions', 'Evicted keys'),
  };
  const charts = [
    ['ops', lineChart({id: 'chart-ops', title: 'Operations per second', format: format.rate})],
    ['hitRatio', lineChart({id: 'chart-hit-ratio', title: 'Hit ratio', format: format.percent,
      fixedMax: 1, emptyText: 'No reads yet'})],
    ['usedMemory', lineChart({id: 'chart-memory', title: 'Used memory', format: format.bytes,
      minMax: 1024 * 1024})],
    ['clients', lineChart({id: 'chart-clients', title: 'Connected clients', minMax: 2,
      format: (v) => format.count(Math.round(v))})],
    ['evictions', lineChart({id: 'chart-evictions', title: 'Evictions per interval', minMax: 2,
      format: (v) => format.count(Math.round(v))})],
  ];
  const keys = {primary: null};
  api.get(cachePath(cache.name, '/keys')).then((k) => {
    keys.primary = k.primary;
    connect.refresh();
  }).catch(() => {});

  const connect = snippets(cache, () => keys.primary);
  const element = h('div', {class: 'overview'},
    h('section', {class: 'card', 'aria-labelledby': 'connection-heading'},
      h('h2', {id: 'connection-heading'}, 'Connection'),
      h('dl', {class: 'facts'},
        fact('Endpoint', h('code', {id: 'endpoint'}, cache.endpoint),
          copyButton('endpoint', cache.endpoint)),
        fact('Host', h('code', {id: 'host'}, cache.host), null),
        fact('Port', h('code', {id: 'port'}, String(cache.port)), null),
        fact('Status', h('span', {id: 'status-text'}, cache.status), null)),
      connect.connectionString),
    h('section', {'aria-labelledby': 'figures-heading'},
      h('h2', {id: 'figures-heading'}, 'At a glance'),
      h('div', {class: 'figures', id: 'figures'}, Object.values(figures).map((f) => f.element))),
    h('section', {'aria-labelledby': 'charts-heading'},
      h('h2', {id: 'charts-heading'}, 'Last 15 minutes'),
      h('div', {class: 'charts'}, charts.map(([, c]) => c.element))),
    connect.element);

  const stopFigures = poll(2000, async () => {
    const now = await api.get(cachePath(cache.name));
    setStatus(now.status);
    const s = now.stats;
    text(figures.keys.value, format.count(s.keys));
    text(figures.memory.value, `${format.bytes(s.usedMemory)} of ${format.bytes(now.memoryQuota)}`);
    text(figures.ops.value, format.rate(s.opsPerSecond));
    const lookups = s.hits + s.misses;
    text(figures.hitRatio.value, format.percent(lookups ? s.hits / lookups : null));
    text(figures.clients.value, format.count(s.connectedClients));
    text(figures.evictions.value, format.count(s.evictedKeys));
  });
  const stopCharts = poll(5000, async () => {
    const metrics = await api.get(cachePath(cache.name, '/metrics'));
    const series = toSeries(metrics.samples);
    const end = Date.now();
    const start = end - metrics.windowMinutes * 60 * 1000;
    for (const [key, chart] of charts) chart.update(series[key], start, end);
  });

  return {
    element,
    dispose() {
      stopFigures();
      stopCharts();
    },
  };
}

function figure(id, label) {
  const value = h('span', {class: 'figure-value', id}, '–');
  return {value, element: h('div', {class: 'card figure'},
    h('span', {class: 'figure-label'}, label), value)};
}

function fact(term, value, action) {
  return h('div', {class: 'fact'}, h('dt', null, term), h('dd', null, value, action));
}

/** Chart series from samples; counters become per-interval differences. */
function toSeries(samples) {
  const series = {ops: [], hitRatio: [], usedMemory: [], clients: [], evictions: []};
  samples.forEach((s, i) => {
    const previous = samples[i - 1];
    series.ops.push({t: s.at, v: s.opsPerSecond});
    series.usedMemory.push({t: s.at, v: s.usedMemory});
    series.clients.push({t: s.at, v: s.connectedClients});
    if (previous) {
      const hits = s.hits - previous.hits;
      const lookups = hits + s.misses - previous.misses;
      series.hitRatio.push({t: s.at, v: lookups > 0 ? hits / lookups : null});
      series.evictions.push({t: s.at, v: Math.max(0, s.evictedKeys - previous.evictedKeys)});
    }
  });
  return series;
}
