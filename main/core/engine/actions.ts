/**
 * Operator actions (join, force-leave, set-servers) and one-off reads, through a cluster's active client. Each
 * action records an audit event and confirms its effect by re-reading the member list (Nomad's answers alone do
 * not say whether anything happened: force-leave answers 200 for any name). Failover across addresses and the
 * audit wording for it live in action-api.ts.
 */
import { own } from '../../../common/dict.js';
import type { MonitorEvent } from '../../../common/domain.js';
import type { JoinResult, Member, NomadError } from '../../../common/nomad-domain.js';
import { err, ok, type Result } from '../../../common/result.js';
import type { ClusterSettings } from '../../../common/settings-schema.js';
import { meaningOf, type NomadClient } from '../nomad/index.js';
import { resolveMember } from './members.js';
import type { ConnectionTest, EngineError, EngineResult, ForceLeaveOutcome } from './types.js';

export interface ActionContext {
  cluster: ClusterSettings;
  client: NomadClient;
  now: () => number;
  /** Records an audit event (history + event listeners). */
  audit: (event: MonitorEvent) => void;
}

/** The call did not reach the agent (the next address is tried; nothing was done). */
export function isOutage(result: Result<unknown, EngineError>): boolean {
  return !result.ok && result.error.kind === 'nomad' && meaningOf(result.error.error).outage;
}

function audit(
  ctx: ActionContext,
  draft: Pick<MonitorEvent, 'type' | 'severity' | 'message'> & Partial<MonitorEvent>,
): void {
  ctx.audit({ time: ctx.now(), clusterId: ctx.cluster.id, cluster: ctx.cluster.name, ...draft });
}

/** Records a failed action (warning: "<what> failed: <why>") and returns Nomad's error. */
function failed(
  ctx: ActionContext,
  type: MonitorEvent['type'],
  what: string,
  error: NomadError,
  member?: string,
): Result<never, EngineError> {
  const message = `${what} failed: ${error.message}`;
  audit(ctx, { type, ...(member === undefined ? {} : { member }), severity: 'warning', message });
  return answer(err(error));
}

export function answer<T>(r: Result<T, NomadError>): Result<T, EngineError> {
  return r.ok ? r : err({ kind: 'nomad', message: r.error.message, error: r.error });
}

/** Reads the member list (a Nomad failure becomes an EngineError). */
export async function readMembers(client: NomadClient): EngineResult<Member[]> {
  const members = await client.members();
  return members.ok ? ok(members.value.members) : answer(members);
}

/** Joins the agent to serf addresses, then re-reads members to show the effect. */
export async function joinAction(
  ctx: ActionContext,
  addresses: string[],
): EngineResult<{ result: JoinResult; before: Member[]; after: Member[] }> {
  const before = await readMembers(ctx.client);
  if (!before.ok && isOutage(before)) return before;
  const joined = await ctx.client.join(addresses);
  if (!joined.ok) return failed(ctx, 'action-join', `join ${addresses.join(', ')}`, joined.error);
  const r = joined.value;
  const tail = [
    r.error.trim() ? `error: ${r.error.trim()}` : '',
    r.warning.trim() ? `warning: ${r.warning.trim()}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  audit(ctx, {
    type: 'action-join',
    severity: r.error.trim() ? 'warning' : 'info',
    message: `join ${addresses.join(', ')}: joined ${r.numJoined}${tail ? ` (${tail})` : ''}`,
  });
  const after = await readMembers(ctx.client);
  return ok({ result: r, before: before.ok ? before.value : [], after: after.ok ? after.value : [] });
}

/**
 * Force-leave: the name must be a current member's full name, or a short name matching exactly one member
 * (expanded to its full name), unless `allowUnknown`. An alive member is refused unless `allowAlive`: Nomad
 * would only mark it leaving and it rejoins by itself, which is rarely what the operator meant. The member is
 * re-read afterwards (null: gone).
 */
export async function forceLeaveAction(
  ctx: ActionContext,
  node: string,
  options: { prune?: boolean; allowUnknown?: boolean; allowAlive?: boolean },
): EngineResult<ForceLeaveOutcome> {
  const members = await readMembers(ctx.client);
  if (!members.ok && (!options.allowUnknown || isOutage(members))) return members;
  const resolved = members.ok ? resolveMember(members.value, node) : null;
  if (resolved && !resolved.ok && !options.allowUnknown) return resolved;
  const before = resolved?.ok ? resolved.value : undefined;
  const name = before?.name ?? node;
  if (before?.status === 'alive' && options.allowAlive !== true) {
    return err({
      kind: 'member-alive',
      message: `${name} is alive: force-leave would only mark it leaving and it rejoins by itself`,
    });
  }
  const left = await ctx.client.forceLeave(name, { prune: options.prune === true });
  if (!left.ok) return failed(ctx, 'action-force-leave', `force-leave ${name}`, left.error, name);
  const after = await readMembers(ctx.client);
  const afterMember = after.ok ? (after.value.find((m) => m.name === name) ?? null) : undefined;
  const outcome =
    afterMember === undefined
      ? 'member list not re-read'
      : afterMember === null
        ? 'no longer listed'
        : `now ${afterMember.statusRaw}`;
  audit(ctx, {
    type: 'action-force-leave',
    member: name,
    severity: 'info',
    ...(before ? { from: before.statusRaw } : {}),
    ...(afterMember ? { to: afterMember.statusRaw } : {}),
    message: `force-leave ${name}${options.prune ? ' (prune)' : ''}: ${outcome}`,
  });
  const result: ForceLeaveOutcome = { node: name };
  if (before) result.before = before;
  if (afterMember !== undefined) result.after = afterMember;
  return ok(result);
}

/** Replaces a client agent's server list, then re-reads it. */
export async function setServersAction(
  ctx: ActionContext,
  addresses: string[],
): EngineResult<{ before: string[]; after: string[] }> {
  const before = await ctx.client.servers();
  if (!before.ok && meaningOf(before.error).outage) return answer(before);
  const set = await ctx.client.setServers(addresses);
  if (!set.ok) return failed(ctx, 'action-set-servers', `set servers ${addresses.join(', ')}`, set.error);
  const after = await ctx.client.servers();
  audit(ctx, {
    type: 'action-set-servers',
    severity: 'info',
    message: `set servers: ${addresses.join(', ')}`,
  });
  return ok({ before: before.ok ? before.value : [], after: after.ok ? after.value : [] });
}

/** Members, leader and version through a throwaway client (settings dialog "Test connection"). */
export async function testWith(
  client: NomadClient,
): Promise<Result<Omit<ConnectionTest, 'address'>, NomadError>> {
  const [members, self] = await Promise.all([client.members(), client.self()]);
  if (!members.ok) return members;
  const region = self.ok ? self.value.region : members.value.serverRegion;
  const lookup = own(members.value.leaders, region) ?? Object.values(members.value.leaders)[0];
  const leader = lookup?.ok ? lookup.address : null;
  const version = self.ok ? self.value.version : (members.value.members[0]?.build ?? '');
  return ok({ members: members.value.members.length, leader, version });
}
