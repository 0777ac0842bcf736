/**
 * One cluster's node watcher, beside its agent poller: a loop of blocking queries on `/v1/nodes`, one request at a
 * time. Each answer carries X-Nomad-Index; the next query waits for the index to pass it (Nomad holds it up to
 * its wait, 300 s, then answers with the same index). The rules (Nomad's and Consul's):
 *
 * - the index is compared, never assumed changed: a timeout answer with the same index is "no change";
 * - an index that goes backwards resets to 0 (the next query answers at once and starts over) — nomad/nodes.ts;
 * - never a hot loop: two requests start at least MIN_GAP_MS apart, whatever the server does;
 * - errors back off: the first failure retries after MIN_GAP_MS with a fresh (non-blocking) read, further ones
 *   after the poll interval, like the agent poller (a recovered agent is seen within one interval); the failure
 *   is reported from the second one in a row (one dropped long-lived connection is not blindness);
 * - where blocking is unavailable (a proxy that answers at once without holding, or that kills held requests
 *   while plain reads work) the watcher falls back to plain reads every poll interval, for good (until the
 *   cluster's runtime is replaced by a settings change).
 *
 * Reads are `stale`, so a follower answers during a leader election. Time and timers are injected.
 * stop() aborts the request in flight; pause() (sleep) aborts it too and resume() reads at once.
 */
import type { NodesPage, NomadError } from '../../../common/nomad-domain.js';
import type { Result } from '../../../common/result.js';
import { nextIndex, type NodesQuery } from '../nomad/index.js';
import { createLoop, type Loop } from './loop.js';
import { reportTo, type Timers } from './types.js';

/**
 * One answer or failure. `changed`: the index moved since the last delivered answer (always true for the first
 * one); `failures`: consecutive failures, this one included.
 */
export type NodeWatchUpdate = { mode: 'blocking' | 'polling'; time: number } & (
  { ok: true; page: NodesPage; changed: boolean } | { ok: false; error: NomadError; failures: number }
);

export interface NodeWatcherOptions {
  /** One `/v1/nodes` read; resolves with a value, honours `signal`. A throw counts as an internal error. */
  fetch(query: NodesQuery, signal: AbortSignal): Promise<Result<NodesPage, NomadError>>;
  timers: Timers;
  /** The cluster's poll interval: plain-read period in polling mode and the error backoff. */
  intervalMs: number;
  random?: () => number;
  onUpdate(update: NodeWatchUpdate): void;
  /** A throw in `fetch` or `onUpdate` (a bug): reported here, the loop goes on. */
  onError?(error: unknown): void;
}

export type NodeWatcher = Pick<Loop, 'start' | 'stop' | 'pause' | 'resume'>;

/** Least time between two request starts. */
const MIN_GAP_MS = 500;
/** Answers this fast to a blocking query, with the same index, three times in a row: the server does not block. */
const NOT_BLOCKING_MS = 50;
const NOT_BLOCKING_ROUNDS = 3;
/** Held queries that failed while plain reads right after them worked, in a row: something kills held requests. */
const HELD_FAILURES_TO_POLL = 2;

/** Creates a watcher (not started). See the module comment for the rules. */
export function createNodeWatcher(options: NodeWatcherOptions): NodeWatcher {
  const { timers } = options;
  const random = options.random ?? Math.random;

  let mode: 'blocking' | 'polling' = 'blocking';
  let index = 0;
  let delivered: number | null = null;
  let failures = 0;
  let heldFailures = 0;
  let quickSame = 0;
  /** After a failure or a pause the next read is a plain one, so a success ends the blindness at once. */
  let fresh = true;

  const report = (e: unknown): void => reportTo(options.onError, e);

  function backoff(): number {
    if (failures <= 1) return MIN_GAP_MS;
    return Math.max(MIN_GAP_MS, options.intervalMs * (1 - random() * 0.1));
  }

  function queryNow(): NodesQuery {
    return mode === 'blocking' && !fresh && index > 0 ? { stale: true, index } : { stale: true };
  }

  function deliver(update: NodeWatchUpdate): void {
    try {
      options.onUpdate(update);
    } catch (e) {
      report(e);
    }
  }

  async function cycle(signal: AbortSignal): Promise<void> {
    const started = timers.now();
    const q = queryNow();
    const held = q.index !== undefined;
    let res: Result<NodesPage, NomadError>;
    try {
      res = await options.fetch(q, signal);
    } catch (e) {
      report(e);
      res = { ok: false, error: { kind: 'internal', message: `reading the nodes failed: ${String(e)}` } };
    }
    if (signal.aborted) return;
    const now = timers.now();
    const elapsed = now - started;
    if (!res.ok) {
      failures += 1;
      if (held) heldFailures += 1;
      fresh = true;
      deliver({ ok: false, error: res.error, failures, mode, time: now });
      loop.schedule(backoff());
      return;
    }
    if (!held && heldFailures >= HELD_FAILURES_TO_POLL) mode = 'polling';
    if (held) heldFailures = 0;
    failures = 0;
    fresh = false;
    const got = res.value.index;
    quickSame = held && got === q.index && elapsed < NOT_BLOCKING_MS ? quickSame + 1 : 0;
    if (quickSame >= NOT_BLOCKING_ROUNDS) mode = 'polling';
    index = nextIndex(index, got);
    const changed = delivered === null || got !== delivered;
    delivered = got;
    deliver({ ok: true, page: res.value, changed, mode, time: now });
    loop.schedule(mode === 'polling' ? options.intervalMs : Math.max(0, MIN_GAP_MS - elapsed));
  }

  const loop = createLoop(timers, cycle, { onError: report, abortOnPause: true });
  const { start, stop, resume } = loop;
  return {
    start,
    stop,
    pause() {
      fresh = true;
      loop.pause();
    },
    resume,
  };
}
