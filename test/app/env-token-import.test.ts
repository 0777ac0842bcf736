/**
 * The first-run offer to store NOMAD_TOKEN from the environment in the keychain, through the real app core:
 * offered only with a secure secret store, NOMAD_TOKEN set, a cluster reading it and no earlier answer; the
 * answer is remembered across restarts; the import switches the cluster to the keychain, keeps it working
 * without NOMAD_TOKEN, and the token never leaves the core.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterView } from '../../common/domain.js';
import { SettingsSchema } from '../../common/settings-schema.js';
import { createAppCore, createMemorySecretStore } from '../../main/app/index.js';
import type { AppCore, AppSecretStore } from '../../main/app/index.js';
import { ENV_TOKEN_OFFER_FILE } from '../../main/app/env-token-offer.js';
import { createRecordingNotifier } from '../support/recording-notifier.js';
import { openSecretStore } from '../../main/shell/secrets.js';
import type { SafeStorageLike } from '../../main/shell/secrets.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { settingsFile, waitFor } from './helpers.js';

/** A reversible stand-in for Electron's safeStorage on a machine with a working keyring. */
const fakeKeyring: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plain) => Buffer.from([...Buffer.from(`v1:${plain}`, 'utf8')].map((b) => b ^ 0x5a)),
  decryptString: (enc) =>
    Buffer.from([...enc].map((b) => b ^ 0x5a))
      .toString('utf8')
      .slice(3),
};

/** The desktop app's secret store (secrets.json in `dir`) behind the fake keyring: storage() is 'secure'. */
async function keychainStore(dir: string): Promise<AppSecretStore> {
  return openSecretStore({ dir, safeStorage: fakeKeyring, platform: 'linux' });
}

interface Harness {
  core: AppCore;
  /** Every envelope answered and every push event, as JSON. */
  traffic: string[];
  logs: string[];
  call(channel: string, request: unknown): Promise<unknown>;
  view(): Promise<ClusterView | undefined>;
}

const open: AppCore[] = [];
const dirs: string[] = [];
let sim: SimCluster;
let token: string;

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nomad-tray-env-token-'));
  dirs.push(dir);
  return dir;
}

async function openCore(
  dir: string,
  env: Record<string, string | undefined>,
  secrets: AppSecretStore,
): Promise<Harness> {
  const logs: string[] = [];
  const core = await createAppCore({
    configDir: dir,
    env,
    secrets,
    notifier: createRecordingNotifier(),
    mode: 'electron',
    platform: 'linux',
    version: '0.0.0-test',
    log: (m) => logs.push(m),
  });
  open.push(core);
  const traffic: string[] = [];
  core.onEvent((name, payload) => traffic.push(JSON.stringify({ name, payload })));
  const call = async (channel: string, request: unknown): Promise<unknown> => {
    const answer = await core.dispatch(channel, request);
    traffic.push(JSON.stringify(answer));
    return answer;
  };
  const view = async (): Promise<ClusterView | undefined> => {
    const answer = await core.dispatch('clusters:list', {});
    return answer.ok ? (answer.value as ClusterView[])[0] : undefined;
  };
  return { core, traffic, logs, call, view };
}

/** The first run of the desktop app from a terminal: no settings file, NOMAD_ADDR and NOMAD_TOKEN set. */
function terminalEnv(): Record<string, string> {
  return { NOMAD_ADDR: sim.agent('server-1').url, NOMAD_TOKEN: token };
}

beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 3, acl: true });
  const management = sim.tokens?.management;
  if (!management) throw new Error('the simulator has no ACL tokens');
  token = management;
});

afterEach(async () => {
  for (const core of open.splice(0)) await core.stop();
});

