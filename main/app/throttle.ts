/**
 * A trailing throttle for view pushes: the engine reports after every poll of every cluster; the window needs
 * at most a few updates a second. The first call goes out at once, later ones within `gapMs` are folded into
 * one trailing call with the latest value.
 */
import type { Timers } from '../core/poller/index.js';

/** Runs `sink` at most once per `gapMs`, ending with the latest value (cancel drops the pending one). */
export function throttle<T>(
  sink: (value: T) => void,
  gapMs: number,
  timers: Timers,
): { push(value: T): void; cancel(): void } {
  let last = Number.NEGATIVE_INFINITY;
  let pending: { value: T } | null = null;
  let handle: unknown = null;
  const fire = (): void => {
    handle = null;
    if (pending === null) return;
    const { value } = pending;
    pending = null;
    last = timers.now();
    sink(value);
  };
  return {
    push(value) {
      pending = { value };
      if (handle !== null) return;
      const wait = last + gapMs - timers.now();
      if (wait <= 0) fire();
      else handle = timers.setTimeout(fire, wait);
    },
    cancel() {
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
      pending = null;
    },
  };
}
