/**
 * Client-node watching: the blocking node watcher against polling /v1/nodes every 10 s.
 *
 * - Bytes per hour, 5,000 nodes, one node change a minute and (a quieter cluster) one every 5 minutes: the size of
 *   one gzip'd /v1/nodes answer is measured on the simulator (what the client receives, headers included), then
 *   each hour is SIMULATED on a virtual clock: the real NodeWatcher runs with a fetch that answers like Nomad (held
 *   until the next change or the wait, then the list) and the polling side reads every 10 s. Each answer counts
 *   the measured bytes (plus a request).
 * - The ceiling of that ratio: a blocking query on /v1/nodes answers every change with the WHOLE list (Nomad has
 *   no delta, and a go-bexpr filter has no numeric `>` to ask for ModifyIndex above ours), so the watcher fetches
 *   the list at least once per change (or per held-query timeout, 5 min) where polling fetches it every 10 s:
 *   the best possible ratio is min(change period, 5 min) ÷ 10 s — 6× at one change a minute, 30× at one every
 *   5 minutes. Only Nomad's event stream (/v1/event/stream, Node topic) would send what changed; not built.
 * - Time to event: the real watcher + client against a 5,000-node simulator; from a node status change to the
 *   watcher's update (median of several).
 * - Detector + policy per update for 10,000 nodes: NodeDetector.step, its per-datacenter census and one policy round
 *   (which folds node storms) for a changed list.
 */
import { gzipSync } from 'node:zlib';
import type { NodesPage, NomadNode } from '../common/nomad-domain.js';
import { decideNotifications } from '../main/core/alerts/index.js';
import { createNomadClient } from '../main/core/nomad/index.js';
import { NodeDetector } from '../main/core/monitor/index.js';
import { createNodeWatcher } from '../main/core/poller/index.js';
import type { Timers } from '../main/core/poller/index.js';
import { startCluster } from '../test/nomad-sim/index.js';
import { makeNodes } from '../test/support/builders.js';
import { GLOBAL } from './pipeline.js';
import { median } from './util.js';

/** A virtual clock: timers fire in order as `run(until)` advances time; no real waiting. */
class VirtualClock implements Timers {
  private t = 0;
  private seq = 0;
  private readonly queue: Array<{ at: number; seq: number; fn: () => void }> = [];
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const item = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.queue.push(item);
    return item;
  };
  clearTimeout = (h: unknown): void => {
    const i = this.queue.indexOf(h as (typeof this.queue)[number]);
    if (i >= 0) this.queue.splice(i, 1);
  };
  async run(until: number): Promise<void> {
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.queue[0];
      if (next === undefined || next.at > until) break;
      this.queue.shift();
      this.t = next.at;
      next.fn();
      // let the promise chains the timer started settle before the next timer
      for (let i = 0; i < 20; i++) await Promise.resolve();
    }
    this.t = until;
  }
}

/** Bytes of one gzip'd /v1/nodes answer of `count` nodes, as the simulator sends it (body + headers). */
async function answerBytes(count: number): Promise<number> {
  const sim = await startCluster({
    serversPerRegion: 1,
    nodes: count,
    nodeDatacenters: ['dc1', 'dc2', 'dc3'],
  });
  try {
    const res = await fetch(`${sim.agent('server-1').url}/v1/nodes`, {
      headers: { 'accept-encoding': 'identity' },
    });
    const body = Buffer.from(await res.arrayBuffer());
    const headers = [...res.headers].reduce((n, [k, v]) => n + k.length + v.length + 4, 17);
    return gzipSync(body).length + headers + 40; // gzip as our client asks for it; +40 for Content-Encoding/Vary
  } finally {
    await sim.close();
  }
}

const REQUEST_BYTES = 220; // GET line with index/wait, Host, token, accept, accept-encoding

const POLL_MS = 10_000;
/** Nomad's cap on a blocking query's wait (5 min): an idle watcher still gets one answer per wait. */
const MAX_WAIT_MS = 300_000;

/** The best bytes ratio blocking queries can reach with one change every `changeEveryMs` (see the header). */
export function bytesCeiling(changeEveryMs: number): number {
  return Math.min(changeEveryMs, MAX_WAIT_MS) / POLL_MS;
}

/** One simulated hour with a node change every `changeEveryMs`: bytes and requests of both sides. */
async function simulatedHour(
  answer: number,
  changeEveryMs: number,
): Promise<{
  blockingBytes: number;
  blockingRequests: number;
  pollingBytes: number;
  pollingRequests: number;
}> {
  const clock = new VirtualClock();
  const HOUR = 3_600_000;
  let index = 100;
  const waiters: Array<() => void> = [];
  for (let at = changeEveryMs; at <= HOUR; at += changeEveryMs)
    clock.setTimeout(() => {
      index += 1;
      for (const w of waiters.splice(0)) w();
    }, at);
  let blockingBytes = 0;
  let blockingRequests = 0;
  const page = (): NodesPage => ({ nodes: [], index, knownLeader: true, lastContactMs: 0, nextToken: null });
  const watcher = createNodeWatcher({
    timers: clock,
    intervalMs: POLL_MS,
    fetch: (q) => {
      blockingRequests += 1;
      blockingBytes += REQUEST_BYTES;
      const reply = (): { ok: true; value: NodesPage } => {
        blockingBytes += answer;
        return { ok: true, value: page() };
      };
      if (q.index === undefined || index > q.index) return Promise.resolve(reply());
      const asked = q.index;
      return new Promise((resolve) => {
        const timer = clock.setTimeout(() => resolve(reply()), (q.waitMs ?? MAX_WAIT_MS) + 9_375);
        waiters.push(() => {
          if (index > asked) {
            clock.clearTimeout(timer);
            resolve(reply());
          }
        });
      });
    },
    onUpdate: () => undefined,
  });
  watcher.start();
  await clock.run(HOUR);
  watcher.stop();
  const pollingRequests = HOUR / POLL_MS;
  return {
    blockingBytes,
    blockingRequests,
    pollingBytes: pollingRequests * (answer + REQUEST_BYTES),
    pollingRequests,
  };
}

