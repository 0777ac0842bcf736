/**
 * Probes injected into the page before the renderer loads: they time the first members-table render and each
 * filter keystroke up to the next frame.
 */
/** The performance mark the window's entry script (renderer/main.ts) sets on its first line. */
export const ENTRY_MARK = 'nomad-tray:entry';
/** The performance mark the app chunk (renderer/start.ts) sets once the app mounted (its rows are in the DOM). */
export const MOUNTED_MARK = 'nomad-tray:mounted';

export interface PageProbe {
  firstRowMs: number | null;
  /** When the window's entry script began (its ENTRY_MARK, ms since navigation start); null: not yet. */
  entryMs: number | null;
  /** When the app had mounted over the first screen (its MOUNTED_MARK); null: not yet. */
  mountedMs: number | null;
  keystrokes: number[];
}

/**
 * The probes' init script (the fake preload API itself is test/support/fake-window.ts). Plain JavaScript text, so
 * no build helper leaks into the page.
 */
export function probeScript(): string {
  return `(() => {
  const probe = { firstRowMs: null, keystrokes: [] };
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  Object.defineProperty(probe, 'entryMs', { enumerable: true, get: () => mark(${JSON.stringify(ENTRY_MARK)}) });
  Object.defineProperty(probe, 'mountedMs', { enumerable: true, get: () => mark(${JSON.stringify(MOUNTED_MARK)}) });
  window.__probe = probe;
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
