/** `watch --json` prints node events (the real CLI process against a simulator with client nodes). */
import { afterEach, describe, expect, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { startWatch } from '../scenarios/watch-harness.js';
import type { WatchRun } from '../scenarios/watch-harness.js';
import { waitFor } from '../engine/helpers.js';

let sim: SimCluster | null = null;
let watch: WatchRun | null = null;
afterEach(async () => {
  await watch?.stop();
  watch = null;
  await sim?.close();
  sim = null;
});

describe('watch: node events', { timeout: 60_000 }, () => {
  it('prints node-down and node-ready as JSON lines with the node, its datacenter, pool and class, and a partition line', async () => {
    sim = await startCluster({ serversPerRegion: 1, nodes: 3, nodeDatacenters: ['dc1', 'dc7'] });
    const s = sim;
    watch = startWatch(['--address', s.agent('server-1').url]);
    const w = watch;
    await w.waitState('healthy');
    // the node watcher's first answer is its silent baseline; its first blocking query comes after it
    await waitFor('a blocking node query', () => s.nodeQueries().blocking > 0, 20_000);
    s.setNodeStatus('node-2', 'down');
    await waitFor('node-down line', () => w.lines.some((l) => l.type === 'node-down'), 20_000);
    s.setNodeStatus('node-2', 'ready');
    await waitFor('node-ready line', () => w.lines.some((l) => l.type === 'node-ready'), 20_000);
    const down = w.lines.find((l) => l.type === 'node-down') as Record<string, unknown> | undefined;
    expect(down).toMatchObject({
      node: 'node-2',
      datacenter: 'dc7',
      nodePool: 'default',
      nodeClass: '',
      from: 'ready',
      to: 'down',
    });
    // both nodes of dc1 at once: a line per node, then the policy's partition line
    s.setNodeStatus('node-1', 'down');
    s.setNodeStatus('node-3', 'down');
    await waitFor('partition line', () => w.lines.some((l) => l.type === 'datacenter-partition'), 20_000);
    expect(w.lines.find((l) => l.type === 'datacenter-partition')).toMatchObject({
      datacenter: 'dc1',
      count: 2,
      severity: 'critical',
    });
    expect(w.lines.filter((l) => l.type === 'node-down' && l.datacenter === 'dc1')).toHaveLength(2);
    expect(await w.stop()).toBe(0);
    watch = null;
  });
});
