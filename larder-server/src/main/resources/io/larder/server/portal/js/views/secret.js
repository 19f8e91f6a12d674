import {h, text, copyButton} from '../dom.js';

const MASK = '•'.repeat(24);

/**
 * A secret shown masked until revealed, with Reveal/Hide and Copy buttons.
 * get(): the current value (it may change, e.g. after regeneration).
 */
export function secretValue({id, label, get}) {
  const shown = h('code', {class: 'secret', id}, MASK);
  let revealed = false;
  const reveal = h('button', {
    type: 'button', class: 'button small', 'aria-pressed': 'false', 'aria-controls': id,
    'aria-label': `Reveal ${label}`, id: `${id}-reveal`,
  }, 'Reveal');
  const render = () => {
    text(shown, revealed ? get() : MASK);
    text(reveal, revealed ? 'Hide' : 'Reveal');
    reveal.setAttribute('aria-pressed', String(revealed));
    reveal.setAttribute('aria-label', `${revealed ? 'Hide' : 'Reveal'} ${label}`);
  };
  reveal.addEventListener('click', () => {
    revealed = !revealed;
    render();
  });
  return {
    element: h('div', {class: 'secret-row'}, shown,
      h('div', {class: 'row-actions'}, reveal, copyButton(label, get))),
    refresh: render,
  };
}
