/**
 * What the window shows: the selected cluster, member and view. A notification click (`focus:changed`) selects
 * its cluster and switches to the members view on its member, or to the nodes view on its client node.
 */
import type { FocusTarget, NomadTrayApi } from '../../common/ipc-contract.js';

/** The window's views, in tab order: each tab's label, and how the line standing in for it while blind starts. */
export const VIEWS = {
  members: { label: 'Members', blind: 'Members are' },
  nodes: { label: 'Nodes', blind: 'Client nodes are' },
  agent: { label: 'Agent', blind: 'The agent is' },
  timeline: { label: 'Timeline', blind: 'The timeline is' },
  settings: { label: 'Settings', blind: 'The settings are' },
} as const;
export type ViewName = keyof typeof VIEWS;

export class SelectionState {
  clusterId = $state<string | null>(null);
  /** The selected member's full serf name (null: none). */
  member = $state<string | null>(null);
  /** The client node (by name) a notification click asked to show, until the next click. */
  node = $state<string | null>(null);
  view = $state<ViewName>('members');
  /** Bumped on every notification click, so views can drop filters that would hide the member or node. */
  focusCount = $state(0);

  /** Selects a cluster (clearing the member when it changes). */
  selectCluster(id: string | null): void {
    if (id !== this.clusterId) this.member = null;
    this.clusterId = id;
  }

  /** Keeps the selection valid: falls back to the first cluster when the selected one disappeared. */
  reconcile(ids: readonly string[]): void {
    if (this.clusterId === null || !ids.includes(this.clusterId)) this.selectCluster(ids[0] ?? null);
  }

  /** Shows a cluster and, when given, one of its client nodes or members (a notification click). */
  focus({ clusterId, member, node }: FocusTarget): void {
    this.selectCluster(clusterId);
    this.member = node === undefined ? (member ?? null) : null;
    this.node = node ?? null;
    this.view = node === undefined ? 'members' : 'nodes';
    this.focusCount += 1;
  }

  start(api: NomadTrayApi): () => void {
    return api.on('focus:changed', (target) => this.focus(target));
  }
}
