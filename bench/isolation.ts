/**
 * Isolation: 50 agents each with its own real poller (200 ms interval, no jitter). Run once all healthy, once with
 * 10 agents black-holed; compare the healthy agents' achieved poll period, and count overlapping polls of one
 * poller (must be 0).
 */
import type { ClusterSnapshot } from '../common/domain.js';
import { createNomadClient } from '../main/core/nomad/index.js';
import type { NomadClient } from '../main/core/nomad/index.js';
import { createPoller } from '../main/core/poller/index.js';
import type { Timers } from '../main/core/poller/index.js';
import { pollCluster } from '../main/core/poller/snapshot.js';
import { startCluster } from '../test/nomad-sim/index.js';
import type { SimCluster } from '../test/nomad-sim/index.js';
import { median } from './util.js';

export interface IsolationResult {
  intervalMs: number;
  runMs: number;
  healthyPeriodMs: number;
  faultyPeriodMs: number;
  ratio: number;
  overlaps: number;
  blackholed: number;
}

const timers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Runs every agent's poller for `runMs`; returns the achieved period of the agents in `watch` and overlaps. */
async function run(
  sim: SimCluster,
  intervalMs: number,
  runMs: number,
  watch: Set<string>,
): Promise<{ period: number; overlaps: number }> {
  const clients: NomadClient[] = [];
  const times = new Map<string, number[]>();
  let overlaps = 0;
  const pollers = await Promise.all(
    sim.agents.map(async (a) => {
      const made = await createNomadClient({
        address: a.url,
        connectTimeoutMs: 1_000,
        headersTimeoutMs: 1_000,
        bodyTimeoutMs: 1_000,
      });
      if (!made.ok) throw new Error(made.error.message);
      const client = made.value;
      clients.push(client);
      let inFlight = 0;
      return createPoller({
        addresses: [a.url],
        intervalMs,
        // The middle of the jitter range: every healthy round waits exactly the interval.
        random: () => 0.5,
        timers,
        poll: async (signal): Promise<ClusterSnapshot> => {
          if (inFlight > 0) overlaps += 1;
          inFlight += 1;
          try {
            return (await pollCluster(client, { clusterId: a.name, now: Date.now(), lastSelf: null, signal }))
              .snapshot;
          } finally {
            inFlight -= 1;
          }
        },
        onSnapshot: () => {
          const list = times.get(a.name) ?? [];
          list.push(performance.now());
          times.set(a.name, list);
        },
      });
    }),
  );
  for (const p of pollers) p.start();
  await new Promise((r) => setTimeout(r, runMs));
  for (const p of pollers) p.stop();
  await Promise.all(clients.map((c) => c.close()));
  const periods = [...watch].map((name) => {
    const t = times.get(name) ?? [];
    const first = t[0] ?? 0;
    const last = t[t.length - 1] ?? 0;
    return t.length > 1 ? (last - first) / (t.length - 1) : Infinity;
  });
  return { period: median(periods), overlaps };
}

/** Measures the healthy agents' period with and without 10 black-holed neighbours. */
export async function isolation(
  agents = 50,
  blackholed = 10,
  intervalMs = 200,
  runMs = 4_000,
): Promise<IsolationResult> {
  const sim = await startCluster({ serversPerRegion: agents });
  try {
    const faulty = sim.agents.slice(agents - blackholed).map((a) => a.name);
    const healthy = new Set(sim.agents.slice(0, agents - blackholed).map((a) => a.name));
    const base = await run(sim, intervalMs, runMs, healthy);
    for (const name of faulty) sim.inject(name, { kind: 'blackhole' });
    const faultRun = await run(sim, intervalMs, runMs, healthy);
    return {
      intervalMs,
      runMs,
      healthyPeriodMs: base.period,
      faultyPeriodMs: faultRun.period,
      ratio: faultRun.period / base.period,
      overlaps: base.overlaps + faultRun.overlaps,
      blackholed,
    };
  } finally {
    await sim.close();
  }
}
