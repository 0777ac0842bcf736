/**
 * The alert policy: which confirmed MonitorEvents become OS notifications. Pure: time is `round.now`, local
 * time is `round.now + round.utcOffsetMinutes`, memory goes in and comes out as plain JSON.
 */
import type { MonitorEvent, Severity } from '../../../common/domain.js';
import { FLAP_CONFIRM_FACTOR } from '../monitor/index.js';
import type { ClusterPolicyContext, Notice, PolicyRound } from '../monitor/index.js';
import { digestStorms } from './digest.js';
import { boundMemory, draftMemory, type PolicyMemory } from './memory.js';
import { eventNotice, networkDownText, networkRestoredText, resolutionNotice } from './messages.js';
import { decideNetwork, sweepNetwork } from './network.js';
import { classify, keysClosedBy, parts, UNREACHABLE_KEY } from './problems.js';
import { inQuietHours, localMinutesOf } from './quiet-hours.js';
import { foldNodeStorms } from './node-storms.js';
import { dueReminders } from './reminder-notices.js';
import { eventAllowed, nodeAllowed } from './rules.js';
import { isWorse, worstSeverity } from './severity.js';
import { evaluateSnoozes, liftOnWorse } from './snooze.js';

/** What one round decided. */
export interface PolicyDecision {
  memory: PolicyMemory;
  notices: Notice[];
  /** Cluster ids whose snooze lifted itself (expired, recovered, or something got worse): the engine clears them. */
  snoozeLifted: string[];
}

/** A notice before snooze / quiet hours, with the problem keys it marks as notified once delivered. */
interface Candidate {
  notice: Notice;
  marks: Array<{ clusterId: string; key: string; severity: Severity }>;
  networkDown?: boolean;
  /** It resolves a critical notice: it passes quiet hours like the critical one did (the sticky one closes). */
  resolvesCritical?: boolean;
}

/** A problem this round opened: its severity and the notice that opened it (one mark, its key). */
interface Pending {
  severity: Severity;
  candidate: Candidate;
}

/** The tag of the notice that opened a problem (what its resolution resolves). */
export function problemTag(clusterId: string, key: string): string {
  return `${clusterId}#${key}`;
}

/** The tag of the "Network unavailable" notice. */
export const NETWORK_TAG = 'network';

/**
 * Healthy rounds after which a cluster's open problems are swept. A round is ONE cluster's poll, so the count
 * scales with the clusters in the round; and a recovery can take FLAP_CONFIRM_FACTOR × recoveryPolls polls while
 * its key was flapping. Sweeping earlier would silently drop a recovery that is still on its way.
 */
export function sweepRounds(recoveryPolls: number, clusters: number): number {
  return (FLAP_CONFIRM_FACTOR * recoveryPolls + 1) * Math.max(1, clusters);
}

