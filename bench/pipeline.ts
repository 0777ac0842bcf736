/**
 * What the engine does with one snapshot, without the engine's bookkeeping: observe → confirm → diff (Detector),
 * the displayed state, and one policy round. Used by the overhead, scale and memory benches.
 */
import type { ClusterSnapshot, ClusterStateKind } from '../common/domain.js';
import { GlobalSettingsSchema } from '../common/settings-schema.js';
import type { GlobalSettings } from '../common/settings-schema.js';
import { decideNotifications } from '../main/core/alerts/index.js';
import type { PolicyMemory } from '../main/core/alerts/index.js';
import { detectorConfig, displayState } from '../main/core/engine/pipeline.js';
import { Detector } from '../main/core/monitor/index.js';
import type { ClusterPolicyContext } from '../main/core/monitor/types.js';

export const GLOBAL: GlobalSettings = GlobalSettingsSchema.parse({});

/** Detector memory per cluster plus one shared policy memory, like the engine keeps. */
export class PurePipeline {
  private readonly detectors = new Map<string, Detector>();
  private readonly states = new Map<string, ClusterStateKind>();
  private policy: PolicyMemory | null = null;
  notices = 0;

  constructor(private readonly intervalMs: number) {}

  /** Runs the whole decision chain for one snapshot of cluster `id`. */
  step(snapshot: ClusterSnapshot): void {
    const id = snapshot.clusterId;
    const known = this.detectors.get(id);
    const detector = known ?? new Detector();
    this.detectors.set(id, detector);
    const events = detector.step(snapshot, { id, name: id }, detectorConfig(GLOBAL, this.intervalMs));
    const state = displayState(snapshot, snapshot, snapshot.time, this.intervalMs, GLOBAL, false).state;
    this.states.set(id, state);
    const clusters: ClusterPolicyContext[] = [...this.states].map(([clusterId, s]) => ({
      clusterId,
      clusterName: clusterId,
      rules: { muted: false, only: [], never: [] },
      snooze: null,
      state: s,
      pollIntervalMs: this.intervalMs,
      answeredAt: snapshot.time,
    }));
    const decision = decideNotifications(this.policy, {
      now: snapshot.time,
      events,
      clusters,
      settings: GLOBAL,
      baseline: known === undefined,
      utcOffsetMinutes: 0,
    });
    this.policy = decision.memory;
    this.notices += decision.notices.length;
  }
}
