/**
 * Operator actions (join, force-leave, set-servers) and one-off reads, through a cluster's active client. Each
 * action records an audit event and confirms its effect by re-reading the member list (Nomad's answers alone do
 * not say whether anything happened: force-leave answers 200 for any name).
 */
import { own } from '../../../common/dict.js';
import type { AgentSelf, JoinResult, Member, MonitorEvent, NomadError } from '../../../common/domain.js';
import type { Result } from '../../../common/result.js';
import { err, ok } from '../../../common/result.js';
import type { ClusterSettings } from '../../../common/settings-schema.js';
import type { NomadClient } from '../nomad/index.js';
import { addressOrder, describeSkipped, failover, isOutageError } from '../poller/index.js';
import { resolveMember } from './members.js';
import type {
  Answered,
  ClientFactory,
  ConnectionTest,
  EngineError,
  EngineResult,
  ForceLeaveOutcome,
  Monitor,
} from './types.js';

/** What the actions need from the engine. */
export interface ActionContext {
  cluster: ClusterSettings;
  client: NomadClient;
  now: () => number;
  /** Records an audit event (history + event listeners). */
  audit: (event: MonitorEvent) => void;
}

function nomadError(error: NomadError): EngineError {
  return { kind: 'nomad', message: error.message, error };
}

/** The call did not reach the agent (the next address is tried; nothing was done). */
function isOutage(result: Result<unknown, EngineError>): boolean {
  return !result.ok && result.error.kind === 'nomad' && isOutageError(result.error.error);
}

function auditEvent(
  ctx: ActionContext,
  draft: Pick<MonitorEvent, 'type' | 'severity' | 'message'> & Partial<MonitorEvent>,
): MonitorEvent {
  return { time: ctx.now(), clusterId: ctx.cluster.id, cluster: ctx.cluster.name, ...draft };
}

/** Reads the member list (a Nomad failure becomes an EngineError). */
export async function readMembers(client: NomadClient): EngineResult<Member[]> {
  const members = await client.members();
  return members.ok ? ok(members.value.members) : err(nomadError(members.error));
}

