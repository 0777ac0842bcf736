/**
 * Per-cluster notification rules. Filtered events still reach history: the engine records them before the policy
 * runs; a node a rule excludes is still watched and counted (state, census), just not notified.
 *
 * | # | rules                                                                      | the event notifies? |
 * |---|----------------------------------------------------------------------------|---------------------|
 * | 1 | none (unknown cluster)                                                     | yes                 |
 * | 2 | muted                                                                      | no                  |
 * | 3 | its type in `never`                                                        | no                  |
 * | 4 | `only` non-empty, its type not in it                                       | no                  |
 * | 5 | `only` non-empty, a folded node storm whose member types are in it         | yes (as rows 3, 6-9)|
 * |   | (`only: [node-down]` keeps the storms node-downs fold into)                |                     |
 * | 6 | its node's pool in `nodePools.never`                                       | no                  |
 * | 7 | `nodePools.only` non-empty, its node's pool not in it                      | no                  |
 * | 8 | its node's class in `nodeClasses.never` (`nodeClasses.only`: as row 7)     | no                  |
 * | 9 | an event with no node pool / class (members, folded storms)                | pools / classes do not apply |
 *
 * Storms are folded from the events rows 6-8 let through only (node-storms.ts), so an excluded pool never makes
 * (or swells) a storm notice. Names are compared exactly, as data (arrays, never object keys).
 */
import type { MonitorEvent, MonitorEventType } from '../../../common/domain.js';
import type { NameFilter, NotificationRules } from '../../../common/settings-schema.js';
import { NODE_FOLDS } from './node-storms.js';

/** True when a cluster's rules let an event type notify (rows 1-4). Missing rules allow everything. */
export function allowedByRules(rules: NotificationRules | undefined, type: MonitorEventType): boolean {
  return rules === undefined || (!rules.muted && passesFilter(rules, type));
}

/** A never / only list (event types, node pools, node classes): never wins; an empty `only` lets all through. */
function passesFilter(filter: NameFilter | undefined, name: string | undefined): boolean {
  if (filter === undefined || name === undefined) return true;
  if (filter.never.includes(name)) return false;
  return filter.only.length === 0 || filter.only.includes(name);
}

/** Rows 6-9: whether the event's node pool and class may notify (true for events about no node). */
export function nodeAllowed(rules: NotificationRules | undefined, e: MonitorEvent): boolean {
  return passesFilter(rules?.nodePools, e.nodePool) && passesFilter(rules?.nodeClasses, e.nodeClass);
}

/** Every row: whether the cluster's rules let this event notify. */
export function eventAllowed(rules: NotificationRules | undefined, e: MonitorEvent): boolean {
  if (!nodeAllowed(rules, e)) return false;
  if (allowedByRules(rules, e.type)) return true;
  // Row 5: not allowed as itself, so `only` is set; a folded storm passes when a type it stands for does.
  const members = NODE_FOLDS.get(e.type) ?? [];
  return !rules?.never.includes(e.type) && members.some((t) => allowedByRules(rules, t));
}
