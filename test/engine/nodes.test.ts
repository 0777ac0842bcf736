import { afterEach, describe, expect, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster, SimOptions } from '../nomad-sim/index.js';
import { clusterSettings, harness, settingsWith, waitFor } from './helpers.js';
import type { Harness } from './helpers.js';

let sims: SimCluster[] = [];
let h: Harness | null = null;
afterEach(async () => {
  await h?.monitor.stop();
  h = null;
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function sim(opts: SimOptions): Promise<SimCluster> {
  const s = await startCluster({ serversPerRegion: 1, ...opts });
  sims.push(s);
  return s;
}

const view = (hh: Harness) => hh.monitor.views()[0];

describe('node watcher in the engine', () => {
  it('counts the nodes, and a node going down makes the cluster degraded through a held query', async () => {
    const s = await sim({ nodes: 3 });
    h = harness(settingsWith([clusterSettings('prod', [s.agent('server-1').url], 10_000)]));
    const hh = h;
    hh.monitor.start();
    await waitFor('nodes counted', () => view(hh)?.snapshot?.nodes?.total === 3);
    expect(view(hh)?.state).toBe('healthy');
    expect(view(hh)?.snapshot?.nodes).toMatchObject({ mode: 'blocking', ready: 3, down: 0, error: null });
    // The poll interval is 10 s: only the held /v1/nodes query can bring this in a few seconds.
    const t0 = Date.now();
    s.setNodeStatus('node-2', 'down');
    await waitFor('degraded by a down node', () => view(hh)?.state === 'degraded', 8_000);
    expect(Date.now() - t0).toBeLessThan(8_000);
    expect(view(hh)?.reasons).toContain('1 client node down');
    expect(view(hh)?.snapshot?.nodes?.index).toBe(s.nodeIndex());
  });

  it('a node drained and then gone (a scale-in) is retired: counted apart, the cluster stays healthy', async () => {
    const s = await sim({ nodes: 3 });
    h = harness(settingsWith([clusterSettings('prod', [s.agent('server-1').url], 10_000)]));
    const hh = h;
    hh.monitor.start();
    await waitFor('nodes counted', () => view(hh)?.snapshot?.nodes?.total === 3);
    // What `nomad node drain` and the Nomad Autoscaler do before an instance is terminated.
    s.drainNode('node-3');
    s.endDrain('node-3', 'complete');
    s.setNodeStatus('node-3', 'down');
    await waitFor('retired counted', () => view(hh)?.snapshot?.nodes?.retired === 1, 8_000);
    expect(view(hh)?.snapshot?.nodes).toMatchObject({ down: 0, retired: 1, ready: 2, ineligible: 1 });
    expect(view(hh)?.state).toBe('healthy');
    await waitFor('recorded', () => hh.history.some((e) => e.type === 'node-retired'), 8_000);
    expect(hh.history.find((e) => e.type === 'node-retired')).toMatchObject({
      node: 'node-3',
      severity: 'info',
      message: 'node node-3 is down, retired (it was ineligible for scheduling) (was ready)',
    });
    // An eligible node going down is lost, not retired: that one is a problem, and the only notice.
    s.setNodeStatus('node-1', 'down');
    await waitFor('degraded by a lost node', () => view(hh)?.state === 'degraded', 8_000);
    expect(view(hh)?.reasons).toEqual(['1 client node down']);
    await waitFor('node-down notice', () => hh.notices.some((n) => n.type === 'node-down'), 8_000);
    expect(hh.notices.filter((n) => n.title.includes(' is down')).map((n) => n.title)).toEqual([
      'prod: node node-1 is down',
    ]);
    expect(hh.notices.filter((n) => n.type === 'node-retired')).toEqual([]);
  });

  it('is never green while blind: a failing /v1/nodes keeps the cluster degraded, naming why', async () => {
    const s = await sim({ nodes: 2 });
    h = harness(settingsWith([clusterSettings('prod', [s.agent('server-1').url], 150)]));
    const hh = h;
    hh.monitor.start();
    await waitFor('healthy', () => view(hh)?.state === 'healthy' && view(hh)?.snapshot?.nodes?.total === 2);
    s.inject('server-1', { kind: 'status', status: 500, body: 'rpc error: nodes table exploded' }, [
      '/v1/nodes',
    ]);
    // The held query is answered only on a change: make one so the next query meets the fault.
    s.setNodeEligibility('node-1', false);
    await waitFor('degraded while blind', () => view(hh)?.state === 'degraded', 10_000);
    const reason = view(hh)?.reasons.find((r) => r.startsWith('client nodes not visible'));
    expect(reason).toContain('nodes table exploded');
    // The window gets no list it cannot vouch for while blind (nodes:list), and the list again after.
    expect(hh.monitor.nodeList('prod')).toEqual({ ok: true, value: null });
    s.clear('server-1');
    await waitFor('healthy again', () => view(hh)?.state === 'healthy', 20_000);
    const back = hh.monitor.nodeList('prod');
    expect(back.ok && back.value?.nodes.find((n) => n.name === 'node-1')?.eligible).toBe(false);
    expect(hh.monitor.nodeList('nope')).toMatchObject({ ok: false, error: { kind: 'unknown-cluster' } });
  });

  it('stop() ends the held query: no request stays open on the agent', async () => {
    const s = await sim({ nodes: 1 });
    h = harness(settingsWith([clusterSettings('prod', [s.agent('server-1').url], 10_000)]));
    const hh = h;
    hh.monitor.start();
    await waitFor('nodes seen', () => view(hh)?.snapshot?.nodes?.total === 1);
    await hh.monitor.stop();
    h = null;
    await waitFor('connections closed', () => s.openConnections('server-1') === 0, 5_000);
  });

  it('node events go through the policy: a node down is notified, its recovery resolves it; rules can exclude them', async () => {
    const s = await sim({ nodes: 8, nodeDatacenters: ['dc1', 'dc2'] });
    h = harness(settingsWith([clusterSettings('prod', [s.agent('server-1').url], 10_000)]));
    const hh = h;
    hh.monitor.start();
    await waitFor('nodes counted', () => view(hh)?.snapshot?.nodes?.total === 8);
    s.setNodeStatus('node-3', 'down');
    await waitFor(
      'node-down notice',
      () => hh.notices.some((n) => n.title === 'prod: node node-3 is down'),
      8_000,
    );
    expect(hh.history.find((e) => e.type === 'node-down')).toMatchObject({
      node: 'node-3',
      datacenter: 'dc1',
    });
    s.setNodeStatus('node-3', 'ready');
    await waitFor('resolution', () => hh.notices.some((n) => n.type === 'node-ready'), 8_000);
    // The resolution closes the warning it answers (the sticky notification is replaced where it can be).
    const down = hh.notices.find((n) => n.title === 'prod: node node-3 is down');
    expect(down?.severity).toBe('warning');
    expect(hh.notices.find((n) => n.type === 'node-ready')?.resolves).toEqual([down?.tag]);
    expect(hh.history.some((e) => e.type === 'node-ready' && e.node === 'node-3')).toBe(true);
    // every node of dc2 down at once: the detector reports each node (history keeps them), the policy folds
    // them into one critical partition notice to the notifier, not four node notices
    const dc2 = ['node-2', 'node-4', 'node-6', 'node-8'];
    for (const name of dc2) s.setNodeStatus(name, 'down');
    await waitFor('partition', () => hh.notices.some((n) => n.type === 'datacenter-partition'), 8_000);
    const partition = hh.notices.find((n) => n.type === 'datacenter-partition');
    expect(partition).toMatchObject({
      severity: 'critical',
      title: 'prod: likely partition of dc2 (all 4 nodes down)',
    });
    expect(hh.notices.filter((n) => n.type === 'node-down')).toHaveLength(1);
    expect(hh.history.filter((e) => e.type === 'datacenter-partition')).toEqual([]);
    expect(
      hh.history
        .filter((e) => e.type === 'node-down' && e.datacenter === 'dc2')
        .map((e) => e.node)
        .sort(),
    ).toEqual(dc2);
    // all back at once: one resolution, which closes the partition notice
    for (const name of dc2) s.setNodeStatus(name, 'ready');
    await waitFor('storm resolved', () => hh.notices.some((n) => n.type === 'nodes-ready'), 8_000);
    expect(hh.notices.find((n) => n.type === 'nodes-ready')?.resolves).toEqual([partition?.tag]);
    expect(hh.notices.filter((n) => n.type === 'node-ready')).toHaveLength(1);
  });

  it("a cluster's rules can exclude node events ('never')", async () => {
    const s = await sim({ nodes: 2 });
    const cluster = {
      ...clusterSettings('prod', [s.agent('server-1').url], 10_000),
      notifications: { muted: false, only: [], never: ['node-down' as const] },
    };
    h = harness(settingsWith([cluster]));
    const hh = h;
    hh.monitor.start();
    await waitFor('nodes counted', () => view(hh)?.snapshot?.nodes?.total === 2);
    s.setNodeStatus('node-1', 'down');
    await waitFor('recorded', () => hh.history.some((e) => e.type === 'node-down'), 8_000);
    expect(hh.notices.filter((n) => n.type === 'node-down')).toEqual([]);
  });

  it("a cluster's node pool rules: an excluded pool's node is counted, degrades and is recorded, but not notified", async () => {
    const s = await sim({ nodes: 1 });
    const cluster = {
      ...clusterSettings('prod', [s.agent('server-1').url], 10_000),
      notifications: { muted: false, only: [], never: [], nodePools: { only: [], never: ['__proto__'] } },
    };
    const [batch] = s.addNodes(1, { nodePool: '__proto__', nodeClass: 'constructor' });
    h = harness(settingsWith([cluster]));
    const hh = h;
    hh.monitor.start();
    await waitFor('nodes counted', () => view(hh)?.snapshot?.nodes?.total === 2);
    s.setNodeStatus(batch ?? '', 'down');
    await waitFor('recorded', () => hh.history.some((e) => e.type === 'node-down'), 8_000);
    expect(hh.history.find((e) => e.type === 'node-down')).toMatchObject({
      node: batch,
      nodePool: '__proto__',
      nodeClass: 'constructor',
    });
    await waitFor('degraded', () => view(hh)?.state === 'degraded', 8_000);
    s.setNodeStatus('node-1', 'down');
    await waitFor('the other pool notifies', () => hh.notices.some((n) => n.type === 'node-down'), 8_000);
    expect(hh.notices.filter((n) => n.type === 'node-down').map((n) => n.title)).toEqual([
      'prod: node node-1 is down',
    ]);
  });
});
