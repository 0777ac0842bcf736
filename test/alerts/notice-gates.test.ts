/**
 * The gates every notice passes, proven where mutation testing found them unguarded: facts are never
 * deduplicated like problems; mute, never-rules and snooze apply to the network-wide notices too; and a notice
 * held back (snooze, quiet hours, rules) never counts as delivered, so its resolution is not announced.
 */
import { describe, expect, it } from 'vitest';
import { decideNotifications } from '../../main/core/alerts/index.js';
import type { ClusterPolicyContext } from '../../main/core/monitor/types.js';
import { ctx, ev, HOUR, MIN, round, runRounds, settings, T0, titles } from './builders.js';

const ids = ['a', 'b', 'c'];
const down = (id: string, t = T0) => ev('cluster-unreachable', { clusterId: id, cluster: id, time: t });
const back = (id: string, t = T0) => ev('cluster-recovered', { clusterId: id, cluster: id, time: t });
const allDown = (over: (id: string) => Partial<ClusterPolicyContext> = () => ({}), now = T0) =>
  round({
    now,
    clusters: ids.map((id) => ctx(id, { state: 'unreachable', ...over(id) })),
    events: ids.map((id) => down(id, now)),
  });
const allBack = (over: (id: string) => Partial<ClusterPolicyContext> = () => ({}), now = T0 + MIN) =>
  round({ now, clusters: ids.map((id) => ctx(id, over(id))), events: ids.map((id) => back(id, now)) });

describe('facts are news every time', () => {
  it('the same member joining twice notifies twice (a fact is not a problem kept open)', () => {
    const joined = (t: number) =>
      round({
        now: t,
        events: [ev('member-joined', { member: 's4.global', region: 'global', to: 'alive', time: t })],
      });
    const { perRound } = runRounds([joined(T0), joined(T0 + MIN)]);
    expect(perRound.map((n) => n.length)).toEqual([1, 1]);
    expect(perRound[1]?.[0]).toMatchObject({ type: 'member-joined', clusterId: 'prod' });
  });

  it('two leader changes in one region both notify, in one round and across rounds', () => {
    const change = (from: string, to: string, t = T0) =>
      ev('leader-changed', { region: 'global', from, to, time: t, severity: 'warning' });
    const one = decideNotifications(
      null,
      round({ events: [change('a:4647', 'b:4647'), change('b:4647', 'c:4647')] }),
    );
    expect(one.notices).toHaveLength(2);
    const { perRound } = runRounds([
      round({ events: [change('a:4647', 'b:4647')] }),
      round({ now: T0 + MIN, events: [change('b:4647', 'c:4647', T0 + MIN)] }),
    ]);
    expect(perRound.map((n) => n.length)).toEqual([1, 1]);
  });

  it('a fact opens no problem: no reminder and no resolution follows it', () => {
    const d = decideNotifications(
      null,
      round({ events: [ev('member-joined', { member: 's4.global', region: 'global' })] }),
    );
    expect(d.memory.clusters).toEqual({ prod: expect.objectContaining({ open: {} }) });
  });
});

describe('rules and snooze on the network-wide notices', () => {
  it('a muted cluster is left out of "Network unavailable"; the notice covers the others', () => {
    const d = decideNotifications(
      null,
      allDown((id) => (id === 'b' ? { rules: { muted: true, only: [], never: [] } } : {})),
    );
    expect(d.notices).toHaveLength(1);
    expect(d.notices[0]).toMatchObject({ type: 'network-unavailable', clusterId: null });
    expect(d.notices[0]?.events?.map((e) => e.clusterId)).toEqual(['a', 'c']);
  });

  it('every cluster muted, or cluster-unreachable in every never list: no network notice at all', () => {
    const muted = decideNotifications(
      null,
      allDown(() => ({ rules: { muted: true, only: [], never: [] } })),
    );
    expect(muted.notices).toEqual([]);
    const never = decideNotifications(
      null,
      allDown(() => ({ rules: { muted: false, only: [], never: ['cluster-unreachable'] } })),
    );
    expect(never.notices).toEqual([]);
    const only = decideNotifications(
      null,
      allDown(() => ({ rules: { muted: false, only: ['member-failed'], never: [] } })),
    );
    expect(only.notices).toEqual([]);
  });

  it('"Network restored" leaves out a cluster whose rules refuse cluster-recovered', () => {
    const never = (id: string): Partial<ClusterPolicyContext> =>
      id === 'c' ? { rules: { muted: false, only: [], never: ['cluster-recovered'] } } : {};
    const { perRound } = runRounds([allDown(never), allBack(never)]);
    expect(titles(perRound[1] ?? [])).toHaveLength(1);
    expect(perRound[1]?.[0]?.events?.map((e) => e.clusterId)).toEqual(['a', 'b']);
    expect(perRound[1]?.[0]).toMatchObject({ type: 'network-restored', resolves: ['network'] });
  });

  it('every cluster snoozed at critical: "Network unavailable" is held back, and so is "Network restored"', () => {
    const snoozed = (): Partial<ClusterPolicyContext> => ({
      snooze: { until: T0 + HOUR, severityAtSnooze: 'critical' },
    });
    const { perRound, last } = runRounds([allDown(snoozed), allBack(snoozed)]);
    expect(perRound).toEqual([[], []]);
    expect(last.snoozeLifted).toEqual([]);
  });

  it('one cluster not snoozed: "Network unavailable" goes out', () => {
    const snoozed = (id: string): Partial<ClusterPolicyContext> =>
      id === 'a' ? {} : { snooze: { until: T0 + HOUR, severityAtSnooze: 'critical' } };
    const d = decideNotifications(null, allDown(snoozed));
    expect(titles(d.notices)).toEqual(['Network unavailable — all 3 clusters unreachable']);
    expect(d.snoozeLifted).toEqual([]);
  });

  it('a snooze at warning is lifted by the critical network notice, for every cluster it covers', () => {
    const snoozed = (): Partial<ClusterPolicyContext> => ({
      snooze: { until: T0 + HOUR, severityAtSnooze: 'warning' },
    });
    const d = decideNotifications(null, allDown(snoozed));
    expect(titles(d.notices)).toEqual(['Network unavailable — all 3 clusters unreachable']);
    expect([...d.snoozeLifted].sort()).toEqual(ids);
  });
});

