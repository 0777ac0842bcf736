/** Builders for alert policy tests: events, cluster contexts, settings and rounds with sensible defaults. */
import type { MonitorEvent, MonitorEventType, Severity } from '../../common/domain.js';
import { GlobalSettingsSchema, type GlobalSettings } from '../../common/settings-schema.js';
import { decideNotifications, type PolicyMemory } from '../../main/core/alerts/index.js';
import type { ClusterPolicyContext, Notice, PolicyRound } from '../../main/core/monitor/types.js';

/** 2024-01-15 12:00 UTC. */
export const T0 = Date.UTC(2024, 0, 15, 12, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;

const DEFAULT_SEVERITY: Partial<Record<MonitorEventType, Severity>> = {
  'member-failed': 'warning',
  'leader-lost': 'critical',
  'health-degraded': 'warning',
  'cluster-unreachable': 'critical',
  'auth-failed': 'critical',
  'tls-failed': 'critical',
  'quorum-at-risk': 'warning',
};

/** Global settings: schema defaults plus overrides. */
export function settings(over: Partial<GlobalSettings> = {}): GlobalSettings {
  return { ...GlobalSettingsSchema.parse({}), ...over };
}

/** A cluster context named like its id, healthy, unmuted, not snoozed. */
export function ctx(clusterId: string, over: Partial<ClusterPolicyContext> = {}): ClusterPolicyContext {
  return {
    clusterId,
    clusterName: clusterId,
    rules: { muted: false, only: [], never: [] },
    snooze: null,
    state: 'healthy',
    pollIntervalMs: 10_000,
    // Heard from on every poll: a lone outage of another cluster is reported at once (alerts/network.ts settle).
    answeredAt: Number.MAX_SAFE_INTEGER,
    ...over,
  };
}

/** A confirmed event of cluster "prod" at T0 with the type's usual severity. */
export function ev(type: MonitorEventType, over: Partial<MonitorEvent> = {}): MonitorEvent {
  return {
    time: T0,
    clusterId: over.clusterId ?? 'prod',
    cluster: over.clusterId ?? 'prod',
    type,
    severity: DEFAULT_SEVERITY[type] ?? 'info',
    message: `${type} happened`,
    ...over,
  };
}

/** member-failed of `<name>.global` (alive → failed). */
export function failed(name: string, over: Partial<MonitorEvent> = {}): MonitorEvent {
  return ev('member-failed', {
    member: `${name}.global`,
    region: 'global',
    from: 'alive',
    to: 'failed',
    ...over,
  });
}

/** A round at T0 with one healthy "prod" context unless told otherwise. */
export function round(over: Partial<PolicyRound> = {}): PolicyRound {
  return { now: T0, events: [], clusters: [ctx('prod')], settings: settings(), ...over };
}

/** Runs rounds in order, threading memory; returns the last decision and every notice per round. */
export function runRounds(rounds: PolicyRound[], memory: PolicyMemory | null = null) {
  let mem = memory;
  const perRound: Notice[][] = [];
  let last = decideNotifications(mem, round());
  for (const r of rounds) {
    last = decideNotifications(mem, r);
    mem = last.memory;
    perRound.push(last.notices);
  }
  return { last, memory: mem, perRound };
}

/** Titles of notices, for compact assertions. */
export function titles(notices: readonly Notice[]): string[] {
  return notices.map((n) => n.title);
}
