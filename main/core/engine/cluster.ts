/**
 * One monitored cluster inside the engine: its poller and node watcher, its Nomad clients (one per address,
 * created lazily), the self cache, and what the last polls saw. Only I/O and bookkeeping: no decisions.
 */
import type { ClusterSnapshot, NodesSummary, StatePoint } from '../../../common/domain.js';
import type { NomadError, NomadNode } from '../../../common/nomad-domain.js';
import { err, ok, type Result } from '../../../common/result.js';
import type { ClusterSettings } from '../../../common/settings-schema.js';
import type { NomadClient } from '../nomad/index.js';
import {
  configErrorSnapshot,
  createNodeWatcher,
  createPoller,
  internalErrorSnapshot,
  pollCluster,
  thrownText,
} from '../poller/index.js';
import type { NodeWatcher, NodeWatchUpdate, Poller, SelfCache } from '../poller/index.js';
import { compareViews, createConsistencyTracker } from '../monitor/index.js';
import { createTokenHolder } from './token.js';
import type { MonitorDeps } from './types.js';

/** What the polls of a cluster saw; the engine keeps it across restarts of the cluster's runtime. */
export interface ClusterSeen {
  /** What the node watcher saw last, null before its first answer. */
  nodes: NodesSummary | null;
  /** The node list of the watcher's last good answer and when it came; null before it (`nodes:list`). */
  nodeList: { time: number; nodes: readonly NomadNode[] } | null;
  snapshot: ClusterSnapshot | null;
  lastGood: ClusterSnapshot | null;
  failingSince: number | null;
  /** When the latest poll that got an answer (any, a refusal too) started: the policy's network settle reads it. */
  answeredAt: number | null;
  timeline: StatePoint[];
  /** Next poll result is the cluster's first (a policy baseline: the detector has nothing to compare it with). */
  baseline: boolean;
}

export interface ClusterRuntime {
  settings: ClusterSettings;
  poller: Poller;
  /** The cluster's node watcher (blocking queries on /v1/nodes). */
  nodeWatcher: NodeWatcher;
  /** Index of the address the poller used last (operator actions try it first). */
  activeIndex(): number;
  /** The client for one address, for operator actions. */
  clientAt(index: number): Promise<Result<NomadClient, NomadError>>;
  /** Releases every client (undici dispatchers). */
  close(): Promise<void>;
}

export interface RuntimeDeps extends Pick<MonitorDeps, 'clientFactory' | 'tokenFor' | 'timers'> {
  random: () => number;
  log: (message: string) => void;
  onSnapshot: (runtime: ClusterRuntime, snapshot: ClusterSnapshot) => void;
  /** Each node watcher answer or failure. */
  onNodes: (runtime: ClusterRuntime, update: NodeWatchUpdate) => void;
}

