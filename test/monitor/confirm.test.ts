import { describe, expect, it } from 'vitest';
import {
  confirm,
  diffViews,
  type ConfirmResult,
  type DetectorConfig,
  type DetectorMemory,
  type MemberStatus,
  type Observation,
  parseDetectorMemory,
} from '../../main/core/monitor/index.js';
import { detectorKey, detectorKeyEntries } from '../../main/core/monitor/detect-store.js';
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

/** Feeds the steps (one poll every 10 s) and returns every result. */
function run(
  steps: Step[],
  cfg: DetectorConfig = defaultConfig,
  start: DetectorMemory | null = null,
): ConfirmResult[] {
  let memory = start;
  return steps.map((step, i) => {
    const time = i * INTERVAL;
    const obs = step === 'down' ? unreachableObservation(time) : makeObservation({ ...step, time });
    const r = confirm(memory, obs, cfg);
    memory = r.memory;
    return r;
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
    name: 'a removal is debounced (confirmPolls)',
    steps: [ok, members(null), members(null)],
    pick: status2,
    want: ['alive', 'alive', 'absent'],
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

describe('confirm', () => {
  it.each(rows)('$name', ({ cfg, steps, pick, want }) => {
    const results = run(steps, { ...defaultConfig, ...cfg });
    expect(results.map(pick)).toEqual(want);
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
    const results = run(steps, cfg);
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
    const key = detectorKey(results.at(-1)!.memory, `member:${S2}`);
    expect([key?.flapping, key?.recentTransitions]).toEqual([false, []]);
  });

  it('unreachable observations leave member, leader and health keys untouched', () => {
    const [, pending] = run([ok, s2failed]);
    const before = pending!.memory;
    const after = confirm(before, unreachableObservation(20_000), defaultConfig).memory;
    const notReach = (m: DetectorMemory) => detectorKeyEntries(m).filter(([k]) => k !== 'reachability');
    expect(notReach(after)).toEqual(notReach(before));
    expect(detectorKey(after, `member:${S2}`)?.count).toBe(1);
  });

  it.each([
    { name: 'not an object', value: 'x' },
    { name: 'keys missing', value: { time: 0, membersBaseline: true, error: null, quorum: {} } },
    {
      name: 'negative count',
      value: {
        time: 0,
        keys: {
          reachability: {
            confirmed: 'ok',
            candidate: null,
            count: -1,
            raw: 'ok',
            recentTransitions: [],
            flapping: false,
            lastRawChange: null,
          },
        },
        membersBaseline: true,
        error: null,
        quorum: {},
      },
    },
  ])('parseDetectorMemory rejects a stored memory that is $name', ({ value }) => {
    const parsed = parseDetectorMemory(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^detector memory is not valid: /);
  });

  it('does not modify the memory it is given', () => {
    const [first] = run([ok]);
    const snapshot = JSON.stringify(first!.memory);
    confirm(first!.memory, makeObservation({ ...s2failed, time: 10_000 }), defaultConfig);
    expect(JSON.stringify(first!.memory)).toBe(snapshot);
  });

  it('memory is JSON round-trippable and bounded after 10,000 observations', () => {
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
    let memory: DetectorMemory | null = null;
    let maxKeys = 0;
    let maxTransitions = 0;
    let maxBytes = 0;
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
      const result = confirm(memory, obs, cfg);
      const json = JSON.stringify(result.memory);
      if (i % 97 === 0) {
        const parsed = parseDetectorMemory(JSON.parse(json));
        if (!parsed.ok) throw new Error(parsed.error);
        const restored = parsed.value;
        expect(restored).toStrictEqual(result.memory);
        const next = makeObservation({ time: time + 1 });
        expect(confirm(restored, next, cfg)).toStrictEqual(confirm(result.memory, next, cfg));
      }
      memory = result.memory;
      maxKeys = Math.max(maxKeys, detectorKeyEntries(memory).length);
      maxBytes = Math.max(maxBytes, json.length);
      for (const [, k] of detectorKeyEntries(memory))
        maxTransitions = Math.max(maxTransitions, k.recentTransitions.length);
    }
    // 3 servers + at most 2 ephemeral names alive or pending + reachability, leader, health, quorum.
    expect(maxKeys).toBeLessThanOrEqual(9);
    expect(maxTransitions).toBeLessThanOrEqual(cfg.flapTransitions);
    expect(maxBytes).toBeLessThan(8_000);
  });
});

describe('confirm with large and odd member lists', () => {
  const list = (n: number, failed: ReadonlySet<number> = new Set()) =>
    Array.from({ length: n }, (_, i) => ({
      name: `server-${i}.global`,
      status: failed.has(i) ? ('failed' as const) : ('alive' as const),
    }));
  const obsAt = (time: number, members: Observation['members']) => makeObservation({ time, members });
  const replay = (memory: DetectorMemory | null, steps: Observation[]) => {
    const out: ConfirmResult[] = [];
    for (const o of steps) {
      const r = confirm(memory, o, defaultConfig);
      out.push(r);
      memory = r.memory;
    }
    return out;
  };

  it('a name listed twice counts once, with its last status (as if the list had it once)', () => {
    const twice = [
      ...list(3),
      { name: S2, status: 'failed' as const },
      { name: 'x.global', status: 'alive' as const },
    ];
    const once = [...list(3).filter((m) => m.name !== S2), { name: S2, status: 'failed' as const }];
    const withX = [...once, { name: 'x.global', status: 'alive' as const }];
    const times = [0, INTERVAL, 2 * INTERVAL, 3 * INTERVAL];
    const a = replay(
      null,
      times.map((t) => obsAt(t, t === 0 ? list(3) : twice)),
    );
    const b = replay(
      null,
      times.map((t) => obsAt(t, t === 0 ? list(3) : withX)),
    );
    expect(a.map((r) => r.view)).toStrictEqual(b.map((r) => r.view));
    expect(a.map((r) => JSON.stringify(detectorKeyEntries(r.memory).sort()))).toStrictEqual(
      b.map((r) => JSON.stringify(detectorKeyEntries(r.memory).sort())),
    );
    expect(a.at(-1)?.view.members?.[S2]).toBe('failed');
  });

  it('an older memory used again gives what its JSON copy gives (branching histories never mix)', () => {
    const [first] = replay(null, [obsAt(0, list(200))]);
    const m1 = first!.memory;
    const failing = obsAt(INTERVAL, list(200, new Set([7, 150])));
    const gone = obsAt(INTERVAL, list(120));
    // Branch A, then branch B from the same memory, then B again from a JSON copy of it.
    const a = replay(m1, [failing, { ...failing, time: 2 * INTERVAL }]);
    const b = replay(m1, [gone, { ...gone, time: 2 * INTERVAL }]);
    const parsed = parseDetectorMemory(JSON.parse(JSON.stringify(m1)));
    if (!parsed.ok) throw new Error(parsed.error);
    const b2 = replay(parsed.value, [gone, { ...gone, time: 2 * INTERVAL }]);
    expect(b).toStrictEqual(b2);
    expect(a.at(-1)?.view.members?.['server-7.global']).toBe('failed');
    expect(Object.keys(b.at(-1)?.view.members ?? {})).toHaveLength(120);
  });

  it('shares the confirmed member map between polls that confirm no member change', () => {
    const [r1, r2, r3, r4] = replay(null, [
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
      null,
      steps.map((m, i) => obsAt(i * INTERVAL, m)),
    );
    const ctx = { clusterId: 'c1', clusterName: 'c1', time: 0 };
    let events = 0;
    for (let i = 1; i < results.length; i += 1) {
      const prev = results[i - 1]!.view;
      const next = results[i]!.view;
      const hinted = diffViews(prev, next, ctx);
      expect(hinted).toStrictEqual(diffViews(structuredClone(prev), structuredClone(next), ctx));
      events += hinted.length;
    }
    expect(events).toBeGreaterThanOrEqual(3);
  });
});
