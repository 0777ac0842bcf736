/**
 * Snooze: a cluster's notices are held back until a time or until it recovers, unless something gets WORSE than
 * it was when the user snoozed: then the snooze lifts itself and the worse notice goes through.
 */
import type { MonitorEvent, Severity } from '../../../common/domain.js';
import type { ClusterPolicyContext } from '../monitor/index.js';
import { isWorse } from './severity.js';

export interface SnoozeRound {
  /** Clusters still snoozed → the severity at snooze time. */
  active: Map<string, Severity>;
  /** Clusters whose snooze lifted itself this round (expired, recovered, or got worse). */
  lifted: Set<string>;
}

/**
 * Which snoozes hold at the start of a round. A timed snooze ends at `until` (reported as lifted so the engine
 * can clear it); 'until-recovered' ends on a cluster-recovered event or when the state is healthy.
 */
export function evaluateSnoozes(
  clusters: readonly ClusterPolicyContext[],
  events: readonly MonitorEvent[],
  now: number,
): SnoozeRound {
  const active = new Map<string, Severity>();
  const lifted = new Set<string>();
  for (const c of clusters) {
    if (c.snooze === null) continue;
    const over =
      c.snooze.until === 'until-recovered'
        ? c.state === 'healthy' ||
          events.some((e) => e.clusterId === c.clusterId && e.type === 'cluster-recovered')
        : now >= c.snooze.until;
    if (over) lifted.add(c.clusterId);
    else active.set(c.clusterId, c.snooze.severityAtSnooze);
  }
  return { active, lifted };
}

/** Lifts the snooze of every cluster that has something worse than its snooze severity this round. */
export function liftOnWorse(
  round: SnoozeRound,
  items: ReadonlyArray<{ clusterId: string | null; severity: Severity }>,
): void {
  for (const item of items) {
    if (item.clusterId === null) continue;
    const at = round.active.get(item.clusterId);
    if (at !== undefined && isWorse(item.severity, at)) {
      round.active.delete(item.clusterId);
      round.lifted.add(item.clusterId);
    }
  }
}
