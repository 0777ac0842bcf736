/**
 * Fixing a refused ACL token is a recovery the user is told about: replacing the token (the token dialog's
 * setToken) restarts the cluster's polling WITHOUT forgetting what was seen (test/engine/restart.test.ts: nor does
 * a settings edit), so the 403 that was notified is followed by "reachable again". Restarting
 * with a fresh detector made the next poll a silent baseline and the recovery was never announced.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimCluster } from '../nomad-sim/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { CoreHarness } from './helpers.js';
import { settingsFile, startCore, waitFor } from './helpers.js';

let sim: SimCluster;
let h: CoreHarness | null = null;

beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 3, acl: true });
});
afterEach(async () => {
  await h?.close();
  h = null;
});
afterAll(async () => {
  await sim.close();
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
    await waitFor('the forbidden state', async () => (await state(core)) === 'forbidden');

    expect((await core.core.dispatch('settings:setToken', { clusterId: 'acl', token: good })).ok).toBe(true);
    await waitFor('the recovery notice', () => noticeTypes(core).includes('cluster-recovered'));
    const recovered = core.notifier.notices.find((n) => n.type === 'cluster-recovered');
    expect(`${recovered?.title} ${recovered?.body}`).toContain('reachable again');
    expect(noticeTypes(core)).toEqual(['auth-failed', 'cluster-recovered']);
    await waitFor('healthy again', async () => (await state(core)) === 'healthy');
  });
});
