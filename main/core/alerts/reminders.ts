/**
 * Reminders while a cluster stays bad: the first after `reminderIntervalMs`, then the interval doubles each
 * time, capped at 24 h (or at the configured interval when that is longer). Reset as soon as the state is not bad.
 */
import type { ClusterStateKind, Severity } from '../../../common/domain.js';
import type { ReminderState } from './memory.js';

export const REMINDER_CAP_MS = 24 * 3_600_000;

const BAD_STATES: ReadonlySet<ClusterStateKind> = new Set<ClusterStateKind>([
  'critical',
  'unreachable',
  'forbidden',
  'tls-error',
  'error',
  'degraded',
]);

/** True for the states that keep reminding. */
export function isBadState(state: ClusterStateKind): boolean {
  return BAD_STATES.has(state);
}

/** Severity of a reminder for a state: outages are critical, the rest a warning. */
export function reminderSeverity(state: ClusterStateKind): Severity {
  return state === 'critical' || state === 'unreachable' ? 'critical' : 'warning';
}

/**
 * Advances one cluster's reminder schedule to `now`. Returns the next state (null = no episode) and whether a
 * reminder is due now (the caller may still suppress it; the schedule advances either way).
 */
export function stepReminder(
  prev: ReminderState | null,
  state: ClusterStateKind,
  now: number,
  baseMs: number,
): { next: ReminderState | null; due: boolean } {
  if (baseMs <= 0 || !isBadState(state)) return { next: null, due: false };
  if (prev === null)
    return { next: { since: now, nextAt: now + baseMs, intervalMs: baseMs, count: 0 }, due: false };
  if (now < prev.nextAt) return { next: prev, due: false };
  const intervalMs = Math.min(prev.intervalMs * 2, Math.max(REMINDER_CAP_MS, baseMs));
  return {
    next: { since: prev.since, nextAt: now + intervalMs, intervalMs, count: prev.count + 1 },
    due: true,
  };
}
