/**
 * Reminders while a cluster stays bad: the first after `reminderIntervalMs`, then the interval doubles each time,
 * capped at 24 h (or at the configured interval when that is longer); reset as soon as the state is not bad. Due
 * reminders become notices: one per bad cluster, or ONE "Network still unavailable" for all clusters of a
 * network outage (their own schedules are held back meanwhile, until they are back).
 */
import type { ClusterStateKind, MonitorEvent, Severity } from '../../../common/domain.js';
import { STATES } from '../../../common/state-table.js';
import type { ClusterPolicyContext, Notice, PolicyRound } from '../monitor/index.js';
import type { MemoryDraft, ReminderState } from './memory.js';
import { networkReminderText, reminderText } from './messages.js';
import { awaitedClusters } from './network.js';
import { allowedByRules } from './rules.js';

export const REMINDER_CAP_MS = 24 * 3_600_000;

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
  if (baseMs <= 0 || STATES[state].reminder === null) return { next: null, due: false };
  if (prev === null)
    return { next: { since: now, nextAt: now + baseMs, intervalMs: baseMs, count: 0 }, due: false };
  if (now < prev.nextAt) return { next: prev, due: false };
  const intervalMs = Math.min(prev.intervalMs * 2, Math.max(REMINDER_CAP_MS, baseMs));
  return {
    next: { since: prev.since, nextAt: now + intervalMs, intervalMs, count: prev.count + 1 },
    due: true,
  };
}

export interface ReminderGate {
  /** True when a cluster (or the network, null) must not be reminded this round (already notified, snoozed). */
  skip: (clusterId: string | null) => boolean;
  /** Quiet hours now: only critical reminders pass. */
  quiet: boolean;
  offset: number;
}

/** The `reminder` event a reminder notice carries for history. */
function reminderEvent(
  now: number,
  c: ClusterPolicyContext,
  severity: Severity,
  message: string,
): MonitorEvent {
  return { time: now, clusterId: c.clusterId, cluster: c.clusterName, type: 'reminder', severity, message };
}

/**
 * Advances every reminder schedule in the draft and returns the reminder notices due now. Nothing is
 * emitted on a baseline round (the schedules still advance). Each notice carries synthesized `reminder` events
 * so the engine can record them in history.
 */
export function dueReminders(draft: MemoryDraft, round: PolicyRound, gate: ReminderGate): Notice[] {
  const out: Notice[] = [];
  const base = round.settings.reminderIntervalMs;
  const network = draft.memory.network;
  const inOutage = new Set(network === null ? [] : awaitedClusters(network));
  for (const c of round.clusters) {
    const cm = draft.cluster(c.clusterId);
    const step = stepReminder(cm.reminder, c.state, round.now, base);
    cm.reminder = step.next;
    const { reminder: still, severity } = STATES[c.state];
    if (!step.due || step.next === null || still === null) continue;
    if (round.baseline === true || inOutage.has(c.clusterId)) continue;
    if (gate.skip(c.clusterId) || !allowedByRules(c.rules, 'reminder')) continue;
    if (gate.quiet && severity !== 'critical') continue;
    const text = reminderText(c.clusterName, still, step.next.since, step.next.count, gate.offset);
    const events = [reminderEvent(round.now, c, severity, text.title)];
    out.push({ clusterId: c.clusterId, ...text, severity, events, type: 'reminder' });
  }
  // While the outage is restoring the network is back: no "Network still unavailable" any more.
  if (network === null || network.restoringSince !== null) return out;
  const step = stepReminder(network.reminder, 'unreachable', round.now, base);
  network.reminder = step.next;
  if (!step.due || step.next === null || round.baseline === true || gate.skip(null)) return out;
  const eligible = round.clusters.filter(
    (c) => inOutage.has(c.clusterId) && allowedByRules(c.rules, 'reminder') && !gate.skip(c.clusterId),
  );
  if (eligible.length === 0) return out;
  const text = networkReminderText(network.clusterIds.length, network.since, gate.offset);
  const events = eligible.map((c) => reminderEvent(round.now, c, 'critical', text.title));
  out.push({ clusterId: null, ...text, severity: 'critical', events, type: 'reminder' });
  return out;
}
