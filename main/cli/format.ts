/**
 * Output formatting for the CLI: aligned tables (like the nomad CLI's columnize), the `status --json` document,
 * JSON Lines events for `watch --json`, and human event lines. Pure functions of domain values.
 */
import { putOwn } from '../../common/dict.js';
import type { ClusterSnapshot, ClusterStateKind, MonitorEvent, Quorum } from '../../common/domain.js';
import type { AgentSelf, Member, NomadNode } from '../../common/nomad-domain.js';
import { quorumMargin } from '../../common/quorum-text.js';
import { leaderVerdict } from '../core/monitor/index.js';

/**
 * Characters a terminal may act on instead of showing: C0 controls but the newline (ESC starts escape sequences
 * that clear the screen, set the window title or move the cursor to fake rows; CR and TAB overwrite and shift
 * columns), DEL, C1 controls (U+009B is a one-character CSI), the line/paragraph separators, and the bidi controls
 * that make text display in another order than it is (U+202E right-to-left override, isolates, marks).
 */
const TERMINAL_UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * The one escaping function for everything the CLI writes (member names, statuses, addresses, tags, error bodies):
 * each unsafe character becomes its `\uXXXX` escape, visible and inert. Newlines stay (output lines are joined
 * with them). Applied to JSON text it keeps the JSON valid and meaning the same, since `\uXXXX` is a JSON escape.
 */
export function escapeTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The widest of some strings (a loop: spreading a huge list into Math.max overflows the stack). */
function widest(texts: Iterable<string>): number {
  let width = 0;
  for (const t of texts) if (t.length > width) width = t.length;
  return width;
}

