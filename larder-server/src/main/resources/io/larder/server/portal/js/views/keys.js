import {h, announce, confirmDialog} from '../dom.js';
import {api, cachePath} from '../api.js';
import {secretValue} from './secret.js';

/** The two access keys: masked, revealable, copyable, regenerable one at a time. */
export function keysTab(cache) {
  const keys = {primary: '', secondary: '', primaryConnectionString: '',
    secondaryConnectionString: ''};
  const rows = {};
  const element = h('div', {class: 'keys'},
    h('p', {class: 'muted'}, 'Applications sign in with the cache name and either key. Rotate '
      + 'without downtime: move applications to the secondary key, regenerate the primary, '
      + 'move them back, then regenerate the secondary.'),
    ['primary', 'secondary'].map((slot) => {
      const label = `${slot} key`;
      const key = secretValue({id: `${slot}-key`, label, get: () => keys[slot]});
      const url = secretValue({id: `${slot}-connection-string`,
        label: `${slot} connection string`, get: () => keys[`${slot}ConnectionString`]});
      rows[slot] = [key, url];
      const regenerate = h('button', {type: 'button', class: 'button danger',
        id: `regenerate-${slot}`}, `Regenerate ${slot} key`);
      regenerate.addEventListener('click', () => regenerateKey(slot, regenerate));
      return h('section', {class: 'card', 'aria-labelledby': `${slot}-heading`},
        h('h2', {id: `${slot}-heading`}, slot === 'primary' ? 'Primary key' : 'Secondary key'),
        key.element,
        h('h3', {class: 'small-heading'}, 'Connection string'),
        url.element,
        h('div', {class: 'actions start'}, regenerate));
    }));

  const load = (data) => {
    Object.assign(keys, data);
    Object.values(rows).flat().forEach((row) => row.refresh());
  };
  api.get(cachePath(cache.name, '/keys')).then(load)
    .catch((e) => announce(`Could not load the keys: ${e.message}`));

  async function regenerateKey(slot, button) {
    const other = slot === 'primary' ? 'secondary' : 'primary';
    const confirmed = await confirmDialog({
      title: `Regenerate the ${slot} key of ${cache.name}?`,
      body: [
        h('p', null, `A new random ${slot} key replaces the current one at once. `
          + `Every connection that signed in with the current ${slot} key is closed, and the `
          + 'old key stops working.'),
        h('p', null, `Applications using the ${other} key are not affected. Move applications `
          + `to the ${other} key first to rotate without downtime.`),
      ],
      confirmLabel: `Regenerate ${slot} key`,
      danger: true,
    });
    if (!confirmed) {
      button.focus();
      return;
    }
    try {
      load(await api.post(cachePath(cache.name, `/keys/${slot}/regenerate`)));
      announce(`The ${slot} key was regenerated; its old connections are closed`);
    } catch (e) {
      announce(`Could not regenerate the key: ${e.message}`);
    }
    button.focus();
  }

  return {element};
}
