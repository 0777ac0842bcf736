/**
 * Shapes of the per-cluster poll loop. Time and timers are injected so the loop runs under fake timers in
 * tests and under the real clock in the app, the CLI and the browser shell.
 */
import type { ClusterSnapshot } from '../../../common/domain.js';
import type { Loop } from './loop.js';

/** Opaque timer handle (Node's Timeout or a browser number). */
export type TimerHandle = unknown;

/** The clock and timer functions the loop uses; `globalThis` in production, fakes in tests. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The process clock and timers (the app's and the CLI's). */
export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Hands what a loop caught to its reporter; a reporter that throws too must not stop the loop either. */
export function reportTo(reporter: ((error: unknown) => void) | undefined, error: unknown): void {
  try {
    reporter?.(error);
  } catch {
    // the loop goes on
  }
}

/** Polls one agent address once; must resolve (never reject) with what it saw, and honour `signal`. */
export type PollFn = (signal: AbortSignal, address: string) => Promise<ClusterSnapshot>;

export interface PollerOptions {
  poll: PollFn;
  /** Agent base URLs in failover order; the first is the preferred one. */
  addresses: readonly string[];
  intervalMs: number;
  timers: Timers;
  /** Uniform [0, 1) source for the jitter (default Math.random). */
  random?: () => number;
  onSnapshot: (snapshot: ClusterSnapshot) => void;
  /**
   * Called when `poll` broke its contract and threw (the round counts as a failure), or when anything else in a
   * round threw (onSnapshot included): the loop logs it through here and keeps polling.
   */
  onPollError?: (error: unknown) => void;
}

/** A poll loop: pause() lets a round in flight complete and deliver; stop() aborts it and delivers nothing more. */
export type Poller = Pick<Loop, 'start' | 'stop' | 'pause' | 'resume'> & {
  /** Polls now; joins the round in flight when there is one. Resolves when that round is delivered. */
  pollNow(): Promise<void>;
  /** Which address answered last: its index in `addresses` (0 = preferred). */
  status(): { activeIndex: number };
};
