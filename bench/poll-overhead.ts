/**
 * Poll overhead: one poll round of 50 simulated agents through our client + validation + detector + policy,
 * against a bare undici GET + JSON.parse of the same URLs in the same process. Rounds alternate (ours, bare,
 * ours, …) after a warm-up; the figure is the ratio of the medians.
 *
 * Like for like: our client asks for gzip (as Nomad's Go client and CLI do), and the simulator, in this same
 * process, then compresses every answer. The headline ratio is therefore against the bare peer making the SAME
 * exchange (Accept-Encoding: gzip, gunzip, JSON.parse); the ratio against a bare peer without gzip (less work
 * on both ends of the wire) is reported too, in the note.
 */
import { gunzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
import type { ClusterSnapshot } from '../common/domain.js';
import { createNomadClient } from '../main/core/nomad/index.js';
import type { NomadClient } from '../main/core/nomad/index.js';
import { pollCluster } from '../main/core/poller/snapshot.js';
import type { SelfCache } from '../main/core/poller/snapshot.js';
import { startCluster } from '../test/nomad-sim/index.js';
import { PurePipeline } from './pipeline.js';
import { median, timed } from './util.js';

export interface OverheadResult {
  agents: number;
  rounds: number;
  oursMs: number;
  bareMs: number;
  bareGzipMs: number;
  /** Our client alone (pollCluster, no detector/policy) and the detector+policy alone on the same snapshots. */
  clientOnlyMs: number;
  pipelineOnlyMs: number;
  ratio: number;
  ratioVsGzip: number;
}

const PATHS = ['/v1/agent/health', '/v1/agent/members', '/v1/status/leader?region=global'];

async function bareGet(dispatcher: Agent, url: string, gzip: boolean): Promise<unknown> {
  const res = await request(url, {
    dispatcher,
    headers: gzip ? { 'accept-encoding': 'gzip' } : {},
  });
  if (gzip) {
    const buf = Buffer.from(await res.body.arrayBuffer());
    const enc = res.headers['content-encoding'];
    return JSON.parse((enc === 'gzip' ? gunzipSync(buf) : buf).toString('utf8'));
  }
  return JSON.parse(await res.body.text());
}

/** Measures both ways over `rounds` alternating rounds (plus warm-up). */
export async function pollOverhead(agents = 50, rounds = 40): Promise<OverheadResult> {
  const sim = await startCluster({ serversPerRegion: agents });
  const clients: NomadClient[] = [];
  const bare: Agent[] = [];
  const selfCache = new Map<string, SelfCache | null>();
  const pipeline = new PurePipeline(10_000);
  try {
    for (const a of sim.agents) {
      const c = await createNomadClient({ address: a.url });
      if (!c.ok) throw new Error(c.error.message);
      clients.push(c.value);
      bare.push(new Agent({ connections: 8 }));
    }
    const last: ClusterSnapshot[] = [];
    const poll = (withPipeline: boolean) => async (): Promise<void> => {
      await Promise.all(
        clients.map(async (client, i) => {
          const id = `c${i}`;
          const polled = await pollCluster(client, {
            clusterId: id,
            now: Date.now(),
            lastSelf: selfCache.get(id) ?? null,
          });
          selfCache.set(id, polled.selfCache);
          last[i] = polled.snapshot;
          if (withPipeline) pipeline.step(polled.snapshot);
        }),
      );
    };
    const ours = poll(true);
    const pipelineOnly = (): void => {
      for (const snap of last) pipeline.step({ ...snap, time: Date.now() });
    };
    const bareRound = (gzip: boolean) => async (): Promise<void> => {
      await Promise.all(
        sim.agents.map((a, i) => Promise.all(PATHS.map((p) => bareGet(bare[i] as Agent, a.url + p, gzip)))),
      );
    };
    for (let i = 0; i < 5; i += 1) {
      await ours();
      await bareRound(false)();
      await bareRound(true)();
    }
    const o: number[] = [];
    const b: number[] = [];
    const bg: number[] = [];
    const co: number[] = [];
    const po: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      o.push(await timed(ours));
      b.push(await timed(bareRound(false)));
      bg.push(await timed(bareRound(true)));
      co.push(await timed(poll(false)));
      po.push(await timed(pipelineOnly));
    }
    const oursMs = median(o);
    const bareMs = median(b);
    const bareGzipMs = median(bg);
    return {
      agents,
      rounds,
      oursMs,
      bareMs,
      bareGzipMs,
      clientOnlyMs: median(co),
      pipelineOnlyMs: median(po),
      ratio: oursMs / bareMs,
      ratioVsGzip: oursMs / bareGzipMs,
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(bare.map((d) => d.destroy()));
    await sim.close();
  }
}
