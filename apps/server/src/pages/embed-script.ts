import type { ClientConfig } from './client-config.js';
import { safeJson } from './safe-json.js';

/**
 * The browser side of `/embed.js` (and of the standalone page, which loads it). Plain ES2017, no
 * template literals, DOM text only through `textContent`. It loads ChatKit from `scriptUrl` (by default
 * the built-in client served by this app), mounts
 * `<openai-chatkit>` in `data-target` (or next to the script), configures it, keeps its theme in step
 * with the host page (html[data-theme] / .dark class / prefers-color-scheme), remembers the last
 * thread, and shows a clear message when the ChatKit script cannot load.
 */
const BOOT = String.raw`
  'use strict';
  var script = document.currentScript;
  var base = new URL(script && script.src ? script.src : location.href, location.href);
  var abs = function (url) { return new URL(url, base).toString(); };
  var attr = function (name) { return script ? script.getAttribute(name) : null; };
  var targetSelector = attr('data-target');
  var host = targetSelector ? document.querySelector(targetSelector) : null;
  if (!host) {
    host = document.createElement('div');
    host.style.height = attr('data-height') || '600px';
    if (script && script.parentNode && script.parentNode !== document.head) script.parentNode.insertBefore(host, script);
    else document.body.appendChild(host);
  }
  if (!document.getElementById('threadline-style')) {
    var style = document.createElement('style');
    style.id = 'threadline-style';
    style.textContent =
      '.threadline-host{position:relative}' +
      '.threadline-host openai-chatkit{display:block;width:100%;height:100%}' +
      '.threadline-status{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;padding:24px;box-sizing:border-box;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}' +
      '.threadline-status[hidden]{display:none}' +
      '.threadline-status .box{max-width:560px;border-radius:12px;padding:20px 24px;border:1px solid rgba(127,127,127,.35);background:Canvas;color:CanvasText}' +
      '.threadline-status.error .box{border-color:#d33;box-shadow:0 0 0 3px rgba(221,51,51,.15)}' +
      '.threadline-status h2{margin:0 0 8px;font-size:17px}' +
      '.threadline-status p{margin:6px 0}' +
      '.threadline-status code{font-size:13px;word-break:break-all}';
    document.head.appendChild(style);
  }
  host.classList.add('threadline-host');
  var status = document.createElement('div');
  status.className = 'threadline-status';
  host.appendChild(status);
  var chat = host.querySelector('openai-chatkit') || document.createElement('openai-chatkit');
  host.appendChild(chat);
  var ready = false;

  function showStatus(kind, title, lines) {
    status.hidden = false;
    status.className = 'threadline-status ' + kind;
    status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    status.setAttribute('data-state', kind);
    var box = document.createElement('div');
    box.className = 'box';
    var h = document.createElement('h2');
    h.textContent = title;
    box.appendChild(h);
    (lines || []).forEach(function (line) {
      var p = document.createElement('p');
      if (typeof line === 'string') p.textContent = line;
      else { p.appendChild(document.createTextNode(line[0])); var c = document.createElement('code'); c.textContent = line[1]; p.appendChild(c); if (line[2]) p.appendChild(document.createTextNode(line[2])); }
      box.appendChild(p);
    });
    status.textContent = '';
    status.appendChild(box);
  }

  function fail(reason) {
    if (ready) return;
    showStatus('error', 'The chat interface could not be loaded', [
      ['The <openai-chatkit> web component is loaded from ', abs(config.scriptUrl), '.'],
      reason === 'timeout'
        ? 'The script did not finish loading in time.'
        : config.scriptModule
          ? 'That script could not be loaded: the server may have been started without building the client (npm run build).'
          : 'That script could not be downloaded: this browser may be offline, or a network policy or extension blocks it.',
      ['The Threadline server itself is running; its ChatKit API is at ', abs(config.apiUrl), '.'],
      config.scriptModule
        ? 'Ask the site administrator to build the client (npm run build -w @threadline/chatkit).'
        : 'Ask the site administrator to allow that script\u2019s host, or to unset CHATKIT_SCRIPT_URL to use the built-in client.'
    ]);
  }

  function colorScheme() {
    var root = document.documentElement;
    var theme = root.getAttribute('data-theme') || root.getAttribute('data-color-scheme') || root.getAttribute('data-bs-theme');
    if (theme === 'dark' || theme === 'light') return theme;
    if (root.classList.contains('dark')) return 'dark';
    if (root.classList.contains('light')) return 'light';
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  function authFetch(input, init) {
    var options = Object.assign({}, init || {});
    options.credentials = 'include';
    var getToken = window.threadlineGetToken;
    if (typeof getToken !== 'function') return fetch(input, options);
    return Promise.resolve(getToken()).then(function (token) {
      var headers = new Headers(options.headers || {});
      if (token) headers.set('Authorization', 'Bearer ' + token);
      options.headers = headers;
      return fetch(input, options);
    });
  }

  function getClientSecret(current) {
    return authFetch(abs(config.clientSecretUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ current_client_secret: current || null })
    }).then(function (response) {
      return response.json().then(function (payload) {
        if (!response.ok || !payload.client_secret) throw new Error((payload.error && payload.error.message) || 'Could not get a ChatKit client secret');
        return payload.client_secret;
      });
    });
  }

  var storageKey = 'threadline:last-thread:' + config.agentId;
  var lastThread = null;
  try { lastThread = localStorage.getItem(storageKey) || null; } catch (e) { lastThread = null; }
  var history = attr('data-history') !== 'false';

  function options() {
    var api = config.mode === 'hosted'
      ? { getClientSecret: getClientSecret }
      : { url: abs(config.apiUrl), domainKey: config.domainKey, fetch: authFetch };
    if (config.mode !== 'hosted' && config.upload) {
      api.uploadStrategy = config.upload.type === 'direct'
        ? { type: 'direct', uploadUrl: abs(config.upload.uploadUrl) }
        : { type: 'two_phase' };
    }
    var composer = {
      attachments: config.upload
        ? { enabled: true, maxSize: config.attachments.maxSize, maxCount: config.attachments.maxCount }
        : { enabled: false }
    };
    if (config.upload && config.attachments.accept) composer.attachments.accept = config.attachments.accept;
    if (config.placeholder) composer.placeholder = config.placeholder;
    if (config.tools.length) composer.tools = config.tools;
    if (config.models.length) composer.models = config.models;
    var opts = {
      api: api,
      theme: { colorScheme: colorScheme() },
      header: { enabled: true, title: { enabled: true, text: config.title } },
      history: { enabled: history, showDelete: true, showRename: true },
      startScreen: config.startScreen,
      composer: composer,
      threadItemActions: { feedback: true, retry: true },
      initialThread: lastThread
    };
    return opts;
  }

  function apply() {
    try { chat.setOptions(options()); }
    catch (error) { showStatus('error', 'The chat could not start', [String(error && error.message || error)]); }
  }

  showStatus('loading', 'Loading chat\u2026', []);
  if (!window.customElements) { fail('unsupported'); return; }
  if (!customElements.get('openai-chatkit') && !document.querySelector('script[data-threadline-chatkit]')) {
    var loader = document.createElement('script');
    loader.src = abs(config.scriptUrl);
    if (config.scriptModule) loader.type = 'module';
    loader.async = true;
    loader.setAttribute('data-threadline-chatkit', '');
    loader.onerror = function () { fail('network'); };
    document.head.appendChild(loader);
  }
  var timer = setTimeout(function () { fail('timeout'); }, 15000);
  customElements.whenDefined('openai-chatkit').then(function () {
    ready = true;
    clearTimeout(timer);
    status.hidden = true;
    apply();
    chat.addEventListener('chatkit.thread.change', function (event) {
      lastThread = (event.detail && event.detail.threadId) || null;
      try { if (lastThread) localStorage.setItem(storageKey, lastThread); else localStorage.removeItem(storageKey); } catch (e) { /* storage unavailable */ }
    });
    chat.addEventListener('chatkit.error', function (event) {
      if (window.console) console.warn('ChatKit error', event.detail && event.detail.error);
    });
    new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'data-color-scheme', 'data-bs-theme', 'class'] });
    if (window.matchMedia) {
      var query = window.matchMedia('(prefers-color-scheme: dark)');
      if (query.addEventListener) query.addEventListener('change', apply);
    }
  });
`;

/** The JavaScript served at `/embed.js?agent=…`: the boot code with its config inlined. */
export function embedScript(config: ClientConfig): string {
  return `/* Threadline embed: configures <openai-chatkit>. */\n(function (config) {${BOOT}})(${safeJson(config)});\n`;
}