/** Joins the agent to serf addresses, then re-reads members to show the effect. */
export async function joinAction(
  ctx: ActionContext,
  addresses: string[],
): EngineResult<{ result: JoinResult; before: Member[]; after: Member[] }> {
  const before = await readMembers(ctx.client);
  if (!before.ok && isOutage(before)) return before;
  const joined = await ctx.client.join(addresses);
  if (!joined.ok) {
    ctx.audit(
      auditEvent(ctx, {
        type: 'action-join',
        severity: 'warning',
        message: `join ${addresses.join(', ')} failed: ${joined.error.message}`,
      }),
    );
    return err(nomadError(joined.error));
  }
  const r = joined.value;
  const tail = [
    r.error.trim() ? `error: ${r.error.trim()}` : '',
    r.warning.trim() ? `warning: ${r.warning.trim()}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  ctx.audit(
    auditEvent(ctx, {
      type: 'action-join',
      severity: r.error.trim() ? 'warning' : 'info',
      message: `join ${addresses.join(', ')}: joined ${r.numJoined}${tail ? ` (${tail})` : ''}`,
    }),
  );
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
  const before = resolved?.ok ? resolved.value.member : undefined;
  const name = before?.name ?? node;
  if (before?.status === 'alive' && options.allowAlive !== true) {
    return err({
      kind: 'member-alive',
      message: `${name} is alive: force-leave would only mark it leaving and it rejoins by itself`,
    });
  }
  const left = await ctx.client.forceLeave(name, { prune: options.prune === true });
  if (!left.ok) {
    ctx.audit(
      auditEvent(ctx, {
        type: 'action-force-leave',
        member: name,
        severity: 'warning',
        message: `force-leave ${name} failed: ${left.error.message}`,
      }),
    );
    return err(nomadError(left.error));
  }
  const after = await readMembers(ctx.client);
  const afterMember = after.ok ? (after.value.find((m) => m.name === name) ?? null) : undefined;
  const outcome =
    afterMember === undefined
      ? 'member list not re-read'
      : afterMember === null
        ? 'no longer listed'
        : `now ${afterMember.statusRaw}`;
  ctx.audit(
    auditEvent(ctx, {
      type: 'action-force-leave',
      member: name,
      severity: 'info',
      ...(before ? { from: before.statusRaw } : {}),
      ...(afterMember ? { to: afterMember.statusRaw } : {}),
      message: `force-leave ${name}${options.prune ? ' (prune)' : ''}: ${outcome}`,
    }),
  );
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
  if (!before.ok && isOutageError(before.error)) return err(nomadError(before.error));
  const set = await ctx.client.setServers(addresses);
  if (!set.ok) {
    ctx.audit(
      auditEvent(ctx, {
        type: 'action-set-servers',
        severity: 'warning',
        message: `set servers ${addresses.join(', ')} failed: ${set.error.message}`,
      }),
    );
    return err(nomadError(set.error));
  }
  const after = await ctx.client.servers();
  ctx.audit(
    auditEvent(ctx, {
      type: 'action-set-servers',
      severity: 'info',
      message: `set servers: ${addresses.join(', ')}`,
    }),
  );
  return ok({ before: before.ok ? before.value : [], after: after.ok ? after.value : [] });
}

/** `/v1/agent/servers` of the active agent. */
export async function serversRead(client: NomadClient): EngineResult<string[]> {
  const r = await client.servers();
  return r.ok ? ok(r.value) : err(nomadError(r.error));
}

/** `/v1/agent/self` of the active agent. */
export async function selfRead(client: NomadClient): EngineResult<AgentSelf> {
  const r = await client.self();
  return r.ok ? ok(r.value) : err(nomadError(r.error));
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

/** What the action API needs from the engine. */
export interface ActionApiDeps {
  lookup: (clusterId: string) => Result<
    {
      settings: ClusterSettings;
      /** Index of the address the poller used last (tried first). */
      activeIndex: number;
      clientAt: (index: number) => Promise<Result<NomadClient, NomadError>>;
    },
    EngineError
  >;
  now: () => number;
  audit: (event: MonitorEvent) => void;
  clientFactory: ClientFactory;
}

type ActionApi = Pick<
  Monitor,
  'join' | 'forceLeave' | 'setServers' | 'servers' | 'self' | 'members' | 'testConnection'
>;

/** "http://a (why), http://b (why)" → the error after every address failed. */
function allFailed(skipped: Array<{ address: string; error: EngineError }>): EngineError {
  const first = skipped[0]?.error ?? { kind: 'invalid-input', message: 'the cluster has no address' };
  if (skipped.length <= 1 || first.kind !== 'nomad') return first;
  const message = `no address answered: ${skipped.map((s) => `${s.address} (${s.error.message})`).join(', ')}`;
  return { ...first, message };
}

/** Marks an audit message with the address that answered after others did not. */
function via(event: MonitorEvent, address: string, skipped: readonly string[]): MonitorEvent {
  if (skipped.length === 0) return event;
  return { ...event, message: `${event.message} (via ${address}; ${skipped.join(', ')} did not answer)` };
}

/**
 * The engine's operator actions and reads. Each goes through the shared failover routine: the address the
 * poller uses first, then the other configured ones in order, until one answers; the answer says which.
 * Audit events of tries that never reached an agent are dropped (nothing happened there).
 */
export function createActionApi(deps: ActionApiDeps): ActionApi {
  async function withFailover<T>(
    clusterId: string,
    fn: (ctx: ActionContext) => Promise<Result<T, EngineError>>,
  ): EngineResult<Answered<T>> {
    const found = deps.lookup(clusterId);
    if (!found.ok) return found;
    const { settings, activeIndex, clientAt } = found.value;
    const outcome = await failover({
      addresses: settings.addresses,
      order: addressOrder(settings.addresses.length, activeIndex, false),
      attempt: async (index) => {
        const audits: MonitorEvent[] = [];
        const client = await clientAt(index);
        const result: Result<T, EngineError> = client.ok
          ? await fn({ cluster: settings, client: client.value, now: deps.now, audit: (e) => audits.push(e) })
          : err(nomadError(client.error));
        return { result, audits };
      },
      isOutage: (v) => isOutage(v.result),
    });
    if (!outcome.answered) {
      for (const e of outcome.skipped[0]?.value.audits ?? []) deps.audit(e);
      const failed = outcome.skipped.flatMap((s) =>
        s.value.result.ok ? [] : [{ address: s.address, error: s.value.result.error }],
      );
      return err(allFailed(failed));
    }
    const { address, value } = outcome.attempt;
    const skipped = outcome.skipped.map((s) => s.address);
    for (const e of value.audits) deps.audit(via(e, address, skipped));
    if (!value.result.ok) return value.result;
    const reasons = outcome.skipped.map((s) => ({
      address: s.address,
      message: s.value.result.ok ? '' : s.value.result.error.message,
    }));
    return ok({ value: value.result.value, address, skipped: reasons });
  }
  return {
    join: (id, addresses) => withFailover(id, (ctx) => joinAction(ctx, addresses)),
    forceLeave: (id, node, options = {}) => withFailover(id, (ctx) => forceLeaveAction(ctx, node, options)),
    setServers: (id, addresses) => withFailover(id, (ctx) => setServersAction(ctx, addresses)),
    servers: (id) => withFailover(id, (ctx) => serversRead(ctx.client)),
    self: (id) => withFailover(id, (ctx) => selfRead(ctx.client)),
    members: (id) => withFailover(id, (ctx) => readMembers(ctx.client)),
    async testConnection(cluster, token) {
      const outcome = await failover({
        addresses: cluster.addresses,
        attempt: async (index, address) => {
          const client = deps.clientFactory(cluster, index, token);
          if (!client.ok) return client;
          try {
            const tested = await testWith(client.value);
            return tested.ok ? ok({ ...tested.value, address }) : tested;
          } finally {
            await client.value.close();
          }
        },
        isOutage: (r) => !r.ok && isOutageError(r.error),
      });
      if (outcome.answered) return outcome.attempt.value;
      const first = outcome.skipped[0];
      if (!first || first.value.ok) return err({ kind: 'config', message: 'the cluster has no address' });
      if (outcome.skipped.length === 1) return first.value;
      const why = (r: Result<ConnectionTest, NomadError>): string => (r.ok ? '' : r.error.message);
      return err({
        ...first.value.error,
        message: `no address answered: ${describeSkipped(outcome.skipped, why)}`,
      });
    },
  };
}
