/** Severity ordering helpers for the alert policy (info < warning < critical). */
import type { Severity } from '../../../common/domain.js';

export const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** True when `a` is strictly worse than `b` (escalation and snooze lifting use this). */
export function isWorse(a: Severity, b: Severity): boolean {
  return RANK[a] > RANK[b];
}

/** The worst severity of a list of things with a severity ('info' for an empty list). */
export function worstSeverity(items: ReadonlyArray<{ severity: Severity }>): Severity {
  let worst: Severity = 'info';
  for (const item of items) if (isWorse(item.severity, worst)) worst = item.severity;
  return worst;
}
