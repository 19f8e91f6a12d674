import {h, field, text, announce} from '../dom.js';
import {api, cachePath} from '../api.js';
import {evictionSelect, expiryControl, sizeControl} from './settings-controls.js';

/** Changes a cache's memory, eviction and default expiry; deletes it by typing its name. */
export function settingsTab(cache) {
  const size = sizeControl(cache.memoryQuota);
  const eviction = evictionSelect(cache.eviction);
  const expiry = expiryControl(cache.defaultTtlSeconds);
  const error = h('p', {class: 'error', role: 'alert', id: 'settings-error'});
  const save = h('button', {type: 'submit', class: 'button primary', id: 'save-settings'},
    'Save settings');
  const form = h('form', {class: 'card form', id: 'settings-form', novalidate: true},
    h('h2', null, 'Settings'),
    size.element,
    field('Eviction when full', eviction, null),
    expiry.element,
    h('p', {class: 'muted'}, `Persistence: ${cache.persistence ? 'on' : 'off'}.`),
    error,
    h('div', {class: 'actions start'}, save));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    text(error, '');
    const problem = size.problem() || expiry.problem();
    if (problem) {
      text(error, problem);
      return;
    }
    save.disabled = true;
    try {
      await api.patch(cachePath(cache.name), {
        memory: size.value(), eviction: eviction.value, defaultTtl: expiry.value(),
      });
      announce('Settings saved');
    } catch (e) {
      text(error, e.message);
    } finally {
      save.disabled = false;
    }
  });

  const confirmName = h('input', {id: 'delete-confirm', autocomplete: 'off',
    spellcheck: 'false', autocapitalize: 'none'});
  const remove = h('button', {type: 'submit', class: 'button danger', id: 'delete-cache',
    disabled: true}, 'Delete this cache');
  confirmName.addEventListener('input', () => {
    remove.disabled = confirmName.value !== cache.name;
  });
  const deleteError = h('p', {class: 'error', role: 'alert'});
  const danger = h('form', {class: 'card danger-zone', id: 'delete-form'},
    h('h2', null, 'Delete cache'),
    h('p', null, 'Deleting closes every connection to the cache and deletes all its data and '
      + 'both keys. This cannot be undone.'),
    field(`Type ${cache.name} to confirm`, confirmName, null),
    deleteError,
    h('div', {class: 'actions start'}, remove));
  danger.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (confirmName.value !== cache.name) return;
    remove.disabled = true;
    try {
      await api.delete(cachePath(cache.name));
      announce(`Cache ${cache.name} deleted`);
      location.hash = '#/';
    } catch (e) {
      text(deleteError, e.message);
      remove.disabled = false;
    }
  });

  return {element: h('div', {class: 'settings'}, form, danger)};
}