/** Creates a cluster's runtime (not started: call `runtime.poller.start()` and `runtime.nodeWatcher.start()`). */
export function createClusterRuntime(settings: ClusterSettings, deps: RuntimeDeps): ClusterRuntime {
  /** One client per address, with the token it was made with (a changed token replaces it). */
  const clients = new Map<number, { token: string | undefined; client: NomadClient }>();
  const token = createTokenHolder(settings, deps.tokenFor, () => deps.timers.now());
  let selfCache: SelfCache | null = null;
  const consistency = createConsistencyTracker();

  /** Client creations under way, per address and token: the poller and the node watcher share one. */
  const making = new Map<string, Promise<Result<NomadClient, NomadError>>>();

  async function clientAt(index: number): Promise<Result<NomadClient, NomadError>> {
    const resolved = await token.current();
    if (!resolved.ok) return err({ kind: 'config', message: resolved.error });
    const existing = clients.get(index);
    if (existing && existing.token === resolved.value) return ok(existing.client);
    const key = `${index}\u0000${resolved.value ?? ''}`;
    const pending = making.get(key);
    if (pending !== undefined) return pending;
    const creation = deps
      .clientFactory(settings, index, resolved.value)
      .then((made) => {
        if (!made.ok) return made;
        // A client made with another token (a rotated file) is replaced.
        const replaced = clients.get(index);
        clients.set(index, { token: resolved.value, client: made.value });
        if (replaced) void replaced.client.close().catch(() => undefined);
        return made;
      })
      .finally(() => making.delete(key));
    making.set(key, creation);
    return creation;
  }

  const runtime: ClusterRuntime = {
    settings,
    poller: createPoller({
      addresses: settings.addresses,
      intervalMs: settings.pollIntervalMs,
      timers: deps.timers,
      random: deps.random,
      onSnapshot: (snapshot) => deps.onSnapshot(runtime, snapshot),
      onPollError: (e) => deps.log(`cluster ${settings.id}: poll failed unexpectedly: ${thrownText(e)}`),
      poll: async (signal, address) => {
        try {
          return await pollAt(signal, address);
        } catch (e) {
          deps.log(`cluster ${settings.id}: internal error while polling ${address}: ${thrownText(e)}`);
          return internalErrorSnapshot({ clusterId: settings.id, address, time: deps.timers.now() }, e);
        }
      },
    }),
    nodeWatcher: createNodeWatcher({
      timers: deps.timers,
      random: deps.random,
      intervalMs: settings.pollIntervalMs,
      // The address the agent poller uses now (it fails over; the watcher follows it).
      fetch: async (query, signal) => {
        const client = await clientAt(runtime.activeIndex());
        if (!client.ok) return client;
        const res = await client.value.nodes(query, signal);
        if (!res.ok && res.error.kind === 'forbidden') token.refused();
        return res;
      },
      onUpdate: (update) => deps.onNodes(runtime, update),
      onError: (e) => deps.log(`cluster ${settings.id}: node watcher failed unexpectedly: ${thrownText(e)}`),
    }),
    activeIndex: () => runtime.poller.status().activeIndex,
    clientAt,
    async close() {
      const all = [...clients.values()];
      clients.clear();
      token.clear();
      await Promise.all(all.map((c) => c.client.close()));
    },
  };

  /** One poll of one address (the poller's PollFn; a throw becomes an internal-error snapshot above). */
  async function pollAt(signal: AbortSignal, address: string): Promise<ClusterSnapshot> {
    const index = Math.max(0, settings.addresses.indexOf(address));
    const client = await clientAt(index);
    const now = deps.timers.now();
    if (!client.ok) return configErrorSnapshot(settings.id, address, now, client.error);
    const polled = await pollCluster(client.value, {
      clusterId: settings.id,
      now,
      lastSelf: selfCache,
      signal,
    });
    selfCache = polled.selfCache;
    // A refused token may have been rotated (Vault Agent): re-read it before the next poll (rate-limited).
    if (polled.snapshot.error?.kind === 'forbidden') token.refused();
    const snapshot = { ...polled.snapshot, startedAt: now, time: deps.timers.now() };
    return compareWithPeer(signal, address, snapshot);
  }

  /** Every Nth good poll of a cluster with several addresses, compares another server's view (consistency.ts). */
  async function compareWithPeer(
    signal: AbortSignal,
    address: string,
    snapshot: ClusterSnapshot,
  ): Promise<ClusterSnapshot> {
    if (snapshot.members === null || snapshot.error !== null) return snapshot;
    const peer = consistency.peerToSample(settings.addresses, address);
    const client = peer === null ? null : await clientAt(settings.addresses.indexOf(peer));
    const other = client?.ok === true ? await client.value.members(signal) : null;
    if (other?.ok === true && peer !== null) {
      const mine = { address: snapshot.address, members: snapshot.members, leaders: snapshot.leaders };
      const theirs = { address: peer, members: other.value.members, leaders: other.value.leaders };
      consistency.record(deps.timers.now(), compareViews(mine, theirs));
    }
    const disagreements = consistency.persisting(deps.timers.now());
    return disagreements.length > 0 ? { ...snapshot, disagreements } : snapshot;
  }
  return runtime;
}
