export type { Notice, Notifier } from './types.js';
export { createNodeNotifier } from './node-notifier.js';
export { composeNotifiers, createOsNotifier } from './os-notifier.js';
export { createNotifySendNotifier } from './notify-send.js';
export { freedesktopBody, oneLine } from './freedesktop-text.js';
