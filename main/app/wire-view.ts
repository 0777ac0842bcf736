/**
 * The cluster views as the window receives them: the core's name-keyed records (`quorum` by region,
 * `snapshot.leaders` by region) become [region, value] pairs, so a region named `constructor` or `__proto__`
 * travels as a value, never as an object key the window could trip over. The member list stays behind: the
 * window asks for the shown cluster's members (`members:list`).
 */
import type { ClusterView, WireClusterView } from '../../common/domain.js';

export function toWireView(view: ClusterView): WireClusterView {
  const quorum = Object.entries(view.quorum);
  if (!view.snapshot) return { ...view, quorum, snapshot: null };
  const { members: _members, leaders, ...rest } = view.snapshot;
  return { ...view, quorum, snapshot: { ...rest, leaders: Object.entries(leaders) } };
}
