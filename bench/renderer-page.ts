/**
 * The script injected into the page before the renderer loads: a fake preload API (`window.nomadTray`) serving
 * one cluster with N members, plus probes that time the first table render and each filter keystroke up to the
 * next frame. Plain JavaScript text (not a TS function) so no build helper leaks into the page.
 */
export interface PageProbe {
  firstRowMs: number | null;
  /** When the renderer asked for the cluster list (ms since navigation start). */
  listAskedMs: number | null;
  keystrokes: number[];
}

/** The init script for one page; `view` is a ClusterView, `settingsView` a SettingsView (contract-valid). */
export function fakeApiScript(view: unknown, settingsView: unknown): string {
  return `(() => {
  const probe = { firstRowMs: null, listAskedMs: null, keystrokes: [] };
  window.__probe = probe;
  const answers = {
    'app:ready': { mode: 'electron', version: '0.1.0', secretStorage: 'secure', platform: 'linux' },
    'clusters:list': [${JSON.stringify(view)}],
    'settings:get': ${JSON.stringify(settingsView)},
    'history:list': [],
  };
  window.nomadTray = {
    invoke: (channel) => {
      if (channel === 'clusters:list' && probe.listAskedMs === null) probe.listAskedMs = performance.now();
      return Promise.resolve(
      Object.prototype.hasOwnProperty.call(answers, channel)
        ? { ok: true, value: answers[channel] }
        : { ok: false, error: { kind: 'unsupported', message: 'not in the bench' } });
    },
    on: () => () => undefined,
  };
  // First render: the first members-table row in the DOM (ms since navigation start).
  const firstRow = new MutationObserver(() => {
    if (probe.firstRowMs === null && document.querySelector('[role="grid"] [data-index]')) {
      probe.firstRowMs = performance.now();
      firstRow.disconnect();
    }
  });
  firstRow.observe(document, { childList: true, subtree: true });
  // Keystroke latency: keydown in the filter box → the paint of the next frame after its input event was handled
  // (the filter and the table update run before that frame).
  let pending = null;
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (t && t.getAttribute && t.getAttribute('aria-label') === 'Filter members') pending = performance.now();
  }, true);
  document.addEventListener('input', () => {
    if (pending === null) return;
    const start = pending;
    pending = null;
    requestAnimationFrame(() => setTimeout(() => probe.keystrokes.push(performance.now() - start), 0));
  }, true);
})();`;
}
