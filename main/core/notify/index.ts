/** Public surface of the notify module. */
export type { Notice, Notifier } from './types.js';
export { createNodeNotifier, noticeToOptions, URGENCY } from './node-notifier.js';
export type { NodeNotifierLike, NodeNotifierOptions } from './node-notifier.js';
export { createOsNotifier } from './os-notifier.js';
export { createNotifySendNotifier, notifySendArgs } from './notify-send.js';
export { composeNotifiers, createRecordingNotifier } from './recording.js';
export type { RecordingNotifier } from './recording.js';
export { freedesktopBody, freedesktopSummary, oneLine } from './freedesktop-text.js';
