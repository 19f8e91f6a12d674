import {h, replace, text} from '../dom.js';
import {api, cachePath} from '../api.js';
import {overviewTab} from './overview.js';
import {keysTab} from './keys.js';
import {browserTab} from './browser.js';
import {settingsTab} from './settings.js';

const TABS = [
  ['overview', 'Overview', overviewTab],
  ['keys', 'Access keys', keysTab],
  ['browser', 'Key browser', browserTab],
  ['settings', 'Settings', settingsTab],
];

/** One cache: a header, tabs as links, and the chosen tab. */
export function cacheView(name, tab) {
  const chosen = TABS.find(([id]) => id === tab) || TABS[0];
  const status = h('span', {class: 'badge', id: 'cache-status'}, '…');
  const content = h('div', {class: 'tab-content', id: `tab-${chosen[0]}`},
    h('p', {class: 'muted'}, 'Loading…'));
  const base = `#/caches/${encodeURIComponent(name)}`;
  const tabs = h('nav', {class: 'tabs', 'aria-label': `Cache ${name}`},
    TABS.map(([id, label]) => h('a', {
      href: id === 'overview' ? base : `${base}/${id}`,
      'aria-current': id === chosen[0] ? 'page' : null,
    }, label)));
  let child = null;
  let disposed = false;

  api.get(cachePath(name)).then((cache) => {
    if (disposed) return;
    setStatus(status, cache.status);
    child = chosen[2](cache, {setStatus: (s) => setStatus(status, s)});
    replace(content, child.element);
  }).catch((e) => {
    replace(content, h('div', {class: 'card'},
      h('p', {class: 'error', role: 'alert'},
        e.status === 404 ? `There is no cache named ${name}.` : e.message),
      h('a', {href: '#/', class: 'button'}, 'Back to caches')));
  });

  return {
    element: h('section', {class: 'page'},
      h('nav', {class: 'breadcrumb', 'aria-label': 'Breadcrumb'},
        h('a', {href: '#/'}, 'Caches'), ' › ', h('span', null, name)),
      h('div', {class: 'page-head'}, h('h1', {id: 'cache-title'}, name), status),
      tabs,
      content),
    dispose() {
      disposed = true;
      if (child && child.dispose) child.dispose();
    },
  };
}

function setStatus(badge, value) {
  badge.className = `badge ${value}`;
  text(badge, value);
}
