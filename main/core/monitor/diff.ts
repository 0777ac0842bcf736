/**
 * Third step of the detector: turn two consecutive confirmed views into monitor events. Only confirmed changes
 * reach this step, so every event here is real (debounced) news.
 */
import type { MonitorEvent, MonitorEventType, Quorum, Severity } from '../../../common/domain.js';
import type { MemberStatus } from '../../../common/nomad-domain.js';
import { own } from '../../../common/dict.js';
import { detectorKey } from './detect-keys.js';
import { flapSubject, formatDuration, ownSideSentence } from './detect-text.js';
import { describeQuorum, quorumLevel } from './quorum.js';
import type { ConfirmedView, FlapNotice, Reachability } from './types.js';

/** Who the events are about and when. */
export interface DiffContext {
  clusterId: string;
  clusterName: string;
  time: number;
}

type Draft = Pick<MonitorEvent, 'type' | 'severity' | 'message'> & Partial<MonitorEvent>;

function event(ctx: DiffContext, draft: Draft): MonitorEvent {
  return { time: ctx.time, clusterId: ctx.clusterId, cluster: ctx.clusterName, ...draft };
}

/**
 * Events between two confirmed views, in a stable order (reachability, members by name, leaders by region,
 * health, quorum). `prev` null is the baseline: no events. While `next` is not reachable, only the
 * reachability change is reported: an unreachable, forbidden or TLS-failing agent is reported as what it is,
 * never as members failing. `changedMembers` (from the Detector that built `next` right after `prev`) names the
 * members whose status changed, so a poll costs its changes, not the member count; without it the maps are
 * compared.
 */
export function diffViews(
  prev: ConfirmedView | null,
  next: ConfirmedView,
  ctx: DiffContext,
  changedMembers?: readonly string[],
): MonitorEvent[] {
  if (prev === null) return [];
  const out: MonitorEvent[] = [];
  const reach = reachabilityEvent(prev, next);
  if (reach !== null) out.push(event(ctx, { ...reach, key: detectorKey('reachability') }));
  if (next.reachability !== 'ok') return out;
  if (prev.members !== null && next.members !== null) {
    for (const name of changedMembers ?? changedNames(prev.members, next.members)) {
      const d = memberEvent(name, own(prev.members, name), own(next.members, name));
      if (d !== null) out.push(event(ctx, { ...d, key: detectorKey('member', name) }));
    }
  }
  for (const region of Object.keys(next.leaders).sort()) {
    if (!Object.hasOwn(prev.leaders, region)) continue;
    const d = leaderEvent(region, own(prev.leaders, region) ?? null, own(next.leaders, region) ?? null);
    if (d !== null) out.push(event(ctx, { ...d, key: detectorKey('leader', region) }));
  }
  for (const role of ['server', 'client'] as const) {
    const before = prev.health[role];
    const after = next.health[role];
    if (before === undefined || after === undefined || before === after) continue;
    out.push(
      event(ctx, {
        type: after ? 'health-recovered' : 'health-degraded',
        severity: after ? 'info' : 'warning',
        from: before ? 'ok' : 'not ok',
        to: after ? 'ok' : 'not ok',
        message: after ? `${role} health check ok again` : `${role} health check failing`,
        role,
        key: detectorKey('health', role),
      }),
    );
  }
  for (const region of Object.keys(next.quorum).sort()) {
    const d = quorumEvent(region, own(prev.quorum, region), own(next.quorum, region));
    if (d !== null) out.push(event(ctx, { ...d, key: detectorKey('quorum', region) }));
  }
  return out;
}

/** One `flapping` event per flap notice: the key changes too often to alert on each change. */
export function flapEvents(flaps: readonly FlapNotice[], ctx: DiffContext): MonitorEvent[] {
  return flaps.map((f) => {
    const draft: Draft = {
      type: 'flapping',
      severity: 'warning',
      message: `${flapSubject(f)} is flapping (${f.transitions} changes within ${formatDuration(f.windowMs)}); its alerts are held until it settles`,
      key: f.key,
    };
    if (f.member !== undefined) draft.member = f.member;
    if (f.region !== undefined) draft.region = f.region;
    if (f.role !== undefined) draft.role = f.role;
    return event(ctx, draft);
  });
}

/**
 * Names whose status differs between two member maps, sorted. Only these can give a member event (memberEvent
 * is null when the status is the same), so a poll with few changes sorts few names, not the whole list.
 */
function changedNames(prev: Record<string, MemberStatus>, next: Record<string, MemberStatus>): string[] {
  const changed = new Set<string>();
  for (const name of Object.keys(next)) if (own(prev, name) !== own(next, name)) changed.add(name);
  for (const name of Object.keys(prev)) if (own(prev, name) !== own(next, name)) changed.add(name);
  return [...changed].sort();
}

const FAILURE_TYPES: Record<Exclude<Reachability, 'ok'>, MonitorEventType> = {
  unreachable: 'cluster-unreachable',
  error: 'cluster-unreachable',
  forbidden: 'auth-failed',
  tls: 'tls-failed',
};

/** The "settings: …" / "internal error: …" sentence when the confirmed failure is on Nomad Tray's side. */
function ownSide(view: ConfirmedView): string | null {
  if (view.errorKind === null) return null;
  return ownSideSentence({ kind: view.errorKind, message: view.errorMessage ?? 'no detail' });
}

