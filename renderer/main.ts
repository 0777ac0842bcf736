/**
 * Entry point, kept tiny so it compiles at once: reads the answers main embedded in the page (early.ts; the page
 * already shows the first screen drawn from them), then loads the app chunk (start.ts), which mounts from them.
 */
import { readEarly } from './lib/early.js';
// In the entry, so the first paint (index.html's boot placeholder) is already themed: no blank page.
import './theme.css';

// The window's own start, for the bench (bench/renderer-page.ts ENTRY_MARK: this line → the app mounted).
performance.mark('nomad-tray:entry');

// zod's config lives on globalThis (its `__zod_globalConfig`, read when zod loads): set jitless here, before any
// chunk with zod loads, so no schema built anywhere probes `new Function` (the strict CSP forbids eval, and the
// probe's caught failure still reports a violation).
const zodConfig = globalThis as { __zod_globalConfig?: Record<string, unknown> };
zodConfig.__zod_globalConfig = { ...zodConfig.__zod_globalConfig, jitless: true };

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
const early = readEarly(document);
void import('./start.js').then(({ start }) => start(target, early));
