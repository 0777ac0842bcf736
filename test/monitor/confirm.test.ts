import { describe, expect, it } from 'vitest';
import type { MemberStatus } from '../../common/nomad-domain.js';
import { Detector, type DetectorConfig, type Observation } from '../../main/core/monitor/index.js';
import type { ConfirmResult } from '../../main/core/monitor/detector.js';
import { diffViews } from '../../main/core/monitor/diff.js';
import {
  defaultConfig,
  makeObservation,
  memberList,
  statusRecord,
  unreachableObservation,
} from './builders.js';

const INTERVAL = 10_000;
const S2 = 'server-2.global';

/** A step: overrides of the default healthy observation, or 'down' for an unreachable poll. */
type Step = Partial<Observation> | 'down';

/** Feeds the steps (one poll every 10 s) to `detector` and returns every result. */
function run(steps: Step[], cfg: DetectorConfig = defaultConfig, detector = new Detector()): ConfirmResult[] {
  return steps.map((step, i) => {
    const time = i * INTERVAL;
    const obs = step === 'down' ? unreachableObservation(time) : makeObservation({ ...step, time });
    return detector.confirm(obs, cfg);
  });
}

const members = (s2: MemberStatus | null, extra: Record<string, MemberStatus> = {}): Partial<Observation> => {
  const m: Record<string, MemberStatus> = {
    'server-1.global': 'alive',
    'server-3.global': 'alive',
    ...extra,
  };
  if (s2 !== null) m[S2] = s2;
  return { members: memberList(m) };
};
const ok: Step = {};
const s2failed = members('failed');
const s2alive = members('alive');

type Row = {
  name: string;
  cfg?: Partial<DetectorConfig>;
  steps: Step[];
  /** What to look at in each result. */
  pick: (r: ConfirmResult) => unknown;
  want: unknown[];
};

const status2 = (r: ConfirmResult) => r.view.members?.[S2] ?? 'absent';

