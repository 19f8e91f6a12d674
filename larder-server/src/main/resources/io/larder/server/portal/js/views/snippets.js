import {h, text, copyButton, uid} from '../dom.js';

const MASK = '•'.repeat(12);

/**
 * How to connect: the connection string and ready-to-paste configuration for Spring Boot, a
 * servlet application, the Java client and redis-cli. The key is masked until "Show key" is
 * pressed; Copy always copies the real text.
 */
export function snippets(cache, primaryKey) {
  let revealed = false;
  // The key goes into URLs percent-encoded; the mask stands in for the encoded key as it is.
  const encoded = (key) => (key === MASK ? MASK : encodeURIComponent(key));
  const url = (key) => `redis://${cache.name}:${encoded(key)}@${urlHost(cache.host)}`
    + `:${cache.port}`;
  const shownKey = () => (revealed && primaryKey() ? primaryKey() : MASK);
  const realKey = () => primaryKey() || 'KEY';

  const blocks = [
    ['Spring Boot', 'application.properties',
      (k) => `larder.url=${url(k)}`],
    ['Servlet application', 'larder.properties (or env LARDER_URL)',
      (k) => `larder.url=${url(k)}`],
    ['Servlet application', 'web.xml',
      (k) => '<context-param>\n  <param-name>larder.url</param-name>\n'
        + `  <param-value>${url(k)}</param-value>\n</context-param>`],
    ['Java client', 'LarderClient',
      (k) => `LarderClient client = LarderClient.create("${url(k)}");`],
    ['redis-cli', 'shell',
      (k) => `redis-cli -h ${cache.host} -p ${cache.port} --user ${cache.name} --pass ${k}`],
  ];
  const codes = [];
  const connectionCode = h('code', {id: 'connection-string'});
  codes.push([connectionCode, (k) => url(k)]);

  const toggle = h('button', {type: 'button', class: 'button small', 'aria-pressed': 'false',
    id: 'show-key'}, 'Show key');
  toggle.addEventListener('click', () => {
    revealed = !revealed;
    refresh();
  });

  const items = blocks.map(([title, where, make]) => {
    const code = h('code', null);
    codes.push([code, make]);
    const id = uid('snippet');
    return h('div', {class: 'snippet'},
      h('div', {class: 'snippet-head'},
        h('h3', {id}, title, h('span', {class: 'muted'}, ` · ${where}`)),
        copyButton(`${title} ${where} snippet`, () => make(realKey()))),
      h('pre', {'aria-labelledby': id}, code));
  });

  function refresh() {
    for (const [code, make] of codes) text(code, make(shownKey()));
    text(toggle, revealed ? 'Hide key' : 'Show key');
    toggle.setAttribute('aria-pressed', String(revealed));
  }
  refresh();

  return {
    connectionString: h('div', {class: 'connection-string'},
      h('span', {class: 'fact-label'}, 'Connection string (primary key)'),
      h('div', {class: 'secret-row'}, connectionCode,
        h('div', {class: 'row-actions'}, toggle,
          copyButton('connection string', () => url(realKey()))))),
    element: h('section', {class: 'card', 'aria-labelledby': 'snippets-heading'},
      h('h2', {id: 'snippets-heading'}, 'Connect your application'),
      h('p', {class: 'muted'}, 'Add io.larder:larder-spring-boot-starter (Spring Boot) or '
        + 'io.larder:larder-session (any Servlet 6 container), then set this one setting. '
        + 'Sessions work unchanged.'),
      items),
    refresh,
  };
}

function urlHost(host) {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
