// The portal: signs in, then shows the view the location's hash names.
//   #/                      caches
//   #/new                   New → Cache → Quick Create
//   #/caches/NAME[/TAB]     a cache: overview, keys, browser, settings

import {announce, replace} from './dom.js';
import {resume, signOut} from './api.js';
import {signInView} from './views/signin.js';
import {cacheListView} from './views/caches.js';
import {quickCreateView} from './views/create.js';
import {cacheView} from './views/cache.js';

const state = {signedIn: false, view: null};

function viewFor(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'new') return quickCreateView();
  if (parts[0] === 'caches' && parts[1]) return cacheView(parts[1], parts[2] || 'overview');
  return cacheListView();
}

function render({focus = true} = {}) {
  if (state.view && state.view.dispose) state.view.dispose();
  const main = document.getElementById('main');
  document.getElementById('top-nav').hidden = !state.signedIn;
  state.view = state.signedIn ? viewFor(location.hash) : signInView(() => {
    state.signedIn = true;
    render();
  });
  replace(main, state.view.element);
  if (focus) {
    const heading = main.querySelector('h1');
    (heading || main).setAttribute('tabindex', '-1');
    (heading || main).focus({preventScroll: false});
  }
}

window.addEventListener('hashchange', () => render());
window.addEventListener('larder:signed-out', () => {
  if (!state.signedIn) return;
  state.signedIn = false;
  render();
  announce('Your session has ended. Sign in again.');
});

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await signOut();
  } finally {
    state.signedIn = false;
    render();
    announce('Signed out');
  }
});

(async () => {
  try {
    state.signedIn = await resume();
  } catch (e) {
    state.signedIn = false;
  }
  render({focus: false});
})();
