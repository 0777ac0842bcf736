/** The view-push throttle: first value at once, then at most one trailing value per gap (fake timers). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../../main/app/throttle.js';
import type { Timers } from '../../main/core/poller/index.js';

const timers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first value at once and folds a burst into one trailing latest value', () => {
    const seen: number[] = [];
    const t = throttle<number>((v) => seen.push(v), 250, timers);
    t.push(1);
    t.push(2);
    t.push(3);
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(250);
    expect(seen).toEqual([1, 3]);
    vi.advanceTimersByTime(1_000);
    t.push(4);
    expect(seen).toEqual([1, 3, 4]);
  });

  it('cancel drops the pending value', () => {
    const seen: number[] = [];
    const t = throttle<number>((v) => seen.push(v), 250, timers);
    t.push(1);
    t.push(2);
    t.cancel();
    vi.advanceTimersByTime(1_000);
    expect(seen).toEqual([1]);
  });
});
