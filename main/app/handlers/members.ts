/**
 * members:list (the shown cluster's members, on demand), and members:join / members:forceLeave: operator actions,
 * each confirmed by re-reading the member list.
 */
import { err, ok } from '../../../common/result.js';
import { fromEngineError } from '../errors.js';
import type { HandlerSet } from './types.js';

export const memberHandlers: HandlerSet<'members:list' | 'members:join' | 'members:forceLeave'> = {
  'members:list': async ({ engine }, { clusterId }) => {
    const view = engine.views().find((v) => v.id === clusterId);
    if (!view) return err({ kind: 'unknown-cluster', message: `No cluster with id "${clusterId}".` });
    return ok({ time: view.snapshot?.time ?? null, members: view.snapshot?.members ?? null });
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
