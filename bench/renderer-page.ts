/**
 * Probes injected into the page before the renderer loads: they time the first members-table render and each
 * filter keystroke up to the next frame.
 */
/** The performance mark the window's entry script (renderer/main.ts) sets on its first line. */
export const ENTRY_MARK = 'nomad-tray:entry';

export interface PageProbe {
  firstRowMs: number | null;
  /** When the window's entry script began (its ENTRY_MARK, ms since navigation start); null: no mark. */
  entryMs: number | null;
  keystrokes: number[];
}

/**
 * The probes' init script (the fake preload API itself is test/support/fake-window.ts, whose recorded calls say
 * when the renderer asked for the cluster list). Plain JavaScript text, so no build helper leaks into the page.
 */
export function probeScript(): string {
  return `(() => {
  const probe = { firstRowMs: null, entryMs: null, keystrokes: [] };
  window.__probe = probe;
  // First render: the first members-table row in the DOM (ms since navigation start).
  const firstRow = new MutationObserver(() => {
    if (probe.firstRowMs === null && document.querySelector('[role="grid"] [data-index]')) {
      probe.firstRowMs = performance.now();
      probe.entryMs = performance.getEntriesByName(${JSON.stringify(ENTRY_MARK)})[0]?.startTime ?? null;
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
