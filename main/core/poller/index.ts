/**
 * One cluster's poll loop (loop.ts: two polls of one cluster never overlap). Each cluster gets its own poller, so
 * a slow or black-holed cluster never delays another one; per-request timeouts live in the Nomad client.
 *
 * Failover: a round tries the active address; when it is unreachable or times out, the round goes on with
 * the next configured addresses (in order, wrapping) until one answers. While failed over (active ≠ first),
 * every round tries the preferred first address first, so the loop fails back as soon as it answers again.
 *
 * Recovery is seen within one interval: while no address answers, the loop keeps probing at the interval,
 * measured from the START of the previous round (a round that waited for timeouts does not push the next
 * probe further out), with jitter only downwards. So the first probe after an agent answers again comes at most
 * one interval later; there is no exponential backoff of probes (what backs off is what the user is told:
 * reminders double their gap). A healthy loop waits the interval ± JITTER_RATIO after each round.
 */
import type { ClusterSnapshot } from '../../../common/domain.js';
import { addressOrder, failover, isOutage } from './failover.js';
import { createLoop } from './loop.js';
import { reportTo, type Poller, type PollerOptions } from './types.js';

export { realTimers, type Poller, type Timers } from './types.js';
export { addressOrder, describeSkipped, failover, isOutage } from './failover.js';

/** ± share of the interval added at random so many clusters do not poll in lockstep. */
const JITTER_RATIO = 0.1;

/** Delay before the next round (see the module comment); the previous round started `elapsedMs` ago. */
export function nextDelay(
  intervalMs: number,
  failures: number,
  jitterRatio: number,
  random: () => number,
  elapsedMs = 0,
): number {
  if (failures > 0) {
    const probeAt = Math.round(intervalMs * (1 - random() * jitterRatio));
    return Math.max(0, Math.min(intervalMs, probeAt) - elapsedMs);
  }
  return Math.max(0, Math.round(intervalMs * (1 + (random() * 2 - 1) * jitterRatio)));
}

/** Creates one cluster's poller (see the module comment for scheduling, failover and backoff rules). */
export function createPoller(options: PollerOptions): Poller {
  const { poll, timers, onSnapshot } = options;
  const addresses = [...options.addresses];
  const random = options.random ?? Math.random;
  const report = (error: unknown): void => reportTo(options.onPollError, error);
  let activeIndex = 0;
  let failures = 0;

  async function tryAddress(signal: AbortSignal, index: number): Promise<ClusterSnapshot | null> {
    try {
      return await poll(signal, addresses[index] ?? '');
    } catch (error) {
      report(error);
      return null;
    }
  }

  async function round(signal: AbortSignal): Promise<void> {
    const outcome = await failover({
      addresses,
      order: addressOrder(addresses.length, activeIndex, true),
      attempt: (index) => tryAddress(signal, index),
      isOutage: (snapshot) => snapshot === null || isOutage(snapshot),
      stopped: () => signal.aborted,
    });
    if (signal.aborted) return;
    if (outcome.answered && outcome.attempt.value !== null) {
      activeIndex = outcome.attempt.index;
      failures = 0;
      onSnapshot(outcome.attempt.value);
      return;
    }
    failures += 1;
    const firstFailure = outcome.skipped.find((a) => a.value !== null)?.value ?? null;
    if (firstFailure !== null) onSnapshot(firstFailure);
  }

  // Whatever throws inside a round (onSnapshot included) is reported and the loop goes on polling.
  const loop = createLoop(
    timers,
    async (signal) => {
      const startedAt = timers.now();
      try {
        await round(signal);
      } finally {
        const elapsed = Math.max(0, timers.now() - startedAt);
        if (!signal.aborted)
          loop.schedule(nextDelay(options.intervalMs, failures, JITTER_RATIO, random, elapsed));
      }
    },
    { onError: report, abortOnPause: false },
  );
  const { start, stop, pause, resume } = loop;
  return { start, stop, pause, resume, pollNow: loop.run, status: () => ({ activeIndex }) };
}
export { configErrorSnapshot, internalErrorSnapshot, pollCluster, thrownText } from './snapshot.js';
export type { SelfCache } from './snapshot.js';
export { createNodeWatcher, type NodeWatcher, type NodeWatchUpdate } from './node-watcher.js';
export { BLIND_AFTER_FAILURES, summarize } from './node-summary.js';
