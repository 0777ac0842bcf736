/**
 * The client nodes of the cluster the window shows, asked for on demand (`nodes:list`) when its Nodes view is
 * shown and again whenever its node watcher's index moves or its blindness changes (the view's `snapshot.nodes`).
 * null: the core has no list it can vouch for (no answer yet, or the watcher cannot see the nodes now).
 */
import type { NomadNode } from '../../common/domain.js';
import type { NomadTrayApi } from '../../common/ipc-contract.js';
import { OnDemand } from './on-demand.svelte.js';

export class NodesState extends OnDemand<{ time: number; nodes: NomadNode[] }> {
  constructor(api: NomadTrayApi) {
    super((clusterId) => api.invoke('nodes:list', { clusterId }));
  }
}