describe('a notice held back is not delivered', () => {
  it('"Network unavailable" hidden by snooze is not remembered as shown: the outage ends silently', () => {
    const snoozed = (): Partial<ClusterPolicyContext> => ({
      snooze: { until: T0 + 2 * MIN, severityAtSnooze: 'critical' },
    });
    const r1 = allDown(snoozed);
    const { perRound } = runRounds([r1, allBack(() => ({}), T0 + 5 * MIN)]);
    expect(perRound).toEqual([[], []]);
  });

  it('"Network unavailable" shown is remembered: "Network restored" follows', () => {
    const { perRound } = runRounds([allDown(), allBack()]);
    expect(titles(perRound[0] ?? [])).toEqual(['Network unavailable — all 3 clusters unreachable']);
    expect(perRound[1]?.[0]).toMatchObject({ type: 'network-restored' });
  });

  it('a warning hidden by quiet hours opens no problem, so its recovery is not announced', () => {
    const quiet = settings({ quietHours: { enabled: true, start: '11:00', end: '13:00' } });
    const fail = round({
      settings: quiet,
      events: [ev('member-failed', { member: 's2.global', region: 'global' })],
    });
    expect(fail.now).toBe(T0);
    const d1 = decideNotifications(null, fail);
    expect(d1.notices).toEqual([]);
    expect(d1.memory.clusters.prod?.open ?? {}).toEqual({});
    const rec = round({
      now: T0 + 3 * HOUR,
      events: [ev('member-recovered', { member: 's2.global', region: 'global', time: T0 + 3 * HOUR })],
    });
    expect(decideNotifications(d1.memory, rec).notices).toEqual([]);
  });

  it('a critical notice in quiet hours is delivered and marks its problem', () => {
    const quiet = settings({ quietHours: { enabled: true, start: '11:00', end: '13:00' } });
    const d = decideNotifications(
      null,
      round({ settings: quiet, events: [ev('leader-lost', { region: 'global' })] }),
    );
    expect(d.notices).toHaveLength(1);
    expect(Object.values(d.memory.clusters.prod?.open ?? {})).toEqual([{ severity: 'critical', at: T0 }]);
  });

  it('a problem hidden by snooze is not marked: the same problem after the snooze notifies', () => {
    const snoozed = ctx('prod', { snooze: { until: T0 + MIN, severityAtSnooze: 'warning' } });
    const f = (t: number) => ev('member-failed', { member: 's2.global', region: 'global', time: t });
    const { perRound } = runRounds([
      round({ clusters: [snoozed], events: [f(T0)] }),
      round({ now: T0 + 2 * MIN, events: [f(T0 + 2 * MIN)] }),
    ]);
    expect(perRound.map((n) => n.length)).toEqual([0, 1]);
  });
});

describe('notices name the cluster as the user named it', () => {
  it("the settings' name wins over the event's; a cluster no longer in the round keeps its event's name", () => {
    const d = decideNotifications(
      null,
      round({
        clusters: [ctx('p1', { clusterName: 'Production' }), ctx('s1', { clusterName: 'Staging' })],
        events: [
          ev('member-joined', { clusterId: 'p1', cluster: 'prod (old name)', member: 'x.global' }),
          ev('member-joined', { clusterId: 'gone', cluster: 'Lab', member: 'y.global' }),
        ],
      }),
    );
    expect(d.notices.map((n) => n.title.split(':')[0])).toEqual(['Production', 'Lab']);
  });
});
