import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPoller, nextDelay } from '../../main/core/poller/index.js';
import type { Poller } from '../../main/core/poller/index.js';
import type { PollerOptions } from '../../main/core/poller/types.js';
import type { ClusterSnapshot } from '../../common/domain.js';
import { fakePoll, fakeTimers, snap } from './helpers.js';

const A = 'http://127.0.0.1:1';
const B = 'http://127.0.0.1:2';
const C = 'http://127.0.0.1:3';
const noJitter = (): number => 0.5;

/** A poller under fake timers without jitter that ignores snapshots unless told: a test names what matters. */
function testPoller(
  options: Pick<PollerOptions, 'poll' | 'addresses' | 'intervalMs'> & Partial<PollerOptions>,
): Poller {
  return createPoller({ timers: fakeTimers, random: noJitter, onSnapshot: () => {}, ...options });
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('poller scheduling', () => {
  it('never runs two polls of one cluster at once, even when pollNow is hammered', async () => {
    const fake = fakePoll(() => null, 700);
    const seen: ClusterSnapshot[] = [];
    const p = testPoller({
      poll: fake.poll,
      addresses: [A],
      intervalMs: 100,
      onSnapshot: (s) => seen.push(s),
    });
    p.start();
    for (let i = 0; i < 20; i++) {
      void p.pollNow();
      await vi.advanceTimersByTimeAsync(90);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    p.stop();
    expect(fake.maxConcurrent()).toBe(1);
    expect(seen.length).toBeGreaterThan(3);
  });

  it('waits the interval between the end of one poll and the start of the next', async () => {
    const fake = fakePoll(() => null, 50);
    const p = testPoller({ poll: fake.poll, addresses: [A], intervalMs: 1_000 });
    p.start();
    await vi.advanceTimersByTimeAsync(3_200);
    p.stop();
    const starts = fake.calls.map((c) => c.at);
    expect(starts).toEqual([0, 1_050, 2_100, 3_150]);
  });

  it('applies bounded jitter to the interval', () => {
    expect(nextDelay(1_000, 0, 0.1, () => 0)).toBe(900);
    expect(nextDelay(1_000, 0, 0.1, () => 0.999999)).toBe(1_100);
    expect(nextDelay(1_000, 0, 0.1, () => 0.5)).toBe(1_000);
    // Failing: never above the interval, counted from the previous round's start.
    expect(nextDelay(1_000, 5, 0.1, () => 0)).toBe(1_000);
    expect(nextDelay(1_000, 5, 0.1, () => 0.999999)).toBe(900);
    expect(nextDelay(1_000, 5, 0.1, () => 0, 400)).toBe(600);
    expect(nextDelay(1_000, 5, 0.1, () => 0, 5_000)).toBe(0);
  });

  it('keeps probing at the interval while unreachable: no backoff, and back to normal on recovery', async () => {
    let down = true;
    const fake = fakePoll(() => (down ? 'unreachable' : null), 0);
    const seen: ClusterSnapshot[] = [];
    const p = testPoller({
      poll: fake.poll,
      addresses: [A],
      intervalMs: 100,
      onSnapshot: (s) => seen.push(s),
    });
    p.start();
    await vi.advanceTimersByTimeAsync(2_300);
    const gaps = fake.calls.slice(1).map((c, i) => c.at - (fake.calls[i]?.at ?? 0));
    // At most the interval (less only by the downward jitter), from one probe's start to the next.
    expect(new Set(gaps)).toEqual(new Set([95]));
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.every((s) => s.error?.kind === 'unreachable')).toBe(true);
    down = false;
    await vi.advanceTimersByTimeAsync(100);
    const n = fake.calls.length;
    await vi.advanceTimersByTimeAsync(300);
    p.stop();
    expect(seen.at(-1)?.error).toBeNull();
    expect(fake.calls.length - n).toBe(3);
  });

  it.each([
    ['a hung agent (every request times out after 5 s)', 'hang-5s'],
    ['a refused connection', 'refused'],
  ] as const)(
    'after a long outage (%s), the first probe after the agent answers again comes within one interval',
    async (_name, mode) => {
      // 10 s interval, the client's 5 s timeout: each failing round takes 5 s of waiting.
      let upAt = Number.POSITIVE_INFINITY;
      const seen: Array<{ at: number; ok: boolean }> = [];
      const poll = (signal: AbortSignal): Promise<ClusterSnapshot> => {
        const start = Date.now();
        const up = start >= upAt;
        const waitMs = up ? 20 : mode === 'hang-5s' ? 5_000 : 1;
        return new Promise((resolve) => {
          const t = setTimeout(
            () => resolve(snap(A, up ? null : mode === 'hang-5s' ? 'timeout' : 'unreachable')),
            waitMs,
          );
          signal.addEventListener('abort', () => clearTimeout(t));
        });
      };
      const p = createPoller({
        poll,
        addresses: [A],
        intervalMs: 10_000,
        timers: fakeTimers,
        random: () => 0.999999, // the largest jitter
        onSnapshot: (s) => seen.push({ at: Date.now(), ok: s.reachable }),
      });
      p.start();
      await vi.advanceTimersByTimeAsync(10 * 60_000); // a 10-minute outage
      upAt = Date.now() + 3_333;
      await vi.advanceTimersByTimeAsync(30_000);
      p.stop();
      const firstOk = seen.find((s) => s.ok);
      expect(firstOk).toBeDefined();
      // The probe itself starts within one interval of the agent answering; its answer takes 20 ms.
      expect((firstOk?.at ?? Infinity) - upAt).toBeLessThanOrEqual(10_000 + 20);
    },
  );

  it('does not back off on answers that are errors of another kind (403)', async () => {
    const fake = fakePoll(() => 'forbidden', 0);
    const p = testPoller({ poll: fake.poll, addresses: [A], intervalMs: 100 });
    p.start();
    await vi.advanceTimersByTimeAsync(1_000);
    p.stop();
    expect(fake.calls.length).toBe(11);
  });
});

describe('poller failover', () => {
  it('fails over to the next address in the same round and back to the preferred one when it answers', async () => {
    let aDown = true;
    const fake = fakePoll((addr) => (addr === A && aDown ? 'unreachable' : null), 10);
    const seen: ClusterSnapshot[] = [];
    const p = testPoller({
      poll: fake.poll,
      addresses: [A, B],
      intervalMs: 100,
      onSnapshot: (s) => seen.push(s),
    });
    p.start();
    await vi.advanceTimersByTimeAsync(25);
    expect(seen.map((s) => s.address)).toEqual([B]);
    expect(seen[0]?.reachable).toBe(true);
    expect(p.status().activeIndex).toBe(1);
    await vi.advanceTimersByTimeAsync(300);
    // while failed over, every round probes A first, then B answers
    expect(fake.calls.slice(2, 6).map((c) => c.address)).toEqual([A, B, A, B]);
    aDown = false;
    await vi.advanceTimersByTimeAsync(200);
    p.stop();
    expect(seen.at(-1)?.address).toBe(A);
    expect(p.status().activeIndex).toBe(0);
  });

  it('when no address answers, delivers the failure of the first one tried and backs off', async () => {
    const fake = fakePoll(() => 'unreachable', 10);
    const seen: ClusterSnapshot[] = [];
    const p = testPoller({
      poll: fake.poll,
      addresses: [A, B, C],
      intervalMs: 100,
      onSnapshot: (s) => seen.push(s),
    });
    p.start();
    await vi.advanceTimersByTimeAsync(35);
    p.stop();
    expect(fake.calls.map((c) => c.address)).toEqual([A, B, C]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.address).toBe(A);
    expect(seen[0]?.error?.kind).toBe('unreachable');
  });
});

describe('poller controls', () => {
  it('pause stops scheduling, resume polls at once and keeps going', async () => {
    const fake = fakePoll(() => null, 10);
    const p = testPoller({ poll: fake.poll, addresses: [A], intervalMs: 100 });
    p.start();
    await vi.advanceTimersByTimeAsync(50);
    p.pause();
    const n = fake.calls.length;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.calls.length).toBe(n);
    p.resume();
    expect(fake.calls.length).toBe(n + 1);
    await vi.advanceTimersByTimeAsync(250);
    p.stop();
    expect(fake.calls.length).toBe(n + 3);
  });

  it('pollNow cancels the wait, polls at once, and joins an in-flight poll instead of starting another', async () => {
    const fake = fakePoll(() => null, 50);
    const seen: ClusterSnapshot[] = [];
    const p = testPoller({
      poll: fake.poll,
      addresses: [A],
      intervalMs: 10_000,
      onSnapshot: (s) => seen.push(s),
    });
    p.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.calls).toHaveLength(1);
    const first = p.pollNow();
    const second = p.pollNow();
    expect(fake.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(50);
    await Promise.all([first, second]);
    expect(seen).toHaveLength(2);
    // the next round is one interval after the joined one, not sooner
    await vi.advanceTimersByTimeAsync(9_999);
    expect(fake.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls).toHaveLength(3);
    p.stop();
  });

  it('stop aborts the in-flight poll and delivers nothing afterwards', async () => {
    const fake = fakePoll(() => 'hang');
    const seen: ClusterSnapshot[] = [];
    const p = testPoller({
      poll: fake.poll,
      addresses: [A],
      intervalMs: 100,
      onSnapshot: (s) => seen.push(s),
    });
    p.start();
    await vi.advanceTimersByTimeAsync(1_000);
    p.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.aborted()).toBe(1);
    expect(seen).toHaveLength(0);
    expect(fake.calls).toHaveLength(1);
  });

  it('start after stop, while the aborted poll has not returned yet, polls again and keeps polling', async () => {
    let hang = true;
    const fake = fakePoll(() => (hang ? 'hang' : null));
    const seen: ClusterSnapshot[] = [];
    const p = testPoller({
      poll: fake.poll,
      addresses: [A],
      intervalMs: 100,
      onSnapshot: (s) => seen.push(s),
    });
    p.start();
    await vi.advanceTimersByTimeAsync(10);
    hang = false;
    p.stop();
    p.start();
    await vi.advanceTimersByTimeAsync(1_000);
    p.stop();
    expect(fake.aborted()).toBe(1);
    expect(fake.calls.length).toBeGreaterThanOrEqual(5);
    expect(seen.length).toBe(fake.calls.length - 1);
  });

  it('a poll that throws counts as a failed round and the loop goes on', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const p = testPoller({
      poll: () => {
        calls += 1;
        return Promise.reject(new Error('broken contract'));
      },
      addresses: [A],
      intervalMs: 100,
      onPollError: (e) => errors.push(e),
    });
    p.start();
    await vi.advanceTimersByTimeAsync(350);
    p.stop();
    // Probing goes on at the interval (0, 95, 190, 285 ms with the test's fixed jitter).
    expect(calls).toBe(4);
    expect(errors).toHaveLength(4);
  });
});

describe('poller isolation', () => {
  it('a cluster whose poll never resolves does not delay another cluster', async () => {
    const hung = fakePoll(() => 'hang');
    const fine = fakePoll(() => null, 10);
    const seenB: ClusterSnapshot[] = [];
    const a = testPoller({ poll: hung.poll, addresses: [A], intervalMs: 100 });
    const b = testPoller({
      poll: fine.poll,
      addresses: [B],
      intervalMs: 100,
      onSnapshot: (s) => seenB.push(s),
    });
    a.start();
    b.start();
    await vi.advanceTimersByTimeAsync(1_100);
    expect(hung.calls).toHaveLength(1);
    expect(seenB).toHaveLength(10);
    a.stop();
    b.stop();
  });
});
