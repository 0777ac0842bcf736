/** nodes:list: the shown cluster's client nodes as its node watcher last saw them, on demand (like members:list). */
import { err, ok } from '../../../common/result.js';
import { unknownCluster } from '../errors.js';
import type { HandlerSet } from './types.js';

export const nodeHandlers: HandlerSet<'nodes:list'> = {
  'nodes:list': async ({ engine }, { clusterId }) => {
    const list = engine.nodeList(clusterId);
    if (!list.ok) return err(unknownCluster(clusterId));
    return ok(list.value === null ? null : { time: list.value.time, nodes: [...list.value.nodes] });
  },
};
