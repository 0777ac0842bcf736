/** The window's state classes: App.svelte creates them once and provides them, components read them. */
import { createContext } from 'svelte';
import type { NomadTrayApi } from '../../common/ipc-contract.js';
import { AgentState } from '../state/agent.svelte.js';
import { AlertsState } from '../state/alerts.svelte.js';
import { AppState } from '../state/app.svelte.js';
import { ClustersState } from '../state/clusters.svelte.js';
import type { ConnectionState } from '../state/connection.svelte.js';
import { MemberActionsState } from '../state/member-actions.svelte.js';
import { MembersState } from '../state/members.svelte.js';
import { OnDemand } from '../state/on-demand.svelte.js';
import { SelectionState } from '../state/selection.svelte.js';
import { SettingsState } from '../state/settings.svelte.js';
import { TimelineState } from '../state/timeline.svelte.js';
import { browserAlertPorts } from './alert-ports.js';

/** `connection`: whether the window can vouch for what it shows; `now`: epoch ms for "2 min ago" labels. */
export function createStores(
  api: NomadTrayApi,
  mode: 'electron' | 'browser',
  connection: ConnectionState,
  now: () => number,
) {
  return {
    app: new AppState(api),
    clusters: new ClustersState(api, () => (connection.blind ? connection.lastHeard : null)),
    members: new MembersState(api),
    /** The shown cluster's client nodes, asked for on demand (NodesView says when). */
    nodes: new OnDemand((clusterId) => api.invoke('nodes:list', { clusterId })),
    connection,
    // globalThis, not window: the first screen's server render has none (the ports read it only when used).
    alerts: new AlertsState(browserAlertPorts(globalThis as Window & typeof globalThis), () => mode),
    selection: new SelectionState(),
    actions: new MemberActionsState(api),
    settings: new SettingsState(api),
    timeline: new TimelineState(api),
    agent: new AgentState(api),
    get now(): number {
      return now();
    },
  };
}

export type Stores = ReturnType<typeof createStores>;

export const [getStores, setStores] = createContext<Stores>();
