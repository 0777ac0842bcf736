/**
 * ACL tokens of clusters whose TokenRef is `keychain`, encrypted with Electron's safeStorage (Keychain, DPAPI,
 * Secret Service/KWallet) into their own file `secrets.json` (0600, atomic), never into settings.json.
 * On Linux without a keyring safeStorage falls back to `basic_text` (a hard-coded key, i.e. plain text): then
 * nothing is written and tokens live in memory for this run only (Electron's safeStorage docs,
 * getSelectedStorageBackend).
 * Tokens never appear in messages or logs.
 */
import nodeFs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { err, type Result } from '../../common/result.js';
import { createMemorySecretStore, type AppSecretStore } from '../app/index.js';
import { parseJsonText } from '../core/files/index.js';
import { atomicWrite, describeError, ensureDir, errorCode } from '../core/settings/index.js';

/** The slice of Electron's safeStorage we use (a fake reversible cipher in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent or throwing elsewhere. */
  getSelectedStorageBackend?(): string;
}

export const SECRETS_FILE = 'secrets.json';

/** The desktop's token store: the app core's port, plus what went wrong loading secrets.json. */
export interface SecretStore extends AppSecretStore {
  /** Load problems (unreadable file, undecryptable entries); never contain a token. */
  problems: readonly string[];
}

export interface SecretStoreOptions {
  /** The config directory (same as settings.json). */
  dir: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
}

const FileSchema = z.object({
  version: z.literal(1),
  tokens: z.record(z.string(), z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')),
});

function backendOf(safe: SafeStorageLike, platform: NodeJS.Platform): string {
  if (platform !== 'linux' || safe.getSelectedStorageBackend === undefined) return 'os';
  try {
    return safe.getSelectedStorageBackend();
  } catch {
    return 'unknown';
  }
}

/**
 * Opens the store: decides the storage mode, then (encrypted mode only) loads and decrypts secrets.json.
 * A corrupt file is copied to secrets.json.bak and reported, never thrown; an entry that fails to decrypt
 * (keyring changed) is reported and its ciphertext kept, so switching back to the right keyring still works.
 */
export async function openSecretStore(options: SecretStoreOptions): Promise<SecretStore> {
  const { dir, safeStorage: safe, platform } = options;
  const file = path.join(dir, SECRETS_FILE);
  const backend = backendOf(safe, platform);
  const secure = backend !== 'basic_text' && safe.isEncryptionAvailable();
  const tokens = createMemorySecretStore(); // the decrypted tokens, checked on the way in
  const cipherTexts = new Map<string, string>();
  const problems: string[] = [];

  if (secure) {
    const text = await nodeFs.readFile(file, 'utf8').catch((e: unknown) => {
      if (errorCode(e) !== 'ENOENT') problems.push(`could not read ${file}: ${describeError(e)}`);
      return null;
    });
    if (text !== null) {
      const json = parseJsonText(text); // not JSON: reported below as a schema failure
      const parsed = FileSchema.safeParse(json.ok ? json.value : undefined);
      if (!parsed.success) {
        const bak = `${file}.bak`;
        await nodeFs.copyFile(file, bak).catch(() => undefined);
        problems.push(
          `${file} is not a valid secrets file; a copy was kept as ${bak}. Tokens must be entered again.`,
        );
      } else {
        for (const [id, b64] of Object.entries(parsed.data.tokens)) {
          cipherTexts.set(id, b64);
          try {
            await tokens.set(id, safe.decryptString(Buffer.from(b64, 'base64')));
          } catch {
            problems.push(
              `the token of cluster ${id} could not be decrypted (was the keyring changed or reset?)`,
            );
          }
        }
      }
    }
  }

  const persist = async (): Promise<Result<void, string>> => {
    const made = await ensureDir(dir);
    if (!made.ok) return made;
    const body = {
      version: 1 as const,
      tokens: Object.fromEntries([...cipherTexts].sort(([a], [b]) => a.localeCompare(b))),
    };
    return atomicWrite(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, platform });
  };

  return {
    get: tokens.get,
    status: tokens.status,
    storage: () => (secure ? 'secure' : 'memory-only'),
    problems,
    async set(clusterId, token) {
      const kept = await tokens.set(clusterId, token);
      if (!kept.ok || !secure) return kept;
      if (token === null) {
        cipherTexts.delete(clusterId);
      } else {
        try {
          cipherTexts.set(clusterId, safe.encryptString(token).toString('base64'));
        } catch (e) {
          return err(
            `could not encrypt the token of cluster ${clusterId} (kept for this run only): ${describeError(e)}`,
          );
        }
      }
      const written = await persist();
      return written.ok ? written : err(`token kept for this run only: ${written.error}`);
    },
  };
}
