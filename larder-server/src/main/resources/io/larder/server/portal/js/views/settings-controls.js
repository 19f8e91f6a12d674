// Form controls shared by Quick Create and a cache's settings: size, eviction and expiry.

import {h, field, uid} from '../dom.js';

const MB = 1024 * 1024;
const PRESETS = [['64 MB', 64 * MB], ['256 MB', 256 * MB], ['1 GB', 1024 * MB]];

export const EVICTION_POLICIES = [
  ['noeviction', 'No eviction: refuse writes when full'],
  ['allkeys-lru', 'Evict least recently used keys'],
  ['volatile-lru', 'Evict least recently used keys that have an expiry'],
  ['allkeys-random', 'Evict random keys'],
  ['volatile-ttl', 'Evict keys closest to expiring'],
];

export function evictionSelect(current) {
  return h('select', {id: uid('eviction'), name: 'eviction'},
    EVICTION_POLICIES.map(([value, label]) =>
      h('option', {value, selected: value === current}, label)));
}

/** Size presets as radio buttons plus a custom size in MB. value() gives bytes. */
export function sizeControl(currentBytes) {
  const group = uid('size');
  const preset = PRESETS.find(([, bytes]) => bytes === currentBytes);
  const radios = [];
  const options = PRESETS.map(([label, bytes]) => {
    const radio = h('input', {type: 'radio', name: group, id: `${group}-${bytes}`,
      value: String(bytes), checked: preset && preset[1] === bytes});
    radios.push(radio);
    return h('label', {class: 'choice', for: radio.id}, radio, h('span', null, label));
  });
  const customRadio = h('input', {type: 'radio', name: group, id: `${group}-custom`,
    value: 'custom', checked: !preset});
  radios.push(customRadio);
  const customInput = h('input', {
    type: 'number', min: 1, step: 1, inputmode: 'numeric', id: `${group}-mb`,
    value: preset ? '' : String(Math.round(currentBytes / MB)), disabled: Boolean(preset),
  });
  const sync = () => {
    customInput.disabled = !customRadio.checked;
    if (customRadio.checked) customInput.focus();
  };
  radios.forEach((r) => r.addEventListener('change', sync));
  const element = h('fieldset', {class: 'field'},
    h('legend', null, 'Memory'),
    h('div', {class: 'choices'}, options,
      h('label', {class: 'choice', for: customRadio.id}, customRadio, h('span', null, 'Custom'))),
    h('div', {class: 'inline'},
      h('label', {for: customInput.id}, 'Custom size in MB'), customInput),
    h('p', {class: 'hint'}, 'The most memory the cache may use; at least 1 MB.'));
  const checked = () => radios.find((r) => r.checked);
  return {
    element,
    value() {
      const r = checked();
      return r.value === 'custom' ? Number(customInput.value) * MB : Number(r.value);
    },
    problem() {
      const r = checked();
      if (!r) return 'Choose a memory size.';
      if (r.value === 'custom') {
        const mb = Number(customInput.value);
        if (!Number.isInteger(mb) || mb < 1) return 'Enter a custom size of at least 1 MB.';
      }
      return null;
    },
    focusTarget: () => (customRadio.checked ? customInput : radios[0]),
  };
}

const EXPIRY_PRESETS = [['none', 'None'], ['1800', '30 minutes'], ['3600', '1 hour'],
  ['86400', '1 day'], ['custom', 'Custom']];

/** Default expiry: none, presets, or a custom number of minutes. value() gives seconds or null. */
export function expiryControl(currentSeconds) {
  const preset = EXPIRY_PRESETS.find(([v]) =>
    (currentSeconds === null && v === 'none') || String(currentSeconds) === v);
  const select = h('select', {id: uid('expiry')},
    EXPIRY_PRESETS.map(([value, label]) => h('option', {
      value, selected: preset ? preset[0] === value : value === 'custom',
    }, label)));
  const minutes = h('input', {
    type: 'number', min: 1, step: 1, inputmode: 'numeric', id: uid('expiry-minutes'),
    value: preset ? '' : String(Math.max(1, Math.round(currentSeconds / 60))),
    disabled: Boolean(preset),
  });
  select.addEventListener('change', () => {
    minutes.disabled = select.value !== 'custom';
    if (!minutes.disabled) minutes.focus();
  });
  const element = h('div', {class: 'field-group'},
    field('Default expiry', select,
      'Given to keys written without an expiry. Session stores set their own.'),
    h('div', {class: 'inline'}, h('label', {for: minutes.id}, 'Custom expiry in minutes'),
      minutes));
  return {
    element,
    value() {
      if (select.value === 'none') return null;
      if (select.value === 'custom') return Number(minutes.value) * 60;
      return Number(select.value);
    },
    problem() {
      if (select.value !== 'custom') return null;
      const m = Number(minutes.value);
      return Number.isInteger(m) && m >= 1 ? null : 'Enter a custom expiry of at least 1 minute.';
    },
    focusTarget: () => (select.value === 'custom' ? minutes : select),
  };
}
