/**
 * How cluster states rank against each other, which of the five status icons each one shows (both read from
 * the one table, common/state-table.ts), and how a summary of several clusters reads ("1 critical, 2 healthy"):
 * one copy for every place that sums up clusters (tray, window title and favicon, glance, core). Pure.
 *
 * The rule these share, "never green while blind": a state in which the app cannot see the cluster (the agent
 * is unreachable, refuses TLS, refuses the token, answered too long ago, or was never polled) ranks worse than
 * `degraded`/`paused`/`healthy` and shows the grey `unreachable` icon, never the green one. So does a summary
 * of no clusters at all: nothing is watched, so nothing is known to be fine.
 */
import type { ClusterStateKind, ClusterView, NodesSummary } from './domain.js';
import { STATE_ORDER, STATES, type IconKind } from './state-table.js';

export type { IconKind } from './state-table.js';

/** Sort comparator, worst first by tier; states of one tier compare equal (a stable sort keeps their order). */
export function compareSeverity(a: ClusterStateKind, b: ClusterStateKind): number {
  return STATES[a].tier - STATES[b].tier;
}

/**
 * The worst of several states, in ClusterStateKindSchema's order (STATE_ORDER: critical worst … healthy best; within a
 * tier the earlier enum value wins, so the answer does not depend on the input order). No states (no
 * clusters) → 'unknown', which shows the unreachable icon: never green while nothing is watched.
 */
export function worstState(states: readonly ClusterStateKind[]): ClusterStateKind {
  return STATE_ORDER.find((s) => states.includes(s)) ?? 'unknown';
}

export type StateOfView = Pick<ClusterView, 'enabled' | 'paused' | 'state'>;

/** A cluster's effective state in summaries: a disabled or paused cluster counts as paused whatever it saw. */
export function effectiveState(view: StateOfView): ClusterStateKind {
  return view.enabled && !view.paused ? view.state : 'paused';
}

/**
 * How many clusters are in each effective state, in words and worst first ("1 critical", "2 healthy"); states
 * of one tier keep the order in which the views first show them. The tray tooltip and the window title join
 * these with their own separators.
 */
export function stateSummary(views: readonly StateOfView[]): string[] {
  const counts = new Map<ClusterStateKind, number>();
  for (const view of views) {
    const state = effectiveState(view);
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => compareSeverity(a, b))
    .map(([state, n]) => `${n} ${STATES[state].word}`);
}

/**
 * The one icon for all clusters together: the worst effective state's, the paused one while the user paused
 * monitoring, the unreachable one when there is no cluster (never green while nothing is watched).
 */
export function summaryIcon(views: readonly StateOfView[], monitoringPaused: boolean): IconKind {
  return monitoringPaused ? 'paused' : STATES[worstState(views.map(effectiveState))].icon;
}

/** What the node words need of a cluster view (ClusterView and the window's WireClusterView both fit). */
export type NodesOfView = StateOfView & { snapshot: { nodes?: NodesSummary | undefined } | null };

const nodes = (n: number): string => `${n} node${n === 1 ? '' : 's'}`;

/**
 * A cluster's client node problems in words ("2 nodes down, 1 node disconnected"), null when there are none or
 * they cannot be vouched for: no watcher answer yet, the watcher blind (the state's reasons say so), the cluster
 * paused, disabled or in a blind state. The one wording of node problems in summaries: the tray tooltip and
 * menu, the page title and the glance read it.
 */
export function nodeProblems(view: NodesOfView): string | null {
  const summary = view.snapshot?.nodes;
  if (summary === undefined || summary.error !== null) return null;
  const state = effectiveState(view);
  if (state === 'paused' || STATES[state].blind) return null;
  const words: string[] = [];
  if (summary.down > 0) words.push(`${nodes(summary.down)} down`);
  if (summary.disconnected > 0) words.push(`${nodes(summary.disconnected)} disconnected`);
  return words.length === 0 ? null : words.join(', ');
}
