/**
 * The soak run shared by `npm run soak` (long) and test/soak/soak-short.test.ts (short): N agents of one
 * simulated cluster, each watched as its own cluster by the real engine (pollers, client, detector, policy,
 * history file), with seeded random faults switched on and off. At the end every fault is cleared and every
 * cluster must return to healthy. Reports polls, heap (after GC), open sockets and the history file size.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ClusterView } from '../../common/domain.js';
import { ok } from '../../common/result.js';
import type { ClusterSettings, Settings } from '../../common/settings-schema.js';
import { GlobalSettingsSchema } from '../../common/settings-schema.js';
import { createMonitor } from '../../main/core/engine/index.js';
import { createHistory } from '../../main/core/history/index.js';
import { clusterState } from '../../main/core/monitor/index.js';
import { createNomadClient } from '../../main/core/nomad/index.js';
import { createRecordingNotifier } from '../support/recording-notifier.js';
import type { Timers } from '../../main/core/poller/index.js';
import { clientOptionsFor } from '../../main/core/settings/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { Fault } from '../nomad-sim/index.js';

export interface SoakOptions {
  agents: number;
  intervalMs: number;
  durationMs: number;
  /**
   * Keep the fault phase going past durationMs until this many polls were delivered (at most maxDurationMs), so a
   * loaded machine gets a longer soak instead of a thinner one.
   */
  minPolls?: number;
  maxDurationMs?: number;
  /** Client timeouts (connect/headers/body). */
  timeoutMs: number;
  seed: number;
  /** Mean gap between fault switches (ms). */
  faultEveryMs: number;
  historyMaxBytes: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  /** Polls delivered in the whole run (fault phase + the wait for every cluster to be healthy again). */
  polls: number;
  /** Polls delivered while faults were being switched on and off. */
  pollsDuringFaults: number;
  faultsInjected: number;
  /** Heap used after GC: after warm-up, and at the end (bytes). */
  heapWarm: number;
  heapEnd: number;
  /** Open connections on the simulator's listeners: max seen during the run and at the end. */
  socketsMax: number;
  socketsEnd: number;
  historyBytes: number;
  historyMaxBytes: number;
  /** Clusters not healthy once every fault was cleared (ids). */
  notHealthy: string[];
  /** Unhandled rejections seen during the run. */
  unhandled: number;
  elapsedMs: number;
}

/** A small seeded PRNG (mulberry32), so a failing soak can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FAULTS: Fault[] = [
  { kind: 'stop' },
  { kind: 'blackhole' },
  { kind: 'delay', ms: 40 },
  { kind: 'reset' },
  { kind: 'garbage', body: 'html' },
  { kind: 'garbage', body: 'truncated-json' },
  { kind: 'garbage', body: 'wrong-shape' },
  { kind: 'status', status: 500, body: 'rpc error' },
  { kind: 'status', status: 403, body: 'Permission denied' },
];

/** Runs the GC when possible (the flag is set at run time, so no CLI flag is needed). */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc === 'function') gc();
}

