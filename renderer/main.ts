/**
 * Entry point, kept tiny so it compiles at once: asks for the cluster list first (early.ts), then loads the
 * app chunk (start.ts) while the answer travels.
 */
import { sendEarlyRequest } from './lib/early.js';
// In the entry, so the first paint (index.html's boot placeholder) is already themed: no blank page.
import './theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
const early = sendEarlyRequest(window);
void import('./start.js').then(({ start }) => start(target, early));
