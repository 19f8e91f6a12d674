import {h, field, text, announce} from '../dom.js';
import {api} from '../api.js';
import {nameProblem} from '../names.js';
import {evictionSelect, expiryControl, sizeControl} from './settings-controls.js';

/** New → Cache → Quick Create: name, size, eviction, expiry, persistence. */
export function quickCreateView() {
  const existing = new Set();
  api.get('/api/caches').then(({caches}) => {
    caches.forEach((c) => existing.add(c.name));
    if (name.value) validateName();
  }).catch(() => {});

  const name = h('input', {
    id: 'cache-name', name: 'name', required: true, maxlength: 63, autocomplete: 'off',
    spellcheck: 'false', autocapitalize: 'none', 'aria-invalid': 'false',
    placeholder: 'shop-sessions',
  });
  const nameMessage = h('p', {class: 'field-message', id: 'cache-name-message',
    'aria-live': 'polite'});
  const nameField = field('Name', name,
    'Lowercase letters, digits and hyphens, 1 to 63 characters. Applications use it to sign in.');
  nameField.appendChild(nameMessage);
  name.setAttribute('aria-describedby', `${name.getAttribute('aria-describedby')} cache-name-message`);

  const size = sizeControl(256 * 1024 * 1024);
  const eviction = evictionSelect('noeviction');
  const expiry = expiryControl(null);
  const persistence = h('input', {type: 'checkbox', id: 'cache-persistence', checked: true});
  const error = h('p', {class: 'error', role: 'alert', id: 'create-error'});
  const submit = h('button', {type: 'submit', class: 'button primary', id: 'create-cache'},
    'Create cache');

  function validateName() {
    const problem = nameProblem(name.value, existing);
    name.setAttribute('aria-invalid', problem && name.value ? 'true' : 'false');
    text(nameMessage, name.value ? (problem || 'This name is available.') : '');
    nameMessage.className = `field-message ${problem ? 'bad' : 'good'}`;
    return problem;
  }
  name.addEventListener('input', validateName);

  const form = h('form', {class: 'card form', novalidate: true, id: 'quick-create'},
    nameField,
    size.element,
    field('Eviction when full', eviction,
      'What happens when a write would take the cache past its memory: refuse the write, or '
      + 'evict keys (least recently used, random, or soonest to expire).'),
    expiry.element,
    h('div', {class: 'field checkbox'}, persistence,
      h('label', {for: 'cache-persistence'}, 'Keep data across restarts (persistence)')),
    error,
    h('div', {class: 'actions'}, h('a', {href: '#/', class: 'button'}, 'Cancel'), submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    text(error, '');
    const problem = validateName();
    const sizeProblem = size.problem();
    const expiryProblem = expiry.problem();
    if (problem || sizeProblem || expiryProblem) {
      text(error, problem || sizeProblem || expiryProblem);
      (problem ? name : sizeProblem ? size.focusTarget() : expiry.focusTarget()).focus();
      return;
    }
    submit.disabled = true;
    try {
      const cache = await api.post('/api/caches', {
        name: name.value, memory: size.value(), eviction: eviction.value,
        defaultTtl: expiry.value(), persistence: persistence.checked,
      });
      announce(`Cache ${cache.name} created`);
      location.hash = `#/caches/${encodeURIComponent(cache.name)}`;
    } catch (e) {
      if (e.status === 409) existing.add(name.value);
      text(error, e.message);
      submit.disabled = false;
    }
  });

  return {
    element: h('section', {class: 'page'},
      h('nav', {class: 'breadcrumb', 'aria-label': 'Breadcrumb'},
        h('a', {href: '#/'}, 'Caches'), ' › New › Cache'),
      h('h1', null, 'Quick Create a cache'),
      form),
  };
}