/**
 * Decides the notices of one round. Reminders are folded in: call it every round (even with no events) and
 * due reminders come out with the rest. Rows are checked per event, top to bottom; "—" = no notice.
 *
 * | #  | situation                                                                  | notices                         |
 * |----|----------------------------------------------------------------------------|---------------------------------|
 * |  1 | round.baseline (a cluster's first poll only, never a resume)               | — (recoveries still close)      |
 * |  2 | cluster muted                                                              | —                               |
 * |  3 | type in rules.never                                                        | —                               |
 * |  4 | rules.only non-empty, type not in it                                       | —                               |
 * |  5 | operator action (action-*) or a policy-made type as input                  | —                               |
 * |  6 | problem, its key (type+member+region) not notified                         | 1, at the event's severity      |
 * |  7 | problem, key already notified at the same or a worse severity              | — (escalation only)             |
 * |  8 | problem, key notified at a lower severity                                  | 1 (escalation)                  |
 * |  9 | member-failed of another member while one is notified                      | 1 (a new fact)                  |
 * | 10 | flapping, key not notified                                                 | 1, warning                      |
 * | 11 | recovery, its problem notified, recoveryNotifications on                   | 1                               |
 * | 12 | recovery, recoveryNotifications off                                        | — (problem closed)              |
 * | 13 | recovery of a problem never notified                                       | —                               |
 * | 14 | leader-changed from no leader (elected) after a notified leader-lost       | 1 (a recovery)                  |
 * | 15 | other fact (member-joined, leader-changed A→B, member-removed)             | 1                               |
 * | 16 | more than 3 notices for one cluster                                        | 1 digest, worst severity        |
 * | 17 | every enabled cluster (≥ 2) unreachable, ≥ 1 just became so                | 1 "Network unavailable"         |
 * | 18 | every cluster of a shown outage back, recoveryNotifications on             | 1 "Network restored"            |
 * | 19 | auth-failed / tls-failed while the others are unreachable                  | 1 each, named as what they are  |
 * | 20 | snoozed, notice not worse than severityAtSnooze                            | —                               |
 * | 21 | snoozed, notice worse than severityAtSnooze                                | 1, cluster in snoozeLifted      |
 * | 22 | 'until-recovered' snooze, cluster-recovered arrives or state healthy       | passes, cluster in snoozeLifted |
 * | 23 | timed snooze, now ≥ until                                                  | passes, cluster in snoozeLifted |
 * | 24 | quiet hours, notice not critical                                           | —                               |
 * | 25 | quiet hours, notice critical                                               | 1                               |
 * | 26 | state bad (critical/unreachable/forbidden/tls-error/degraded), reminder due | 1 reminder, interval ×2 ≤ 24 h |
 * | 27 | state no longer bad                                                        | — (reminder schedule reset)     |
 * | 28 | some clusters of a shown outage back, others not yet (< NETWORK_SETTLE_MS) | — (recoveries folded, waiting)  |
 * | 29 | NETWORK_SETTLE_MS after the first came back, some still down               | 1 "Network restored" naming the |
 * |    |                                                                            | ones still unreachable          |
 * | 30 | a cluster still down after "Network restored" recovers                     | 1 "<name>: reachable again"     |
 * | 31 | an outage cluster comes back refusing the token (auth-failed) / TLS        | 1, as what it is; not awaited   |
 * | 32 | first round after sleep/resume (never a baseline), problem confirmed in it | 1, like rows 6-9 (never lost)   |
 * | 33 | quorum-restored after a notified quorum-at-risk in that region             | 1 "quorum restored", resolves it|
 * | 34 | cluster-recovered closing a notified auth-failed                           | 1 "ACL token accepted again"    |
 * | 35 | a resolution (rows 11, 14, 18, 33, 34)                                     | resolves = the earlier notices' |
 * |    |                                                                            | tags; its body names them       |
 * | 36 | quiet hours, the resolution of a critical notice                           | 1 (the sticky one is closed)    |
 * | 37 | client node events of one datacenter arriving together                     | folded first: node-storms.ts's  |
 * |    |                                                                            | table (storm, partition), then  |
 * |    |                                                                            | rows 2-35 on the folded event   |
 * | 38 | server health-degraded in the round its cluster reports leader-lost        | — (the leader-lost notice says  |
 * |    |                                                                            | it; its recovery stays quiet)   |
 *
 * Row 38: a Nomad server's health check fails whenever its region has no leader, so losing the leader would
 * otherwise arrive as two notices, "no leader" and "server health check failing", for one fact. The health
 * problem is never notified, so its recovery (row 13) stays quiet next to "leader elected".
 *
 * Rows 33-36 (resolutions): every critical/warning problem notice carries a tag; its resolution is sent once
 * (the problem's key is closed by it) and lists the tags it resolves, so a notifier that can closes the sticky
 * notification (Electron's Notification.close) and the body says what it resolves where it cannot.
 *
 * Row 32 (sleep/resume): the engine never marks the rounds after a wake as baseline. The detector keeps its
 * memory across the sleep, so a change is compared with what was seen before and still needs its confirm polls;
 * it is confirmed exactly once, so a baseline round there would lose it for good. Storm protection after a
 * resume is the digest and the network folding, as for any other round.
 *
 * Rows 17-18 and 28-31: ONE notice when the network goes and ONE when it comes back, however the clusters'
 * recoveries spread over rounds (network.ts has the outage's own table). A cluster that stays down after the
 * network returns is never dropped: "Network restored" names it, its problem stays open, its reminders resume
 * and its own recovery is announced.
 * Only notices actually delivered mark their problem as notified, so a problem hidden by snooze, quiet hours or
 * rules never gets its recovery announced. Problems whose recovery never comes are swept after the cluster has
 * been healthy for more than sweepRounds() rounds (about 2 × recoveryPolls + 1 polls of every cluster). The
 * engine should pass every enabled cluster's context in every round (events only for the clusters polled):
 * "all clusters unreachable" is judged on those contexts.
 */
