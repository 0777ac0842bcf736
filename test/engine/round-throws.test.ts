/**
 * The poll loop survives any exception in one round: the cluster shows the `error` state with an "internal
 * error" reason (never green, never the last answer), the throw is logged, and polling goes on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../common/result.js';
import type { Member } from '../../common/nomad-domain.js';
import { createMonitor } from '../../main/core/engine/index.js';
import type { ClientFactory, Monitor } from '../../main/core/engine/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { clusterSettings, realTimers, settingsWith, testClientFactory, waitFor } from './helpers.js';

let sim: SimCluster | null = null;
let monitor: Monitor | null = null;
afterEach(async () => {
  await monitor?.stop();
  await sim?.close();
  monitor = null;
  sim = null;
});

/** Real clients; `poison(round)` may break what the client returns in that round. */
function poisoned(poison: (round: number, members: Member[]) => void): ClientFactory {
  let round = 0;
  return async (cluster, index, token) => {
    const made = await testClientFactory(cluster, index, token);
    if (!made.ok) return made;
    const real = made.value;
    return ok({
      ...real,
      members: async (signal) => {
        const answer = await real.members(signal);
        round += 1;
        if (answer.ok) poison(round, answer.value.members);
        return answer;
      },
    });
  };
}

function start(factory: ClientFactory, url: string, logs: string[]): Monitor {
  const m = createMonitor({
    settings: settingsWith([clusterSettings('prod', [url], 100)]),
    clientFactory: factory,
    tokenFor: () => Promise.resolve(ok(undefined)),
    timers: realTimers,
    notifier: { notify: () => undefined },
    history: { append: () => undefined },
    random: () => 0.5,
    log: (line) => logs.push(line),
  });
  m.start();
  return m;
}

describe('an exception inside one poll round', () => {
  it('while the engine processes the poll: error state with the reason, logged, and polling goes on', async () => {
    sim = await startCluster();
    const logs: string[] = [];
    // Rounds 3 and 4 carry a member whose region throws when read (inside the detector and the state).
    const factory = poisoned((round, members) => {
      if (round !== 3 && round !== 4) return;
      Object.defineProperty(members[0], 'region', {
        get() {
          throw new TypeError('region exploded');
        },
      });
    });
    monitor = start(factory, sim.agents[0]?.url ?? '', logs);
    const m = monitor;
    await waitFor('healthy', () => m.views()[0]?.state === 'healthy');
    const failed = await waitFor('error state', () => {
      const v = m.views()[0];
      return v?.state === 'error' ? v : undefined;
    });
    expect(failed.reasons[0]).toMatch(/^internal error: .*region exploded/);
    expect(failed.timeline.at(-1)?.state).toBe('error');
    expect(logs.join('\n')).toMatch(/cluster prod: internal error .*region exploded/);
    // The loop went on: the next clean rounds make it healthy again.
    await waitFor('healthy again', () => m.views()[0]?.state === 'healthy');
  });

  it('while polling (the client throws instead of answering): error state, then healthy again', async () => {
    sim = await startCluster();
    const logs: string[] = [];
    let calls = 0;
    const factory: ClientFactory = async (cluster, index, token) => {
      const made = await testClientFactory(cluster, index, token);
      if (!made.ok) return made;
      const real = made.value;
      return ok({
        ...real,
        health: (signal) => {
          calls += 1;
          if (calls === 2) throw new RangeError('health broke its contract');
          return real.health(signal);
        },
      });
    };
    monitor = start(factory, sim.agents[0]?.url ?? '', logs);
    const m = monitor;
    const failed = await waitFor('error state', () => {
      const v = m.views()[0];
      return v?.state === 'error' ? v : undefined;
    });
    expect(failed.reasons[0]).toContain('health broke its contract');
    await waitFor('healthy again', () => m.views()[0]?.state === 'healthy');
    expect(logs.join('\n')).toContain('health broke its contract');
  });
});
