/**
 * Fixing a refused ACL token is a recovery the user is told about: replacing the token (the token dialog's
 * setToken, or a settings save that points the cluster at another token file) restarts the cluster's polling
 * WITHOUT forgetting what was seen, so the 403 that was notified is followed by "reachable again". Restarting
 * with a fresh detector made the next poll a silent baseline and the recovery was never announced.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../common/settings-schema.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { CoreHarness } from './helpers.js';
import { settingsFile, startCore, waitFor } from './helpers.js';

let sim: SimCluster;
let h: CoreHarness | null = null;
let dir: string;

beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 3, acl: true });
  dir = await mkdtemp(path.join(os.tmpdir(), 'nomad-tray-token-fix-'));
});
afterEach(async () => {
  await h?.close();
  h = null;
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

function tokens(): { good: string; bad: string } {
  const t = sim.tokens;
  if (!t) throw new Error('the simulator has no ACL tokens');
  return { good: t.management, bad: t.unknown };
}

/** Notice types the user got for the cluster so far. */
const noticeTypes = (core: CoreHarness): string[] => core.notifier.notices.map((n) => n.type ?? 'untyped');

async function state(core: CoreHarness): Promise<string | undefined> {
  const answer = await core.core.dispatch('clusters:list', {});
  return answer.ok ? (answer.value as Array<{ state: string }>)[0]?.state : undefined;
}

async function saveSettings(core: CoreHarness, edit: (s: Settings) => void): Promise<void> {
  const got = await core.core.dispatch('settings:get', {});
  if (!got.ok) throw new Error(got.error.message);
  const next = structuredClone((got.value as { settings: Settings }).settings);
  edit(next);
  const saved = await core.core.dispatch('settings:save', { settings: next });
  if (!saved.ok) throw new Error(saved.error.message);
}

describe('a fixed ACL token is announced as a recovery', () => {
  it('setToken: 403 notified, then the right token → "reachable again"', async () => {
    const { good, bad } = tokens();
    const core = await startCore(
      settingsFile([{ id: 'acl', addresses: [sim.agent('server-1').url], token: { source: 'keychain' } }]),
    );
    h = core;
    expect((await core.core.dispatch('settings:setToken', { clusterId: 'acl', token: good })).ok).toBe(true);
    await waitFor('healthy with the right token', async () => (await state(core)) === 'healthy');

    expect((await core.core.dispatch('settings:setToken', { clusterId: 'acl', token: bad })).ok).toBe(true);
    await waitFor('the 403 notice', () => noticeTypes(core).includes('auth-failed'));
    expect(await state(core)).toBe('forbidden');

    expect((await core.core.dispatch('settings:setToken', { clusterId: 'acl', token: good })).ok).toBe(true);
    await waitFor('the recovery notice', () => noticeTypes(core).includes('cluster-recovered'));
    const recovered = core.notifier.notices.find((n) => n.type === 'cluster-recovered');
    expect(`${recovered?.title} ${recovered?.body}`).toContain('reachable again');
    expect(noticeTypes(core)).toEqual(['auth-failed', 'cluster-recovered']);
    expect(await state(core)).toBe('healthy');
  });

  it('settings save pointing at another token file: 403 notified, then the right file → "reachable again"', async () => {
    const { good, bad } = tokens();
    const goodFile = path.join(dir, 'good-token');
    const badFile = path.join(dir, 'bad-token');
    await writeFile(goodFile, `${good}\n`, { mode: 0o600 });
    await writeFile(badFile, `${bad}\n`, { mode: 0o600 });
    const core = await startCore(
      settingsFile([
        { id: 'acl', addresses: [sim.agent('server-1').url], token: { source: 'file', path: goodFile } },
      ]),
    );
    h = core;
    await waitFor('healthy with the right token', async () => (await state(core)) === 'healthy');

    await saveSettings(core, (s) => {
      const c = s.clusters[0];
      if (c) c.token = { source: 'file', path: badFile };
    });
    await waitFor('the 403 notice', () => noticeTypes(core).includes('auth-failed'));

    await saveSettings(core, (s) => {
      const c = s.clusters[0];
      if (c) c.token = { source: 'file', path: goodFile };
    });
    await waitFor('the recovery notice', () => noticeTypes(core).includes('cluster-recovered'));
    expect(noticeTypes(core)).toEqual(['auth-failed', 'cluster-recovered']);
  });
});
