/**
 * Flapping damps oscillation but never swallows a sustained value (stepKey's table in detect-keys.ts, one row per
 * rule), and Detector.wake() forgets the connection's flap history.
 */
import { describe, expect, it } from 'vitest';
import { Detector, type DetectorConfig, type Observation } from '../../main/core/monitor/index.js';
import type { ConfirmResult } from '../../main/core/monitor/detector.js';
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

/** A poll's result and whether the connection key was flapping after it. */
type Polled = ConfirmResult & { flappingNow: boolean };

/** Feeds the steps to `detector`, one poll every 10 s starting at `from`, and returns every result. */
function run(
  steps: Step[],
  cfg: DetectorConfig = defaultConfig,
  detector = new Detector(),
  from = 0,
): Polled[] {
  return steps.map((step, i) => {
    const r = detector.confirm(observation(step, from + i * INTERVAL), cfg);
    return { ...r, flappingNow: detector.key('reachability')?.flapping ?? false };
  });
}

const reach = (r: ConfirmResult) => r.view.reachability;
const flappingNow = (r: Polled) => r.flappingNow;
// 5 transitions: flapping from the 6th poll. The 4th transition is a return to the confirmed value, the moment
// things became stable, so flapping starts only with the next move away from it.
const flicker: Step[] = ['ok', 'down', 'ok', 'down', 'ok', 'down'];

