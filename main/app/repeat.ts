/**
 * A periodic task on injected timers (a self-rescheduling timeout, never setInterval): the core's heartbeat and
 * the desktop shell's connectivity sampling. On the core's own timers: if its event loop is stuck, the heartbeat
 * stops with it, which is the point.
 */
import type { Timers } from '../core/poller/index.js';

/** Runs `task` every `intervalMs` (first after one interval) until the returned function is called. */
export function repeat(task: () => void, intervalMs: number, timers: Timers): () => void {
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    task();
    handle = timers.setTimeout(tick, intervalMs);
  };
  let handle = timers.setTimeout(tick, intervalMs);
  return () => {
    stopped = true;
    timers.clearTimeout(handle);
  };
}
