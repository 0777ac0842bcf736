/**
 * Shapes of the per-cluster poll loop. Time and timers are injected so the loop runs under fake timers in
 * tests and under the real clock in the app, the CLI and the browser shell.
 */
import type { ClusterSnapshot } from '../../../common/domain.js';

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

export interface Poller {
  /** Polls at once, then keeps polling. Idempotent. */
  start(): void;
  /** Aborts the in-flight poll, cancels the schedule; no snapshot is delivered afterwards. */
  stop(): void;
  /** Stops scheduling rounds (an in-flight round still completes and is delivered). */
  pause(): void;
  /** Resumes scheduling; polls at once. */
  resume(): void;
  /** Polls now; joins the in-flight round when there is one. Resolves when that round is delivered. */
  pollNow(): Promise<void>;
  /** Which address answered last: its index in `addresses` (0 = preferred). */
  status(): { activeIndex: number };
}