const rows: Array<{
  name: string;
  cfg?: Partial<DetectorConfig>;
  steps: Step[];
  pick: (r: Polled) => unknown;
  want: unknown[];
}> = [
  {
    name: 'flapping, a failure held 2 × confirmPolls is confirmed (damped, not swallowed)',
    steps: [...flicker, 'down', 'down', 'down'],
    pick: reach,
    want: [...Array<string>(8).fill('ok'), 'unreachable'],
  },
  {
    name: 'flapping, a failure held less than 2 × confirmPolls is not confirmed',
    steps: [...flicker, 'down', 'down', 'ok'],
    pick: reach,
    want: Array<string>(9).fill('ok'),
  },
  {
    name: 'flapping, settling on the confirmed value ends flapping silently after 2 × recoveryPolls',
    steps: [...flicker, 'ok', 'ok', 'ok', 'ok'],
    pick: (r) => [reach(r), flappingNow(r)],
    want: [
      ['ok', false],
      ['ok', false],
      ['ok', false],
      ['ok', false],
      ['ok', false],
      ['ok', true],
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
    want: [...Array<string>(7).fill('ok'), 'forbidden'],
  },
  {
    name: 'connection flapping, a TLS failure is a distinct fact: confirmed after confirmPolls',
    steps: [...flicker, 'tls', 'tls'],
    pick: reach,
    want: [...Array<string>(7).fill('ok'), 'tls'],
  },
  {
    name: 'a settled flap leaves no history: the next outage needs confirmPolls and no new flap notice',
    steps: [...flicker, 'ok', 'ok', 'ok', 'ok', 'down', 'down'],
    pick: (r) => [reach(r), r.flapping.length],
    want: [
      ['ok', 0],
      ['ok', 0],
      ['ok', 0],
      ['ok', 0],
      ['ok', 0],
      ['ok', 1],
      ['ok', 0],
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
    steps: [...flicker, 'ok', 'ok', 'ok', 'ok', 'ok'],
    pick: flappingNow,
    want: [false, false, false, false, false, true, true, true, true, true, false],
  },
  {
    name: 'flapTransitions 2: the second transition away from the confirmed value is flapping',
    cfg: { flapTransitions: 2 },
    steps: ['ok', 'down', 'ok', 'down'],
    pick: (r) => [r.flapping.length, flappingNow(r)],
    want: [
      [0, false],
      [0, false],
      [0, false],
      [1, true],
    ],
  },
  {
    name: 'flapTransitions below 2 turns flapping off: every change is confirmed at the usual count',
    cfg: { flapTransitions: 1 },
    steps: ['ok', 'down', 'down', 'ok', 'ok', 'down', 'down'],
    pick: (r) => [reach(r), r.flapping.length, flappingNow(r)],
    want: [
      ['ok', 0, false],
      ['ok', 0, false],
      ['unreachable', 0, false],
      ['unreachable', 0, false],
      ['ok', 0, false],
      ['ok', 0, false],
      ['unreachable', 0, false],
    ],
  },
  {
    name: 'flapping off: seeing the confirmed value again still resets the count',
    cfg: { flapTransitions: 1 },
    steps: ['ok', 'down', 'ok', 'down', 'ok', 'down'],
    pick: reach,
    want: Array<string>(6).fill('ok'),
  },
  {
    name: 'a transition exactly flapWindowMs old has left the window (5 transitions 10 s apart, 30 s window)',
    cfg: { flapWindowMs: 30_000 },
    steps: flicker,
    pick: (r) => [r.flapping.length, flappingNow(r)],
    want: Array.from({ length: 6 }, () => [0, false]),
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

/** A detector after polls that left 2 connection transitions (ok → down → ok) and a flapping-free member. */
const twoTransitions = (): Detector => {
  const detector = new Detector();
  run(['ok', 'down', 'ok'], defaultConfig, detector);
  return detector;
};

describe('only changes of the same kind add up to flapping', () => {
  it('a flapping notice is never sent at the moment things became stable (a return to the confirmed value)', () => {
    // 4 transitions, the 4th back to the confirmed value, then stable: no flapping notice at all.
    const settled = run(['ok', 'down', 'ok', 'down', 'ok', 'ok', 'ok', 'ok']);
    expect(settled.flatMap((r) => r.flapping)).toEqual([]);
    expect(settled.map(flappingNow)).toEqual(Array.from({ length: 8 }, () => false));
    // The same oscillation going on: the notice comes with the next move away from the confirmed value.
    const goingOn = run(flicker);
    expect(goingOn.map((r) => r.flapping.length)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(reach(goingOn.at(-1)!)).toBe('ok');
  });

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
      name: 'without wake, a flicker right after it counts with the old transitions',
      wake: false,
      flaps: 1,
    },
    { name: 'after wake, the same flicker is not flapping', wake: true, flaps: 0 },
  ])('$name', ({ wake, flaps }) => {
    const detector = twoTransitions();
    if (wake) detector.wake();
    const after = run(['down', 'ok', 'down'], defaultConfig, detector, 30_000);
    expect(after.flatMap((r) => r.flapping)).toHaveLength(flaps);
    expect(after.map(reach)).toEqual(['ok', 'ok', 'ok']);
  });

  it('ends an ongoing flapping episode and keeps the confirmed value and pending count', () => {
    const detector = new Detector();
    run([...flicker, 'down'], defaultConfig, detector);
    const flapping = structuredClone(detector.key('reachability'));
    expect(flapping?.flapping).toBe(true);
    detector.wake();
    expect(detector.key('reachability')).toEqual({ ...flapping, recentTransitions: [], flapping: false });
  });

  it('only touches the connection key: member flap history is kept', () => {
    const detector = new Detector();
    run(['ok', 's2failed', 'ok', 'down', 'ok'], defaultConfig, detector);
    const member = structuredClone(detector.key(`member:${S2}`));
    expect(member?.recentTransitions).toHaveLength(2);
    detector.wake();
    expect(detector.key(`member:${S2}`)).toEqual(member);
    expect(detector.key('reachability')?.recentTransitions).toEqual([]);
  });

  it('changes nothing when there is nothing to forget, and a never-polled detector wakes quietly', () => {
    const detector = new Detector();
    detector.wake();
    expect(detector.entries()).toEqual([]);
    run(['ok', 'ok'], defaultConfig, detector);
    const quiet = structuredClone(detector.entries());
    detector.wake();
    expect(detector.entries()).toEqual(quiet);
  });
});
