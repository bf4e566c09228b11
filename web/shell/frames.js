// App frames and the host side of the purecloud-client-app-sdk protocol.
import { h } from './dom.js';
import { PROTOCOL } from './lib.js';

const DEFAULT_BOOTSTRAP_TIMEOUT_MS = 10000;
const DEFAULT_STOP_TIMEOUT_MS = 5000;

function timeoutSetting(key, fallback) {
  try {
    const v = Number(window.localStorage.getItem(key));
    return Number.isFinite(v) && v > 0 ? v : fallback;
  } catch {
    return fallback;
  }
}

/** Every frame the shell created and has not removed yet, by its contentWindow. */
const live = new Set();

/**
 * One app's iframe. States: loading -> (bootstrapping) -> ready -> stopping -> removed.
 * The frame stays hidden behind a loading state until it is ready.
 */
export class AppFrame {
  constructor(app, container, { onReady } = {}) {
    this.app = app;
    this.state = 'loading';
    this.visible = false;
    this.everShown = false;
    this.loaded = false;
    this.onReady = onReady;

    this.iframe = document.createElement('iframe');
    this.iframe.className = 'app-frame';
    this.iframe.title = app.name;
    this.iframe.setAttribute('sandbox', app.sandbox);
    if (app.allow) this.iframe.setAttribute('allow', app.allow);
    this.iframe.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    this.iframe.dataset.appId = app.id;
    this.iframe.src = app.src;
    this.iframe.addEventListener('load', () => this.onLoad());

    this.loading = h('div', { class: 'frame-loading', role: 'status' },
      h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      h('span', { class: 'frame-loading-text', text: `Loading ${app.name}…` }));
    this.el = h('div', { class: 'frame-wrap', hidden: true, dataset: { appId: app.id } }, this.loading, this.iframe);
    container.appendChild(this.el);
    live.add(this);
  }

  /** The app was renamed: only the accessible name changes. */
  rename(name) {
    this.app = { ...this.app, name };
    this.iframe.title = name;
    this.loading.querySelector('.frame-loading-text').textContent = `Loading ${name}…`;
  }

  onLoad() {
    if (this.loaded || this.state === 'removed') return;
    this.loaded = true;
    if (this.app.hooks.bootstrap) {
      this.state = 'bootstrapping';
      this.post('bootstrap');
      this.bootstrapTimer = setTimeout(() => this.markReady(), timeoutSetting('porticoBootstrapTimeoutMs', DEFAULT_BOOTSTRAP_TIMEOUT_MS));
    } else {
      this.markReady();
    }
  }

  markReady() {
    clearTimeout(this.bootstrapTimer);
    if (this.state !== 'loading' && this.state !== 'bootstrapping') return;
    this.state = 'ready';
    this.el.classList.add('ready');
    this.loading.hidden = true;
    if (this.onReady) this.onReady(this);
  }

  /** Sends a lifecycle hook to the app, at the app's origin only. */
  post(hook) {
    const win = this.iframe.contentWindow;
    if (!win) return;
    try {
      win.postMessage({ protocol: PROTOCOL, purecloudEventType: 'appLifecycleHook', hook }, this.app.origin);
    } catch { /* the frame is gone */ }
  }

  /** Shows or hides the frame; sends blur when left and focus when returned to (not on first show). */
  setVisible(visible) {
    if (this.state === 'stopping' || this.state === 'removed') return;
    if (visible === this.visible) return;
    this.visible = visible;
    this.el.hidden = !visible;
    if (visible) {
      if (this.everShown && this.app.hooks.focus && this.loaded) this.post('focus');
      this.everShown = true;
    } else if (this.app.hooks.blur && this.loaded) {
      this.post('blur');
    }
  }

  /** Sends `stop` (when the app opted in) and removes the frame after `stopped` or a timeout. */
  stop() {
    if (this.stopping) return this.stopping;
    clearTimeout(this.bootstrapTimer);
    this.el.hidden = true;
    this.visible = false;
    this.state = 'stopping';
    this.stopping = new Promise((resolve) => {
      const finish = () => {
        clearTimeout(this.stopTimer);
        this.state = 'removed';
        this.el.remove();
        live.delete(this);
        resolve();
      };
      this.resolveStopped = finish;
      if (this.app.hooks.stop && this.loaded) {
        this.post('stop');
        this.stopTimer = setTimeout(finish, timeoutSetting('porticoStopTimeoutMs', DEFAULT_STOP_TIMEOUT_MS));
      } else {
        finish();
      }
    });
    return this.stopping;
  }
}

/**
 * Listens for messages from app frames. `handlers[action](frame, data)` runs only for a message
 * whose source is the window of a frame the shell created, whose origin is that app's origin, and
 * whose data speaks the client-apps protocol. Lifecycle answers are handled here.
 */
export function listen(handlers) {
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data !== 'object' || Array.isArray(data) || data.protocol !== PROTOCOL) return;
    if (!event.source) return;
    let frame = null;
    for (const f of live) {
      if (f.iframe.contentWindow === event.source) { frame = f; break; }
    }
    if (!frame || event.origin !== frame.app.origin) return;
    const action = typeof data.action === 'string' ? data.action : '';
    if (action === 'bootstrapped') {
      if (frame.state === 'bootstrapping') frame.markReady();
      return;
    }
    if (action === 'stopped') {
      if (frame.state === 'stopping' && frame.resolveStopped) frame.resolveStopped();
      return;
    }
    if (frame.state === 'stopping' || frame.state === 'removed') return;
    const handler = Object.prototype.hasOwnProperty.call(handlers, action) ? handlers[action] : null;
    if (handler) handler(frame, data);
  });
}
