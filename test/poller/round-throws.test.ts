/** A throw anywhere in a round (here: onSnapshot) is reported and the loop keeps polling. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPoller } from '../../main/core/poller/index.js';
import { fakePoll, fakeTimers } from './helpers.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a round that throws', () => {
  it('is reported through onPollError, never escapes as a rejection, and the next rounds still run', async () => {
    const fake = fakePoll(() => null, 10);
    const reported: unknown[] = [];
    let rounds = 0;
    const p = createPoller({
      poll: fake.poll,
      addresses: ['http://127.0.0.1:1'],
      intervalMs: 100,
      timers: fakeTimers,
      random: () => 0.5,
      onSnapshot: () => {
        rounds += 1;
        if (rounds === 1) throw new TypeError('boom in round 1');
      },
      onPollError: (e) => reported.push(e),
    });
    p.start();
    const now = p.pollNow(); // joins the first round, the one that throws
    await vi.advanceTimersByTimeAsync(10);
    await expect(now).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(500);
    p.stop();
    expect(reported).toHaveLength(1);
    expect(String(reported[0])).toContain('boom in round 1');
    expect(rounds).toBeGreaterThanOrEqual(4);
  });

  it('survives a reporter that throws too', async () => {
    const fake = fakePoll(() => null, 10);
    let rounds = 0;
    const p = createPoller({
      poll: fake.poll,
      addresses: ['http://127.0.0.1:1'],
      intervalMs: 100,
      timers: fakeTimers,
      random: () => 0.5,
      onSnapshot: () => {
        rounds += 1;
        throw new Error('always');
      },
      onPollError: () => {
        throw new Error('reporter broken');
      },
    });
    p.start();
    await vi.advanceTimersByTimeAsync(1_000);
    p.stop();
    expect(rounds).toBeGreaterThanOrEqual(5);
  });
});
