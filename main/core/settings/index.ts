/** Public surface of the settings module (paths, store, defaults, tokens, client options). */
export { APP_DIR_NAME, HISTORY_FILE, SETTINGS_FILE, configDir } from './paths.js';
export type { ConfigEnv } from './paths.js';
export { NOMAD_DEFAULT_ADDRESS, defaultSettings } from './defaults.js';
export { createSettingsStore, isPidAlive, noClusters } from './store.js';
export type { UnusableFile } from './read-file.js';
export type { LoadedSettings, SettingsSource, SettingsStore, SettingsStoreOptions } from './store.js';
export { MIGRATIONS, migrateRaw } from './migrate.js';
export type { Migration, MigrationTable } from './migrate.js';
export { readTokenFile, resolveToken } from './token.js';
export type { SecretStore, TokenSources } from './token.js';
export { clientOptionsFor } from './client-options.js';
export { readEnvSecret, withEnvSecrets } from './secret-refs.js';
export { atomicWrite, realFs } from './atomic-write.js';
export type { FsPort } from './atomic-write.js';
export { acquireInstanceLock, alreadyRunningLine, INSTANCE_LOCK_FILE } from './instance-lock.js';
export { tryLock, waitForLock } from './file-lock.js';
export type { HeldLock, LockHolder, LockRefusal } from './file-lock.js';
export { describeError, ensureDir, errorCode } from './atomic-write.js';
