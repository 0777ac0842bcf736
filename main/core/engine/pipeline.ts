/** The engine's per-poll helpers: a cluster's detector thresholds, displayed state and timeline. */
import type { ClusterSnapshot, StatePoint } from '../../../common/domain.js';
import type { GlobalSettings } from '../../../common/settings-schema.js';
import { clusterState, type ClusterStateResult, type DetectorConfig } from '../monitor/index.js';

/** Flapping: this many raw changes of one key within the window hold its alerts (DetectorConfig). */
export const FLAP_TRANSITIONS = 4;
/** The flap window: FLAP_WINDOW_POLLS poll intervals, at least one minute. */
export const FLAP_WINDOW_POLLS = 10;

/** The detector thresholds for a cluster polled every `intervalMs`. */
export function detectorConfig(global: GlobalSettings, intervalMs: number): DetectorConfig {
  return {
    confirmPolls: global.confirmPolls,
    recoveryPolls: global.recoveryPolls,
    flapTransitions: FLAP_TRANSITIONS,
    flapWindowMs: Math.max(60_000, intervalMs * FLAP_WINDOW_POLLS),
  };
}

/** The cluster's displayed state from its latest and last good snapshots (the CLI's and the bench's entry). */
export function displayState(
  snapshot: ClusterSnapshot | null,
  lastGood: ClusterSnapshot | null,
  now: number,
  intervalMs: number,
  global: GlobalSettings,
  paused: boolean,
): ClusterStateResult {
  return clusterState({
    snapshot,
    lastGood,
    now,
    intervalMs,
    staleAfterIntervals: global.staleAfterIntervals,
    paused,
  });
}

const MAX_TIMELINE = 120;

/** Appends a state point when the state changed (or the timeline is empty), keeping the newest MAX_TIMELINE. */
export function pushTimeline(timeline: StatePoint[], point: StatePoint): StatePoint[] {
  if (timeline.at(-1)?.state === point.state) return timeline;
  return [...timeline, point].slice(-MAX_TIMELINE);
}
