/**
 * The skeleton both per-cluster loops share (the agent poller and the node watcher): one run at a time on
 * injected timers, each run scheduling the next itself (a setTimeout chain, never setInterval). A stopped or
 * paused loop schedules nothing; stop() aborts the run in flight. Whatever a run throws goes to `onError` and
 * the loop goes on.
 */
import { reportTo, type TimerHandle, type Timers } from './types.js';

/** A loop's controls (each cluster's poller and node watcher show these to the engine). */
export type Loop = ReturnType<typeof createLoop>;

/** `abortOnPause`: pause() aborts the run in flight too (else it completes). */
export function createLoop(
  timers: Timers,
  body: (signal: AbortSignal) => Promise<void>,
  options: { onError: ((error: unknown) => void) | undefined; abortOnPause: boolean },
) {
  let running = false;
  let paused = false;
  let timer: TimerHandle | null = null;
  let inFlight: { ctrl: AbortController; done: Promise<void> } | null = null;

  function clearTimer(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  }

  function abort(): void {
    inFlight?.ctrl.abort();
    inFlight = null;
  }

  const loop = {
    /** Runs at once, then as the runs schedule. Idempotent. */
    start(): void {
      if (running) return;
      running = true;
      void loop.run();
    },
    stop(): void {
      running = false;
      clearTimer();
      abort();
    },
    /** Schedules nothing until resume(). */
    pause(): void {
      paused = true;
      clearTimer();
      if (options.abortOnPause) abort();
    },
    /** Runs at once when started. */
    resume(): void {
      if (!paused) return;
      paused = false;
      if (running) void loop.run();
    },
    /** Runs now, or joins the run in flight; resolves when it is over. */
    run(): Promise<void> {
      if (inFlight !== null) return inFlight.done;
      clearTimer();
      const ctrl = new AbortController();
      const done = body(ctrl.signal)
        .catch((error: unknown) => reportTo(options.onError, error))
        .finally(() => {
          if (inFlight?.ctrl === ctrl) inFlight = null;
        });
      inFlight = { ctrl, done };
      return done;
    },
    /** The next run in `ms` (none while stopped or paused). */
    schedule(ms: number): void {
      clearTimer();
      if (!running || paused) return;
      timer = timers.setTimeout(
        () => {
          timer = null;
          void loop.run();
        },
        Math.max(0, Math.round(ms)),
      );
    },
  };
  return loop;
}
