import { describe, expect, it } from 'vitest';
import type { ClusterStateKind } from '../../common/domain.js';
import { decideNotifications, type PolicyMemory } from '../../main/core/alerts/index.js';
import { REMINDER_CAP_MS, stepReminder } from '../../main/core/alerts/reminder-notices.js';
import type { ClusterPolicyContext, Notice } from '../../main/core/monitor/types.js';
import { ctx, ev, HOUR, MIN, round, settings, T0, titles } from './builders.js';

/** Runs one round per minute from T0 for `minutes`, with the contexts `at(minute)` gives; returns notices with times. */
function simulate(minutes: number, at: (minute: number) => ClusterPolicyContext[], base = HOUR) {
  let memory: PolicyMemory | null = null;
  const out: Array<{ time: number; notice: Notice }> = [];
  for (let m = 0; m <= minutes; m++) {
    const now = T0 + m * MIN;
    const d = decideNotifications(
      memory,
      round({ now, clusters: at(m), settings: settings({ reminderIntervalMs: base }) }),
    );
    memory = d.memory;
    for (const notice of d.notices) out.push({ time: now, notice });
  }
  return out;
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? 0));

describe('reminders', () => {
  it('double each time and are capped at 24 h', () => {
    const out = simulate(4 * 24 * 60, () => [ctx('prod', { state: 'critical' })]);
    const times = [T0, ...out.map((o) => o.time)];
    const expected = gaps(times).map((_, i) => Math.min(HOUR * 2 ** i, REMINDER_CAP_MS));
    expect(gaps(times)).toEqual(expected);
    expect(expected.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 24].map((h) => h * HOUR));
    expect(out.every((o) => o.notice.title === 'prod: still critical' && o.notice.type === 'reminder')).toBe(
      true,
    );
    expect(out[1]?.notice.body).toBe('since 12:00 (reminder 2)');
  });

  it('reset when the cluster recovers: the next episode starts again at the base interval', () => {
    const state = (m: number): ClusterStateKind =>
      m < 200 ? 'unreachable' : m < 210 ? 'healthy' : 'degraded';
    const out = simulate(400, (m) => [ctx('prod', { state: state(m) })]);
    expect(out.map((o) => [(o.time - T0) / MIN, o.notice.title])).toEqual([
      [60, 'prod: still unreachable'],
      [180, 'prod: still unreachable'],
      [270, 'prod: still degraded'],
      [390, 'prod: still degraded'],
    ]);
  });

  it('stepReminder: off when the interval is 0 or the state is not bad', () => {
    expect(stepReminder(null, 'critical', T0, 0)).toEqual({ next: null, due: false });
    const started = stepReminder(null, 'forbidden', T0, HOUR).next;
    expect(started).toEqual({ since: T0, nextAt: T0 + HOUR, intervalMs: HOUR, count: 0 });
    expect(stepReminder(started, 'stale', T0 + HOUR, HOUR)).toEqual({ next: null, due: false });
  });

  it('follow the cluster rules, snooze and quiet hours (a reminder is as loud as its state)', () => {
    const noReminders = { muted: false, only: [], never: ['reminder' as const] };
    const snooze = { until: T0 + 10 * HOUR, severityAtSnooze: 'critical' as const };
    const out = simulate(90, () => [
      ctx('a', { state: 'critical', rules: noReminders }),
      ctx('b', { state: 'critical', snooze }),
      ctx('c', { state: 'degraded' }),
    ]);
    expect(out.map((o) => [o.notice.title, o.notice.severity])).toEqual([['c: still degraded', 'warning']]);
    const quiet = settings({
      reminderIntervalMs: HOUR,
      quietHours: { enabled: true, start: '00:00', end: '23:59' },
    });
    let memory: PolicyMemory | null = null;
    const notices: Notice[] = [];
    for (const now of [T0, T0 + HOUR]) {
      const d = decideNotifications(
        memory,
        round({
          now,
          settings: quiet,
          clusters: [
            ctx('c', { state: 'degraded' }),
            ctx('d', { state: 'unreachable' }),
            ctx('e', { state: 'forbidden' }),
            ctx('f', { state: 'tls-error' }),
            ctx('g', { state: 'error' }),
          ],
        }),
      );
      memory = d.memory;
      notices.push(...d.notices);
    }
    // Quiet hours let only critical notices through: a blind cluster's reminder is critical like its first
    // notice (ACL token refused, TLS failed, agent error), so it still comes; a degraded one waits.
    expect(notices.map((n) => [n.title, n.severity])).toEqual([
      ['d: still unreachable', 'critical'],
      ['e: ACL token still refused', 'critical'],
      ['f: TLS still failing', 'critical'],
      ['g: still in error', 'critical'],
    ]);
  });

  it('are skipped for a cluster that already got a notice in the same round', () => {
    const s = settings({ reminderIntervalMs: HOUR });
    const r1 = decideNotifications(
      null,
      round({ settings: s, clusters: [ctx('prod', { state: 'critical' })] }),
    );
    const r2 = decideNotifications(
      r1.memory,
      round({
        now: T0 + HOUR,
        settings: s,
        clusters: [ctx('prod', { state: 'critical' })],
        events: [ev('leader-lost', { region: 'global', time: T0 + HOUR })],
      }),
    );
    expect(titles(r2.notices)).toEqual(['prod: no leader in global']);
  });

  it('during a network outage: one "network still unavailable" reminder, not one per cluster', () => {
    const ids = ['a', 'b', 'c'];
    let memory: PolicyMemory | null = null;
    const seen: string[][] = [];
    for (const [i, now] of [T0, T0 + HOUR].entries()) {
      const events =
        i === 0 ? ids.map((id) => ev('cluster-unreachable', { clusterId: id, cluster: id })) : [];
      const d = decideNotifications(
        memory,
        round({
          now,
          settings: settings({ reminderIntervalMs: HOUR }),
          clusters: ids.map((id) => ctx(id, { state: 'unreachable' })),
          events,
        }),
      );
      memory = d.memory;
      seen.push(titles(d.notices));
    }
    expect(seen).toEqual([
      ['Network unavailable — all 3 clusters unreachable'],
      ['Network still unavailable — 3 clusters unreachable'],
    ]);
  });
});
