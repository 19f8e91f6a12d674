import {h, field, text} from '../dom.js';
import {signIn} from '../api.js';

/** The sign-in form: the admin token, which the server's admin.token file holds. */
export function signInView(onSignedIn) {
  const token = h('input', {
    id: 'admin-token', type: 'password', name: 'token', required: true,
    autocomplete: 'current-password', spellcheck: 'false',
  });
  const error = h('p', {class: 'error', id: 'sign-in-error', role: 'alert'});
  const submit = h('button', {type: 'submit', class: 'button primary', id: 'sign-in'}, 'Sign in');
  const form = h('form', {class: 'card narrow', novalidate: true},
    h('h1', null, 'Sign in to Larder'),
    field('Admin token', token,
      'The admin token is in admin.token in the server\'s data directory, '
      + 'or set by LARDER_ADMIN_TOKEN.'),
    error,
    h('div', {class: 'actions'}, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!token.value.trim()) {
      text(error, 'Enter the admin token.');
      token.focus();
      return;
    }
    submit.disabled = true;
    text(error, '');
    try {
      await signIn(token.value.trim());
      onSignedIn();
    } catch (e) {
      text(error, e.status === 401 ? 'That admin token is wrong.' : e.message);
      token.setAttribute('aria-invalid', 'true');
      token.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return {element: h('section', {class: 'page sign-in'}, form)};
}
