/** Public surface of the settings module (paths, store, defaults, tokens, client options). */
export { HISTORY_FILE, configDir } from './paths.js';
export { defaultSettings, nameFromAddress } from './defaults.js';
export { createSettingsStore, isPidAlive, type SettingsStore } from './store.js';
export type { UnusableFile } from './read-file.js';
export { readTokenFile, resolveToken } from './token.js';
export { clientOptionsFor, requestTimeoutMs } from './client-options.js';
export { withEnvSecrets } from './secret-refs.js';
export { atomicWrite, describeError, ensureDir, errorCode, realFs, type FsPort } from './atomic-write.js';
export { acquireInstanceLock } from './instance-lock.js';
export { waitForLock, type HeldLock } from './file-lock.js';
