/**
 * The app core watches members named `toString` and `__proto__` like any other: the answers of the real contract
 * (validated by the same parser the window uses) carry the names as values, and their failure and recovery read
 * right. (A region named `constructor` still becomes a key of `quorum`/`leaders` on the wire, which the window
 * refuses: see README, Limits.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../common/ipc-validate.js';
import type { ClusterView } from '../../common/domain.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { settingsFile, startCore, waitFor } from './helpers.js';
import type { CoreHarness } from './helpers.js';

let sim: SimCluster | null = null;
let h: CoreHarness | null = null;
afterEach(async () => {
  await h?.close();
  await sim?.close();
  h = null;
  sim = null;
});

describe('hostile member names through the app core', () => {
  it('clusters:list shows them, the window parser accepts the answer, and a failure reads right', async () => {
    sim = await startCluster({ serverNames: ['toString', '__proto__', 'server-3.global'] });
    h = await startCore(settingsFile([{ id: 'prod', addresses: [sim.servers()[0]?.url ?? ''] }]));
    const core = h.core;
    const list = async (): Promise<ClusterView | undefined> => {
      const envelope = parseEnvelope('clusters:list', await core.dispatch('clusters:list', {}));
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.value[0];
    };
    await waitFor('healthy', async () => (await list())?.state === 'healthy');
    const names = (await list())?.snapshot?.members?.map((m) => m.name) ?? [];
    expect(names.sort()).toEqual(['__proto__', 'server-3.global', 'toString']);
    sim.fail('toString');
    const failed = await waitFor('degraded', async () => {
      const v = await list();
      return v?.state === 'degraded' || v?.state === 'critical' ? v : undefined;
    });
    expect(failed.reasons).toContain('toString failed');
    sim.recover('toString');
    await waitFor('recovered event', () =>
      h?.pushed.some((p) => p.includes('toString recovered (was failed)')),
    );
    expect(h.pushed.join('\n')).not.toMatch(/function|native code/);
  });
});
