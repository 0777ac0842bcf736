/**
 * Sleep, wake and network changes → the app core. On `suspend` the core stops polling (so a laptop lid does not
 * turn into "cluster unreachable" alarms); on `resume` it wakes once and re-checks honestly. Electron's
 * powerMonitor has no online/offline events, so connectivity is sampled with `net.isOnline()` every
 * `onlineCheckMs` (default 10 s): when it flips offline → online the core polls every cluster at once
 * (`pollNow`): an honest re-check, not a wake (the machine never slept, so nothing about sleep applies).
 * Going offline does NOT suspend: `isOnline()` is only a hint (clusters on 127.0.0.1 or a VPN may still answer),
 * and the alert policy already folds a real outage into one "Network unavailable" notice.
 */
import type { PowerMonitor } from 'electron';
import { repeat, type AppCore } from '../../app/index.js';
import { realTimers, type Timers } from '../../core/poller/index.js';

export type PowerMonitorLike = Pick<PowerMonitor, 'on' | 'removeListener'>;

export interface WatchPowerOptions {
  powerMonitor: PowerMonitorLike;
  core: Pick<AppCore, 'suspend' | 'wake' | 'pollNow'>;
  /** `net.isOnline` from Electron's main process; absent → no connectivity sampling. */
  isOnline?: () => boolean;
  onlineCheckMs?: number;
  /** The process's timers by default (fakes in tests). */
  timers?: Timers;
}

/**
 * Wires the listeners and returns the function that removes them. Repeated `suspend`/`resume` events (macOS can
 * send both twice) reach the core once per real transition, never as a storm.
 */
export function watchPower(options: WatchPowerOptions): () => void {
  const { powerMonitor, core } = options;
  let asleep = false;
  const onSuspend = (): void => {
    if (asleep) return;
    asleep = true;
    core.suspend();
  };
  const onResume = (): void => {
    if (!asleep) return;
    asleep = false;
    core.wake();
  };
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);

  let stopSampling = (): void => undefined;
  const isOnline = options.isOnline;
  if (isOnline !== undefined) {
    let online = isOnline();
    const sample = (): void => {
      const now = isOnline();
      // Not awaited; a rejection is swallowed: the polls report their own failures.
      if (now && !online && !asleep) void core.pollNow().catch(() => undefined);
      online = now;
    };
    stopSampling = repeat(sample, options.onlineCheckMs ?? 10_000, options.timers ?? realTimers);
  }
  return () => {
    powerMonitor.removeListener('suspend', onSuspend);
    powerMonitor.removeListener('resume', onResume);
    stopSampling();
  };
}
