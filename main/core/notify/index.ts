/** Public surface of the notify module. */
export type { Notice, Notifier } from './types.js';
export { createNodeNotifier, noticeToOptions, URGENCY } from './node-notifier.js';
export type { NodeNotifierLike, NodeNotifierOptions } from './node-notifier.js';
export { createOsNotifier } from './os-notifier.js';
export { createNotifySendNotifier, notifySendArgs } from './notify-send.js';
export { composeNotifiers } from './compose.js';
export { freedesktopBody, freedesktopSummary, oneLine } from './freedesktop-text.js';
