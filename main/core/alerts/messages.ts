/**
 * Wording of every notification the alert policy raises. Titles read "<cluster name>: <what happened>", bodies
 * "<member>, <from> → <to>, since HH:MM" where those facts exist. Auth (403) and TLS failures are always called
 * what they are, never "servers failed" or "network unavailable".
 */
import type { MonitorEvent } from '../../../common/domain.js';
import { flapSubject, type Notice } from '../monitor/index.js';
import { DATACENTER_PROBLEMS, isElected, NODE_PROBLEMS, type parts } from './problems.js';
import { localMinutesOf } from './quiet-hours.js';
import { RANK, worstSeverity } from './severity.js';

const TITLE_MAX = 120;
const DIGEST_NAMES = 5;

/** Wall-clock "HH:MM" of an epoch-ms time, shifted by the local UTC offset (pure: no Date locale lookup). */
export function hhmm(epochMs: number, utcOffsetMinutes: number): string {
  const ofDay = localMinutesOf(epochMs, utcOffsetMinutes);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(ofDay / 60))}:${two(ofDay % 60)}`;
}

/** A member's name without its ".<region>" serf suffix, for titles ("server-2.global" → "server-2"). */
export function shortMember(member: string, region?: string): string {
  if (region !== undefined && region !== '' && member.endsWith(`.${region}`)) {
    return member.slice(0, -(region.length + 1));
  }
  const dot = member.lastIndexOf('.');
  return dot > 0 ? member.slice(0, dot) : member;
}

function cap(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function inRegion(e: MonitorEvent): string {
  return e.region !== undefined && e.region !== '' ? ` in ${e.region}` : '';
}

/** "5 nodes", "1 node", or "nodes" when the count is not known (a resolution naming an earlier storm). */
function nodeCount(e: MonitorEvent): string {
  return e.count === undefined ? 'nodes' : `${e.count} node${e.count === 1 ? '' : 's'}`;
}

/** Problem types whose key names a node (or nothing) and a datacenter, not a member and a region. */
const NODE_KEYED: readonly string[] = [...NODE_PROBLEMS, ...DATACENTER_PROBLEMS];

/** Member event verbs, in titles ("server-2 failed") and digests ("2 servers failed"). */
const MEMBER_VERBS: Partial<Record<MonitorEvent['type'], string>> = {
  'member-failed': 'failed',
  'member-left': 'left',
  'member-removed': 'removed',
  'member-joined': 'joined',
  'member-recovered': 'alive again',
};

const node = (words: string) => (e: MonitorEvent) => `node ${e.node ?? '?'} ${words}`;

/** "<what happened>" per event type besides the member events; a type not here says its message. */
const WHAT: Partial<Record<MonitorEvent['type'], (e: MonitorEvent) => string>> = {
  'node-down': node('is down'),
  'node-disconnected': node('is disconnected'),
  'node-ineligible': node('is ineligible'),
  'node-eligible': node('is eligible again'),
  'node-ready': node('is ready again'),
  'node-drain-started': node('is draining'),
  'node-retired': node('retired (down after it was made ineligible)'),
  'node-drain-finished': node('finished draining'),
  'node-joined': node('joined'),
  'node-removed': node('removed'),
  'leader-changed': (e) => `leader ${isElected(e) ? 'elected' : 'changed'}${inRegion(e)}`,
  'leader-lost': (e) => `no leader${inRegion(e)}`,
  'health-degraded': (e) => (e.role === undefined ? e.message : `${e.role} health check failing`),
  'health-recovered': (e) => (e.role === undefined ? e.message : `${e.role} health check ok again`),
  'cluster-unreachable': () => 'unreachable',
  'cluster-recovered': () => 'reachable again',
  // What the token check found; without a verdict (older lines, an unknown check) the old words.
  'auth-failed': (e) =>
    e.aclReason === 'no-token'
      ? 'no ACL token set'
      : e.aclReason === 'lacks-capability'
        ? `ACL token lacks ${e.capability ?? 'a capability'}`
        : 'ACL token refused',
  'tls-failed': (e) => `TLS: ${e.cause ?? 'handshake failed'}`,
  'quorum-at-risk': (e) => `quorum at risk${inRegion(e)}`,
  'quorum-restored': (e) => `quorum restored${inRegion(e)}`,
  flapping: (e) =>
    `${e.member !== undefined ? shortMember(e.member, e.region) : e.node !== undefined ? `node ${e.node}` : flapSubject(e)} is flapping`,
  'nodes-down': (e) => `${e.datacenter ?? '?'}: ${nodeCount(e)} down`,
  'nodes-ready': (e) => `${e.datacenter ?? '?'}: ${nodeCount(e)} ready again`,
  'datacenter-partition': (e) =>
    `likely partition of ${e.datacenter ?? '?'} (all ${e.count === undefined ? '' : `${e.count} `}nodes down)`,
};

/** "<what happened>" for one event, without the cluster prefix. */
export function whatHappened(e: MonitorEvent): string {
  const verb = MEMBER_VERBS[e.type];
  if (verb === undefined) return WHAT[e.type]?.(e) ?? e.message;
  const m = e.member !== undefined ? shortMember(e.member, e.region) : 'a server';
  return `${m} ${e.type === 'member-recovered' ? 'is ' : ''}${verb}`;
}

const TRANSITION_TYPES: ReadonlySet<MonitorEvent['type']> = new Set<MonitorEvent['type']>([
  'leader-changed',
  'leader-lost',
  'quorum-at-risk',
  'quorum-restored',
]);

/** What the body says besides "since": the member and its transition, a leader/quorum change, or the message. */
function bodyFacts(e: MonitorEvent): string[] {
  const transition = `${e.from || 'none'} → ${e.to || 'none'}`;
  if (e.member !== undefined)
    return e.from !== undefined || e.to !== undefined ? [e.member, transition] : [e.member];
  if (TRANSITION_TYPES.has(e.type)) return [transition];
  // The title already says these; the body keeps the cause only ("403 Permission denied").
  if (e.type === 'tls-failed' || e.type === 'health-degraded' || e.type === 'health-recovered') return [];
  const detail = e.cause ?? e.message;
  return detail === '' ? [] : [detail];
}

/**
 * The notice for one event; its body "<member>, <from> → <to>, since HH:MM" for members, else the useful detail
 * and "since HH:MM". Flapping is always a warning (it is a symptom, not an outage).
 */
export function eventNotice(e: MonitorEvent, clusterName: string, utcOffsetMinutes: number): Notice {
  const notice: Notice = {
    clusterId: e.clusterId,
    title: cap(`${clusterName}: ${whatHappened(e)}`, TITLE_MAX),
    body: [...bodyFacts(e), `since ${hhmm(e.time, utcOffsetMinutes)}`].join(', '),
    severity: e.type === 'flapping' ? 'warning' : e.severity,
    events: [e],
    type: e.type,
  };
  if (e.member !== undefined) notice.member = e.member;
  if (e.node !== undefined) notice.node = e.node;
  return notice;
}

/** What a resolution says, by the type of the problem it resolves (cluster-recovered names what came back). */
const RESOLVED_TITLES: Partial<Record<MonitorEvent['type'], string>> = {
  'auth-failed': 'ACL token accepted again',
  'tls-failed': 'TLS works again',
};

/**
 * A recovery notice as the resolution of the notices it closes: the title says what is resolved (a token
 * accepted again rather than "reachable again"), the body names each earlier notice and when it was sent, and
 * `resolves` lets a notifier close the sticky one.
 */
export function resolutionNotice(
  notice: Notice,
  closed: ReadonlyArray<ReturnType<typeof parts> & { type: MonitorEvent['type']; tag: string; at: number }>,
  clusterName: string,
  utcOffsetMinutes: number,
): Notice {
  const special = closed.map((c) => RESOLVED_TITLES[c.type]).find((t) => t !== undefined);
  const title =
    notice.type === 'cluster-recovered' && special !== undefined
      ? cap(`${clusterName}: ${special}`, TITLE_MAX)
      : notice.title;
  const named = closed.map((c) => {
    const who = c.member === '' ? undefined : c.member;
    const what = whatHappened({
      time: c.at,
      clusterId: '',
      cluster: '',
      type: c.type,
      severity: 'info',
      message: '',
      ...(NODE_KEYED.includes(c.type)
        ? { node: who, datacenter: c.region }
        : { member: who, region: c.region === '' ? undefined : c.region }),
    });
    return `“${what}” (${hhmm(c.at, utcOffsetMinutes)})`;
  });
  const body = named.length > 0 ? `${notice.body}; resolves ${named.join(', ')}` : notice.body;
  return { ...notice, title, body, resolves: closed.map((c) => c.tag) };
}

/** Digest phrases of several folded node storms (one per datacenter): "2 datacenters likely partitioned". */
const DATACENTER_PHRASES: Partial<Record<MonitorEvent['type'], string>> = {
  'datacenter-partition': 'likely partitioned',
  'nodes-down': 'with many nodes down',
  'nodes-ready': 'with many nodes ready again',
};

function groupPhrase(type: MonitorEvent['type'], events: MonitorEvent[], first: boolean): string {
  const n = events.length;
  const verb = MEMBER_VERBS[type];
  if (verb !== undefined) return first ? `${n} ${n === 1 ? 'server' : 'servers'} ${verb}` : `${n} ${verb}`;
  const [one] = events;
  if (one === undefined) return '';
  if (n === 1) return whatHappened(one);
  const datacenters = DATACENTER_PHRASES[type];
  if (datacenters !== undefined) return `${n} datacenters ${datacenters}`;
  return `${whatHappened({ ...one, member: undefined, region: undefined, node: undefined })} ×${n}`;
}

/** Title and body of a storm digest: counts per kind, worst kind first, then the first few member names. */
export function digestText(clusterName: string, events: MonitorEvent[]): { title: string; body: string } {
  const groups = new Map<MonitorEvent['type'], MonitorEvent[]>();
  for (const e of events) groups.set(e.type, [...(groups.get(e.type) ?? []), e]);
  const ordered = [...groups.entries()].sort(
    (a, b) => RANK[worstSeverity(b[1])] - RANK[worstSeverity(a[1])] || b[1].length - a[1].length,
  );
  const firstMember = ordered.findIndex(([type]) => MEMBER_VERBS[type] !== undefined);
  const phrases = ordered.map(([type, list], i) => groupPhrase(type, list, i === firstMember));
  const names = [
    ...new Set(events.flatMap((e) => (e.member !== undefined ? [shortMember(e.member, e.region)] : []))),
  ];
  const listed = names.length > 0 ? names : ordered.flatMap(([, list]) => list.slice(0, 1).map(whatHappened));
  const shown = listed.slice(0, DIGEST_NAMES).join(', ');
  const more = listed.length > DIGEST_NAMES ? ` +${listed.length - DIGEST_NAMES} more` : '';
  return { title: cap(`${clusterName}: ${phrases.join(', ')}`, TITLE_MAX), body: `${shown}${more}` };
}

/** "Network unavailable — all N clusters unreachable", listing the clusters. */
export function networkDownText(names: string[], since: number, utcOffsetMinutes: number) {
  return {
    title: `Network unavailable — all ${names.length} clusters unreachable`,
    body: `${names.join(', ')}, since ${hhmm(since, utcOffsetMinutes)}`,
  };
}

/** "Network restored", naming clusters that are still unreachable (their own recovery will notify later). */
export function networkRestoredText(backCount: number, stillDown: string[]) {
  const back = `${backCount} ${backCount === 1 ? 'cluster' : 'clusters'} reachable again`;
  return {
    title: 'Network restored',
    body: stillDown.length > 0 ? `${back}; still unreachable: ${stillDown.join(', ')}` : back,
  };
}

/** A reminder while a cluster stays bad: "prod: still unreachable", "since HH:MM (reminder 2)". */
export function reminderText(
  clusterName: string,
  still: string,
  since: number,
  count: number,
  utcOffsetMinutes: number,
) {
  return {
    title: `${clusterName}: ${still}`,
    body: `since ${hhmm(since, utcOffsetMinutes)} (reminder ${count})`,
  };
}

/** "Network still unavailable" reminder, one for all clusters of a network outage. */
export function networkReminderText(count: number, since: number, utcOffsetMinutes: number) {
  return {
    title: `Network still unavailable — ${count} clusters unreachable`,
    body: `since ${hhmm(since, utcOffsetMinutes)}`,
  };
}