/** Time from a node status change on the simulator to the watcher's update (real client, 5,000 nodes). */
async function timeToEvent(rounds: number): Promise<number[]> {
  const sim = await startCluster({ serversPerRegion: 1, nodes: 5_000 });
  const made = await createNomadClient({ address: sim.agent('server-1').url, headersTimeoutMs: 20_000 });
  if (!made.ok) throw new Error(made.error.message);
  const client = made.value;
  const times: number[] = [];
  let changedAt = 0;
  let pending: (() => void) | null = null;
  const watcher = createNodeWatcher({
    timers: {
      now: () => Date.now(),
      setTimeout: (f, ms) => setTimeout(f, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
    intervalMs: 10_000,
    fetch: (q, signal) => client.nodes(q, signal),
    onUpdate: (u) => {
      if (u.ok && u.changed && changedAt > 0) {
        times.push(performance.now() - changedAt);
        changedAt = 0;
        pending?.();
      }
    },
  });
  try {
    watcher.start();
    await new Promise((r) => setTimeout(r, 2_000));
    for (let i = 0; i < rounds; i++) {
      const done = new Promise<void>((resolve) => (pending = resolve));
      changedAt = performance.now();
      sim.setNodeStatus(`node-${i + 1}`, i % 2 === 0 ? 'down' : 'disconnected');
      await done;
      await new Promise((r) => setTimeout(r, 700));
    }
  } finally {
    watcher.stop();
    await client.close();
    await sim.close();
  }
  return times;
}

/** `count` ready nodes over dc1-dc3, UUID-shaped ids, all written at index 1 (the shared test builder). */
function nodesOf(count: number): NomadNode[] {
  return makeNodes(count, (i) => ({
    id: `00000000-0000-0000-0000-${String(i - 1).padStart(12, '0')}`,
    datacenter: `dc${((i - 1) % 3) + 1}`,
    modifyIndex: 1,
  }));
}

/** Detector + policy for one changed list of `count` nodes (median ms over rounds). */
function detectorPerUpdate(count: number, rounds: number): number {
  const detector = new NodeDetector();
  const cluster = { id: 'big', name: 'big' };
  let list = nodesOf(count);
  detector.step(list, 0, cluster, 1);
  let policy = null as Parameters<typeof decideNotifications>[0];
  const times: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    const i = r % count;
    list = list.map((n, j) =>
      j === i
        ? {
            ...n,
            status: n.status === 'ready' ? 'down' : 'ready',
            statusRaw: n.status === 'ready' ? 'down' : 'ready',
            modifyIndex: n.modifyIndex + r, // Nomad bumps it on every write
          }
        : n,
    );
    const t0 = performance.now();
    const events = detector.step(list, r * 60_000, cluster, 1 + r);
    const decision = decideNotifications(policy, {
      now: r * 60_000,
      events,
      clusters: [
        {
          clusterId: 'big',
          clusterName: 'big',
          rules: { muted: false, only: [], never: [] },
          snooze: null,
          state: 'healthy',
          pollIntervalMs: 10_000,
          answeredAt: r * 60_000,
          datacenters: detector.census(),
        },
      ],
      settings: GLOBAL,
      baseline: false,
      utcOffsetMinutes: 0,
    });
    policy = decision.memory;
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Bytes per hour of both sides at one change rate. */
export interface NodeHour {
  changeEveryMs: number;
  blockingMiBPerHour: number;
  pollingMiBPerHour: number;
  blockingRequests: number;
  /** Polling bytes ÷ blocking bytes. */
  bytesRatio: number;
  /** The best ratio blocking queries can reach at this rate (bytesCeiling). */
  ceiling: number;
}

export interface NodeBench {
  answerBytes5k: number;
  /** One change a minute (the figure), then one every 5 minutes (a quieter cluster). */
  hours: NodeHour[];
  timeToEventMs: number;
  timeToEventMaxMs: number;
  detectorPolicyMs10k: number;
}

/** Runs the node bench parts. */
export async function nodesBench(): Promise<NodeBench> {
  const answer = await answerBytes(5_000);
  const hours: NodeHour[] = [];
  for (const changeEveryMs of [60_000, 300_000]) {
    const hour = await simulatedHour(answer, changeEveryMs);
    hours.push({
      changeEveryMs,
      blockingMiBPerHour: hour.blockingBytes / 2 ** 20,
      pollingMiBPerHour: hour.pollingBytes / 2 ** 20,
      blockingRequests: hour.blockingRequests,
      bytesRatio: hour.pollingBytes / hour.blockingBytes,
      ceiling: bytesCeiling(changeEveryMs),
    });
  }
  const tte = await timeToEvent(7);
  return {
    answerBytes5k: answer,
    hours,
    timeToEventMs: median(tte),
    timeToEventMaxMs: Math.max(...tte),
    detectorPolicyMs10k: detectorPerUpdate(10_000, 30),
  };
}
