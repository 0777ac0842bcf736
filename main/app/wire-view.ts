/**
 * The cluster views as the window receives them: the core's name-keyed records (`quorum` by region,
 * `snapshot.leaders` by region) become [region, value] pairs, so a region named `constructor` or `__proto__`
 * travels as a value, never as an object key the window could trip over.
 */
import type { ClusterView, WireClusterView } from '../../common/domain.js';

export function toWireView(view: ClusterView): WireClusterView {
  const { snapshot } = view;
  return {
    ...view,
    quorum: Object.entries(view.quorum),
    snapshot: snapshot ? { ...snapshot, leaders: Object.entries(snapshot.leaders) } : null,
  };
}
