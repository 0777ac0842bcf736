/** Shared helpers for engine tests: real simulator, real client, in-memory notifier and history. */
import type { MonitorEvent } from '../../common/domain.js';
import { ok } from '../../common/result.js';
import type { ClusterSettings, Settings } from '../../common/settings-schema.js';
import { GlobalSettingsSchema } from '../../common/settings-schema.js';
import { createMonitor } from '../../main/core/engine/index.js';
import type { ClientFactory, Monitor } from '../../main/core/engine/index.js';
import type { Notice } from '../../main/core/monitor/types.js';
import { createNomadClient } from '../../main/core/nomad/index.js';
import { clientOptionsFor } from '../../main/core/settings/index.js';
import type { Timers } from '../../main/core/poller/index.js';

/** Waits until `check` returns a value other than undefined/false, polling every 20 ms, at most `timeoutMs` (generous: a bound, not a pace). */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    // A promise is always truthy: an async check would pass at once without being checked.
    if (value instanceof Promise)
      throw new Error(`waitFor(${what}): the check is async; await it in the caller`);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** A cluster entry polling `urls` every `intervalMs` (below the settings file's minimum: tests only). */
export function clusterSettings(id: string, urls: string[], intervalMs = 150): ClusterSettings {
  return {
    id,
    name: id,
    addresses: urls,
    tls: { skipVerify: false },
    token: { source: 'none' },
    pollIntervalMs: intervalMs,
    enabled: true,
    notifications: { muted: false, only: [], never: [] },
  };
}

export function settingsWith(clusters: ClusterSettings[]): Settings {
  return {
    schemaVersion: 1,
    clusters,
    global: GlobalSettingsSchema.parse({ confirmPolls: 2, recoveryPolls: 2 }),
  };
}

/**
 * Real clients with timeouts far above a healthy answer on a busy machine (the simulator shares the test's
 * event loop): a healthy poll that times out would be an outage no test scripted. No engine test waits for one.
 */
export const testClientFactory: ClientFactory = (cluster, index, token) =>
  createNomadClient({
    ...clientOptionsFor(cluster, token, index),
    connectTimeoutMs: 3_000,
    headersTimeoutMs: 3_000,
    bodyTimeoutMs: 3_000,
  });

export interface Harness {
  monitor: Monitor;
  events: MonitorEvent[];
  notices: Notice[];
  history: MonitorEvent[];
}

/** An engine over real clients with recording notifier and history. */
export function harness(
  settings: Settings,
  opts: { clientFactory?: ClientFactory; token?: string } = {},
): Harness {
  const events: MonitorEvent[] = [];
  const notices: Notice[] = [];
  const history: MonitorEvent[] = [];
  const monitor = createMonitor({
    settings,
    clientFactory: opts.clientFactory ?? testClientFactory,
    tokenFor: () => Promise.resolve(ok(opts.token)),
    timers: realTimers,
    notifier: { notify: (n) => notices.push(n) },
    history: { append: (e) => history.push(e) },
    random: () => 0.5,
  });
  monitor.onEvents((e) => events.push(...e));
  return { monitor, events, notices, history };
}
