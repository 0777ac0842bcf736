/** Typed context for the state classes: App.svelte provides them, components read them. */
import { createContext } from 'svelte';
import type { AgentState } from '../state/agent.svelte.js';
import type { AlertsState } from '../state/alerts.svelte.js';
import type { AppState } from '../state/app.svelte.js';
import type { ClustersState } from '../state/clusters.svelte.js';
import type { ConnectionState } from '../state/connection.svelte.js';
import type { MemberActionsState } from '../state/member-actions.svelte.js';
import type { MembersState } from '../state/members.svelte.js';
import type { NodesState } from '../state/nodes.svelte.js';
import type { SelectionState } from '../state/selection.svelte.js';
import type { SettingsState } from '../state/settings.svelte.js';
import type { TimelineState } from '../state/timeline.svelte.js';

export interface Stores {
  app: AppState;
  clusters: ClustersState;
  /** The shown cluster's members, asked for on demand (pushes carry none). */
  members: MembersState;
  /** The shown cluster's client nodes, asked for on demand when its Nodes view shows. */
  nodes: NodesState;
  /** The window's deliveries of decided notifications (alert strip, browser notification, sound). */
  alerts: AlertsState;
  /** Whether the window can vouch for what it shows (heartbeat, transport). */
  connection: ConnectionState;
  selection: SelectionState;
  actions: MemberActionsState;
  settings: SettingsState;
  timeline: TimelineState;
  agent: AgentState;
  /** Epoch ms, ticking every few seconds: for "2 min ago" labels. */
  readonly now: number;
}

export const [getStores, setStores] = createContext<Stores>();