const rows: Row[] = [
  {
    name: 'baseline: the first observation is confirmed at once, no flap notice',
    steps: [s2failed],
    pick: (r) => [status2(r), r.view.reachability, r.flapping.length],
    want: [['failed', 'ok', 0]],
  },
  {
    name: 'a failure is confirmed after exactly confirmPolls (3) observations',
    cfg: { confirmPolls: 3 },
    steps: [ok, s2failed, s2failed, s2failed],
    pick: status2,
    want: ['alive', 'alive', 'alive', 'failed'],
  },
  {
    name: 'seeing the confirmed value again resets the count',
    steps: [ok, s2failed, ok, s2failed, ok],
    pick: status2,
    want: ['alive', 'alive', 'alive', 'alive', 'alive'],
  },
  {
    name: 'one dropped poll between two ok ones changes nothing',
    steps: [ok, 'down', ok, ok],
    pick: (r) => [r.view.reachability, r.view.members, r.view.leaders, r.view.health, r.view.quorum],
    want: Array.from({ length: 4 }, () => [
      'ok',
      statusRecord(makeObservation().members ?? []),
      makeObservation().leaders,
      makeObservation().health,
      makeObservation().quorum,
    ]),
  },
  {
    name: 'unreachable is confirmed after confirmPolls and reported with its error',
    steps: [ok, 'down', 'down', ok, ok],
    pick: (r) => [r.view.reachability, r.view.errorMessage],
    want: [
      ['ok', null],
      ['ok', null],
      ['unreachable', 'connect ECONNREFUSED 127.0.0.1:4646'],
      ['unreachable', 'connect ECONNREFUSED 127.0.0.1:4646'],
      ['ok', null],
    ],
  },
  {
    name: 'recovery uses its own threshold (confirm 1, recovery 3)',
    cfg: { confirmPolls: 1, recoveryPolls: 3 },
    steps: [ok, s2failed, s2alive, s2alive, s2alive],
    pick: status2,
    want: ['alive', 'failed', 'failed', 'failed', 'alive'],
  },
  {
    name: 'recovery threshold for the connection: lost after confirmPolls (1), back after recoveryPolls (3)',
    cfg: { confirmPolls: 1, recoveryPolls: 3 },
    steps: [ok, 'down', ok, ok, ok],
    pick: (r) => r.view.reachability,
    want: ['ok', 'unreachable', 'unreachable', 'unreachable', 'ok'],
  },
  {
    name: 'recovery threshold for a leader: lost after confirmPolls, elected after recoveryPolls',
    cfg: { confirmPolls: 1, recoveryPolls: 3 },
    steps: [ok, { leaders: { global: null } }, ok, ok, ok],
    pick: (r) => r.view.leaders['global'],
    want: ['127.0.1.1:4647', null, null, null, '127.0.1.1:4647'],
  },
  {
    name: 'a new leader address is a good value: it needs recoveryPolls',
    cfg: { confirmPolls: 1, recoveryPolls: 3 },
    steps: [ok, ...Array.from({ length: 3 }, () => ({ leaders: { global: '127.0.1.2:4647' } }))],
    pick: (r) => r.view.leaders['global'],
    want: ['127.0.1.1:4647', '127.0.1.1:4647', '127.0.1.1:4647', '127.0.1.2:4647'],
  },
  {
    name: 'recovery threshold for health: failing after confirmPolls, passing after recoveryPolls',
    cfg: { confirmPolls: 1, recoveryPolls: 3 },
    steps: [ok, { health: { server: false } }, ok, ok, ok],
    pick: (r) => r.view.health.server,
    want: [true, false, false, false, true],
  },
  {
    name: 'recovery threshold for quorum: at risk after confirmPolls, safe after recoveryPolls',
    cfg: { confirmPolls: 1, recoveryPolls: 3 },
    steps: [ok, { quorum: { global: { alive: 2, expected: 3, canLose: 0 } } }, ok, ok, ok],
    pick: (r) => r.view.quorum['global']?.canLose,
    want: [1, 0, 0, 0, 1],
  },
  {
    name: 'the failure details follow the confirmed failure: a pending other failure does not replace them',
    steps: [
      ok,
      'down',
      'down',
      {
        reachability: 'forbidden',
        errorKind: 'forbidden',
        errorMessage: 'Permission denied',
        errorDetail: '403',
        members: null,
      },
      'down',
    ],
    pick: (r) => [r.view.reachability, r.view.errorKind, r.view.errorMessage, r.view.errorDetail],
    want: [
      ['ok', null, null, null],
      ['ok', null, null, null],
      [
        'unreachable',
        'unreachable',
        'connect ECONNREFUSED 127.0.0.1:4646',
        'connect ECONNREFUSED 127.0.0.1:4646',
      ],
      [
        'unreachable',
        'unreachable',
        'connect ECONNREFUSED 127.0.0.1:4646',
        'connect ECONNREFUSED 127.0.0.1:4646',
      ],
      [
        'unreachable',
        'unreachable',
        'connect ECONNREFUSED 127.0.0.1:4646',
        'connect ECONNREFUSED 127.0.0.1:4646',
      ],
    ],
  },
  {
    name: 'the details of the same failure are refreshed while it stays confirmed; an observation without detail has none',
    steps: [
      ok,
      'down',
      'down',
      { reachability: 'unreachable', errorKind: 'timeout', errorMessage: 'timed out', members: null },
    ],
    pick: (r) => [r.view.errorKind, r.view.errorMessage, r.view.errorDetail],
    want: [
      [null, null, null],
      [null, null, null],
      ['unreachable', 'connect ECONNREFUSED 127.0.0.1:4646', 'connect ECONNREFUSED 127.0.0.1:4646'],
      ['timeout', 'timed out', null],
    ],
  },
  {
    name: 'health of each role on its own: a failing client check leaves the server check ok',
    steps: [
      { health: { server: true, client: true } },
      { health: { server: true, client: false } },
      { health: { server: true, client: false } },
    ],
    pick: (r) => r.view.health,
    want: [
      { server: true, client: true },
      { server: true, client: true },
      { server: true, client: false },
    ],
  },
  {
    name: 'a flapping client check: one notice naming the client role',
    cfg: { confirmPolls: 3, recoveryPolls: 3 },
    steps: [
      { health: { server: true, client: true } },
      ...Array.from({ length: 3 }, () => [
        { health: { server: true, client: false } },
        { health: { server: true, client: true } },
      ]).flat(),
    ],
    pick: (r) => r.flapping.map((f) => [f.key, f.role, f.region, f.member]),
    want: [[], [], [], [], [], [['health:client', 'client', undefined, undefined]], []],
  },
  {
    name: 'quorum figures are not refreshed from an answer whose failure is still pending',
    steps: [
      ok,
      {
        reachability: 'error',
        errorKind: 'invalid-response',
        errorMessage: 'odd answer',
        quorum: { global: { alive: 4, expected: 5, canLose: 1 } },
      },
    ],
    pick: (r) => [r.view.reachability, r.view.quorum['global']?.alive],
    want: [
      ['ok', 3],
      ['ok', 3],
    ],
  },
  {
    name: 'quorum figures of a region first seen while recovering wait for the recovery',
    steps: ['down', ok, ok],
    pick: (r) => r.view.quorum,
    want: [{}, {}, { global: { alive: 3, expected: 3, canLose: 1 } }],
  },
  {
    name: 'quorum figures of the same level are refreshed only once the recovery is confirmed',
    steps: [
      ok,
      'down',
      'down',
      ...Array.from({ length: 2 }, () => ({ quorum: { global: { alive: 4, expected: 5, canLose: 1 } } })),
    ],
    pick: (r) => r.view.quorum['global']?.alive,
    want: [3, 3, 3, 3, 4],
  },
  {
    name: 'a region whose servers all left is a worsening: gone from the view after confirmPolls (1), not recoveryPolls',
    cfg: { confirmPolls: 1, recoveryPolls: 3 },
    steps: [
      {
        leaders: { global: '127.0.1.1:4647', west: '10.0.0.1:4647' },
        quorum: {
          global: { alive: 3, expected: 3, canLose: 1 },
          west: { alive: 1, expected: 1, canLose: 0 },
        },
      },
      ok,
    ],
    pick: (r) => [r.view.leaders['west'], r.view.quorum['west']],
    want: [
      ['10.0.0.1:4647', { alive: 1, expected: 1, canLose: 0 }],
      [undefined, undefined],
    ],
  },
  {
    name: 'with confirmPolls 1 a removal is confirmed at once, and only the missing member goes',
    cfg: { confirmPolls: 1 },
    steps: [ok, members(null)],
    pick: (r) => r.view.members,
    want: [
      { 'server-1.global': 'alive', [S2]: 'alive', 'server-3.global': 'alive' },
      { 'server-1.global': 'alive', 'server-3.global': 'alive' },
    ],
  },
  {
    name: 'quorum figures follow their own region even when its leader is first known later',
    steps: [{ leaders: {} }, ok, { quorum: { global: { alive: 4, expected: 5, canLose: 1 } } }],
    pick: (r) => [r.view.leaders['global'], r.view.quorum['global']?.alive],
    want: [
      [undefined, 3],
      ['127.0.1.1:4647', 3],
      ['127.0.1.1:4647', 4],
    ],
  },
  {
    name: 'a flapping leader: one notice naming its region',
    cfg: { confirmPolls: 3, recoveryPolls: 3 },
    steps: [ok, ...Array.from({ length: 3 }, () => [{ leaders: { global: '127.0.1.2:4647' } }, ok]).flat()],
    pick: (r) => r.flapping.map((f) => [f.key, f.region, f.member, f.role]),
    want: [[], [], [], [], [], [['leader:global', 'global', undefined, undefined]], []],
  },
  {
    name: 'a flapping server check: one notice naming the server role',
    cfg: { confirmPolls: 3, recoveryPolls: 3 },
    steps: [ok, ...Array.from({ length: 3 }, () => [{ health: { server: false } }, ok]).flat()],
    pick: (r) => r.flapping.map((f) => [f.key, f.role, f.region, f.member]),
    want: [[], [], [], [], [], [['health:server', 'server', undefined, undefined]], []],
  },
  {
    name: 'unreachable polls neither count nor reset a pending member change',
    steps: [ok, s2failed, 'down', s2failed],
    pick: status2,
    want: ['alive', 'alive', 'alive', 'failed'],
  },
  {
    name: 'a long outage does not mark members failed',
    steps: [ok, 'down', 'down', 'down', 'down'],
    pick: (r) => [r.view.reachability, status2(r)],
    want: [
      ['ok', 'alive'],
      ['ok', 'alive'],
      ['unreachable', 'alive'],
      ['unreachable', 'alive'],
      ['unreachable', 'alive'],
    ],
  },
  {
    name: 'a join is debounced like any change (recoveryPolls)',
    steps: [
      ok,
      members('alive', { 'server-4.global': 'alive' }),
      members('alive', { 'server-4.global': 'alive' }),
    ],
    pick: (r) => r.view.members?.['server-4.global'] ?? 'absent',
    want: ['absent', 'absent', 'alive'],
  },
  {
    name: 'a removal is debounced (confirmPolls); the members still listed stay',
    steps: [ok, members(null), members(null)],
    pick: (r) => r.view.members,
    want: [
      { 'server-1.global': 'alive', [S2]: 'alive', 'server-3.global': 'alive' },
      { 'server-1.global': 'alive', [S2]: 'alive', 'server-3.global': 'alive' },
      { 'server-1.global': 'alive', 'server-3.global': 'alive' },
    ],
  },
  {
    name: 'the first member list after an unreachable baseline is itself a silent baseline',
    steps: ['down', ok],
    pick: (r) => [r.view.reachability, r.view.members === null ? null : Object.keys(r.view.members).length],
    want: [
      ['unreachable', null],
      ['unreachable', 3],
    ],
  },
  {
    name: 'leader change debounced; an unknown leader (missing key) does not count',
    steps: [
      ok,
      { leaders: { global: '127.0.1.2:4647' } },
      { leaders: {} },
      { leaders: { global: '127.0.1.2:4647' } },
    ],
    pick: (r) => r.view.leaders['global'],
    want: ['127.0.1.1:4647', '127.0.1.1:4647', '127.0.1.1:4647', '127.0.1.2:4647'],
  },
  {
    name: 'leader lost debounced',
    steps: [ok, { leaders: { global: null } }, { leaders: { global: null } }],
    pick: (r) => r.view.leaders['global'],
    want: ['127.0.1.1:4647', '127.0.1.1:4647', null],
  },
  {
    name: 'health debounced per role',
    steps: [ok, { health: { server: false } }, { health: { server: false } }, { health: {} }],
    pick: (r) => r.view.health.server,
    want: [true, true, false, false],
  },
  {
    name: 'quorum figures follow the confirmed level',
    steps: [
      ok,
      { quorum: { global: { alive: 2, expected: 3, canLose: 0 } } },
      { quorum: { global: { alive: 2, expected: 3, canLose: 0 } } },
    ],
    pick: (r) => r.view.quorum['global']?.canLose,
    want: [1, 1, 0],
  },
  {
    name: 'member flapping: exactly one flap notice, no confirmed change while flapping',
    cfg: { flapTransitions: 4, flapWindowMs: 60_000 },
    steps: [ok, s2failed, ok, s2failed, ok, s2failed, ok, s2failed, ok, s2failed, ok],
    pick: (r) => [status2(r), r.flapping.map((f) => [f.member, f.transitions])],
    // The 4th transition returns to the confirmed value (never the moment to say it flaps): the notice comes with
    // the 5th, a move away from it.
    want: [
      ['alive', []],
      ['alive', []],
      ['alive', []],
      ['alive', []],
      ['alive', []],
      ['alive', [[S2, 4]]],
      ...Array.from({ length: 5 }, () => ['alive', []]),
    ],
  },
];

