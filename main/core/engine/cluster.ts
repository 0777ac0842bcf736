/**
 * One monitored cluster inside the engine: its poller, its Nomad clients (one per address, created lazily),
 * the self cache, and what the last polls saw. The detector/policy pipeline lives in pipeline.ts; this file only
 * owns I/O and bookkeeping.
 */
import type { ClusterSnapshot, NomadError, StatePoint } from '../../../common/domain.js';
import type { Result } from '../../../common/result.js';
import { err } from '../../../common/result.js';
import type { ClusterSettings } from '../../../common/settings-schema.js';
import type { NomadClient } from '../nomad/types.js';
import { createPoller } from '../poller/index.js';
import type { Poller, Timers } from '../poller/index.js';
import { configErrorSnapshot, pollCluster } from '../poller/snapshot.js';
import type { SelfCache } from '../poller/snapshot.js';
import type { ClientFactory } from './types.js';

export interface ClusterRuntime {
  settings: ClusterSettings;
  poller: Poller | null;
  snapshot: ClusterSnapshot | null;
  lastGood: ClusterSnapshot | null;
  failingSince: number | null;
  timeline: StatePoint[];
  /** Next poll result is a baseline (first poll, or first after wake): never notify a storm. */
  baseline: boolean;
  /** Active client (the address the poller used last), for operator actions. */
  client(): Promise<Result<NomadClient, NomadError>>;
  /** Releases every client (undici dispatchers). */
  close(): Promise<void>;
}

export interface RuntimeDeps {
  clientFactory: ClientFactory;
  tokenFor: (cluster: ClusterSettings) => Promise<Result<string | undefined, string>>;
  timers: Timers;
  random: () => number;
  log: (message: string) => void;
  onSnapshot: (runtime: ClusterRuntime, snapshot: ClusterSnapshot) => void;
}

/** Creates a cluster's runtime (not started: call `runtime.poller.start()`). */
export function createClusterRuntime(settings: ClusterSettings, deps: RuntimeDeps): ClusterRuntime {
  const clients = new Map<number, Result<NomadClient, NomadError>>();
  let token: Promise<Result<string | undefined, string>> | null = null;
  let selfCache: SelfCache | null = null;

  async function clientAt(index: number): Promise<Result<NomadClient, NomadError>> {
    const existing = clients.get(index);
    if (existing) return existing;
    token ??= deps.tokenFor(settings);
    const resolved = await token;
    const again = clients.get(index);
    if (again) return again;
    const made: Result<NomadClient, NomadError> = resolved.ok
      ? deps.clientFactory(settings, index, resolved.value)
      : err({ kind: 'config', message: resolved.error });
    clients.set(index, made);
    return made;
  }

  const runtime: ClusterRuntime = {
    settings,
    poller: null,
    snapshot: null,
    lastGood: null,
    failingSince: null,
    timeline: [],
    baseline: true,
    async client() {
      const index = runtime.poller?.status().activeIndex ?? 0;
      return clientAt(index);
    },
    async close() {
      const all = [...clients.values()];
      clients.clear();
      token = null;
      await Promise.all(all.map((c) => (c.ok ? c.value.close() : Promise.resolve())));
    },
  };

  runtime.poller = createPoller({
    addresses: settings.addresses,
    intervalMs: settings.pollIntervalMs,
    timers: deps.timers,
    random: deps.random,
    onSnapshot: (snapshot) => deps.onSnapshot(runtime, snapshot),
    onPollError: (e) => deps.log(`cluster ${settings.id}: poll failed unexpectedly: ${String(e)}`),
    poll: async (signal, address) => {
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
      return { ...polled.snapshot, time: deps.timers.now() };
    },
  });
  return runtime;
}