afterAll(async () => {
  await sim.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the NOMAD_TOKEN offer', () => {
  it('is made on the first run with a keychain, for the default cluster that reads NOMAD_TOKEN', async () => {
    const dir = await tempDir();
    const h = await openCore(dir, terminalEnv(), await keychainStore(dir));
    expect(await h.call('settings:envTokenOffer', {})).toEqual({
      ok: true,
      value: { available: true, clusterIds: ['default'] },
    });
  });

  it('is not made with memory-only storage (browser mode, or no keyring)', async () => {
    const dir = await tempDir();
    const browser = await openCore(dir, terminalEnv(), createMemorySecretStore());
    expect(await browser.call('settings:envTokenOffer', {})).toEqual({
      ok: true,
      value: { available: false, clusterIds: [] },
    });
    // And accepting anyway is refused without touching settings.
    expect(
      await browser.call('settings:importEnvToken', { clusterIds: ['default'], accept: true }),
    ).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
    await expect(readFile(path.join(dir, 'settings.json'), 'utf8')).rejects.toThrow();

    const noKeyring = await openSecretStore({
      dir,
      safeStorage: { ...fakeKeyring, getSelectedStorageBackend: () => 'basic_text' },
      platform: 'linux',
    });
    const plain = await openCore(dir, terminalEnv(), noKeyring);
    expect(await plain.call('settings:envTokenOffer', {})).toMatchObject({ value: { available: false } });
  });

  it('is not made when NOMAD_TOKEN is unset or blank, or when no cluster reads it', async () => {
    const dir = await tempDir();
    const address = sim.agent('server-1').url;
    for (const env of [{ NOMAD_ADDR: address }, { NOMAD_ADDR: address, NOMAD_TOKEN: '  ' }]) {
      const h = await openCore(dir, env, await keychainStore(dir));
      expect(await h.call('settings:envTokenOffer', {})).toMatchObject({ value: { available: false } });
    }
    await writeFile(
      path.join(dir, 'settings.json'),
      settingsFile([
        { id: 'other-var', addresses: [address], token: { source: 'env', variable: 'PROD_TOKEN' } },
        { id: 'kept', addresses: [address], token: { source: 'keychain' } },
      ]),
    );
    const h = await openCore(dir, terminalEnv(), await keychainStore(dir));
    expect(await h.call('settings:envTokenOffer', {})).toMatchObject({ value: { available: false } });
    expect(
      await h.call('settings:importEnvToken', { clusterIds: ['other-var'], accept: true }),
    ).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await h.call('settings:importEnvToken', { clusterIds: ['nope'], accept: true })).toMatchObject({
      ok: false,
      error: { kind: 'unknown-cluster' },
    });
  });

  it('is not made again once dismissed, also by a new core over the same config dir', async () => {
    const dir = await tempDir();
    const first = await openCore(dir, terminalEnv(), await keychainStore(dir));
    expect(await first.call('settings:importEnvToken', { clusterIds: ['default'], accept: false })).toEqual({
      ok: true,
      value: { imported: [] },
    });
    expect(await first.call('settings:envTokenOffer', {})).toMatchObject({ value: { available: false } });
    await first.core.stop();

    const marker: unknown = JSON.parse(await readFile(path.join(dir, ENV_TOKEN_OFFER_FILE), 'utf8'));
    expect(marker).toMatchObject({ version: 1, decision: 'dismissed' });
    const second = await openCore(dir, terminalEnv(), await keychainStore(dir));
    expect(await second.call('settings:envTokenOffer', {})).toEqual({
      ok: true,
      value: { available: false, clusterIds: [] },
    });
    // Dismissing changes nothing else: the cluster still reads NOMAD_TOKEN, and still works with it.
    await waitFor('healthy with NOMAD_TOKEN', async () => (await second.view())?.state === 'healthy');
  });

  it('offers again when the marker file is unreadable junk (one more offer is the worst case)', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, ENV_TOKEN_OFFER_FILE), '{"decision":"dismissed"');
    const h = await openCore(dir, terminalEnv(), await keychainStore(dir));
    expect(await h.call('settings:envTokenOffer', {})).toMatchObject({ value: { available: true } });
    expect(h.logs.join('\n')).toContain('not a valid offer marker');
  });

  it('bounds the cluster id list', async () => {
    const dir = await tempDir();
    const h = await openCore(dir, terminalEnv(), await keychainStore(dir));
    const many = Array.from({ length: 65 }, (_, i) => `c${i}`);
    expect(await h.call('settings:importEnvToken', { clusterIds: many, accept: true })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    expect(await h.call('settings:importEnvToken', { clusterIds: [], accept: true })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
  });
});

