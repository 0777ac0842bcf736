/**
 * The one failover routine: try a cluster's addresses in order until one answers. The poll loop, the CLI's
 * one-shot `status` and every operator action/read (window and CLI) go through it, so "which address is tried
 * next" and "what counts as answered" have one meaning.
 */
import type { ClusterSnapshot } from '../../../common/domain.js';
import { meaningOf } from '../nomad/index.js';

/** True when the snapshot says the address did not answer at all (failover and backoff apply). */
export function isOutage(snapshot: ClusterSnapshot): boolean {
  return !snapshot.reachable && snapshot.error !== null && meaningOf(snapshot.error).outage;
}

/**
 * The order in which addresses are tried (indexes): from the active one on, wrapping; with `probePreferred`
 * the preferred first address goes first so the caller fails back as soon as it answers again.
 */
export function addressOrder(count: number, active: number, probePreferred: boolean): number[] {
  const rotation = Array.from({ length: count }, (_, i) => (active + i) % count);
  if (!probePreferred || active === 0) return rotation;
  return [0, ...rotation.filter((i) => i !== 0)];
}

export interface Attempt<T> {
  index: number;
  address: string;
  value: T;
}

/** The address that answered (and the ones skipped before it), or every failed try. */
export type FailoverOutcome<T> =
  { answered: true; attempt: Attempt<T>; skipped: Attempt<T>[] } | { answered: false; skipped: Attempt<T>[] };

export interface FailoverInput<T> {
  addresses: readonly string[];
  /** Indexes in the order to try (default: all, in configured order). */
  order?: readonly number[];
  attempt: (index: number, address: string) => Promise<T>;
  /** The try did not reach the agent: go on with the next address. */
  isOutage: (value: T) => boolean;
  /** Stop early (the caller was aborted); the outcome then lists only the tries made. */
  stopped?: () => boolean;
}

/** Tries the addresses in order until one answers; never throws unless `attempt` does. */
export async function failover<T>(input: FailoverInput<T>): Promise<FailoverOutcome<T>> {
  const order = input.order ?? input.addresses.map((_, i) => i);
  const skipped: Attempt<T>[] = [];
  for (const index of order) {
    const address = input.addresses[index] ?? '';
    const value = await input.attempt(index, address);
    if (input.stopped?.()) break;
    const attempt = { index, address, value };
    if (!input.isOutage(value)) return { answered: true, attempt, skipped };
    skipped.push(attempt);
  }
  return { answered: false, skipped };
}

/** "a (why), b (why)": the addresses that did not answer, for a message after failover. */
export function describeSkipped<T>(skipped: readonly Attempt<T>[], why: (value: T) => string): string {
  return skipped.map((s) => `${s.address} (${why(s.value)})`).join(', ');
}
