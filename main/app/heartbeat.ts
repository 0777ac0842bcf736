/**
 * The core's pulse: an `app:heartbeat` push every `intervalMs`, so a window can tell "nothing changed" from
 * "nobody is telling me anything" (the app stopped, hangs, or the link broke). It runs on the core's own
 * timers: if the core's event loop is stuck, the heartbeat stops with it, which is the point.
 */
import type { Timers } from '../core/poller/index.js';

/** Default gap between two heartbeats; the window declares itself blind after a few missed ones. */
export const HEARTBEAT_MS = 2_000;

export function startHeartbeat(
  beat: (payload: { intervalMs: number }) => void,
  intervalMs: number,
  timers: Timers,
): () => void {
  let handle: unknown = null;
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    beat({ intervalMs });
    handle = timers.setTimeout(tick, intervalMs);
  };
  handle = timers.setTimeout(tick, intervalMs);
  return () => {
    stopped = true;
    if (handle !== null) timers.clearTimeout(handle);
  };
}
