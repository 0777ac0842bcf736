/**
 * What an event means to the alert policy: it opens a problem (keyed, so a repeat of the same kind is not
 * re-announced), it recovers one (and closes its keys), or it is a plain fact. Keys look like
 * "<type>|<member>|<region>"; the policy remembers only keys the user was actually notified about.
 */
import type { MonitorEvent, MonitorEventType } from '../../../common/domain.js';

/** Types that open a problem (the policy gates repeats of the same key: escalation only). */
const PROBLEM_TYPES: ReadonlySet<MonitorEventType> = new Set<MonitorEventType>([
  'member-failed',
  'member-left',
  'leader-lost',
  'health-degraded',
  'cluster-unreachable',
  'auth-failed',
  'tls-failed',
  'quorum-at-risk',
  'flapping',
  'node-down',
  'node-disconnected',
  'nodes-down',
  'datacenter-partition',
]);

/** Types that recover a problem (and close its keys, keysClosedBy). */
const RECOVERY_TYPES: ReadonlySet<MonitorEventType> = new Set<MonitorEventType>([
  'member-recovered',
  'cluster-recovered',
  'health-recovered',
  'quorum-restored',
  'node-ready',
  'nodes-ready',
]);

/** Problems of one node and of a whole datacenter: their keys name a node (or nothing) and a datacenter. */
export const NODE_PROBLEMS: readonly string[] = ['node-down', 'node-disconnected'];
export const DATACENTER_PROBLEMS: readonly string[] = ['nodes-down', 'datacenter-partition'];

/** Types that never notify: operator actions (the user, or an autoscaler, did them) and types only the policy itself produces. */
const SILENT_TYPES: ReadonlySet<MonitorEventType> = new Set<MonitorEventType>([
  'action-join',
  'action-force-leave',
  'action-set-servers',
  'node-retired', // an operator's or autoscaler's scale-in: history only
  'digest',
  'network-unavailable',
  'network-restored',
  'reminder',
]);

/** The key a whole-network outage opens on each of its clusters (closed by their cluster-recovered). */
export const UNREACHABLE_KEY = 'cluster-unreachable||';

const CONNECTION_TYPES = ['cluster-unreachable', 'auth-failed', 'tls-failed'];

export type EventClass =
  { kind: 'problem'; key: string } | { kind: 'recovery' } | { kind: 'fact' } | { kind: 'silent' };

/** leader-changed from no leader (from missing, empty or "none"/"null") is an election, i.e. a recovery. */
export function isElected(e: MonitorEvent): boolean {
  if (e.type !== 'leader-changed') return false;
  const from = (e.from ?? '').trim().toLowerCase();
  return from === '' || from === 'none' || from === 'null';
}

/**
 * The problem key of an event: same key = same kind of problem on the same member/region (health: role).
 * Built from structured fields only, never from the message: rewording a sentence changes no deduplication.
 */
export function problemKey(e: MonitorEvent): string {
  const who = e.type === 'health-degraded' ? (e.member ?? e.role ?? '') : (e.member ?? e.node ?? '');
  const base = `${e.type}|${who}|${e.region ?? e.datacenter ?? ''}`;
  // Flapping of a key with no member or region (the agent connection, a role's health): the detector key says which.
  return e.type === 'flapping' && e.member === undefined && e.region === undefined
    ? `${base}|${e.key ?? ''}`
    : base;
}

/** Classifies an event for the policy (see decideNotifications' table). */
export function classify(e: MonitorEvent): EventClass {
  if (SILENT_TYPES.has(e.type)) return { kind: 'silent' };
  if (PROBLEM_TYPES.has(e.type)) return { kind: 'problem', key: problemKey(e) };
  if (RECOVERY_TYPES.has(e.type)) return { kind: 'recovery' };
  if (isElected(e)) return { kind: 'recovery' };
  return { kind: 'fact' };
}

/** The parts of a problem key ("<type>|<member>|<region>"). */
export function parts(key: string): { type: string; member: string; region: string } {
  const [type = '', member = '', region = ''] = key.split('|');
  return { type, member, region };
}

/**
 * The open keys an event closes: a recovery closes the problems it recovers; member-removed closes the removed
 * member's problems (it is gone), and so does a (re)join. Health and leader recoveries that name no role / region
 * close their whole family.
 */
export function keysClosedBy(e: MonitorEvent, openKeys: readonly string[]): string[] {
  const closing = closes(e);
  return openKeys.filter((key) => closing(parts(key)));
}

/** Whether `e` closes an open problem, by the problem key's parts (keysClosedBy). */
function closes(e: MonitorEvent): (k: { type: string; member: string; region: string }) => boolean {
  const region = e.region ?? '';
  switch (e.type) {
    case 'member-recovered':
    case 'member-removed':
    case 'member-joined':
      return (k) => (k.type === 'member-failed' || k.type === 'member-left') && k.member === (e.member ?? '');
    case 'node-ready':
    case 'node-removed':
      return (k) => (NODE_PROBLEMS.includes(k.type) || k.type === 'flapping') && k.member === (e.node ?? '');
    case 'nodes-ready': {
      // A folded recovery (node-storms.ts): its datacenter's storm / partition, and the nodes it names.
      const nodes = new Set(e.details ?? []);
      return (k) =>
        k.region === (e.datacenter ?? '') &&
        (DATACENTER_PROBLEMS.includes(k.type) ||
          ((NODE_PROBLEMS.includes(k.type) || k.type === 'flapping') && nodes.has(k.member)));
    }
    case 'cluster-recovered':
      return (k) => CONNECTION_TYPES.includes(k.type);
    case 'health-recovered': {
      const who = e.member ?? e.role ?? '';
      return (k) => k.type === 'health-degraded' && (who === '' || (k.member === who && k.region === region));
    }
    case 'quorum-restored':
      return (k) => k.type === 'quorum-at-risk' && k.region === region;
    case 'leader-changed':
      return (k) => isElected(e) && k.type === 'leader-lost' && (region === '' || k.region === region);
    default:
      return () => false;
  }
}
