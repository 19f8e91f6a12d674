// Builds DOM nodes. Text is always set with createTextNode/textContent, never parsed as HTML:
// every key, value and name shown by the portal may come from a user.

/**
 * h('a', {href: '#/', class: 'x', on: {click: fn}}, 'text', child, [more])
 * Attributes are set with setAttribute; booleans add or omit the attribute; null is skipped.
 */
export function h(tag, attrs, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces el's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Sets el's text (the one way a value reaches the page). */
export function text(el, value) {
  el.textContent = value === null || value === undefined ? '' : String(value);
  return el;
}

let idCounter = 0;
/** A fresh id for label/for and aria-describedby pairs. */
export function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A label and its control, with an optional hint tied by aria-describedby. */
export function field(label, control, hint) {
  const id = control.id || uid('field');
  control.id = id;
  const parts = [h('label', {for: id}, label), control];
  if (hint) {
    const hintId = `${id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('p', {class: 'hint', id: hintId}, hint));
  }
  return h('div', {class: 'field'}, parts);
}

/** Shows a short message in the status area (announced to screen readers). */
export function announce(message) {
  const status = document.getElementById('status');
  text(status, message);
  status.classList.add('shown');
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => status.classList.remove('shown'), 3000);
}

/** Copies text to the clipboard, with a fallback where the Clipboard API is unavailable. */
export async function copy(value, what) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(value);
    } else {
      const area = h('textarea', {class: 'offscreen', readonly: true, 'aria-hidden': 'true'});
      area.value = value;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    announce(`${what} copied`);
  } catch (e) {
    announce(`Could not copy ${what}: select it and copy by hand`);
  }
}

/** A button that copies value() when pressed. */
export function copyButton(what, value) {
  return h('button', {
    type: 'button', class: 'button small', 'aria-label': `Copy ${what}`,
    on: {click: () => copy(typeof value === 'function' ? value() : value, what)},
  }, 'Copy');
}

/**
 * Asks for confirmation in a modal dialog. Resolves true when confirmed.
 * body: nodes explaining what will happen; confirmLabel: the button's words.
 */
export function confirmDialog({title, body, confirmLabel, danger}) {
  return new Promise((resolve) => {
    const titleId = uid('dialog-title');
    const cancel = h('button', {type: 'button', class: 'button', value: 'cancel'}, 'Cancel');
    const ok = h('button', {type: 'button', class: danger ? 'button danger' : 'button primary'},
      confirmLabel);
    const dialog = h('dialog', {class: 'dialog', 'aria-labelledby': titleId},
      h('h2', {id: titleId}, title),
      h('div', {class: 'dialog-body'}, body),
      h('div', {class: 'actions'}, cancel, ok));
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    cancel.addEventListener('click', () => close(false));
    ok.addEventListener('click', () => close(true));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
