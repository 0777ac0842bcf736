/**
 * Flapping damps oscillation but never swallows a sustained value (stepKey's table in detect-keys.ts, one row per
 * rule), wake() forgets the connection's flap history (detect-wake.ts), and confirm() is copy-on-write.
 */
import { describe, expect, it } from 'vitest';
import {
  confirm,
  type ConfirmResult,
  type DetectorConfig,
  type DetectorMemory,
  type Observation,
} from '../../main/core/monitor/index.js';
import { forgetTransitions, resetAfterWake } from '../../main/core/monitor/detect-wake.js';
import { detectorKey } from '../../main/core/monitor/detect-store.js';
import { defaultConfig, makeObservation, memberList, unreachableObservation } from './builders.js';

const INTERVAL = 10_000;
const S2 = 'server-2.global';

type Step = 'ok' | 'down' | 'refused' | 'tls' | 's2failed';

function observation(step: Step, time: number): Observation {
  switch (step) {
    case 'ok':
      return makeObservation({ time });
    case 'down':
      return unreachableObservation(time);
    case 'refused':
      return makeObservation({
        time,
        reachability: 'forbidden',
        errorKind: 'forbidden',
        errorMessage: 'Permission denied',
        errorDetail: '403 Permission denied',
        members: null,
      });
    case 'tls':
      return makeObservation({
        time,
        reachability: 'tls',
        errorKind: 'tls',
        errorMessage: 'certificate has expired',
        errorDetail: 'the certificate has expired or is not yet valid',
        members: null,
      });
    case 's2failed':
      return makeObservation({
        time,
        members: memberList({ 'server-1.global': 'alive', [S2]: 'failed', 'server-3.global': 'alive' }),
      });
  }
}

/** Feeds the steps, one poll every 10 s starting at `from`, and returns every result. */
function run(
  steps: Step[],
  cfg: DetectorConfig = defaultConfig,
  start: DetectorMemory | null = null,
  from = 0,
): ConfirmResult[] {
  let memory = start;
  return steps.map((step, i) => {
    const r = confirm(memory, observation(step, from + i * INTERVAL), cfg);
    memory = r.memory;
    return r;
  });
}

const reach = (r: ConfirmResult) => r.view.reachability;
const flappingNow = (r: ConfirmResult) => r.memory.keys['reachability']?.flapping ?? false;
const flicker: Step[] = ['ok', 'down', 'ok', 'down', 'ok']; // 4 transitions: flapping from the 5th poll

const rows: Array<{
  name: string;
  cfg?: Partial<DetectorConfig>;
  steps: Step[];
  pick: (r: ConfirmResult) => unknown;
  want: unknown[];
}> = [
  {
    name: 'flapping, a failure held 2 × confirmPolls is confirmed (damped, not swallowed)',
    steps: [...flicker, 'down', 'down', 'down', 'down'],
    pick: reach,
    want: [...Array<string>(8).fill('ok'), 'unreachable'],
  },
  {
    name: 'flapping, a failure held less than 2 × confirmPolls is not confirmed',
    steps: [...flicker, 'down', 'down', 'down', 'ok'],
    pick: reach,
    want: Array<string>(9).fill('ok'),
  },
  {
    name: 'flapping, settling on the confirmed value ends flapping silently after 2 × recoveryPolls',
    steps: [...flicker, 'ok', 'ok', 'ok'],
    pick: (r) => [reach(r), flappingNow(r)],
    want: [
      ['ok', false],
      ['ok', false],
      ['ok', false],
      ['ok', false],
      ['ok', true],
      ['ok', true],
      ['ok', true],
      ['ok', false],
    ],
  },
  {
    name: 'connection flapping, a refused token is a distinct fact: confirmed after confirmPolls',
    steps: [...flicker, 'refused', 'refused'],
    pick: reach,
    want: [...Array<string>(6).fill('ok'), 'forbidden'],
  },
  {
    name: 'connection flapping, a TLS failure is a distinct fact: confirmed after confirmPolls',
    steps: [...flicker, 'tls', 'tls'],
    pick: reach,
    want: [...Array<string>(6).fill('ok'), 'tls'],
  },
  {
    name: 'a settled flap leaves no history: the next outage needs confirmPolls and no new flap notice',
    steps: [...flicker, 'ok', 'ok', 'ok', 'down', 'down'],
    pick: (r) => [reach(r), r.flapping.length],
    want: [
      ['ok', 0],
      ['ok', 0],
      ['ok', 0],
      ['ok', 0],
      ['ok', 1],
      ['ok', 0],
      ['ok', 0],
      ['ok', 0],
      ['ok', 0],
      ['unreachable', 0],
    ],
  },
  {
    name: 'slow confirmation: raw stable for flapWindowMs ends flapping before 2 × the count',
    cfg: { confirmPolls: 5, recoveryPolls: 5, flapWindowMs: 40_000 },
    steps: [...flicker, 'ok', 'ok', 'ok', 'ok'],
    pick: flappingNow,
    want: [false, false, false, false, true, true, true, true, false],
  },
  {
    name: 'a flapping member that then holds failed is confirmed failed',
    steps: ['ok', 's2failed', 'ok', 's2failed', 'ok', 's2failed', 's2failed', 's2failed', 's2failed'],
    pick: (r) => r.view.members?.[S2],
    want: [...Array<string>(8).fill('alive'), 'failed'],
  },
];

