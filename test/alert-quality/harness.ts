/**
 * Drives the real engine (createMonitor: pollers, detector, policy) against real simulated clusters and records
 * which notifications each scripted phase produced. Phases advance on conditions (poll counts per cluster,
 * notices seen), never on fixed sleeps.
 */
import type { ClusterView } from '../../common/domain.js';
import { ok } from '../../common/result.js';
import type { Settings } from '../../common/settings-schema.js';
import { createMonitor } from '../../main/core/engine/index.js';
import type { Monitor } from '../../main/core/engine/index.js';
import type { Notice } from '../../main/core/monitor/types.js';
import { createNomadClient } from '../../main/core/nomad/index.js';
import { createRecordingNotifier } from '../support/recording-notifier.js';
import { clientOptionsFor } from '../../main/core/settings/index.js';
import type { Timers } from '../../main/core/poller/index.js';
import { waitFor } from '../engine/helpers.js';

/**
 * Simulated quiet time between two UNRELATED incidents (real ones are minutes apart, not milliseconds). Flapping
 * is by definition ≥ 4 changes of one thing within a minute, so packing unrelated incidents into seconds would
 * correctly report flapping. The product does not depend on this gap for recall: phases that probe flapping,
 * wake and a real outage right after a flap pass `gapMs: 0`.
 */
export const DEFAULT_GAP_MS = 120_000;

/** One notification as the scenario compares it: which cluster (or "*" for cross-cluster) and what type. */
export type NoticeKey = `${string}:${string}`;

export const keyOf = (n: Notice): NoticeKey => `${n.clusterId ?? '*'}:${n.type ?? 'untyped'}`;

/** Runs `fn` for a cluster on each of its next polls; returns false to stay registered, true when done. */
type PollHook = (view: ClusterView) => boolean;

export interface PhaseRecord {
  name: string;
  expected: NoticeKey[];
  actual: NoticeKey[];
  /** Polls of the changed cluster from the action to its first notice (null: no notice or not tracked). */
  pollsToFirstNotice: number | null;
}

export class Scenario {
  readonly monitor: Monitor;
  readonly notifier = createRecordingNotifier();
  readonly phases: PhaseRecord[] = [];
  private readonly polls = new Map<string, number>();
  private readonly lastPoll = new Map<string, number | null>();
  private readonly hooks = new Map<string, PollHook[]>();
  /** Simulated time added to the real clock: the quiet minutes between phases. Timers themselves are real. */
  private skewMs = 0;
  private readonly timers: Timers = {
    now: () => Date.now() + this.skewMs,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };

  constructor(settings: Settings, tokens: Record<string, string>, timeoutMs: number) {
    this.monitor = createMonitor({
      settings,
      clientFactory: (cluster, index, token) =>
        createNomadClient({
          ...clientOptionsFor(cluster, token, index),
          connectTimeoutMs: timeoutMs,
          headersTimeoutMs: timeoutMs,
          bodyTimeoutMs: timeoutMs,
        }),
      tokenFor: (cluster) => Promise.resolve(ok(tokens[cluster.id])),
      timers: this.timers,
      notifier: this.notifier,
      history: { append: () => undefined },
      random: () => 0.5,
    });
    this.monitor.subscribe((views) => this.onViews(views));
  }

  private onViews(views: ClusterView[]): void {
    for (const v of views) {
      if (v.lastPoll === null || this.lastPoll.get(v.id) === v.lastPoll) continue;
      this.lastPoll.set(v.id, v.lastPoll);
      this.polls.set(v.id, (this.polls.get(v.id) ?? 0) + 1);
      const hooks = this.hooks.get(v.id) ?? [];
      this.hooks.set(
        v.id,
        hooks.filter((h) => !h(v)),
      );
    }
  }

  /** Polls of a cluster delivered so far. */
  pollCount(id: string): number {
    return this.polls.get(id) ?? 0;
  }

  /** Calls `hook` with the cluster's view right after each of its polls until it returns true. */
  onPoll(id: string, hook: PollHook): void {
    this.hooks.set(id, [...(this.hooks.get(id) ?? []), hook]);
  }

  /** Waits until every listed cluster delivered `n` more polls. */
  async morePolls(ids: readonly string[], n: number, timeoutMs = 15_000): Promise<void> {
    const targets = ids.map((id) => [id, this.pollCount(id) + n] as const);
    await waitFor(
      `${n} more polls of ${ids.join(', ')}`,
      () => targets.every(([id, t]) => this.pollCount(id) >= t),
      timeoutMs,
    );
  }

  /**
   * Runs one phase: `act`, then waits until `expected.length` notices arrived (or, when none are expected, for
   * `quietPolls` polls), then `quietPolls` more polls of every cluster to catch any extra notice.
   */
  async phase(
    name: string,
    opts: {
      expected: NoticeKey[];
      watch: string;
      all: readonly string[];
      quietPolls?: number;
      noticeTimeoutMs?: number;
      /** Simulated quiet time before the phase (default DEFAULT_GAP_MS). */
      gapMs?: number;
    },
    act: () => void | Promise<void>,
  ): Promise<PhaseRecord> {
    const quiet = opts.quietPolls ?? 3;
    this.skewMs += opts.gapMs ?? DEFAULT_GAP_MS;
    const from = this.notifier.notices.length;
    const pollsAtStart = this.pollCount(opts.watch);
    let pollsToFirst: number | null = null;
    const watchFirst = (): void => {
      if (pollsToFirst === null && this.notifier.notices.length > from)
        pollsToFirst = this.pollCount(opts.watch) - pollsAtStart;
    };
    const unsubscribe = this.monitor.onNotices(watchFirst);
    await act();
    if (opts.expected.length > 0) {
      // A missing notice is a recall failure to report, not a reason to abort the remaining phases.
      await waitFor(
        `${name}: ${opts.expected.length} notice(s)`,
        () => this.notifier.notices.length - from >= opts.expected.length,
        opts.noticeTimeoutMs ?? 10_000,
      ).catch(() => undefined);
    }
    await this.morePolls(opts.all, quiet);
    unsubscribe();
    const record: PhaseRecord = {
      name,
      expected: opts.expected,
      actual: this.notifier.notices.slice(from).map(keyOf),
      pollsToFirstNotice: pollsToFirst,
    };
    this.phases.push(record);
    return record;
  }

  /** Precision and recall of all phases: matched / actual and matched / expected (multiset per phase). */
  score(): { precision: number; recall: number; matched: number; expected: number; actual: number } {
    let matched = 0;
    let expected = 0;
    let actual = 0;
    for (const p of this.phases) {
      const left = [...p.actual];
      for (const e of p.expected) {
        const i = left.indexOf(e);
        if (i >= 0) {
          matched += 1;
          left.splice(i, 1);
        }
      }
      expected += p.expected.length;
      actual += p.actual.length;
    }
    return {
      precision: actual === 0 ? 1 : matched / actual,
      recall: expected === 0 ? 1 : matched / expected,
      matched,
      expected,
      actual,
    };
  }
}
