/**
 * Memory: 10,000 poll cycles (20 agents × 500 rounds, real client against the simulator, then detector, state and
 * policy). Heap after GC after 100 cycles vs after 10,000; open connections on the simulator at both points.
 *
 * Rounds are separated by one event-loop turn, as a real poller's timer separates polls. Without it a round
 * starts in the same turn the previous one ended, before undici has put the finished sockets back in its pool,
 * and each agent's pool grows to 6-7 of its 8 allowed connections for 3 concurrent requests: a loop artifact, not
 * a leak, that no timer-driven poller produces.
 *
 * Sockets are compared from the end of the warm-up (1,000 cycles) on: by then every kind of round has run,
 * including the one that refreshes `/v1/agent/self` (every 30 rounds at 10 s of simulated time), which sends 4
 * requests at once (health, members, self, leader) and so keeps a 4th connection per agent. The count at 100
 * cycles is kept for the record.
 */
import { createNomadClient } from '../main/core/nomad/index.js';
import type { NomadClient } from '../main/core/nomad/index.js';
import { pollCluster } from '../main/core/poller/snapshot.js';
import type { SelfCache } from '../main/core/poller/snapshot.js';
import { startCluster } from '../test/nomad-sim/index.js';
import { PurePipeline } from './pipeline.js';
import { heapAfterGc } from './util.js';

export interface MemoryResult {
  cycles: number;
  heapAt100: number;
  heapAtEnd: number;
  growthBytes: number;
  socketsAt100: number;
  /** After the warm-up (1,000 cycles): the reference for "stable". */
  socketsAtWarm: number;
  socketsAtEnd: number;
}

export async function memory(agents = 20, cycles = 10_000): Promise<MemoryResult> {
  const sim = await startCluster({ serversPerRegion: agents });
  const clients: NomadClient[] = [];
  try {
    for (const a of sim.agents) {
      const c = await createNomadClient({ address: a.url });
      if (!c.ok) throw new Error(c.error.message);
      clients.push(c.value);
    }
    const pipeline = new PurePipeline(10_000);
    const selfCache = new Map<number, SelfCache | null>();
    const sockets = (): number => sim.agents.reduce((s, a) => s + sim.openConnections(a.name), 0);
    let done = 0;
    let heapAt100 = 0;
    let socketsAt100 = 0;
    let socketsAtWarm = -1;
    let t = Date.now();
    while (done < cycles) {
      t += 10_000;
      const now = t;
      await Promise.all(
        clients.map(async (client, i) => {
          const polled = await pollCluster(client, {
            clusterId: `c${i}`,
            now,
            lastSelf: selfCache.get(i) ?? null,
          });
          selfCache.set(i, polled.selfCache);
          pipeline.step(polled.snapshot);
        }),
      );
      done += clients.length;
      await new Promise((resolve) => setImmediate(resolve));
      if (heapAt100 === 0 && done >= 100) {
        heapAt100 = heapAfterGc();
        socketsAt100 = sockets();
      }
      if (socketsAtWarm < 0 && done >= 1_000) socketsAtWarm = sockets();
    }
    const heapAtEnd = heapAfterGc();
    return {
      cycles: done,
      heapAt100,
      heapAtEnd,
      growthBytes: heapAtEnd - heapAt100,
      socketsAt100,
      socketsAtWarm,
      socketsAtEnd: sockets(),
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await sim.close();
  }
}
