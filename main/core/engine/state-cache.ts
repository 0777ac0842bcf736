/**
 * Per-cluster memo of the displayed state. The engine asks for every cluster's state several times per poll
 * (timeline, policy contexts, views); recomputing clusterState for every cluster on every poll made the cost grow
 * with clusters × members. The memo reuses a result while its inputs are the same objects and `now` cannot
 * change it (clusterState's table in monitor/state.ts).
 */
import { clusterState, type ClusterStateInput, type ClusterStateResult } from '../monitor/index.js';

/**
 * Until when a result does not depend on the clock: `paused` / `unknown` never do; a state read from a good,
 * fresh snapshot (healthy, degraded, critical) holds until the snapshot turns stale (age > stale × interval,
 * row 6). Stale and failed-poll states name durations ("last poll was 3 min ago"): never reused.
 */
function validUntil({ state }: ClusterStateResult, input: ClusterStateInput): number {
  if (state === 'paused' || state === 'unknown') return Number.POSITIVE_INFINITY;
  const fresh = state === 'healthy' || state === 'degraded' || state === 'critical';
  return fresh && input.snapshot !== null
    ? input.snapshot.time + input.staleAfterIntervals * input.intervalMs
    : Number.NEGATIVE_INFINITY;
}

/** Creates an empty memo for one cluster; `state(input)` answers exactly what clusterState(input) would. */
export function createStateCache(): { state(input: ClusterStateInput): ClusterStateResult } {
  let memo: { input: ClusterStateInput; result: ClusterStateResult; validUntil: number } | null = null;
  return {
    state(input) {
      const was = memo?.input;
      if (
        memo !== null &&
        was?.snapshot === input.snapshot &&
        was.lastGood === input.lastGood &&
        was.intervalMs === input.intervalMs &&
        was.staleAfterIntervals === input.staleAfterIntervals &&
        was.paused === input.paused &&
        input.now <= memo.validUntil
      ) {
        return memo.result;
      }
      const result = clusterState(input);
      memo = { input, result, validUntil: validUntil(result, input) };
      return result;
    },
  };
}
