/**
 * Storm digest: more than DIGEST_THRESHOLD notices for one cluster in one round become ONE notice that
 * summarises them ("prod: 7 servers failed, 1 left"), covering all their events, at the worst severity.
 */
import type { Notice } from '../monitor/index.js';
import { digestText } from './messages.js';
import { worstSeverity } from './severity.js';

export const DIGEST_THRESHOLD = 3;

/** Folds each cluster's notices into a digest when there are more than DIGEST_THRESHOLD; order is kept. */
export function digestStorms(
  notices: readonly Notice[],
  clusterName: (clusterId: string) => string,
): Notice[] {
  const byCluster = new Map<string, Notice[]>();
  for (const n of notices) {
    if (n.clusterId !== null) byCluster.set(n.clusterId, [...(byCluster.get(n.clusterId) ?? []), n]);
  }
  const out: Notice[] = [];
  const done = new Set<string>();
  for (const n of notices) {
    const group = n.clusterId === null ? undefined : byCluster.get(n.clusterId);
    if (n.clusterId === null || group === undefined || group.length <= DIGEST_THRESHOLD) {
      out.push(n);
      continue;
    }
    if (done.has(n.clusterId)) continue;
    done.add(n.clusterId);
    const events = group.flatMap((g) => g.events);
    const { title, body } = digestText(clusterName(n.clusterId), events);
    const digest: Notice = { clusterId: n.clusterId, title, body, severity: worstSeverity(group), events };
    // A digest still closes the notices its resolutions resolve.
    const resolves = group.flatMap((g) => g.resolves ?? []);
    out.push({ ...digest, type: 'digest', ...(resolves.length > 0 ? { resolves } : {}) });
  }
  return out;
}
