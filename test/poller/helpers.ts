/** Fake poll functions and snapshot factories for poller tests (fake timers, no I/O). */
import type { ClusterSnapshot } from '../../common/domain.js';
import type { NomadError } from '../../common/nomad-domain.js';
import type { Timers } from '../../main/core/poller/index.js';

/** A snapshot that answered (reachable) or failed with the given error kind. */
export function snap(address: string, error: NomadError['kind'] | null = null): ClusterSnapshot {
  return {
    clusterId: 'c1',
    time: Date.now(),
    address,
    reachable: error === null,
    error: error === null ? null : { kind: error, message: `${error} at ${address}` },
    health: null,
    members: error === null ? [] : null,
    leaders: {},
    agentRole: null,
    self: null,
  };
}

/** Timers backed by vitest's fake global timers. */
export const fakeTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface FakePoll {
  poll: (signal: AbortSignal, address: string) => Promise<ClusterSnapshot>;
  /** Every call: address and start time. */
  calls: Array<{ address: string; at: number }>;
  /** Highest number of polls running at once. */
  maxConcurrent: () => number;
  aborted: () => number;
}

/**
 * A poll that answers after `latencyMs` (fake time) with `answer(address)`; `null` from answer means it never
 * resolves until aborted.
 */
export function fakePoll(
  answer: (address: string) => NomadError['kind'] | null | 'hang',
  latencyMs = 50,
): FakePoll {
  const calls: FakePoll['calls'] = [];
  let running = 0;
  let max = 0;
  let aborted = 0;
  const poll = (signal: AbortSignal, address: string): Promise<ClusterSnapshot> => {
    calls.push({ address, at: Date.now() });
    running += 1;
    max = Math.max(max, running);
    const outcome = answer(address);
    return new Promise((resolve) => {
      let settled = false;
      const done = (s: ClusterSnapshot): void => {
        if (settled) return;
        settled = true;
        running -= 1;
        resolve(s);
      };
      signal.addEventListener('abort', () => {
        if (!settled) aborted += 1;
        done(snap(address, 'timeout'));
      });
      if (outcome === 'hang') return;
      if (latencyMs === 0) done(snap(address, outcome));
      else setTimeout(() => done(snap(address, outcome)), latencyMs);
    });
  };
  return { poll, calls, maxConcurrent: () => max, aborted: () => aborted };
}
