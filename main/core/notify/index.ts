/** Public surface of the notify module. */
export type { Notice, Notifier } from './types.js';
export { createNodeNotifier } from './node-notifier.js';
export { createOsNotifier } from './os-notifier.js';
export { createNotifySendNotifier } from './notify-send.js';
export { composeNotifiers } from './compose.js';
export { freedesktopBody, freedesktopSummary, oneLine } from './freedesktop-text.js';