/** Left-aligned columns separated by two spaces; trailing spaces trimmed. Cells are escaped (escapeTerminal). */
function table(rows: ReadonlyArray<readonly string[]>): string {
  const all = rows.map((r) => r.map(escapeTerminal));
  const widths = (all[0] ?? []).map((_, c) => widest(all.map((r) => r[c] ?? '')));
  return all
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(c === r.length - 1 ? 0 : (widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The `nomad server members` table (Name, Address, Port, Status, Leader, Raft Version, Build, Datacenter, Region). */
export function membersTable(members: readonly Member[]): string {
  return table([
    ['Name', 'Address', 'Port', 'Status', 'Leader', 'Raft Version', 'Build', 'Datacenter', 'Region'],
    ...members.map((m) => [
      m.name,
      m.address,
      String(m.serfPort),
      m.statusRaw || m.status,
      String(m.leader),
      m.raftVersion ?? '',
      m.build,
      m.datacenter,
      m.region,
    ]),
  ]);
}

/** The `nomad node status` table (ID, Node Pool, DC, Name, Class, Drain, Eligibility, Status). */
export function nodesTable(nodes: readonly NomadNode[]): string {
  if (nodes.length === 0) return 'No nodes registered';
  return table([
    ['ID', 'Node Pool', 'DC', 'Name', 'Class', 'Drain', 'Eligibility', 'Status'],
    ...nodes.map((n) => [
      n.id.slice(0, 8),
      n.nodePool,
      n.datacenter,
      n.name,
      n.nodeClass === '' ? '<none>' : n.nodeClass,
      String(n.drain),
      n.eligible ? 'eligible' : 'ineligible',
      n.statusRaw || n.status,
    ]),
  ]);
}

/** A region's leader in `status --json`: its RPC address, null for no leader, or why it is unknown. */
export type LeaderEntry = string | null | { unknown: string };

/**
 * Region → leader, from a snapshot's leader lookups read the way the state table reads them (leaderVerdict):
 * `"ip:port"` (a leader), `null` (no leader, also when the lookup was held past our timeout), or
 * `{"unknown": "<why>"}` when the lookup failed another way.
 */
export function leaderMap(snapshot: ClusterSnapshot): Record<string, LeaderEntry> {
  const out: Record<string, LeaderEntry> = {};
  for (const [region, lookup] of Object.entries(snapshot.leaders)) {
    const v = leaderVerdict(lookup);
    putOwn(
      out,
      region,
      v.kind === 'leader' ? v.address : v.kind === 'none' ? null : { unknown: v.error.message },
    );
  }
  return out;
}

/** Builds the JSON entry of one cluster from its snapshot, state, reasons and quorum. */
export function statusEntry(
  name: string,
  snapshot: ClusterSnapshot,
  state: ClusterStateKind,
  quorum: Record<string, Quorum>,
  reasons: readonly string[] = [],
) {
  return {
    name,
    address: snapshot.address,
    state,
    reasons: [...reasons],
    health: snapshot.health,
    members: (snapshot.members ?? []).map((m) => ({
      name: m.name,
      address: m.address,
      port: m.serfPort,
      status: m.status,
      leader: m.leader,
      region: m.region,
      datacenter: m.datacenter,
      build: m.build,
    })),
    leaders: leaderMap(snapshot),
    quorum,
    error: snapshot.error ? { kind: snapshot.error.kind, message: snapshot.error.message } : null,
  };
}

/** One cluster entry of the `status --json` document. */
export type StatusEntry = ReturnType<typeof statusEntry>;

/** Human status: a state line, the error or the members table, and the quorum per region. */
export function statusText(entry: StatusEntry, snapshot: ClusterSnapshot): string {
  const why = entry.reasons.length > 0 ? ` (${entry.reasons.join('; ')})` : '';
  const lines = [`${entry.name} [${entry.address}]: ${entry.state}${why}`];
  if (entry.error) lines.push(`  error: ${entry.error.message}`);
  if (snapshot.members && snapshot.members.length > 0) lines.push(membersTable(snapshot.members));
  for (const [region, q] of Object.entries(entry.quorum)) {
    lines.push(`quorum ${region}: ${q.alive}/${q.expected} servers alive, ${quorumMargin(q)}`);
  }
  return lines.join('\n');
}

/** The keys a `watch --json` line has only when the event sets them, in their order. */
const OPTIONAL = ['member', 'node', 'datacenter', 'nodePool', 'nodeClass', 'count', 'from', 'to'] as const;

/**
 * One `watch --json` line: `{"time","cluster","type","member"?,"node"?,"datacenter"?,"count"?,"from"?,"to"?,
 * "severity","message"}`.
 */
export function eventJson(event: MonitorEvent): string {
  const line: Record<string, string | number> = {
    time: new Date(event.time).toISOString(),
    cluster: event.cluster,
    type: event.type,
  };
  for (const key of OPTIONAL) if (event[key] !== undefined) line[key] = event[key];
  line['severity'] = event.severity;
  line['message'] = event.message;
  return JSON.stringify(line);
}

/** One human `watch` line: time, cluster, severity, message. */
export function eventText(event: MonitorEvent): string {
  const details = event.details && event.details.length > 0 ? `\n  - ${event.details.join('\n  - ')}` : '';
  return `${new Date(event.time).toISOString()}  ${event.cluster}  ${event.severity.toUpperCase().padEnd(8)}  ${event.message}${details}`;
}

/** Human summary of `/v1/agent/self`. */
export function selfText(self: AgentSelf): string {
  const rows: Array<[string, string]> = [
    ['Name', self.name || '(no name configured)'],
    ['Region', self.region],
    ['Datacenter', self.datacenter],
    ['Version', self.version],
    ['Role', self.role],
    ['ACL enabled', String(self.aclEnabled)],
  ];
  if (self.isLeader !== null) rows.push(['Leader', String(self.isLeader)]);
  if (self.leaderAddr !== null) rows.push(['Leader address', self.leaderAddr || '(none)']);
  if (self.raftState !== null) rows.push(['Raft state', self.raftState]);
  if (self.knownServers.length > 0) rows.push(['Known servers', self.knownServers.join(', ')]);
  else if (self.knownServerCount !== undefined)
    rows.push(['Known servers', `${self.knownServerCount} (this version reports only a count)`]);
  if (self.lastHeartbeat !== null) rows.push(['Last heartbeat', self.lastHeartbeat]);
  return table(rows);
}
