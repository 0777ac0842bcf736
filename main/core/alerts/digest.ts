/**
 * Folding: a group of things that arrive together becomes ONE thing that stands for all of them. The storm digest
 * folds more than DIGEST_THRESHOLD notices for one cluster in one round into one notice that summarises them
 * ("prod: 7 servers failed, 1 left"), covering all their events, at the worst severity. node-storms.ts folds
 * client node events per datacenter with the same fold.
 */
import type { Notice } from '../monitor/index.js';
import { digestText } from './messages.js';
import { worstSeverity } from './severity.js';

export const DIGEST_THRESHOLD = 3;

/**
 * Groups `items` by `groupOf` (null: never grouped) and replaces each group `folds` accepts by `fold(group)`, at
 * the place of its first member; everything else keeps its order. Group keys live in a Map (names are data).
 */
export function foldGroups<T, R = T>(
  items: readonly T[],
  groupOf: (item: T) => string | null,
  folds: (group: readonly T[], key: string) => boolean,
  fold: (group: readonly T[], key: string) => R,
): Array<T | R> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = groupOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  const done = new Set<string>();
  return items.flatMap((item): Array<T | R> => {
    const key = groupOf(item);
    const group = key === null ? undefined : groups.get(key);
    if (key === null || group === undefined || !folds(group, key)) return [item];
    if (done.has(key)) return [];
    done.add(key);
    return [fold(group, key)];
  });
}

/** Folds each cluster's notices into a digest when there are more than DIGEST_THRESHOLD; order is kept. */
export function digestStorms(
  notices: readonly Notice[],
  clusterName: (clusterId: string) => string,
): Notice[] {
  return foldGroups(
    notices,
    (n) => n.clusterId,
    (group) => group.length > DIGEST_THRESHOLD,
    (group, clusterId) => {
      const events = group.flatMap((g) => g.events);
      const { title, body } = digestText(clusterName(clusterId), events);
      const digest: Notice = { clusterId, title, body, severity: worstSeverity(group), events };
      // A digest still closes the notices its resolutions resolve.
      const resolves = group.flatMap((g) => g.resolves ?? []);
      return { ...digest, type: 'digest', ...(resolves.length > 0 ? { resolves } : {}) };
    },
  );
}