function heapAfterGc(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const timers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

/** Runs one soak and reports what it saw (the caller decides what passes). */
export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const log = o.log ?? (() => {});
  const random = prng(o.seed);
  let unhandled = 0;
  const onUnhandled = (): void => {
    unhandled += 1;
  };
  process.on('unhandledRejection', onUnhandled);
  const sim = await startCluster({ serversPerRegion: o.agents });
  const dir = await mkdtemp(join(tmpdir(), 'nomad-tray-soak-'));
  const history = createHistory({ dir, clock: () => Date.now(), maxBytes: o.historyMaxBytes });
  const clusters: ClusterSettings[] = sim.agents.map((a) => ({
    id: a.name,
    name: a.name,
    addresses: [a.url],
    tls: { skipVerify: false },
    token: { source: 'none' },
    pollIntervalMs: o.intervalMs,
    enabled: true,
    notifications: { muted: false, only: [], never: [] },
  }));
  const settings: Settings = { schemaVersion: 1, clusters, global: GlobalSettingsSchema.parse({}) };
  let polls = 0;
  const monitor = createMonitor({
    settings,
    clientFactory: (cluster, index, token) =>
      createNomadClient({
        ...clientOptionsFor(cluster, token, index),
        connectTimeoutMs: o.timeoutMs,
        headersTimeoutMs: o.timeoutMs,
        bodyTimeoutMs: o.timeoutMs,
      }),
    tokenFor: () => Promise.resolve(ok(undefined)),
    timers,
    notifier: createRecordingNotifier(),
    history,
    random,
  });
  monitor.subscribe(() => {
    polls += 1;
  });
  let stopped: Promise<void> | null = null;
  const stopMonitor = (): Promise<void> => (stopped ??= monitor.stop());
  const sockets = (): number => sim.agents.reduce((sum, a) => sum + sim.openConnections(a.name), 0);
  const started = Date.now();
  monitor.start();
  let heapWarm = 0;
  let socketsMax = 0;
  let faultsInjected = 0;
  const faulted = new Map<string, number>(); // agent → clear time
  try {
    const warmUntil = started + Math.min(3_000, o.durationMs / 4);
    let nextFault = started;
    const enough = (): boolean =>
      Date.now() - started >= o.durationMs &&
      (polls >= (o.minPolls ?? 0) || Date.now() - started >= (o.maxDurationMs ?? o.durationMs));
    while (!enough()) {
      const now = Date.now();
      if (heapWarm === 0 && now >= warmUntil) heapWarm = heapAfterGc();
      for (const [name, clearAt] of faulted) {
        if (now >= clearAt) {
          sim.clear(name);
          faulted.delete(name);
        }
      }
      if (now >= nextFault) {
        const agent = sim.agents[Math.floor(random() * sim.agents.length)];
        const fault = FAULTS[Math.floor(random() * FAULTS.length)];
        if (agent && fault && !faulted.has(agent.name)) {
          sim.inject(agent.name, fault);
          faulted.set(agent.name, now + 200 + random() * 1_500);
          faultsInjected += 1;
        }
        nextFault = now + random() * 2 * o.faultEveryMs;
      }
      socketsMax = Math.max(socketsMax, sockets());
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const name of faulted.keys()) sim.clear(name);
    await sim.ready();
    const pollsDuringFaults = polls;
    log(
      `soak: ${polls} polls in ${Date.now() - started} ms, ${faultsInjected} faults; waiting for all healthy`,
    );
    // Judged per poll: a cluster is healthy again once one of its polls after the clear reads healthy. Under a
    // deliberately CPU-saturated soak on a busy machine, requiring all 50 latest polls to be healthy at the same
    // instant fails on any one slow answer; it says nothing about recovery. (A 20-50 ms interval also makes every
    // view "stale" between two polls, so the state is computed at the poll's own time.)
    const pollState = (v: ClusterView): string =>
      clusterState({
        snapshot: v.snapshot,
        lastGood: null,
        now: v.lastPoll ?? 0,
        intervalMs: v.pollIntervalMs,
        staleAfterIntervals: 3,
        paused: false,
      }).state;
    const clearedAt = Date.now();
    const lastSeen = new Map<string, string>();
    const recovered = new Set<string>();
    const judge = (views: ClusterView[]): void => {
      for (const v of views) {
        if ((v.lastPoll ?? 0) < clearedAt) continue;
        const state = pollState(v);
        lastSeen.set(v.id, state);
        if (state === 'healthy') recovered.add(v.id);
      }
    };
    const offJudge = monitor.subscribe(judge);
    judge(monitor.views());
    await until(() => recovered.size === clusters.length, 30_000);
    offJudge();
    const notHealthy = clusters
      .filter((c) => !recovered.has(c.id))
      .map((c) => `${c.id}=${lastSeen.get(c.id) ?? 'no poll since the clear'}`);
    const elapsedMs = Date.now() - started;
    const socketsEnd = sockets();
    const heapEnd = heapAfterGc();
    // Measured once nothing writes any more: stop() ends every poller and flushes the history, so an append
    // caught between its write and its trim is never measured (a file over its bound mid-append is by design).
    await stopMonitor();
    const historyBytes = await stat(join(dir, 'history.jsonl')).then(
      (s) => s.size,
      () => 0,
    );
    return {
      polls,
      pollsDuringFaults,
      faultsInjected,
      heapWarm,
      heapEnd,
      socketsMax,
      socketsEnd,
      historyBytes,
      historyMaxBytes: o.historyMaxBytes,
      notHealthy,
      unhandled,
      elapsedMs,
    };
  } finally {
    await stopMonitor();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
    process.off('unhandledRejection', onUnhandled);
  }
}
