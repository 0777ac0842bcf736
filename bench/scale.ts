/**
 * Scale of the pure part: observe + confirm + diff + state + policy for federated member lists of 100, 1,000 and
 * 10,000 members (10 regions), ms per poll in steady state with one member changing now and then. Each size runs
 * the same number of member-polls (2 million: 2,000 polls of 1,000, 200 of 10,000), so each window holds its
 * share of garbage collection (a 40-poll window at 10,000 members was ~70 ms: one major collection more or less
 * moved the growth figure by a tenth), and the figure is the median of three such windows.
 */
import type { ClusterSnapshot } from '../common/domain.js';
import type { LeaderLookup, Member } from '../common/nomad-domain.js';
import { toMember } from '../main/core/nomad/wire.js';
import { PurePipeline } from './pipeline.js';
import { gc } from './util.js';

export interface ScalePoint {
  members: number;
  msPerPoll: number;
}

const REGIONS = 10;

function members(n: number): Member[] {
  const out: Member[] = [];
  for (let i = 0; i < n; i += 1) {
    const region = `r${i % REGIONS}`;
    out.push(
      toMember({
        Name: `server-${i}.${region}`,
        Addr: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        Port: 4648,
        Tags: { region, dc: 'dc1', port: '4647', build: '1.9.3', id: `id-${i}`, role: 'nomad' },
        Status: 'alive',
      }),
    );
  }
  return out;
}

function snapshot(list: Member[], time: number): ClusterSnapshot {
  const leaders: Record<string, LeaderLookup> = {};
  for (let r = 0; r < REGIONS; r += 1) leaders[`r${r}`] = { ok: true, address: list[r]?.rpcAddr ?? null };
  return {
    clusterId: 'big',
    time,
    address: 'http://127.0.0.1:4646',
    reachable: true,
    error: null,
    health: { server: { ok: true, message: 'ok' } },
    members: list,
    leaders,
    agentRole: 'server',
    self: null,
  };
}

/** ms per poll for `n` members over `polls` polls (after a warm-up). */
export function scalePoint(n: number, polls: number): ScalePoint {
  const base = members(n);
  const failed = base.map((m, i) =>
    i === n - 1 ? { ...m, status: 'failed' as const, statusRaw: 'failed' } : m,
  );
  const pipeline = new PurePipeline(10_000);
  let t = 1_700_000_000_000;
  const at = (i: number): Member[] => (Math.floor(i / 10) % 2 === 0 ? base : failed);
  for (let i = 0; i < Math.max(5, polls / 5); i += 1) pipeline.step(snapshot(at(i), (t += 10_000)));
  gc();
  const t0 = performance.now();
  for (let i = 0; i < polls; i += 1) pipeline.step(snapshot(at(i), (t += 10_000)));
  return { members: n, msPerPoll: (performance.now() - t0) / polls };
}

/** The median of `runs` measurements of `n` members over `polls` polls. */
function medianPoint(n: number, polls: number, runs = 3): ScalePoint {
  const times = Array.from({ length: runs }, () => scalePoint(n, polls).msPerPoll).sort((a, b) => a - b);
  return { members: n, msPerPoll: times[Math.floor(runs / 2)] ?? Number.NaN };
}

/** The three points of the brief. */
export function scale(): ScalePoint[] {
  return [medianPoint(100, 20_000), medianPoint(1_000, 2_000), medianPoint(10_000, 200)];
}