describe('flapping damps, never swallows', () => {
  it.each(rows)('$name', ({ cfg, steps, pick, want }) => {
    expect(run(steps, { ...defaultConfig, ...cfg }).map(pick)).toEqual(want);
  });
});

/** Memory after polls that left 2 connection transitions (ok → down → ok) and a flapping-free member. */
const twoTransitions = () => run(['ok', 'down', 'ok']).at(-1)?.memory ?? null;

describe('only changes of the same kind add up to flapping', () => {
  it('a dropped poll, then a token revoked and restored: two kinds of change, no flapping', () => {
    const results = run(['ok', 'down', 'ok', 'refused', 'refused', 'refused', 'ok', 'ok', 'ok']);
    expect(results.flatMap((r) => r.flapping)).toEqual([]);
    expect(results.map(flappingNow)).toEqual(Array.from({ length: 9 }, () => false));
    // The refusal is still confirmed and then recovers (nothing swallowed).
    expect(results.map(reach)).toContain('forbidden');
    expect(reach(results.at(-1)!)).toBe('ok');
  });

  it('one dropped poll never makes flapping; the same dropped poll repeated does', () => {
    expect(run(['ok', 'down', 'ok', 'ok', 'ok']).flatMap((r) => r.flapping)).toEqual([]);
    expect(run(flicker).flatMap((r) => r.flapping.map((f) => f.key))).toEqual(['reachability']);
  });

  it('a token refused then restored, then a dropped poll: the count starts again with each kind', () => {
    const results = run(['ok', 'refused', 'ok', 'down', 'ok', 'refused', 'ok']);
    expect(results.flatMap((r) => r.flapping)).toEqual([]);
  });
});

describe('wake forgets the connection flap history', () => {
  it.each([
    {
      name: 'without reset, a flicker right after wake counts with the old transitions',
      wake: false,
      flaps: 1,
    },
    { name: 'after resetAfterWake, the same flicker is not flapping', wake: true, flaps: 0 },
  ])('$name', ({ wake, flaps }) => {
    const before = twoTransitions();
    const start = wake && before !== null ? resetAfterWake(before) : before;
    const after = run(['down', 'ok'], defaultConfig, start, 30_000);
    expect(after.flatMap((r) => r.flapping)).toHaveLength(flaps);
    expect(after.map(reach)).toEqual(['ok', 'ok']);
  });

  it('ends an ongoing flapping episode and keeps the confirmed value and pending count', () => {
    const flapping = run([...flicker, 'down']).at(-1)?.memory;
    expect(flapping?.keys['reachability']?.flapping).toBe(true);
    const reset = resetAfterWake(flapping!);
    expect(reset.keys['reachability']).toEqual({
      ...flapping!.keys['reachability'],
      recentTransitions: [],
      flapping: false,
    });
  });

  it('only touches keys with the prefix: member history is kept by resetAfterWake', () => {
    const memory = run(['ok', 's2failed', 'ok', 'down', 'ok']).at(-1)?.memory;
    const reset = resetAfterWake(memory!);
    expect(detectorKey(reset, `member:${S2}`)).toBe(detectorKey(memory!, `member:${S2}`));
    expect(reset.keys['reachability']?.recentTransitions).toEqual([]);
    expect(detectorKey(forgetTransitions(memory!, 'member:'), `member:${S2}`)?.recentTransitions).toEqual([]);
  });

  it('returns the very same memory when there is nothing to forget, and never modifies its input', () => {
    const quiet = run(['ok', 'ok']).at(-1)?.memory;
    expect(resetAfterWake(quiet!)).toBe(quiet);
    const busy = twoTransitions();
    const json = JSON.stringify(busy);
    resetAfterWake(busy!);
    expect(JSON.stringify(busy)).toBe(json);
  });
});

describe('confirm is copy-on-write', () => {
  it('shares the keys a poll does not change with the input memory', () => {
    const [first, second] = run(['ok', 's2failed']);
    expect(detectorKey(first!.memory, 'member:server-1.global')).toBeDefined();
    expect(detectorKey(second!.memory, 'member:server-1.global')).toBe(
      detectorKey(first!.memory, 'member:server-1.global'),
    );
    expect(second?.memory.keys['leader:global']).toBe(first?.memory.keys['leader:global']);
    expect(detectorKey(second!.memory, `member:${S2}`)).not.toBe(detectorKey(first!.memory, `member:${S2}`));
  });

  it('no memory handed to confirm is ever modified, through flapping, outages and wake resets', () => {
    const pattern: Step[] = [
      'ok',
      'down',
      's2failed',
      'ok',
      'refused',
      'down',
      'ok',
      'ok',
      's2failed',
      'tls',
    ];
    const seen: Array<[DetectorMemory, string]> = [];
    let memory: DetectorMemory | null = null;
    for (let i = 0; i < 400; i++) {
      const step = pattern[(i * 7 + Math.floor(i / 13)) % pattern.length] ?? 'ok';
      if (memory !== null) seen.push([memory, JSON.stringify(memory)]);
      memory = confirm(memory, observation(step, i * INTERVAL), defaultConfig).memory;
      if (i % 50 === 49) memory = resetAfterWake(memory);
    }
    expect(seen.filter(([m, json]) => JSON.stringify(m) !== json)).toEqual([]);
  });
});
