/** `nomad-tray nodes [--json]` against the simulator: the table, JSON, hostile names and a missing node:read. */
import { afterEach, describe, expect, it } from 'vitest';
import type { NomadNode } from '../../common/nomad-domain.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster, SimOptions } from '../nomad-sim/index.js';
import { runInProcess } from './in-process.js';

const open: SimCluster[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});
async function sim(opts: SimOptions): Promise<SimCluster> {
  const c = await startCluster({ serversPerRegion: 1, ...opts });
  open.push(c);
  return c;
}

describe('nodes', () => {
  it('prints a `nomad node status` table in datacenter then natural name order', async () => {
    const s = await sim({ nodes: 11, nodeDatacenters: ['dc1'] });
    s.setNodeStatus('node-2', 'down');
    s.drainNode('node-10');
    const r = await runInProcess(['nodes', '--address', s.agent('server-1').url]);
    expect(r.code).toBe(0);
    const lines = r.out.join('\n').split('\n');
    expect(lines[0]?.split(/\s{2,}/)).toEqual([
      'ID',
      'Node Pool',
      'DC',
      'Name',
      'Class',
      'Drain',
      'Eligibility',
      'Status',
    ]);
    const names = lines.slice(1).map((l) => l.split(/\s{2,}/)[3]);
    expect(names.slice(0, 3)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(names.at(-2)).toBe('node-10');
    const down = lines.find((l) => l.split(/\s{2,}/)[3] === 'node-2')?.split(/\s{2,}/);
    expect(down?.slice(1)).toEqual(['default', 'dc1', 'node-2', '<none>', 'false', 'eligible', 'down']);
    const drained = lines.find((l) => l.split(/\s{2,}/)[3] === 'node-10')?.split(/\s{2,}/);
    expect(drained?.slice(5)).toEqual(['true', 'ineligible', 'ready']);
  });

  it('--json prints the node list; an empty cluster says so in the table', async () => {
    const s = await sim({ nodes: 2 });
    const r = await runInProcess(['nodes', '--json', '--address', s.agent('server-1').url]);
    expect(r.code).toBe(0);
    const nodes = JSON.parse(r.out.join('\n')) as NomadNode[];
    expect(nodes.map((n) => [n.name, n.status, n.eligible])).toEqual([
      ['node-1', 'ready', true],
      ['node-2', 'ready', true],
    ]);
    const empty = await sim({});
    const e = await runInProcess(['nodes', '--address', empty.agent('server-1').url]);
    expect([e.code, e.out.join('\n')]).toEqual([0, 'No nodes registered']);
  });

  it('a token without node:read exits 2 naming the capability', async () => {
    const s = await sim({ nodes: 1, acl: true });
    const r = await runInProcess([
      'nodes',
      '--address',
      s.agent('server-1').url,
      '--token',
      s.tokens?.agentRead ?? '',
    ]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/^Error \(forbidden\): .*node:read/);
  });
});

describe('status reads the client nodes too', () => {
  it('a down node makes status degraded (exit 1) with the reason, healthy again once it is ready', async () => {
    const s = await sim({ nodes: 3 });
    s.setNodeStatus('node-1', 'down');
    const r = await runInProcess(['status', '--json', '--address', s.agent('server-1').url]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out.join('\n')) as { clusters: Array<{ state: string; reasons: string[] }> };
    expect(doc.clusters[0]?.state).toBe('degraded');
    expect(doc.clusters[0]?.reasons).toContain('1 client node down');
    s.setNodeStatus('node-1', 'ready');
    const ok = await runInProcess(['status', '--address', s.agent('server-1').url]);
    expect(ok.code).toBe(0);
  });
});
