import { describe, expect, it } from 'vitest';
import type { Severity } from '../../common/domain.js';
import { decideNotifications } from '../../main/core/alerts/index.js';
import type { ClusterPolicyContext } from '../../main/core/monitor/types.js';
import { ctx, ev, failed, HOUR, MIN, round, runRounds, T0, titles } from './builders.js';

const snoozed = (severityAtSnooze: Severity, over: Partial<ClusterPolicyContext> = {}) =>
  ctx('prod', { snooze: { until: T0 + HOUR, severityAtSnooze }, state: 'degraded', ...over });

describe('snooze', () => {
  it('holds back notices no worse than the snooze severity', () => {
    const d = decideNotifications(
      null,
      round({
        clusters: [snoozed('warning')],
        events: [failed('s1'), ev('member-joined', { member: 's9.global' })],
      }),
    );
    expect(d.notices).toEqual([]);
    expect(d.snoozeLifted).toEqual([]);
  });

  it('lifts itself on escalation: the worse notice and the rest of that cluster pass', () => {
    const d = decideNotifications(
      null,
      round({
        clusters: [snoozed('warning')],
        events: [failed('s1'), ev('leader-lost', { region: 'global' })],
      }),
    );
    expect(titles(d.notices)).toEqual(['prod: s1 failed', 'prod: no leader in global']);
    expect(d.snoozeLifted).toEqual(['prod']);
  });

  it('only lifts the cluster that got worse', () => {
    const other = ctx('dev', { snooze: { until: T0 + HOUR, severityAtSnooze: 'warning' } });
    const d = decideNotifications(
      null,
      round({
        clusters: [snoozed('warning'), other],
        events: [ev('leader-lost', { region: 'global' }), failed('x1', { clusterId: 'dev', cluster: 'dev' })],
      }),
    );
    expect(titles(d.notices)).toEqual(['prod: no leader in global']);
    expect(d.snoozeLifted).toEqual(['prod']);
  });

  it('until-recovered lifts when the state becomes healthy, without any event', () => {
    const d = decideNotifications(
      null,
      round({
        clusters: [ctx('prod', { snooze: { until: 'until-recovered', severityAtSnooze: 'critical' } })],
      }),
    );
    expect(d.snoozeLifted).toEqual(['prod']);
  });

  it('until-recovered holds while the cluster stays bad, and lifts on cluster-recovered', () => {
    const s = { until: 'until-recovered' as const, severityAtSnooze: 'critical' as const };
    const r1 = round({
      events: [ev('cluster-unreachable')],
      clusters: [ctx('prod', { state: 'unreachable' })],
    });
    const r2 = round({
      now: T0 + MIN,
      clusters: [ctx('prod', { state: 'unreachable', snooze: s })],
      events: [ev('auth-failed', { severity: 'warning' })],
    });
    const r3 = round({
      now: T0 + 2 * MIN,
      clusters: [ctx('prod', { state: 'stale', snooze: s })],
      events: [ev('cluster-recovered')],
    });
    const { perRound, last } = runRounds([r1, r2, r3]);
    expect(perRound.map(titles)).toEqual([['prod: unreachable'], [], ['prod: reachable again']]);
    expect(last.snoozeLifted).toEqual(['prod']);
  });

  it('a timed snooze expires at `until` exactly', () => {
    const ctxAt = snoozed('critical');
    const before = decideNotifications(
      null,
      round({ now: T0 + HOUR - 1, clusters: [ctxAt], events: [failed('s1')] }),
    );
    const after = decideNotifications(
      null,
      round({ now: T0 + HOUR, clusters: [ctxAt], events: [failed('s1')] }),
    );
    expect([titles(before.notices), before.snoozeLifted]).toEqual([[], []]);
    expect([titles(after.notices), after.snoozeLifted]).toEqual([['prod: s1 failed'], ['prod']]);
  });

  it('a problem hidden by snooze does not get its recovery announced', () => {
    const r1 = round({ clusters: [snoozed('critical')], events: [failed('s1')] });
    const r2 = round({
      now: T0 + 2 * HOUR,
      events: [ev('member-recovered', { member: 's1.global', region: 'global' })],
    });
    const { perRound } = runRounds([r1, r2]);
    expect(perRound.map(titles)).toEqual([[], []]);
  });
});
