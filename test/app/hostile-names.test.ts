/**
 * The app core watches members named `toString` and `__proto__`, a region named `constructor` and serf tags
 * named `__proto__` / `constructor` like any others: the answers of the real contract (checked by the core
 * before they leave, then sent as JSON) carry such names as values (regions and tags travel as [name, value]
 * pairs), and a member's failure and recovery read right.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope, EventPayload, InvokeChannel, InvokeResponse } from '../../common/ipc-contract.js';
import type { WireClusterView } from '../../common/domain.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { settingsFile, startCore, waitFor } from './helpers.js';
import type { CoreHarness } from './helpers.js';

/** What the window receives: the core's envelope as it crosses to the window (JSON, as over IPC or HTTP). */
async function ask<C extends InvokeChannel>(
  core: CoreHarness['core'],
  channel: C,
  request: unknown,
): Promise<InvokeResponse<C>> {
  const sent = JSON.parse(JSON.stringify(await core.dispatch(channel, request))) as Envelope<
    InvokeResponse<C>
  >;
  if (!sent.ok) throw new Error(sent.error.message);
  return sent.value;
}

let sim: SimCluster | null = null;
let h: CoreHarness | null = null;
afterEach(async () => {
  await h?.close();
  await sim?.close();
  h = null;
  sim = null;
});

async function startWatching(options: Parameters<typeof startCluster>[0]) {
  sim = await startCluster(options);
  h = await startCore(settingsFile([{ id: 'prod', addresses: [sim.servers()[0]?.url ?? ''] }]));
  const core = h.core;
  return async (): Promise<WireClusterView | undefined> => {
    return (await ask(core, 'clusters:list', {}))[0];
  };
}

describe('hostile names through the app core', () => {
  it('members:list shows hostile member names and a failure reads right', async () => {
    const list = await startWatching({ serverNames: ['toString', '__proto__', 'server-3.global'] });
    await waitFor('healthy', async () => (await list())?.state === 'healthy');
    const answer = await ask(h!.core, 'members:list', { clusterId: 'prod' });
    const names = answer.members?.map((m) => m.name) ?? [];
    expect(names.sort()).toEqual(['__proto__', 'server-3.global', 'toString']);
    sim?.fail('toString');
    const failed = await waitFor('degraded', async () => {
      const v = await list();
      return v?.state === 'degraded' || v?.state === 'critical' ? v : undefined;
    });
    expect(failed.reasons).toContain('toString failed');
    sim?.recover('toString');
    await waitFor('recovered event', () =>
      h?.pushed.some((p) => p.includes('toString recovered (was failed)')),
    );
    expect(h?.pushed.join('\n')).not.toMatch(/function|native code/);
  });

  it('a region named constructor and tags named __proto__/constructor reach the window intact', async () => {
    const list = await startWatching({
      regions: ['constructor'],
      extraTags: [
        ['__proto__', 'polluted?'],
        ['constructor', 'ctor-tag'],
      ],
    });
    const view = await waitFor('healthy', async () => {
      const v = await list();
      return v?.state === 'healthy' ? v : undefined;
    });
    expect(view.quorum).toEqual([['constructor', { alive: 3, expected: 3, canLose: 1 }]]);
    expect(view.snapshot?.leaders.map(([region, lookup]) => [region, lookup.ok])).toEqual([
      ['constructor', true],
    ]);
    const member = (await ask(h!.core, 'members:list', { clusterId: 'prod' })).members?.[0];
    expect(member?.region).toBe('constructor');
    // Tags named __proto__ and constructor are data: both arrive by value.
    expect(member?.tags).toContainEqual(['__proto__', 'polluted?']);
    expect(member?.tags).toContainEqual(['constructor', 'ctor-tag']);
    expect(member?.tags).toContainEqual(['region', 'constructor']);
    // The push the window gets (clusters:changed) carries the names intact.
    const pushed = JSON.parse(JSON.stringify(h?.core.views())) as EventPayload<'clusters:changed'>;
    expect(pushed[0]?.quorum[0]?.[0]).toBe('constructor');
    // agent:self: the stats sections and the agent's own member tags are pairs too.
    const { self } = await ask(h!.core, 'agent:self', { clusterId: 'prod' });
    expect(self.member?.tags).toContainEqual(['constructor', 'ctor-tag']);
    expect(self.stats.map(([section]) => section)).toContain('nomad');
    expect(({} as Record<string, unknown>)['polluted?']).toBeUndefined();
  });
});
