/**
 * Entry point, kept tiny so it compiles at once: asks for the cluster list first (early.ts), then loads the
 * app chunk (start.ts) while the answer travels.
 */
import { sendEarlyRequest } from './lib/early.js';
// In the entry, so the first paint (index.html's boot placeholder) is already themed: no blank page.
import './theme.css';

// zod's config lives on globalThis (its `__zod_globalConfig`): set jitless here, before the app chunk loads, so
// no schema built anywhere probes `new Function` (a CSP violation) whatever order the bundler gives modules
// (zod marks its constructors side-effect free, so a schema module may run before lib/zod-config.ts).
const zodConfig = globalThis as { __zod_globalConfig?: Record<string, unknown> };
zodConfig.__zod_globalConfig = { ...zodConfig.__zod_globalConfig, jitless: true };

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
const early = sendEarlyRequest(window);
void import('./start.js').then(({ start }) => start(target, early));
