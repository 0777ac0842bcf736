/**
 * The monitor engine: one poller (and node watcher) per enabled cluster; on every snapshot the cluster's detector
 * runs (observe → confirm → diff), its confirmed events go to history and to event listeners, then the alert
 * policy runs one round and its notices go to the notifier.
 *
 * Every round carries the CURRENT state of every enabled cluster with the events of the cluster just polled:
 * when the last cluster's outage is confirmed the others are already known unreachable, so the policy folds the
 * outage into one "network unavailable" notice without any batching window. The rounds after wake() are
 * ordinary rounds, never policy baselines (the policy's row 32).
 */
import type { ClusterSnapshot, ClusterView, MonitorEvent } from '../../../common/domain.js';
import { err, ok, type Result } from '../../../common/result.js';
import type { ClusterSettings, Settings } from '../../../common/settings-schema.js';
import { STATES } from '../../../common/state-table.js';
import { decideNotifications, type PolicyMemory } from '../alerts/index.js';
import { Detector, NodeDetector } from '../monitor/index.js';
import type { ClusterPolicyContext, ClusterStateResult, Notice } from '../monitor/index.js';
import { internalErrorSnapshot, thrownText } from '../poller/index.js';
import { createActionApi } from './action-api.js';
import { createClusterRuntime, type ClusterRuntime, type ClusterSeen } from './cluster.js';
import { applyNodeUpdate, nodeEvents } from './nodes.js';
import { detectorConfig, pushTimeline } from './pipeline.js';
import { snoozeUntil } from './snooze.js';
import { createStateCache } from './state-cache.js';
import { fireAndLog, listeners } from './support.js';
import type { EngineError, Monitor, MonitorDeps } from './types.js';

export type * from './types.js';

/** One cluster: its runtime (replaced on a restart) and the memory kept across restarts. */
interface Entry extends ClusterSeen {
  rt: ClusterRuntime;
  detector: Detector;
  nodeDetector: NodeDetector;
  snooze: ClusterPolicyContext['snooze'];
  state: ReturnType<typeof createStateCache>;
}

