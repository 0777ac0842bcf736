import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRETS_FILE, openSecretStore } from '../../main/shell/secrets.js';
import type { SafeStorageLike } from '../../main/shell/secrets.js';

/** A reversible stand-in for safeStorage: XOR with a key byte, so ciphertext never equals the plain text. */
function fakeSafeStorage(
  backend = 'gnome_libsecret',
  available = true,
  key = 0x5a,
): SafeStorageLike & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => {
      log.push('encrypt');
      return Buffer.from([...Buffer.from(`v1:${plain}`, 'utf8')].map((b) => b ^ key));
    },
    decryptString: (enc) => {
      const text = Buffer.from([...enc].map((b) => b ^ key)).toString('utf8');
      if (!text.startsWith('v1:')) throw new Error('wrong key');
      return text.slice(3);
    },
  };
}

const TOKEN = '2f1c3b8e-7d2a-4b9e-a1f0-1234567890ab';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SecretStore with a keyring', () => {
  it('round-trips a token through an encrypted 0600 file and a fresh store', async () => {
    const store = await openSecretStore({ dir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    expect(store.status('prod')).toBe('not set');
    expect(await store.set('prod', TOKEN)).toEqual({ ok: true, value: undefined });
    expect(store.get('prod')).toBe(TOKEN);
    expect(store.status('prod')).toBe('set');

    const file = path.join(dir, SECRETS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(Object.keys(JSON.parse(text).tokens)).toEqual(['prod']);
    expect(readdirSync(dir)).toEqual([SECRETS_FILE]); // no temp file left behind

    const again = await openSecretStore({ dir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    expect(again.get('prod')).toBe(TOKEN);
    expect(again.storage()).toBe('secure');
    expect(again.problems).toEqual([]);
  });

  it('forgets a token with null', async () => {
    const store = await openSecretStore({ dir, safeStorage: fakeSafeStorage(), platform: 'darwin' });
    await store.set('prod', TOKEN);
    await store.set('prod', null);
    expect(store.get('prod')).toBeNull();
    expect(JSON.parse(readFileSync(path.join(dir, SECRETS_FILE), 'utf8')).tokens).toEqual({});
  });

  it('rejects bad cluster ids and empty tokens without touching the disk', async () => {
    const store = await openSecretStore({ dir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    expect(await store.set('../evil', TOKEN)).toEqual({ ok: false, error: 'invalid cluster id "../evil"' });
    expect((await store.set('prod', '  ')).ok).toBe(false);
    expect(existsSync(path.join(dir, SECRETS_FILE))).toBe(false);
  });

  it('reports (not throws) a corrupt file, keeps a .bak copy, and can write again', async () => {
    writeFileSync(path.join(dir, SECRETS_FILE), '{ not json');
    const store = await openSecretStore({ dir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    const { problems } = store;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('not a valid secrets file');
    expect(readFileSync(path.join(dir, `${SECRETS_FILE}.bak`), 'utf8')).toBe('{ not json');
    expect((await store.set('prod', TOKEN)).ok).toBe(true);
  });

  it('keeps an undecryptable entry (keyring changed) and reports it without the token', async () => {
    const first = await openSecretStore({
      dir,
      safeStorage: fakeSafeStorage('kwallet6', true, 0x11),
      platform: 'linux',
    });
    await first.set('old', TOKEN);
    const second = await openSecretStore({
      dir,
      safeStorage: fakeSafeStorage('kwallet6', true, 0x22),
      platform: 'linux',
    });
    expect(second.get('old')).toBeNull();
    expect(second.problems).toEqual([
      'the token of cluster old could not be decrypted (was the keyring changed or reset?)',
    ]);
    await second.set('new', 'other-token');
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, SECRETS_FILE), 'utf8')).tokens)).toEqual([
      'new',
      'old',
    ]);
  });
});

describe('SecretStore without a keyring', () => {
  it.each([
    ['basic_text backend', fakeSafeStorage('basic_text', true)],
    ['encryption unavailable', fakeSafeStorage('gnome_libsecret', false)],
  ])('%s: memory only, nothing written', async (_name, safe) => {
    const store = await openSecretStore({ dir, safeStorage: safe, platform: 'linux' });
    expect((await store.set('prod', TOKEN)).ok).toBe(true);
    expect(store.get('prod')).toBe(TOKEN);
    expect(readdirSync(dir)).toEqual([]);
    expect(safe.log).toEqual([]); // never "encrypted" with the hard-coded basic_text key
    expect(store.storage()).toBe('memory-only');
  });

  it('leaves an existing secrets file alone', async () => {
    writeFileSync(path.join(dir, SECRETS_FILE), '{"version":1,"tokens":{"prod":"AAAA"}}');
    const store = await openSecretStore({
      dir,
      safeStorage: fakeSafeStorage('basic_text'),
      platform: 'linux',
    });
    await store.set('prod', TOKEN);
    expect(readFileSync(path.join(dir, SECRETS_FILE), 'utf8')).toBe('{"version":1,"tokens":{"prod":"AAAA"}}');
  });
});