function reachabilityEvent(prev: ConfirmedView, next: ConfirmedView): Draft | null {
  const from = prev.reachability;
  const to = next.reachability;
  if (from === to) return null;
  if (to === 'ok') {
    return {
      type: 'cluster-recovered',
      severity: 'info',
      from,
      to,
      message: `agent reachable again (was ${from})`,
    };
  }
  const type = FAILURE_TYPES[to];
  if (from !== 'ok' && FAILURE_TYPES[from] === type) return null;
  const detail = next.errorDetail ?? next.errorMessage ?? 'no detail';
  const said = next.errorMessage ?? detail;
  const ours = to === 'error' ? ownSide(next) : null;
  // The cause, for the policy's notice body; the message, for people (history, CLI lines).
  const cause = type !== 'cluster-unreachable' ? detail : (ours ?? said);
  const message =
    type === 'auth-failed'
      ? `ACL token refused (${detail})`
      : type === 'tls-failed'
        ? `TLS: ${detail}`
        : to === 'error'
          ? (ours ?? `agent answered with an error: ${said}`)
          : `agent unreachable: ${said}`;
  const acl = type === 'auth-failed' ? next.errorAcl : null;
  return {
    type,
    severity: 'critical',
    from,
    to,
    message,
    cause,
    ...(acl?.aclReason === undefined ? {} : { aclReason: acl.aclReason }),
    ...(acl?.capability === undefined ? {} : { capability: acl.capability }),
  };
}

function memberEvent(
  name: string,
  from: MemberStatus | undefined,
  to: MemberStatus | undefined,
): Draft | null {
  if (from === to) return null;
  if (to === undefined) {
    const removed: Draft = {
      type: 'member-removed',
      severity: 'info',
      member: name,
      message: removedMessage(name, from),
    };
    if (from !== undefined) removed.from = from;
    return removed;
  }
  const base = { member: name, to, ...(from === undefined ? {} : { from }) };
  const was = from === undefined ? 'new member' : `was ${from}`;
  if (from === undefined) {
    if (to === 'left' || to === 'leaving') return null;
    const suffix = to === 'alive' ? '' : ` (status ${to})`;
    return { ...base, type: 'member-joined', severity: 'info', message: `${name} joined${suffix}` };
  }
  if (to === 'failed')
    return { ...base, type: 'member-failed', severity: 'warning', message: `${name} failed (${was})` };
  if (to === 'leaving' || to === 'left') {
    if (from === 'leaving' || from === 'left') return null;
    const verb = to === 'left' ? 'left' : 'is leaving';
    return { ...base, type: 'member-left', severity: 'info', message: `${name} ${verb} (${was})` };
  }
  if (to === 'alive') {
    if (from === 'left') {
      return { ...base, type: 'member-joined', severity: 'info', message: `${name} joined again (${was})` };
    }
    return { ...base, type: 'member-recovered', severity: 'info', message: `${name} recovered (${was})` };
  }
  return null;
}

function removedMessage(name: string, from: MemberStatus | undefined): string {
  return `${name} is no longer in the member list${from === undefined ? '' : ` (was ${from})`}`;
}

function leaderEvent(region: string, from: string | null, to: string | null): Draft | null {
  if (from === to) return null;
  const base = { region, ...(from === null ? {} : { from }), ...(to === null ? {} : { to }) };
  if (to === null) {
    return {
      ...base,
      type: 'leader-lost',
      severity: 'critical',
      message: `no leader in region ${region} (was ${from})`,
    };
  }
  if (from === null) {
    return {
      ...base,
      type: 'leader-changed',
      severity: 'info',
      message: `${region} elected a leader: ${to}`,
    };
  }
  return {
    ...base,
    type: 'leader-changed',
    severity: 'warning',
    message: `leader of ${region} changed ${from} → ${to}`,
  };
}

/**
 * quorum-at-risk when canLose drops from > 0 to ≤ 0 in a region designed with margin (expected ≥ 3), or below
 * zero from anything (quorum lost); quorum-restored when it is safe again. Regions without a previous figure
 * emit nothing.
 */
function quorumEvent(region: string, prev: Quorum | undefined, next: Quorum | undefined): Draft | null {
  if (prev === undefined || next === undefined) return null;
  const lost = prev.canLose >= 0 && next.canLose < 0;
  const atRisk = prev.canLose > 0 && quorumLevel(next) === 'at-risk';
  if (quorumLevel(prev) !== 'safe' && quorumLevel(next) === 'safe') {
    return {
      type: 'quorum-restored',
      severity: 'info',
      region,
      from: `${prev.alive}/${prev.expected}`,
      to: `${next.alive}/${next.expected}`,
      message: `quorum restored in ${region}: ${next.alive}/${next.expected} alive, can lose ${next.canLose}`,
    };
  }
  if (!lost && !atRisk) return null;
  const severity: Severity = 'critical';
  return {
    type: 'quorum-at-risk',
    severity,
    region,
    from: `${prev.alive}/${prev.expected}`,
    to: `${next.alive}/${next.expected}`,
    message: describeQuorum(region, next),
  };
}