/** Creates the engine (nothing runs before start()). */
export function createMonitor(deps: MonitorDeps): Monitor {
  const { timers } = deps;
  const log = deps.log ?? (() => {});
  const offset = deps.utcOffsetMinutes ?? ((now: number) => -new Date(now).getTimezoneOffset());
  let settings: Settings = deps.settings;
  let policy: PolicyMemory | null = null;
  let running = false;
  let paused = false;
  let suspended = false;
  const entries = new Map<string, Entry>();
  const viewListeners = listeners<ClusterView[]>(log);
  const eventListeners = listeners<MonitorEvent[]>(log);
  const noticeListeners = listeners<Notice[]>(log);

  function record(events: MonitorEvent[]): void {
    if (events.length === 0) return;
    for (const event of events) fireAndLog(() => deps.history.append(event), 'history', log);
    eventListeners.emit(events);
  }

  function stateOf(entry: Entry): ClusterStateResult {
    return entry.state.state({
      snapshot: entry.snapshot,
      lastGood: entry.lastGood,
      now: timers.now(),
      intervalMs: entry.rt.settings.pollIntervalMs,
      staleAfterIntervals: settings.global.staleAfterIntervals,
      paused: paused || suspended,
    });
  }

  /** The ClusterView pushed to the tray, the window and the CLI (never contains a token). */
  function viewOf(entry: Entry): ClusterView {
    const c = entry.rt.settings;
    const s = c.enabled ? stateOf(entry) : { state: 'unknown' as const, reasons: ['disabled'], quorum: {} };
    return {
      id: c.id,
      name: c.name,
      enabled: c.enabled,
      ...s,
      lastPoll: entry.snapshot?.time ?? null,
      lastGoodPoll: entry.lastGood?.time ?? null,
      failingSince: entry.failingSince,
      paused: paused || suspended,
      snoozed: entry.snooze?.until ?? null,
      pollIntervalMs: c.pollIntervalMs,
      snapshot: entry.snapshot,
      timeline: entry.timeline,
    };
  }

  const views = (): ClusterView[] => [...entries.values()].map(viewOf);

  function contexts(): ClusterPolicyContext[] {
    return [...entries.values()]
      .filter((e) => e.rt.settings.enabled)
      .map((e) => ({
        clusterId: e.rt.settings.id,
        clusterName: e.rt.settings.name,
        rules: e.rt.settings.notifications,
        snooze: e.snooze,
        state: stateOf(e).state,
        pollIntervalMs: e.rt.settings.pollIntervalMs,
        answeredAt: e.answeredAt,
        ...(e.nodeDetector.started ? { datacenters: e.nodeDetector.census() } : {}),
      }));
  }

  function runPolicy(events: MonitorEvent[], baseline: boolean): void {
    const now = timers.now();
    const decision = decideNotifications(policy, {
      now,
      events,
      clusters: contexts(),
      settings: settings.global,
      baseline,
      utcOffsetMinutes: offset(now),
    });
    policy = decision.memory;
    for (const id of decision.snoozeLifted) {
      const e = entries.get(id);
      if (e) e.snooze = null;
    }
    for (const notice of decision.notices) fireAndLog(() => deps.notifier.notify(notice), 'notify', log);
    if (decision.notices.length > 0) noticeListeners.emit(decision.notices);
  }

  function onSnapshot(entry: Entry, snapshot: ClusterSnapshot): void {
    if (!running) return;
    const cfg = detectorConfig(settings.global, entry.rt.settings.pollIntervalMs);
    const events = entry.detector.step(snapshot, entry.rt.settings, cfg);
    entry.snapshot = snapshot;
    const good = snapshot.error === null && snapshot.members !== null;
    if (good) {
      entry.lastGood = snapshot;
      entry.failingSince = null;
    } else entry.failingSince ??= snapshot.time;
    if (snapshot.reachable) entry.answeredAt = snapshot.startedAt ?? snapshot.time;
    entry.timeline = pushTimeline(entry.timeline, { time: snapshot.time, state: stateOf(entry).state });
    record(events);
    const baseline = entry.baseline;
    entry.baseline = false;
    runPolicy(events, baseline);
    viewListeners.emit(views());
  }

  /**
   * onSnapshot, surviving any throw in it (a bug on a hostile answer, a listener): the cluster is shown in the
   * `error` state with the reason, the detector keeps its memory from before, and the next poll comes as usual.
   */
  function guardedSnapshot(entry: Entry, snapshot: ClusterSnapshot): void {
    const id = entry.rt.settings.id;
    const lastGood = entry.lastGood;
    try {
      onSnapshot(entry, snapshot);
    } catch (e) {
      log(`cluster ${id}: internal error while processing a poll: ${thrownText(e)}`);
      const failed = internalErrorSnapshot(snapshot, e);
      entry.snapshot = failed;
      entry.lastGood = lastGood; // never keep the answer that broke it as "last good"
      entry.failingSince ??= failed.time;
      try {
        entry.timeline = pushTimeline(entry.timeline, { time: failed.time, state: 'error' });
        viewListeners.emit(views());
      } catch (again) {
        log(`cluster ${id}: the error state could not be shown: ${thrownText(again)}`);
      }
    }
  }

  /** A runtime for a cluster's entry; a replaced runtime's late answers are dropped (not its entry's `rt`). */
  function runtimeFor(cluster: ClusterSettings): ClusterRuntime {
    return createClusterRuntime(cluster, {
      clientFactory: deps.clientFactory,
      tokenFor: deps.tokenFor,
      timers,
      random: deps.random ?? Math.random,
      log,
      onSnapshot: (runtime, snapshot) => {
        const entry = entries.get(cluster.id);
        // The node summary the watcher has now rides on every poll's snapshot.
        if (entry?.rt === runtime)
          guardedSnapshot(entry, entry.nodes ? { ...snapshot, nodes: entry.nodes } : snapshot);
      },
      onNodes: (runtime, update) => {
        const entry = entries.get(cluster.id);
        if (!running || entry?.rt !== runtime) return;
        const events = nodeEvents(entry.nodeDetector, update, cluster);
        const shown = applyNodeUpdate(entry, update);
        if (events.length > 0) {
          record(events);
          runPolicy(events, false);
        }
        if (shown || events.length > 0) viewListeners.emit(views());
      },
    });
  }

  function addCluster(cluster: ClusterSettings): Entry {
    const entry: Entry = {
      rt: runtimeFor(cluster),
      detector: new Detector(),
      nodeDetector: new NodeDetector(),
      snooze: null,
      state: createStateCache(),
      nodes: null,
      nodeList: null,
      snapshot: null,
      lastGood: null,
      failingSince: null,
      answeredAt: null,
      timeline: [],
      baseline: true,
    };
    entries.set(cluster.id, entry);
    return entry;
  }

  /** A cluster's two loops (agent poller, node watcher) start, pause, resume and stop together. */
  function loops(rt: ClusterRuntime, step: 'start' | 'stop' | 'pause' | 'resume'): void {
    rt.poller[step]();
    rt.nodeWatcher[step]();
  }

  /** Whether a cluster's loops run: the engine is started and the cluster enabled. */
  const live = (e: Entry): boolean => running && e.rt.settings.enabled;

  function startEntry(entry: Entry): void {
    if (!live(entry)) return;
    loops(entry.rt, 'start');
    if (paused || suspended) loops(entry.rt, 'pause');
  }

  async function dropRuntime(rt: ClusterRuntime): Promise<void> {
    loops(rt, 'stop');
    await rt.close();
  }

  for (const c of settings.clusters) addCluster(c);

  function find(clusterId: string): Result<Entry, EngineError> {
    const e = entries.get(clusterId);
    return e ? ok(e) : err({ kind: 'unknown-cluster', message: `no cluster with id "${clusterId}"` });
  }

  const actionApi = createActionApi({
    lookup: find,
    now: () => timers.now(),
    audit: (e) => record([e]),
    clientFactory: deps.clientFactory,
  });

  /** Replaces a cluster's runtime with one for `cluster`; the entry keeps what was seen (Monitor.restart). */
  function replace(entry: Entry, cluster: ClusterSettings): void {
    void dropRuntime(entry.rt);
    entry.rt = runtimeFor(cluster);
    startEntry(entry);
  }

  const forAll = (fn: (e: Entry) => void): void => {
    for (const e of entries.values()) if (live(e)) fn(e);
  };

  return {
    start() {
      if (running) return;
      running = true;
      for (const e of entries.values()) startEntry(e);
    },
    async stop() {
      running = false;
      await Promise.all([...entries.values()].map((e) => dropRuntime(e.rt)));
      await deps.history.flush?.();
    },
    views,
    nodeList(clusterId) {
      const found = find(clusterId);
      // Not a list the watcher cannot vouch for now (it cannot see the nodes), as for members.
      return found.ok ? ok(found.value.nodes?.error === null ? found.value.nodeList : null) : found;
    },
    subscribe: (listener) => viewListeners.add(listener),
    onEvents: (listener) => eventListeners.add(listener),
    onNotices: (listener) => noticeListeners.add(listener),
    async pollNow(clusterId) {
      const targets = [...entries.values()].filter(
        (e) => live(e) && (clusterId === undefined || e.rt.settings.id === clusterId),
      );
      await Promise.all(targets.map((e) => e.rt.poller.pollNow()));
    },
    pause() {
      paused = true;
      forAll((e) => loops(e.rt, 'pause'));
      viewListeners.emit(views());
    },
    resume() {
      paused = false;
      if (!suspended) forAll((e) => loops(e.rt, 'resume'));
    },
    snooze(clusterId, choice) {
      const found = find(clusterId);
      if (!found.ok) return found;
      const now = timers.now();
      const until = snoozeUntil(choice, now, offset(now));
      found.value.snooze =
        until === null ? null : { until, severityAtSnooze: STATES[stateOf(found.value).state].severity };
      viewListeners.emit(views());
      return ok(undefined);
    },
    suspend() {
      suspended = true;
      forAll((e) => loops(e.rt, 'pause'));
    },
    wake() {
      suspended = false;
      forAll((e) => {
        e.detector.wake();
        if (!paused) loops(e.rt, 'resume');
      });
    },
    updateSettings(next) {
      settings = next;
      const wanted = new Map(next.clusters.map((c) => [c.id, c]));
      for (const [id, e] of [...entries]) {
        const c = wanted.get(id);
        if (c === undefined) {
          entries.delete(id);
          void dropRuntime(e.rt);
        } else if (JSON.stringify(c) !== JSON.stringify(e.rt.settings)) replace(e, c);
      }
      for (const c of next.clusters) if (!entries.has(c.id)) startEntry(addCluster(c));
      viewListeners.emit(views());
    },
    restart(clusterId) {
      const found = find(clusterId);
      if (!found.ok) return found;
      replace(found.value, found.value.rt.settings);
      viewListeners.emit(views());
      return ok(undefined);
    },
    ...actionApi,
  };
}
export { displayState } from './pipeline.js';
export { listeners } from './support.js';
