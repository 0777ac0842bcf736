import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../common/domain.js';
import { Detector, type DetectorConfig } from '../../main/core/monitor/index.js';
import { defaultConfig, leaderOk, makeFailedSnapshot, makeServers, makeSnapshot } from './builders.js';

/** Runs snapshots (one every 10 s) through a Detector (observe → confirm → diff) and returns every event type. */
function pipeline(snapshots: ClusterSnapshot[], cfg: DetectorConfig = defaultConfig): string[] {
  const detector = new Detector();
  return snapshots.flatMap((s, i) =>
    detector
      .step({ ...s, time: i * 10_000 }, { id: 'c1', name: 'Prod' }, cfg)
      .map((e) => [e.type, e.member ?? e.region].filter(Boolean).join(' ')),
  );
}

const ok = makeSnapshot();
const down = makeFailedSnapshot({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:4646' });
const refused = makeFailedSnapshot({ kind: 'forbidden', message: 'Permission denied', status: 403 });
const s2failed = makeSnapshot({
  members: makeServers(3, 'global', (i) => (i === 2 ? { status: 'failed' } : {})),
});
const newLeader = makeSnapshot({ leaders: { global: leaderOk('127.0.1.3:4647') } });

const rows: { name: string; snapshots: ClusterSnapshot[]; want: string[]; cfg?: Partial<DetectorConfig> }[] =
  [
    { name: 'steady cluster: nothing', snapshots: [ok, ok, ok, ok], want: [] },
    { name: 'one dropped poll: nothing', snapshots: [ok, down, ok, ok], want: [] },
    {
      name: 'outage and recovery',
      snapshots: [ok, down, down, down, ok, ok],
      want: ['cluster-unreachable', 'cluster-recovered'],
    },
    {
      name: 'a failure first seen while recovering from an outage is reported with the recovery',
      cfg: { recoveryPolls: 3 },
      snapshots: [ok, down, down, s2failed, s2failed, s2failed, s2failed],
      want: [
        'cluster-unreachable',
        'cluster-recovered',
        'member-failed server-2.global',
        'quorum-at-risk global',
      ],
    },
    { name: 'token refused', snapshots: [ok, refused, refused], want: ['auth-failed'] },
    {
      name: 'a server fails and comes back',
      snapshots: [ok, s2failed, s2failed, ok, ok],
      want: [
        'member-failed server-2.global',
        'quorum-at-risk global',
        'member-recovered server-2.global',
        'quorum-restored global',
      ],
    },
    {
      name: 'leader change confirmed once',
      snapshots: [ok, newLeader, newLeader, newLeader],
      want: ['leader-changed global'],
    },
    {
      name: 'an outage at baseline, then ok: silent members',
      snapshots: [down, ok, ok],
      want: ['cluster-recovered'],
    },
    {
      // The region's quorum level flips with the server, so it flaps too (one notice per key).
      name: 'a flapping server: one flapping event per key, nothing else',
      snapshots: [ok, s2failed, ok, s2failed, ok, s2failed, ok, s2failed, ok],
      want: ['flapping server-2.global', 'flapping global'],
    },
    // Flapping damps oscillation; it never swallows a value that holds (2 × confirmPolls while flapping).
    {
      name: 'connection flapping, then a sustained outage: the outage is still reported',
      snapshots: [ok, down, ok, down, ok, down, down, down, down],
      want: ['flapping', 'cluster-unreachable'],
    },
    {
      name: 'connection flapping, then the token is revoked: auth-failed at the usual count (a distinct fact)',
      snapshots: [ok, down, ok, down, ok, down, refused, refused],
      want: ['flapping', 'auth-failed'],
    },
    {
      name: 'a settled flap is forgotten: the next outage confirms at the usual count, no second flap notice',
      snapshots: [ok, down, ok, down, ok, down, ok, ok, ok, ok, down, down],
      want: ['flapping', 'cluster-unreachable'],
    },
    {
      name: 'a flapping server that then stays failed is reported failed once it holds',
      snapshots: [ok, s2failed, ok, s2failed, ok, s2failed, s2failed, s2failed, s2failed],
      want: [
        'flapping server-2.global',
        'flapping global',
        'member-failed server-2.global',
        'quorum-at-risk global',
      ],
    },
  ];

describe('Detector.step: observe → confirm → diff', () => {
  it.each(rows)('$name', ({ snapshots, want, cfg }) => {
    expect(pipeline(snapshots, { ...defaultConfig, ...cfg })).toEqual(want);
  });
});

describe('Detector.step: the events in full', () => {
  it('a flapping server, then held failed: the flap notices, then the failure, each with cluster, time, severity and text', () => {
    const detector = new Detector();
    const seq = [ok, s2failed, ok, s2failed, ok, s2failed, s2failed, s2failed, s2failed];
    const events = seq.map((s, i) =>
      detector.step({ ...s, time: 1_000_000 + i * 10_000 }, { id: 'c1', name: 'Prod' }, defaultConfig),
    );
    const base = { clusterId: 'c1', cluster: 'Prod' };
    expect(events.map((e) => e.length)).toEqual([0, 0, 0, 0, 0, 2, 0, 0, 2]);
    expect(events[5]).toStrictEqual([
      {
        ...base,
        time: 1_050_000,
        type: 'flapping',
        severity: 'warning',
        message: 'server-2.global is flapping (4 changes within 60 s); its alerts are held until it settles',
        key: 'member:server-2.global',
        member: 'server-2.global',
      },
      {
        ...base,
        time: 1_050_000,
        type: 'flapping',
        severity: 'warning',
        message: 'quorum in global is flapping (4 changes within 60 s); its alerts are held until it settles',
        key: 'quorum:global',
        region: 'global',
      },
    ]);
    expect(events[8]).toStrictEqual([
      {
        ...base,
        time: 1_080_000,
        type: 'member-failed',
        severity: 'warning',
        member: 'server-2.global',
        from: 'alive',
        to: 'failed',
        message: 'server-2.global failed (was alive)',
        key: 'member:server-2.global',
      },
      {
        ...base,
        time: 1_080_000,
        type: 'quorum-at-risk',
        severity: 'critical',
        region: 'global',
        from: '3/3',
        to: '2/3',
        message: 'quorum in global: 2/3 alive, can lose 0',
        key: 'quorum:global',
      },
    ]);
  });
});

describe('auth-failed carries the token verdict through observe → confirm → diff', () => {
  it('no token set, or a token lacking node:read: the event says which (structured fields)', () => {
    const detector = new Detector();
    const noToken = makeFailedSnapshot({
      kind: 'forbidden',
      message: 'No ACL token set',
      status: 403,
      aclReason: 'no-token',
      capability: 'node:read',
    });
    const events = [makeSnapshot(), noToken, noToken].flatMap((s, i) =>
      detector.step({ ...s, time: i * 10_000 }, { id: 'c1', name: 'Prod' }, defaultConfig),
    );
    expect(events).toMatchObject([{ type: 'auth-failed', aclReason: 'no-token', capability: 'node:read' }]);
    const plain = [makeSnapshot(), refused, refused].flatMap((s, i) =>
      new Detector().step({ ...s, time: i * 10_000 }, { id: 'c1', name: 'Prod' }, defaultConfig),
    );
    expect(plain[0]?.aclReason).toBeUndefined();
  });
});
