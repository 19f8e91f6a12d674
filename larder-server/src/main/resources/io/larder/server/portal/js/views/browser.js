import {h, field, replace, text, announce, confirmDialog} from '../dom.js';
import {api, cachePath} from '../api.js';
import * as format from '../format.js';

const PAGE = 50;

/** Finds keys by pattern, pages through them, shows a value and deletes a key. */
export function browserTab(cache) {
  const pattern = h('input', {id: 'key-pattern', type: 'search', value: '*',
    spellcheck: 'false', autocomplete: 'off'});
  const rows = h('tbody', {id: 'key-rows'});
  const summary = h('p', {class: 'muted', id: 'key-summary', 'aria-live': 'polite'});
  const more = h('button', {type: 'button', class: 'button', id: 'more-keys', hidden: true},
    'Load more keys');
  const detail = h('section', {class: 'card entry-detail', id: 'entry-detail', hidden: true,
    'aria-labelledby': 'entry-heading', tabindex: '-1'});
  let cursor = '0';
  let shown = 0;
  let query = '*';

  const form = h('form', {class: 'search', role: 'search'},
    field('Key pattern', pattern, 'Glob pattern as SCAN MATCH takes: * any run, ? one '
      + 'character, [a-z] a class.'),
    h('button', {type: 'submit', class: 'button primary', id: 'search-keys'}, 'Find keys'),
    h('button', {type: 'button', class: 'button', id: 'refresh-keys',
      on: {click: () => search(query)}}, 'Refresh'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search(pattern.value || '*');
  });
  more.addEventListener('click', () => loadPage());

  async function search(p) {
    query = p;
    cursor = '0';
    shown = 0;
    rows.replaceChildren();
    await loadPage();
  }

  async function loadPage() {
    more.disabled = true;
    try {
      const params = new URLSearchParams({pattern: query, cursor, count: String(PAGE)});
      const page = await api.get(cachePath(cache.name, `/entries?${params}`));
      page.entries.forEach((entry) => rows.appendChild(row(entry)));
      shown += page.entries.length;
      cursor = page.cursor;
      more.hidden = cursor === '0';
      text(summary, shown === 0 ? `No keys match ${query}.`
        : `${format.count(shown)} ${shown === 1 ? 'key' : 'keys'} shown`
          + (cursor === '0' ? '.' : '; more match.'));
    } catch (e) {
      text(summary, e.message);
    } finally {
      more.disabled = false;
    }
  }

  function row(entry) {
    const view = h('button', {type: 'button', class: 'link-button key-name',
      'aria-label': `Show value of key ${entry.key}`}, entry.key);
    view.addEventListener('click', () => showEntry(entry));
    const remove = h('button', {type: 'button', class: 'button small danger',
      'aria-label': `Delete key ${entry.key}`}, 'Delete');
    const tr = h('tr', {'data-ref': entry.ref},
      h('td', null, view, entry.binary ? binaryMark() : null),
      h('td', null, entry.type),
      h('td', null, format.ttl(entry.ttlSeconds)),
      h('td', {class: 'num'}, remove));
    remove.addEventListener('click', () => deleteEntry(entry, tr, remove));
    return tr;
  }

  async function showEntry(entry) {
    detail.hidden = false;
    replace(detail, h('p', {class: 'muted'}, 'Loading…'));
    try {
      const full = await api.get(cachePath(cache.name, `/entries/${entry.ref}`));
      replace(detail,
        h('h2', {id: 'entry-heading'}, h('span', {class: 'muted'}, 'Key '),
          h('code', {id: 'entry-key'}, full.key), full.binary ? binaryMark() : null),
        h('p', {class: 'muted'}, `${full.type} · ${format.ttl(full.ttlSeconds)}`),
        full.type === 'string' ? stringValue(full.value) : hashValue(full));
    } catch (e) {
      replace(detail, h('p', {class: 'error', role: 'alert'}, e.message));
    }
    detail.focus();
  }

  async function deleteEntry(entry, tr, button) {
    const ok = await confirmDialog({
      title: 'Delete this key?',
      body: [h('p', null, 'The key ', h('code', null, entry.key),
        ' and its value are deleted from the cache. This cannot be undone.')],
      confirmLabel: 'Delete key', danger: true,
    });
    if (!ok) {
      button.focus();
      return;
    }
    try {
      await api.delete(cachePath(cache.name, `/entries/${entry.ref}`));
      tr.remove();
      shown -= 1;
      detail.hidden = true;
      announce('Key deleted');
      pattern.focus();
    } catch (e) {
      announce(`Could not delete the key: ${e.message}`);
    }
  }

  search('*');
  return {
    element: h('div', {class: 'browser'},
      h('div', {class: 'card'}, form, summary,
        h('div', {class: 'table-scroll'},
          h('table', {class: 'table', id: 'keys-table'},
            h('caption', {class: 'visually-hidden'}, 'Keys'),
            h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Key'),
              h('th', {scope: 'col'}, 'Type'), h('th', {scope: 'col'}, 'Expires in'),
              h('th', {scope: 'col', class: 'num'}, h('span', {class: 'visually-hidden'},
                'Actions')))),
            rows)),
        more),
      detail),
  };
}

function binaryMark() {
  return h('span', {class: 'badge binary', title: 'Not text: shown with \\xHH escapes'},
    'binary');
}

function bytesView(b) {
  return h('div', {class: 'value'},
    h('pre', {class: 'value-text'}, b.text),
    b.binary ? h('p', {class: 'hint'}, 'Binary: bytes that are not text are shown as \\xHH.')
      : null,
    b.truncated ? h('p', {class: 'hint'},
      `Showing the first 64 KiB of ${format.bytes(b.bytes)}.`) : null);
}

function stringValue(value) {
  return h('div', null, h('h3', {class: 'small-heading'},
    `Value (${format.bytes(value.bytes)})`), bytesView(value));
}

function hashValue(entry) {
  return h('div', null,
    h('h3', {class: 'small-heading'}, `${format.count(entry.length)} fields`),
    h('div', {class: 'table-scroll'}, h('table', {class: 'table'},
      h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Field'),
        h('th', {scope: 'col'}, 'Value'))),
      h('tbody', null, entry.fields.map((f) => h('tr', null,
        h('td', null, bytesView(f.field)), h('td', null, bytesView(f.value))))))),
    entry.truncated ? h('p', {class: 'hint'}, 'Only the first fields are shown.') : null);
}
