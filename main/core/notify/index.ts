export type { Notice, Notifier } from './types.js';
export { createNodeNotifier, URGENCY } from './node-notifier.js';
export { composeNotifiers, createOsNotifier } from './os-notifier.js';
export { createNotifySendNotifier } from './notify-send.js';
export { flatten, freedesktopBody, oneLine } from './freedesktop-text.js';
