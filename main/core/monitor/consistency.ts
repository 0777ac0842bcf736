/**
 * Cross-server consistency: a member list read from one server is that server's gossip view, and gossip
 * converges, it is not instant. Where a cluster has several addresses, another server's view is read now and
 * then (every EVERY_NTH polls, rotating through the other addresses) and compared with the main one; a
 * disagreement about members or leadership that outlasts CONVERGE_MS is reported. Pure: time comes in.
 */
import { own } from '../../../common/dict.js';
import type { LeaderLookup, Member } from '../../../common/nomad-domain.js';
import { leaderAddress } from './leadership.js';

export interface ServerView {
  address: string;
  members: readonly Member[];
  leaders: Readonly<Record<string, LeaderLookup>>;
}

/** Differences between two views, as plain sentences (sorted, stable: the same difference gives the same text). */
export function compareViews(a: ServerView, b: ServerView): string[] {
  const statusA = new Map(a.members.map((m) => [m.name, m.statusRaw]));
  const statusB = new Map(b.members.map((m) => [m.name, m.statusRaw]));
  const out: string[] = [];
  for (const name of [...new Set([...statusA.keys(), ...statusB.keys()])].sort()) {
    const sa = statusA.get(name) ?? 'not listed';
    const sb = statusB.get(name) ?? 'not listed';
    if (sa !== sb) out.push(`${name} is ${sa} per ${a.address} but ${sb} per ${b.address}`);
  }
  const regions = [...new Set([...Object.keys(a.leaders), ...Object.keys(b.leaders)])].sort();
  for (const region of regions) {
    const la = leaderAddress(own(a.leaders, region));
    const lb = leaderAddress(own(b.leaders, region));
    if (la === undefined || lb === undefined || la === lb) continue;
    out.push(
      `the leader of ${region} is ${la ?? 'none'} per ${a.address} but ${lb ?? 'none'} per ${b.address}`,
    );
  }
  return out;
}

/** Another server's view is read every EVERY_NTH polls. */
const EVERY_NTH = 3;
/** How long servers may disagree before it is reported: gossip's convergence time. */
const CONVERGE_MS = 30_000;

export function createConsistencyTracker() {
  let polls = 0;
  let turn = 0;
  /** Difference text → first seen (ms); only differences the latest comparison still showed. */
  let since = new Map<string, number>();
  return {
    /**
     * The other address this poll (counted by the tracker) should also read, rotating through them every
     * EVERY_NTH polls; null otherwise. `active`: the address the main poll used.
     */
    peerToSample(addresses: readonly string[], active: string): string | null {
      polls += 1;
      const others = addresses.filter((a) => a !== active);
      if (polls % EVERY_NTH !== 0 || others.length === 0) return null;
      turn += 1;
      return others[(turn - 1) % others.length] ?? null;
    },
    /** Records a comparison made at `now` (sentences from compareViews; [] = they agree). */
    record(now: number, differences: readonly string[]): void {
      const next = new Map<string, number>();
      for (const d of differences) next.set(d, since.get(d) ?? now);
      since = next;
    },
    /** Disagreements that have lasted longer than CONVERGE_MS at `now` (each with how long). */
    persisting(now: number): string[] {
      const out: string[] = [];
      for (const [d, first] of since) {
        const age = now - first;
        if (age > CONVERGE_MS) out.push(`servers disagree for ${Math.round(age / 1000)} s: ${d}`);
      }
      return out.sort();
    },
  };
}
