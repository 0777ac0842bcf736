/**
 * The engine's per-poll decision chain, pure: snapshot → observe → confirm → diffViews (+ flapEvents) for the
 * detector, and the cluster's displayed state. The alert policy runs in index.ts because it spans clusters.
 */
import type { ClusterSnapshot, MonitorEvent } from '../../../common/domain.js';
import type { GlobalSettings } from '../../../common/settings-schema.js';
import { clusterState, confirm, diffViews, flapEvents, observe } from '../monitor/index.js';
import type { ClusterStateResult, ConfirmedView, DetectorConfig, DetectorMemory } from '../monitor/index.js';

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

export interface DetectorState {
  memory: DetectorMemory | null;
  view: ConfirmedView | null;
}

export interface DetectStep {
  state: DetectorState;
  /** Confirmed changes (and flapping notices) of this poll, in the diff's stable order. */
  events: MonitorEvent[];
}

/** Runs the detector on one snapshot; the first snapshot of a cluster is a silent baseline. */
export function detect(
  previous: DetectorState,
  snapshot: ClusterSnapshot,
  cluster: { id: string; name: string },
  config: DetectorConfig,
): DetectStep {
  const observation = observe(snapshot);
  const confirmed = confirm(previous.memory, observation, config);
  const ctx = { clusterId: cluster.id, clusterName: cluster.name, time: snapshot.time };
  const events = [...diffViews(previous.view, confirmed.view, ctx), ...flapEvents(confirmed.flapping, ctx)];
  return { state: { memory: confirmed.memory, view: confirmed.view }, events };
}

/** The cluster's displayed state from its latest and last good snapshots. */
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

/** Appends a state point when the state changed (or the timeline is empty), keeping at most `max` points. */
export function pushTimeline<T extends { state: string }>(timeline: T[], point: T, max: number): T[] {
  const last = timeline[timeline.length - 1];
  if (last && last.state === point.state) return timeline;
  const next = [...timeline, point];
  return next.length > max ? next.slice(next.length - max) : next;
}
