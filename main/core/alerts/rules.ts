/** Per-cluster notification rules (muted / only / never). Filtered events still reach history: the engine does that. */
import type { MonitorEventType } from '../../../common/domain.js';
import type { NotificationRules } from '../../../common/settings-schema.js';

/** True when a cluster's rules let an event type notify. Missing rules (unknown cluster) allow everything. */
export function allowedByRules(rules: NotificationRules | undefined, type: MonitorEventType): boolean {
  if (rules === undefined) return true;
  if (rules.muted) return false;
  if (rules.never.includes(type)) return false;
  return rules.only.length === 0 || rules.only.includes(type);
}
