/**
 * members:list (the shown cluster's members, on demand), and members:join / members:forceLeave: operator actions,
 * each confirmed by re-reading the member list.
 */
import type { Member } from '../../../common/nomad-domain.js';
import { firstMembers, inDefaultOrder } from '../../../common/member-order.js';
import { err, ok } from '../../../common/result.js';
import { fromEngineError, unknownCluster } from '../errors.js';
import type { HandlerSet } from './types.js';

/** Each poll's member list in the default order, kept while that list is the latest (a poll replaces it). */
const inOrder = new WeakMap<readonly Member[], Member[]>();
function ordered(members: readonly Member[]): Member[] {
  let sorted = inOrder.get(members);
  if (sorted === undefined) {
    sorted = inDefaultOrder(members);
    inOrder.set(members, sorted);
  }
  return sorted;
}

export const memberHandlers: HandlerSet<'members:list' | 'members:join' | 'members:forceLeave'> = {
  'members:list': async ({ engine }, { clusterId, limit }) => {
    const view = engine.views().find((v) => v.id === clusterId);
    if (!view) return err(unknownCluster(clusterId));
    const time = view.snapshot?.time ?? null;
    const members = view.snapshot?.members ?? null;
    if (members === null) return ok({ time, members });
    const total = members.length;
    // A first page is picked without sorting the whole list; the whole list is sorted once per poll.
    if (limit !== undefined && limit < total)
      return ok({ time, members: firstMembers(members, limit), total });
    return ok({ time, members: ordered(members), total });
  },

  'members:join': async ({ engine }, { clusterId, addresses }) => {
    const joined = await engine.join(clusterId, addresses);
    return joined.ok
      ? ok({ ...joined.value.value, address: joined.value.address })
      : err(fromEngineError(joined.error));
  },

  'members:forceLeave': async ({ engine }, { clusterId, node, prune }) => {
    // The window's guided dialog warns about alive members and requires the typed full name: that is the confirmation.
    const done = await engine.forceLeave(clusterId, node, { prune, allowAlive: true });
    if (!done.ok) return err(fromEngineError(done.error));
    const { before, after } = done.value.value;
    return ok({ before: before ?? null, after: after ?? null, address: done.value.address });
  },
};