describe('importing NOMAD_TOKEN into the keychain', () => {
  it('switches the ref, stores the token, keeps working without NOMAD_TOKEN, never sends the token', async () => {
    const dir = await tempDir();
    const secrets = await keychainStore(dir);
    const h = await openCore(dir, terminalEnv(), secrets);
    await waitFor('healthy with NOMAD_TOKEN', async () => (await h.view())?.state === 'healthy');

    const imported = await h.call('settings:importEnvToken', { clusterIds: ['default'], accept: true });
    expect(imported).toEqual({ ok: true, value: { imported: ['default'] } });
    expect(await secrets.get('default')).toBe(token);
    expect(secrets.status('default')).toBe('set');

    const settingsText = await readFile(path.join(dir, 'settings.json'), 'utf8');
    const saved = SettingsSchema.parse(JSON.parse(settingsText));
    expect(saved.clusters.map((c) => [c.id, c.token])).toEqual([['default', { source: 'keychain' }]]);
    const secretsText = await readFile(path.join(dir, 'secrets.json'), 'utf8');
    for (const text of [settingsText, secretsText]) expect(text).not.toContain(token);

    // The window learns of the switch (settings:changed), and the offer is gone.
    await waitFor('settings:changed pushed', () =>
      h.traffic.some((t) => t.includes('"settings:changed"') && t.includes('"keychain"')),
    );
    expect(await h.call('settings:get', {})).toMatchObject({
      ok: true,
      value: { tokens: { default: 'set' } },
    });
    expect(await h.call('settings:envTokenOffer', {})).toMatchObject({ value: { available: false } });
    await waitFor('healthy with the keychain token', async () => (await h.view())?.state === 'healthy');

    // Nothing that left the core carries the token, and nothing needed scrubbing on the way out.
    const everything = [...h.traffic, ...h.logs].join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('[redacted]');
    await h.core.stop();

    // Started from the menu or at login: no NOMAD_* in the environment, same config dir and keychain.
    const later = await openCore(dir, {}, await keychainStore(dir));
    await waitFor('healthy without NOMAD_TOKEN', async () => (await later.view())?.state === 'healthy');
    expect(await later.call('settings:envTokenOffer', {})).toMatchObject({ value: { available: false } });
    // Even with NOMAD_TOKEN set again, the answer is remembered.
    const again = await openCore(dir, terminalEnv(), await keychainStore(dir));
    expect(await again.call('settings:envTokenOffer', {})).toMatchObject({ value: { available: false } });
    const marker: unknown = JSON.parse(await readFile(path.join(dir, ENV_TOKEN_OFFER_FILE), 'utf8'));
    expect(marker).toMatchObject({ decision: 'imported' });
  });

  it('imports only the clusters named, and only those that read NOMAD_TOKEN', async () => {
    const dir = await tempDir();
    const address = sim.agent('server-2').url;
    await writeFile(
      path.join(dir, 'settings.json'),
      settingsFile([
        { id: 'a', addresses: [address], token: { source: 'env', variable: 'NOMAD_TOKEN' } },
        { id: 'b', addresses: [address], token: { source: 'env', variable: 'NOMAD_TOKEN' } },
        { id: 'c', addresses: [address], token: { source: 'none' } },
      ]),
    );
    const secrets = await keychainStore(dir);
    const h = await openCore(dir, terminalEnv(), secrets);
    expect(await h.call('settings:envTokenOffer', {})).toEqual({
      ok: true,
      value: { available: true, clusterIds: ['a', 'b'] },
    });
    expect(await h.call('settings:importEnvToken', { clusterIds: ['b', 'b'], accept: true })).toEqual({
      ok: true,
      value: { imported: ['b'] },
    });
    const saved = SettingsSchema.parse(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8')));
    expect(saved.clusters.map((c) => c.token.source)).toEqual(['env', 'keychain', 'none']);
    expect(secrets.status('a')).toBe('not set');
    expect(secrets.status('b')).toBe('set');
    expect(h.traffic.join('\n')).not.toContain(token);
  });
});
