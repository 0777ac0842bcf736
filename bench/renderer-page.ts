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

/**
 * The init script for one page. Answers come from `answersUrl` (a JSON object channel → value served next to the
 * renderer), fetched when the renderer first asks: like an IPC round trip, the data crosses into the page when
 * requested instead of being parsed as a 2 MB script literal before the page loads (which would be bench
 * overhead counted as render time).
 */
export function fakeApiScript(answersUrl: string): string {
  return `(() => {
  const probe = { firstRowMs: null, listAskedMs: null, keystrokes: [] };
  window.__probe = probe;
  let answers = null;
  const load = () => (answers ??= fetch(${JSON.stringify(answersUrl)}).then((r) => r.json()));
  window.nomadTray = {
    invoke: (channel) => {
      if (channel === 'clusters:list' && probe.listAskedMs === null) probe.listAskedMs = performance.now();
      return load().then((all) =>
        Object.prototype.hasOwnProperty.call(all, channel)
          ? { ok: true, value: all[channel] }
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
