/**
 * Whether this window can vouch for what it shows. The core pushes `app:heartbeat` every couple of seconds
 * (main/app/core.ts); the browser transport also says when the event stream opened, broke, or our token
 * was refused. Silence longer than a few heartbeats, a broken stream or a failed request makes the window
 * blind: `lost` (the app stopped, hangs, or the link broke; reconnecting by itself) or `locked-out` (the app
 * was restarted with a new access token, which this page cannot have). The next sign of life makes it live
 * again and runs the recovery hooks (reload what may have been missed).
 */
import type { NomadTrayApi } from '../../common/ipc-contract.js';
import type { LinkSignal } from '../lib/http-transport.js';

export type LinkStatus = 'connecting' | 'live' | 'lost' | 'locked-out';

/** The clock and the watchdog timer (injected in tests). */
export interface ConnectionClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realClock: ConnectionClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
};

/** Heartbeats that may be missed before the window calls itself blind, and the least silence tolerated. */
export const MISSED_BEATS = 3;
export const MIN_SILENCE_MS = 5_000;

export class ConnectionState {
  #clock: ConnectionClock;
  status = $state<LinkStatus>('connecting');
  /** Epoch ms of the last sign of life. */
  lastHeard = $state(0);
  #intervalMs = 2_000;
  /** Counts recoveries: views keyed on it load again after the link came back. */
  epoch = $state(0);
  #recover: (() => void)[] = [];

  constructor(clock: ConnectionClock = realClock) {
    this.#clock = clock;
    this.lastHeard = clock.now();
  }

  /** True when nothing shown can be vouched for. */
  get blind(): boolean {
    return this.status === 'lost' || this.status === 'locked-out';
  }
  get silenceMs(): number {
    return Math.max(MISSED_BEATS * this.#intervalMs, MIN_SILENCE_MS);
  }

  /** Follows the heartbeat and starts the watchdog; returns the stop function. */
  start(api: NomadTrayApi): () => void {
    const off = api.on('app:heartbeat', (beat) => this.heard(beat.intervalMs));
    const timer = this.#clock.setInterval(() => this.check(), 1_000);
    return () => {
      off();
      this.#clock.clearInterval(timer);
    };
  }

  /** Runs `fn` every time the window goes from blind to live; returns the unsubscribe function. */
  onRecover(fn: () => void): () => void {
    this.#recover.push(fn);
    return () => {
      this.#recover = this.#recover.filter((f) => f !== fn);
    };
  }

  /** A sign of life (a heartbeat, or the event stream opened). */
  heard(intervalMs?: number): void {
    if (intervalMs !== undefined) this.#intervalMs = intervalMs;
    this.lastHeard = this.#clock.now();
    const wasBlind = this.status === 'lost';
    if (this.status === 'locked-out') return; // only a new link can fix that (a reload)
    this.status = 'live';
    if (wasBlind) {
      this.epoch += 1;
      for (const fn of this.#recover) fn();
    }
  }

  signal(link: LinkSignal): void {
    if (link === 'up') this.heard();
    else if (link === 'unauthorized') this.status = 'locked-out';
    else if (this.status !== 'locked-out') this.status = 'lost';
  }

  /** The watchdog: too long without a heartbeat means blind. */
  check(): void {
    if (this.blind) return;
    if (this.#clock.now() - this.lastHeard > this.silenceMs) this.status = 'lost';
  }
}
