/**
 * The engine's action API: every operator action and read goes through the shared failover routine across a
 * cluster's addresses, and the audit wording says which address answered after others did not.
 */
import type { MonitorEvent } from '../../../common/domain.js';
import type { NomadNode } from '../../../common/nomad-domain.js';
import { err, ok, type Result } from '../../../common/result.js';
import { meaningOf, type NomadClient } from '../nomad/index.js';
import { addressOrder, describeSkipped, failover } from '../poller/index.js';
import type { ActionContext } from './actions.js';
import type { ClusterRuntime } from './cluster.js';
import {
  answer,
  forceLeaveAction,
  isOutage,
  joinAction,
  readMembers,
  setServersAction,
  testWith,
} from './actions.js';
import type { Answered, ClientFactory, EngineError, EngineResult, Monitor } from './types.js';

export interface ActionApiDeps {
  /** The cluster's entry: its current runtime. */
  lookup: (
    clusterId: string,
  ) => Result<{ rt: Pick<ClusterRuntime, 'settings' | 'activeIndex' | 'clientAt'> }, EngineError>;
  now: () => number;
  audit: (event: MonitorEvent) => void;
  clientFactory: ClientFactory;
}

type ActionApi = Pick<
  Monitor,
  'join' | 'forceLeave' | 'setServers' | 'servers' | 'self' | 'members' | 'nodes' | 'testConnection'
>;

/** Client nodes, one plain read, sorted by datacenter then name (natural order: node-2 before node-10). */
async function readNodes(client: NomadClient): EngineResult<NomadNode[]> {
  const r = await client.nodes();
  if (!r.ok) return answer(r);
  const order = new Intl.Collator('en', { numeric: true });
  return ok(
    r.value.nodes.sort((a, b) => order.compare(a.datacenter, b.datacenter) || order.compare(a.name, b.name)),
  );
}

/**
 * The error after no address answered (every try was an outage): the first try's, saying "no address answered:
 * http://a (why), http://b (why)" when there were several; `none` when the cluster has no address.
 */
function noAnswer<E extends { message: string }>(
  tries: Array<{ index: number; address: string; value: Result<unknown, E> }>,
  none: E,
): E {
  const first = tries[0]?.value;
  if (first === undefined || first.ok) return none;
  if (tries.length === 1) return first.error;
  const why = (r: Result<unknown, E>): string => (r.ok ? '' : r.error.message);
  return { ...first.error, message: `no address answered: ${describeSkipped(tries, why)}` };
}

/** Marks an audit message with the address that answered after others did not. */
function via(
  event: MonitorEvent,
  address: string,
  skipped: ReadonlyArray<{ address: string }>,
): MonitorEvent {
  if (skipped.length === 0) return event;
  const names = skipped.map((s) => s.address).join(', ');
  return { ...event, message: `${event.message} (via ${address}; ${names} did not answer)` };
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
    const { settings, activeIndex, clientAt } = found.value.rt;
    const outcome = await failover({
      addresses: settings.addresses,
      order: addressOrder(settings.addresses.length, activeIndex(), false),
      attempt: async (index) => {
        const audits: MonitorEvent[] = [];
        const client = await clientAt(index);
        const result: Result<T, EngineError> = client.ok
          ? await fn({ cluster: settings, client: client.value, now: deps.now, audit: (e) => audits.push(e) })
          : answer(client);
        return { result, audits };
      },
      isOutage: (v) => isOutage(v.result),
    });
    if (!outcome.answered) {
      for (const e of outcome.skipped[0]?.value.audits ?? []) deps.audit(e);
      const tries = outcome.skipped.map((s) => ({ ...s, value: s.value.result }));
      return err(noAnswer(tries, { kind: 'invalid-input', message: 'the cluster has no address' }));
    }
    const { address, value } = outcome.attempt;
    const skipped = outcome.skipped.map((s) => ({
      address: s.address,
      message: s.value.result.ok ? '' : s.value.result.error.message,
    }));
    for (const e of value.audits) deps.audit(via(e, address, skipped));
    return value.result.ok ? ok({ value: value.result.value, address, skipped }) : value.result;
  }
  return {
    join: (id, addresses) => withFailover(id, (ctx) => joinAction(ctx, addresses)),
    forceLeave: (id, node, options = {}) => withFailover(id, (ctx) => forceLeaveAction(ctx, node, options)),
    setServers: (id, addresses) => withFailover(id, (ctx) => setServersAction(ctx, addresses)),
    servers: (id) => withFailover(id, async (ctx) => answer(await ctx.client.servers())),
    self: (id) => withFailover(id, async (ctx) => answer(await ctx.client.self())),
    members: (id) => withFailover(id, (ctx) => readMembers(ctx.client)),
    nodes: (id) => withFailover(id, (ctx) => readNodes(ctx.client)),
    async testConnection(cluster, token) {
      const outcome = await failover({
        addresses: cluster.addresses,
        attempt: async (index, address) => {
          const client = await deps.clientFactory(cluster, index, token);
          if (!client.ok) return client;
          try {
            const tested = await testWith(client.value);
            return tested.ok ? ok({ ...tested.value, address }) : tested;
          } finally {
            await client.value.close();
          }
        },
        isOutage: (r) => !r.ok && meaningOf(r.error).outage,
      });
      if (outcome.answered) return outcome.attempt.value;
      return err(noAnswer(outcome.skipped, { kind: 'config', message: 'the cluster has no address' }));
    },
  };
}