describe('Detector.confirm', () => {
  it.each(rows)('$name', ({ cfg, steps, pick, want }) => {
    const results = run(steps, { ...defaultConfig, ...cfg });
    expect(results.map(pick)).toStrictEqual(want);
  });

  it('a flapping member that then holds failed is confirmed after 2 × confirmPolls, catching up with one change', () => {
    const cfg = {
      ...defaultConfig,
      confirmPolls: 1,
      recoveryPolls: 1,
      flapTransitions: 3,
      flapWindowMs: 30_000,
    };
    // alive → failed → alive → failed (3 transitions: flapping from poll 3), then failed for good.
    const steps: Step[] = [ok, s2failed, ok, s2failed, ...Array.from({ length: 5 }, () => s2failed)];
    const detector = new Detector();
    const results = run(steps, cfg, detector);
    expect(results.map(status2)).toEqual([
      'alive', // baseline
      'failed', // confirmed (1 poll)
      'alive', // confirmed again
      'alive', // 3rd transition: flapping, damped (needs 2 × 1 polls)
      'failed', // held twice: confirmed, flapping ends in one step
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    expect(results.flatMap((r) => r.flapping)).toHaveLength(1);
    const key = detector.key(`member:${S2}`);
    expect([key?.flapping, key?.recentTransitions]).toEqual([false, []]);
  });

  describe('a region whose servers all left', () => {
    const global = {
      'server-1.global': 'alive',
      'server-2.global': 'alive',
      'server-3.global': 'alive',
    } as const;
    const west = { members: memberList({ ...global, 'server-1.west': 'alive' }) };
    const twoRegions: Partial<Observation> = {
      ...west,
      leaders: { global: '127.0.1.1:4647', west: '10.0.0.1:4647' },
      quorum: { global: { alive: 3, expected: 3, canLose: 1 }, west: { alive: 1, expected: 1, canLose: 0 } },
    };
    const regionKeys = (d: Detector) =>
      d
        .entries()
        .map(([key]) => key)
        .filter((key) => key.endsWith(':west'));

    it('leaves the view (leader and quorum) after confirmPolls; its keys are dropped once the flap window passed', () => {
      const detector = new Detector();
      // Gone from t = 20 s: confirmed absent at 30 s; its transition leaves the 60 s window at 80 s.
      const steps = [twoRegions, twoRegions, ...Array.from({ length: 7 }, () => ok)];
      const polls = steps.map((step, i) => {
        const r = detector.confirm(makeObservation({ ...step, time: i * INTERVAL }), defaultConfig);
        return [r.view.leaders['west'], r.view.quorum['west']?.alive, regionKeys(detector).length];
      });
      expect(polls).toEqual([
        ['10.0.0.1:4647', 1, 2],
        ['10.0.0.1:4647', 1, 2],
        ['10.0.0.1:4647', 1, 2],
        ...Array.from({ length: 5 }, () => [undefined, undefined, 2]),
        [undefined, undefined, 0],
      ]);
    });

    it('a region whose leader still answers is not gone: its leader and last quorum stay', () => {
      const detector = new Detector();
      const stillLed = { leaders: twoRegions.leaders ?? {} };
      const results = run([twoRegions, stillLed, stillLed, stillLed], defaultConfig, detector);
      expect(results.map((r) => [r.view.leaders['west'], r.view.quorum['west']?.alive])).toEqual(
        Array.from({ length: 4 }, () => ['10.0.0.1:4647', 1]),
      );
      expect(regionKeys(detector).sort()).toEqual(['leader:west', 'quorum:west']);
    });
  });

  it('the first poll is a baseline: one settled key per member, leader, health role, quorum and the connection', () => {
    const detector = new Detector();
    detector.confirm(makeObservation({ health: { server: true, client: false } }), defaultConfig);
    const entries = detector.entries();
    expect(entries.map(([key]) => key).sort()).toEqual([
      'health:client',
      'health:server',
      'leader:global',
      'member:server-1.global',
      'member:server-2.global',
      'member:server-3.global',
      'quorum:global',
      'reachability',
    ]);
    expect(detector.key('member:nobody.global')).toBeUndefined();
    expect(detector.key('leader:nowhere')).toBeUndefined();
    for (const [key, k] of entries) {
      expect([key, k.count, k.candidate, k.raw === k.confirmed, k.flapping, k.recentTransitions]).toEqual([
        key,
        0,
        null,
        true,
        false,
        [],
      ]);
    }
  });

  it('unreachable observations leave member, leader and health keys untouched', () => {
    const detector = new Detector();
    run([ok, s2failed], defaultConfig, detector);
    const notReach = () => structuredClone(detector.entries().filter(([k]) => k !== 'reachability'));
    const before = notReach();
    detector.confirm(unreachableObservation(20_000), defaultConfig);
    expect(notReach()).toEqual(before);
    expect(detector.key(`member:${S2}`)?.count).toBe(1);
  });

  it('a member list that throws when read leaves the memory as it was (the engine shows the error and goes on)', () => {
    const detector = new Detector();
    // Pending: server-2 failed once, the agent unreachable once (the hostile poll would reset that count).
    run([ok, s2failed, 'down'], defaultConfig, detector);
    expect([detector.key('reachability')?.count, detector.key(`member:${S2}`)?.count]).toEqual([1, 1]);
    const before = structuredClone(detector.entries());
    const hostile = memberList({ 'server-1.global': 'alive', [S2]: 'failed', 'server-3.global': 'alive' });
    Object.defineProperty(hostile[2], 'status', {
      get() {
        throw new TypeError('status exploded');
      },
    });
    const obs = makeObservation({ time: 20_000, members: hostile, reachability: 'ok' });
    expect(() => detector.confirm(obs, defaultConfig)).toThrow('status exploded');
    expect(detector.entries()).toEqual(before);
    // The next clean poll continues the count where it was: the failure is confirmed now.
    expect(status2(detector.confirm(makeObservation({ ...s2failed, time: 30_000 }), defaultConfig))).toBe(
      'failed',
    );
  });

  it('two detectors share nothing: interleaved polls give what each gives alone', () => {
    const a: Step[] = [ok, s2failed, 'down', s2failed, s2failed, ok, ok];
    const b: Step[] = ['down', ok, members(null), members(null), 'down', 'down', ok];
    const alone = [run(a), run(b)];
    const [da, db] = [new Detector(), new Detector()];
    const obs = (step: Step, i: number) =>
      step === 'down'
        ? unreachableObservation(i * INTERVAL)
        : makeObservation({ ...step, time: i * INTERVAL });
    const together: ConfirmResult[][] = [[], []];
    a.forEach((step, i) => {
      together[0]!.push(da.confirm(obs(step, i), defaultConfig));
      together[1]!.push(db.confirm(obs(b[i]!, i), defaultConfig));
    });
    expect(together).toStrictEqual(alone);
  });

  it('memory stays bounded after 10,000 observations', () => {
    const cfg: DetectorConfig = {
      confirmPolls: 2,
      recoveryPolls: 2,
      flapTransitions: 4,
      flapWindowMs: 120_000,
    };
    let seed = 42;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const detector = new Detector();
    let maxKeys = 0;
    let maxTransitions = 0;
    for (let i = 0; i < 10_000; i++) {
      const time = i * INTERVAL;
      let obs: Observation;
      if (rand() < 0.05) obs = unreachableObservation(time);
      else {
        // Ephemeral members come and go (a new name every ~50 polls), server-2 flaps now and then.
        const eph = `ephemeral-${Math.floor(i / 50)}.global`;
        const m: Record<string, 'alive' | 'failed'> = {
          'server-1.global': 'alive',
          [S2]: rand() < 0.3 ? 'failed' : 'alive',
          'server-3.global': 'alive',
        };
        if (i % 50 < 40) m[eph] = 'alive';
        obs = makeObservation({
          time,
          members: memberList(m),
          leaders: { global: rand() < 0.1 ? null : '127.0.1.1:4647' },
        });
      }
      detector.confirm(obs, cfg);
      const entries = detector.entries();
      maxKeys = Math.max(maxKeys, entries.length);
      for (const [, k] of entries) maxTransitions = Math.max(maxTransitions, k.recentTransitions.length);
    }
    // 3 servers + at most 2 ephemeral names alive or pending + reachability, leader, health, quorum.
    expect(maxKeys).toBeLessThanOrEqual(9);
    expect(maxTransitions).toBeLessThanOrEqual(cfg.flapTransitions);
  });
});

describe('Detector.confirm with large and odd member lists', () => {
  const list = (n: number, failed: ReadonlySet<number> = new Set()) =>
    Array.from({ length: n }, (_, i) => ({
      name: `server-${i}.global`,
      status: failed.has(i) ? ('failed' as const) : ('alive' as const),
    }));
  const obsAt = (time: number, members: Observation['members']) => makeObservation({ time, members });
  const replay = (detector: Detector, steps: Observation[]) =>
    steps.map((o) => ({
      ...detector.confirm(o, defaultConfig),
      keys: JSON.stringify(detector.entries().sort()),
    }));

  it('a name listed twice counts once, with its last status (as if the list had it once)', () => {
    const twice = [
      ...list(3),
      { name: 'x.global', status: 'failed' as const },
      { name: S2, status: 'failed' as const },
      { name: 'x.global', status: 'alive' as const },
    ];
    const once = [...list(3).filter((m) => m.name !== S2), { name: S2, status: 'failed' as const }];
    const withX = [...once, { name: 'x.global', status: 'alive' as const }];
    const times = [0, INTERVAL, 2 * INTERVAL, 3 * INTERVAL];
    const a = replay(
      new Detector(),
      times.map((t) => obsAt(t, t === 0 ? list(3) : twice)),
    );
    const b = replay(
      new Detector(),
      times.map((t) => obsAt(t, t === 0 ? list(3) : withX)),
    );
    expect(a.map((r) => r.view)).toStrictEqual(b.map((r) => r.view));
    expect(a.map((r) => r.keys)).toStrictEqual(b.map((r) => r.keys));
    expect(a.at(-1)?.view.members?.[S2]).toBe('failed');
    expect(a.at(-1)?.view.members?.['x.global']).toBe('alive');
  });

  it('shares the confirmed member map between polls that confirm no member change', () => {
    const [r1, r2, r3, r4] = replay(new Detector(), [
      obsAt(0, list(50)),
      obsAt(INTERVAL, list(50)),
      obsAt(2 * INTERVAL, list(50, new Set([3]))),
      obsAt(3 * INTERVAL, list(50, new Set([3]))),
    ]);
    expect(r2?.view.members).toBe(r1?.view.members);
    expect(r3?.view.members).toBe(r1?.view.members);
    expect(r4?.view.members).not.toBe(r3?.view.members);
    expect(r4?.view.members?.['server-3.global']).toBe('failed');
    expect(r3?.view.members?.['server-3.global']).toBe('alive');
  });

  it('the diff of confirm-made views equals the diff of plain copies (the change hint loses nothing)', () => {
    const joined = [...list(30, new Set([4])), { name: 'new-1.global', status: 'alive' as const }];
    const steps = [
      list(30),
      list(30, new Set([4])),
      list(30, new Set([4])),
      list(20),
      list(20),
      joined,
      joined,
    ];
    const results = replay(
      new Detector(),
      steps.map((m, i) => obsAt(i * INTERVAL, m)),
    );
    const ctx = { clusterId: 'c1', clusterName: 'c1', time: 0 };
    let events = 0;
    for (let i = 1; i < results.length; i += 1) {
      const prev = results[i - 1]!.view;
      const next = results[i]!.view;
      const hinted = diffViews(prev, next, ctx, results[i]!.changedMembers);
      expect(hinted).toStrictEqual(diffViews(structuredClone(prev), structuredClone(next), ctx));
      events += hinted.length;
    }
    expect(events).toBeGreaterThanOrEqual(3);
  });
});
