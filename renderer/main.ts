/**
 * Entry point, kept tiny so it compiles at once: asks for the cluster list and the first member page first
 * (early.ts), then loads the app chunk (start.ts) while the answers travel, and mounts the app once both are
 * there: the first screen is laid out once, with its rows.
 */
import { layoutFromSearch } from '../common/window-layout.js';
import { earlyAnswers, sendEarlyRequest } from './lib/early.js';
// In the entry, so the first paint (index.html's boot placeholder) is already themed: no blank page.
import './theme.css';

// The window's own start, for the bench (bench/renderer-page.ts ENTRY_MARK: this line → the first row).
performance.mark('nomad-tray:entry');

// zod's config lives on globalThis (its `__zod_globalConfig`, read when zod loads): set jitless here, before any
// chunk with zod loads, so no schema built anywhere probes `new Function` (the strict CSP forbids eval, and the
// probe's caught failure still reports a violation).
const zodConfig = globalThis as { __zod_globalConfig?: Record<string, unknown> };
zodConfig.__zod_globalConfig = { ...zodConfig.__zod_globalConfig, jitless: true };

/** How long the app waits for the first answers before mounting without them (a core slow to answer). */
const EARLY_CAP_MS = 300;

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
const early = sendEarlyRequest(window, layoutFromSearch(window.location.search) === 'full');
void Promise.all([import('./start.js'), early && earlyAnswers(early, EARLY_CAP_MS)]).then(([{ start }]) =>
  start(target, early),
);
