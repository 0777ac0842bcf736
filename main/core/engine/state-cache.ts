/**
 * Per-cluster memo of the displayed state. The engine asks for every cluster's state several times per poll
 * (timeline, policy contexts, views); recomputing clusterState for every cluster on every poll made the cost grow
 * with clusters × members. The memo reuses a result while its inputs are the same objects and `now` cannot
 * change it (clusterState's table in monitor/state.ts).
 */
import type { ClusterSnapshot } from '../../../common/domain.js';
import type { GlobalSettings } from '../../../common/settings-schema.js';
import type { ClusterStateResult } from '../monitor/index.js';
import { displayState } from './pipeline.js';

/** What the displayed state is computed from (the same arguments as displayState). */
export interface StateInput {
  snapshot: ClusterSnapshot | null;
  lastGood: ClusterSnapshot | null;
  now: number;
  intervalMs: number;
  global: GlobalSettings;
  paused: boolean;
}

interface Memo {
  snapshot: ClusterSnapshot | null;
  lastGood: ClusterSnapshot | null;
  intervalMs: number;
  staleAfterIntervals: number;
  paused: boolean;
  result: ClusterStateResult;
  /** The result holds while now ≤ validUntil. */
  validUntil: number;
}

/**
 * Until when a result does not depend on the clock: `paused` / `unknown` never do; a state read from a good,
 * fresh snapshot (healthy, degraded, critical) holds until the snapshot turns stale (age > stale × interval,
 * row 6). Stale and failed-poll states name durations ("last poll was 3 min ago"): never reused.
 */
function validUntil(result: ClusterStateResult, input: StateInput, staleAfterIntervals: number): number {
  switch (result.state) {
    case 'paused':
    case 'unknown':
      return Number.POSITIVE_INFINITY;
    case 'healthy':
    case 'degraded':
    case 'critical':
      return input.snapshot === null
        ? Number.NEGATIVE_INFINITY
        : input.snapshot.time + staleAfterIntervals * input.intervalMs;
    default:
      return Number.NEGATIVE_INFINITY;
  }
}

/** Creates an empty memo for one cluster; `state(input)` answers exactly what displayState(input) would. */
export function createStateCache(): { state(input: StateInput): ClusterStateResult } {
  let memo: Memo | null = null;
  return {
    state(input) {
      const stale = input.global.staleAfterIntervals;
      if (
        memo !== null &&
        memo.snapshot === input.snapshot &&
        memo.lastGood === input.lastGood &&
        memo.intervalMs === input.intervalMs &&
        memo.staleAfterIntervals === stale &&
        memo.paused === input.paused &&
        input.now <= memo.validUntil
      ) {
        return memo.result;
      }
      const { snapshot, lastGood, now, intervalMs, global, paused } = input;
      const result = displayState(snapshot, lastGood, now, intervalMs, global, paused);
      memo = {
        snapshot,
        lastGood,
        intervalMs,
        staleAfterIntervals: stale,
        paused,
        result,
        validUntil: validUntil(result, input, stale),
      };
      return result;
    },
  };
}
