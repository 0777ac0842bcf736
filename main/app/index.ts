/** Public surface of the app core (shared by the Electron shell and the browser shell). */
export { createAppCore } from './core.js';
export { createMemorySecretStore } from './secrets.js';
export { createPushQueue, type PushQueue } from './push-queue.js';
export type * from './types.js';
export { readRendererFile } from './renderer-file.js';
export { repeat } from './repeat.js';
