/** Shared helpers for app-core tests: a temp config dir with a settings file, a core wired to a recorder. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAppCore, createMemorySecretStore } from '../../main/app/index.js';
import type { AppCore, AppCoreDeps, AppSecretStore } from '../../main/app/index.js';
import { createRecordingNotifier } from '../support/recording-notifier.js';
import type { RecordingNotifier } from '../support/recording-notifier.js';

/** Waits until `check` returns something truthy, polling every 20 ms, at most `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | null | Promise<T | undefined | false | null>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A settings.json body with one cluster per entry, fast polls and quick confirmation. */
export function settingsFile(clusters: Array<{ id: string; addresses: string[]; token?: unknown }>): string {
  return JSON.stringify({
    schemaVersion: 1,
    clusters: clusters.map((c) => ({
      id: c.id,
      name: c.id,
      addresses: c.addresses,
      pollIntervalMs: 500,
      ...(c.token === undefined ? {} : { token: c.token }),
    })),
    global: { confirmPolls: 1, recoveryPolls: 1 },
  });
}

export interface CoreHarness {
  core: AppCore;
  dir: string;
  notifier: RecordingNotifier;
  secrets: AppSecretStore;
  /** Every push event as JSON, in order. */
  pushed: string[];
  logs: string[];
  close(): Promise<void>;
}

/** Creates a temp config dir (optionally with settings.json) and a core over it. */
export async function startCore(
  settings: string | null,
  env: Record<string, string | undefined> = {},
): Promise<CoreHarness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nomad-tray-app-'));
  if (settings !== null) await writeFile(path.join(dir, 'settings.json'), settings);
  return openCore(dir, env, true);
}

/** A core over an existing config dir. */
export async function openCore(
  dir: string,
  env: Record<string, string | undefined> = {},
  removeDir = false,
  /** Extra shell pieces (e.g. openWindow, as the desktop shell gives). */
  extra: Partial<AppCoreDeps> = {},
): Promise<CoreHarness> {
  const notifier = createRecordingNotifier();
  const secrets = createMemorySecretStore();
  const logs: string[] = [];
  const core = await createAppCore({
    configDir: dir,
    env,
    secrets,
    notifier,
    mode: 'browser',
    platform: 'linux',
    version: '0.0.0-test',
    log: (m) => logs.push(m),
    ...extra,
  });
  const pushed: string[] = [];
  core.onEvent((name, payload) => pushed.push(JSON.stringify({ name, payload })));
  return {
    core,
    dir,
    notifier,
    secrets,
    pushed,
    logs,
    async close() {
      await core.stop();
      if (removeDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