export function decideNotifications(memory: PolicyMemory | null, round: PolicyRound): PolicyDecision {
  const draft = draftMemory(memory, round.now);
  const mem = draft.memory;
  const { now, settings } = round;
  const offset = round.utcOffsetMinutes ?? 0;
  // Built on first use: a round without events or notices never needs it.
  let contexts: Map<string, ClusterPolicyContext> | null = null;
  const contextOf = (id: string): ClusterPolicyContext | undefined =>
    (contexts ??= new Map(round.clusters.map((c) => [c.clusterId, c]))).get(id);
  const nameOf = (id: string): string =>
    contextOf(id)?.clusterName ?? round.events.find((e) => e.clusterId === id)?.cluster ?? id;
  const passes = (e: MonitorEvent): boolean => eventAllowed(contextOf(e.clusterId)?.rules, e);
  for (const c of round.clusters) draft.cluster(c.clusterId).lastSeen = now;
  const snooze = evaluateSnoozes(round.clusters, round.events, now);
  const net = decideNetwork(mem, round);

  const candidates: Candidate[] = [];
  // Problems this round opens, per cluster (a released held outage and its recovery can share a round).
  const pending = new Map<string, Map<string, Pending>>();
  const events = foldNodeStorms(round.events, {
    foldable: (e) => nodeAllowed(contextOf(e.clusterId)?.rules, e),
    census: (id) => contextOf(id)?.datacenters,
    openKeys: (id) => Object.keys(draft.cluster(id).open),
  });
  const leaderless = new Set(events.filter((e) => e.type === 'leader-lost').map((e) => e.clusterId));
  const saidByLeaderLoss = (e: MonitorEvent): boolean =>
    e.type === 'health-degraded' && e.role === 'server' && leaderless.has(e.clusterId);
  for (const e of [...net.released, ...events]) {
    const cm = draft.cluster(e.clusterId);
    const inRound = pending.get(e.clusterId) ?? new Map<string, Pending>();
    const closed = [...new Set(keysClosedBy(e, [...Object.keys(cm.open), ...inRound.keys()]))];
    const closedEntries = closed.flatMap((key) => {
      const opened = inRound.get(key);
      const entry = cm.open[key] ?? (opened && { severity: opened.severity, at: now });
      return entry ? [{ tag: problemTag(e.clusterId, key), ...parts(key), ...entry }] : [];
    });
    for (const key of closed) {
      delete draft.open(e.clusterId)[key];
      // Closed before the round ends: its notice still goes out, but it must not stay open.
      const opened = inRound.get(key);
      if (opened !== undefined) opened.candidate.marks = [];
      inRound.delete(key);
    }
    const cls = classify(e);
    if (round.baseline || cls.kind === 'silent' || net.consumed.has(e) || !passes(e) || saidByLeaderLoss(e))
      continue;
    const notice = eventNotice(e, nameOf(e.clusterId), offset);
    if (cls.kind === 'recovery') {
      if (settings.recoveryNotifications && closed.length > 0) {
        const typed = closedEntries.map((c) => ({ ...c, type: c.type as MonitorEvent['type'] }));
        candidates.push({
          notice: resolutionNotice(notice, typed, nameOf(e.clusterId), offset),
          marks: [],
          resolvesCritical: closedEntries.some((c) => c.severity === 'critical'),
        });
      }
    } else if (cls.kind === 'problem') {
      const known = cm.open[cls.key]?.severity ?? inRound.get(cls.key)?.severity;
      if (known !== undefined && !isWorse(notice.severity, known)) continue;
      const candidate: Candidate = {
        notice: { ...notice, tag: problemTag(e.clusterId, cls.key) },
        marks: [{ clusterId: e.clusterId, key: cls.key, severity: notice.severity }],
      };
      inRound.set(cls.key, { severity: notice.severity, candidate });
      pending.set(e.clusterId, inRound);
      candidates.push(candidate);
    } else {
      candidates.push({ notice, marks: [] });
    }
  }

  if (net.down !== null && !round.baseline) {
    const events = net.down.events.filter(passes);
    const severity = worstSeverity(events);
    const text = networkDownText(net.down.clusterIds.map(nameOf), net.down.since, offset);
    // With no event left (rules), no cluster is left to deliver it to: the notice is dropped below.
    candidates.push({
      notice: { clusterId: null, ...text, severity, events, type: 'network-unavailable', tag: NETWORK_TAG },
      marks: net.down.clusterIds.map((clusterId) => ({ clusterId, key: UNREACHABLE_KEY, severity })),
      networkDown: true,
    });
  }
  if (
    net.restored !== null &&
    !round.baseline &&
    net.restored.wasNotified &&
    settings.recoveryNotifications
  ) {
    const events = net.restored.events.filter(passes);
    const text = networkRestoredText(events.length, net.restored.stillDown.map(nameOf));
    const notice: Notice = { clusterId: null, ...text, severity: worstSeverity(events), events };
    candidates.push({
      notice: { ...notice, type: 'network-restored', resolves: [NETWORK_TAG] },
      marks: [],
      resolvesCritical: true,
    });
  }

  // Snooze: anything worse than the snooze severity lifts it; a network notice passes if any of its clusters may.
  const perCluster = (n: Notice) =>
    n.clusterId !== null ? [{ clusterId: n.clusterId, severity: n.severity }] : n.events;
  liftOnWorse(
    snooze,
    candidates.flatMap((c) => perCluster(c.notice)),
  );
  const quiet = inQuietHours(settings.quietHours, localMinutesOf(now, offset));
  const delivered = candidates.filter(
    (c) =>
      perCluster(c.notice).some((x) => !snooze.active.has(x.clusterId)) &&
      (!quiet || c.notice.severity === 'critical' || c.resolvesCritical === true),
  );
  // Sweep problems whose recovery never came (long healthy), then record what this round really notified.
  const sweepAfter = sweepRounds(settings.recoveryPolls, round.clusters.length);
  for (const c of round.clusters) {
    const cm = draft.cluster(c.clusterId);
    cm.healthyRounds = c.state === 'healthy' ? cm.healthyRounds + 1 : 0;
    if (cm.healthyRounds > sweepAfter) cm.open = {};
  }
  sweepNetwork(mem, sweepAfter);
  for (const c of delivered) {
    for (const m of c.marks) {
      const prev = draft.cluster(m.clusterId).open[m.key];
      if (prev === undefined || isWorse(m.severity, prev.severity))
        draft.open(m.clusterId)[m.key] = { severity: m.severity, at: now };
    }
    if (c.networkDown === true && mem.network !== null) mem.network.notified = true;
  }

  const notified = new Set(delivered.map((c) => c.notice.clusterId));
  const reminders = dueReminders(draft, round, {
    skip: (id) => notified.has(id) || (id !== null && snooze.active.has(id)),
    quiet,
    offset,
  });
  const notices = [
    ...digestStorms(
      delivered.map((c) => c.notice),
      nameOf,
    ),
    ...reminders,
  ];

  return { memory: boundMemory(mem, draft.touched()), notices, snoozeLifted: [...snooze.lifted] };
}
