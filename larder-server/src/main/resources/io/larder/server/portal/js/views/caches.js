import {h, replace, text} from '../dom.js';
import {api} from '../api.js';
import * as format from '../format.js';
import {poll} from './poll.js';

/**
 * Every cache with its state and figures, refreshed every few seconds; an invitation to create one
 * when there is none. Refreshes update the rows in place while the set of caches stays the same,
 * so keyboard focus on a cache's link survives them.
 */
export function cacheListView() {
  const body = h('div', {id: 'cache-list', 'aria-busy': 'true'},
    h('p', {class: 'muted'}, 'Loading caches…'));
  const element = h('section', {class: 'page'},
    h('div', {class: 'page-head'},
      h('h1', null, 'Caches'),
      h('a', {href: '#/new', class: 'button primary'}, 'New cache')),
    body);
  let rows = new Map();

  const stop = poll(5000, async () => {
    const {caches} = await api.get('/api/caches');
    body.setAttribute('aria-busy', 'false');
    const names = caches.map((c) => c.name);
    if (names.join('/') !== [...rows.keys()].join('/') || !body.querySelector('table, .empty')) {
      rows = new Map(caches.map((cache) => [cache.name, row(cache)]));
      replace(body, caches.length ? table([...rows.values()].map((r) => r.element))
        : emptyState());
    }
    caches.forEach((cache) => rows.get(cache.name).update(cache));
  }, (e) => replace(body, h('p', {class: 'error', role: 'alert'}, e.message)));

  return {element, dispose: stop};
}

function emptyState() {
  return h('div', {class: 'card empty', id: 'empty-state'},
    h('h2', null, 'No caches yet'),
    h('p', null, 'A cache holds your application\'s sessions and data. Create one, then point '
      + 'your application at its endpoint with one setting.'),
    h('a', {href: '#/new', class: 'button primary'}, 'Create your first cache'));
}

/** A cache's row, with update(cache) to refresh its figures. */
function row(cache) {
  const status = h('span', {class: 'badge'});
  const meter = h('meter', {min: 0, 'aria-label': `Memory of ${cache.name}`});
  const memory = h('span');
  const keys = h('td', {class: 'num'});
  const ops = h('td', {class: 'num'});
  const clients = h('td', {class: 'num'});
  const element = h('tr', {'data-cache': cache.name},
    h('th', {scope: 'row'}, h('a', {href: `#/caches/${encodeURIComponent(cache.name)}`},
      cache.name)),
    h('td', null, status),
    h('td', null, h('div', {class: 'memory'}, meter, memory)),
    keys, ops, clients);
  return {
    element,
    update(now) {
      status.className = `badge ${now.status}`;
      text(status, now.status);
      meter.max = now.memoryQuota;
      meter.value = now.stats.usedMemory;
      text(memory, `${format.bytes(now.stats.usedMemory)} of ${format.bytes(now.memoryQuota)}`);
      text(keys, format.count(now.stats.keys));
      text(ops, format.rate(now.stats.opsPerSecond));
      text(clients, format.count(now.stats.connectedClients));
    },
  };
}

function table(rowElements) {
  return h('div', {class: 'table-scroll'},
    h('table', {class: 'table', id: 'caches-table'},
      h('caption', {class: 'visually-hidden'}, 'Caches'),
      h('thead', null, h('tr', null,
        h('th', {scope: 'col'}, 'Name'), h('th', {scope: 'col'}, 'Status'),
        h('th', {scope: 'col'}, 'Memory used'), h('th', {scope: 'col', class: 'num'}, 'Keys'),
        h('th', {scope: 'col', class: 'num'}, 'Ops/s'),
        h('th', {scope: 'col', class: 'num'}, 'Clients'))),
      h('tbody', null, rowElements)));
}
