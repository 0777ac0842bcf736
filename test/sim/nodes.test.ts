import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCommand } from '../nomad-sim/cli-commands.js';
import {
  blockingWaitMs,
  MAX_BLOCKING_MS,
  startCluster,
  type SimCluster,
  type SimOptions,
} from '../nomad-sim/index.js';
import { call } from './http.js';

const Driver = z.strictObject({
  Attributes: z.record(z.string(), z.string()),
  Detected: z.boolean(),
  Healthy: z.boolean(),
  HealthDescription: z.string(),
  UpdateTime: z.string(),
});
const Stub = z.strictObject({
  Address: z.string(),
  ID: z.uuid(),
  Datacenter: z.string(),
  Name: z.string(),
  NodeClass: z.string(),
  NodePool: z.string(),
  Version: z.string(),
  Drain: z.boolean(),
  SchedulingEligibility: z.enum(['eligible', 'ineligible']),
  Status: z.string(),
  StatusDescription: z.string(),
  Drivers: z.record(z.string(), Driver),
  HostVolumes: z.null(),
  LastDrain: z
    .strictObject({
      StartedAt: z.string(),
      UpdatedAt: z.string(),
      Status: z.enum(['draining', 'complete', 'canceled']),
      AccessorID: z.string(),
      Meta: z.null(),
    })
    .nullable(),
  CreateIndex: z.number().int(),
  ModifyIndex: z.number().int(),
});
const Stubs = z.array(Stub);

const open: SimCluster[] = [];
async function sim(opts: SimOptions): Promise<SimCluster> {
  const c = await startCluster({ leaderHoldMs: 300, ...opts });
  open.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function timed(url: string, path: string, token?: string) {
  const t0 = performance.now();
  const r = await call(url, path, token === undefined ? {} : { token });
  return { ...r, ms: performance.now() - t0, index: Number(r.headers['x-nomad-index']) };
}

describe('GET /v1/nodes', () => {
  it('lists client agents and extra nodes as NodeListStubs sorted by ID, with the blocking-query headers', async () => {
    const c = await sim({ clients: 2, nodes: 4, nodeDatacenters: ['dc1', 'dc2'] });
    const r = await timed(c.agent('server-1').url, '/v1/nodes');
    expect(r.status).toBe(200);
    const stubs = Stubs.parse(JSON.parse(r.text));
    expect(stubs.map((s) => s.Name).sort()).toEqual(
      ['client-1', 'client-2', 'node-1', 'node-2', 'node-3', 'node-4'].sort(),
    );
    expect(stubs.map((s) => s.ID)).toEqual(stubs.map((s) => s.ID).sort());
    expect(stubs.filter((s) => s.Datacenter === 'dc2').map((s) => s.Name)).toEqual(
      expect.arrayContaining(['node-2', 'node-4']),
    );
    expect(stubs.every((s) => s.Status === 'ready' && s.SchedulingEligibility === 'eligible')).toBe(true);
    expect(r.index).toBe(c.nodeIndex());
    expect(r.headers['x-nomad-knownleader']).toBe('true');
    expect(r.headers['x-nomad-lastcontact']).toBe('0');
    const follower = await call(c.agent('server-2').url, '/v1/nodes?stale');
    expect(follower.headers['x-nomad-lastcontact']).not.toBe('0');
    expect(follower.headers['x-nomad-nexttoken']).toBeUndefined();
  });

  it('an empty table answers [] with index 1, never 0', async () => {
    const c = await sim({ serversPerRegion: 1 });
    const r = await timed(c.agent('server-1').url, '/v1/nodes');
    expect([r.status, r.text, r.index]).toEqual([200, '[]', 1]);
  });

  it('holds a blocking query until the nodes index passes it and answers at once on a change', async () => {
    const c = await sim({ serversPerRegion: 1, nodes: 3 });
    const url = c.agent('server-1').url;
    const before = c.nodeIndex();
    const pending = timed(url, `/v1/nodes?index=${before}&wait=20s`);
    setTimeout(() => c.setNodeStatus('node-2', 'down'), 150);
    const r = await pending;
    expect(r.status).toBe(200);
    expect(c.nodeQueries().blocking).toBe(1);
    expect(r.index).toBeGreaterThan(before);
    expect(r.ms).toBeGreaterThanOrEqual(140);
    expect(r.ms).toBeLessThan(10_000);
    const n2 = Stubs.parse(JSON.parse(r.text)).find((s) => s.Name === 'node-2');
    expect(n2?.Status).toBe('down');
    expect(n2?.ModifyIndex).toBe(r.index);
  });

  it('a timed-out blocking query answers 200 with the same index after wait (+ at most wait/16)', async () => {
    const c = await sim({ serversPerRegion: 1, nodes: 2 });
    const index = c.nodeIndex();
    const r = await timed(c.agent('server-1').url, `/v1/nodes?index=${index}&wait=400ms`);
    expect([r.status, r.index]).toEqual([200, index]);
    expect(r.ms).toBeGreaterThanOrEqual(390);
    expect(Stubs.parse(JSON.parse(r.text))).toHaveLength(2);
  });

  it('index=0 or an index already passed answers at once', async () => {
    const c = await sim({ serversPerRegion: 1, nodes: 1 });
    const url = c.agent('server-1').url;
    for (const q of ['index=0&wait=20s', `index=${c.nodeIndex() - 1}&wait=20s`]) {
      const r = await timed(url, `/v1/nodes?${q}`);
      expect(r.status).toBe(200);
      expect(r.ms).toBeLessThan(5_000);
    }
  });

  it('wait defaults to and is capped at 300 s, plus up to 1/16 jitter', () => {
    expect(MAX_BLOCKING_MS).toBe(300_000);
    expect(blockingWaitMs(null, () => 0)).toBe(300_000);
    expect(blockingWaitMs('10m', () => 0)).toBe(300_000);
    expect(blockingWaitMs('10m', () => 0.999_999)).toBe(300_000 + 18_749);
    expect(blockingWaitMs('1600ms', () => 0.999_999)).toBe(1_699);
    expect(blockingWaitMs('2s', () => 0.5)).toBe(2_062);
  });

  it('a snapshot restore sends the index backwards: a blocked query times out with the lower index', async () => {
    const c = await sim({ serversPerRegion: 1, nodes: 2 });
    c.setNodeStatus('node-1', 'down');
    const high = c.nodeIndex();
    c.rewindNodeIndex(5);
    const r = await timed(c.agent('server-1').url, `/v1/nodes?index=${high}&wait=300ms`);
    expect([r.status, r.index]).toEqual([200, 5]);
    expect(r.index).toBeLessThan(high);
  });

  it('without stale it waits for a leader (then 500 No cluster leader); stale is answered by any server', async () => {
    const c = await sim({ serversPerRegion: 3, nodes: 2 });
    c.setLeader('global', null);
    const url = c.agent('server-2').url;
    const held = await timed(url, '/v1/nodes');
    expect([held.status, held.text]).toEqual([500, 'No cluster leader']);
    expect(held.ms).toBeGreaterThanOrEqual(290);
    const stale = await timed(url, '/v1/nodes?stale=true');
    expect(stale.status).toBe(200);
    expect(stale.headers['x-nomad-knownleader']).toBe('false');
    expect(Stubs.parse(JSON.parse(stale.text))).toHaveLength(2);
  });

  it('needs node:read: 403 Permission denied for anonymous and other tokens', async () => {
    const c = await sim({ serversPerRegion: 1, nodes: 1, acl: true });
    const url = c.agent('server-1').url;
    const tokens = c.tokens;
    if (!tokens) throw new Error('acl');
    for (const t of ['', tokens.agentRead, tokens.unknown]) {
      const r = await timed(url, '/v1/nodes', t);
      expect([r.status, r.text]).toEqual([403, 'Permission denied']);
    }
    expect((await timed(url, '/v1/nodes', tokens.nodeRead)).status).toBe(200);
  });

  it('pages with per_page and X-Nomad-NextToken, and filters with a bexpr clause', async () => {
    const c = await sim({ serversPerRegion: 1, nodes: 5 });
    const url = c.agent('server-1').url;
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const r = await call(url, `/v1/nodes?per_page=2${token ? `&next_token=${token}` : ''}`);
      seen.push(...Stubs.parse(JSON.parse(r.text)).map((s) => s.Name));
      const next = r.headers['x-nomad-nexttoken'];
      token = typeof next === 'string' ? next : '';
      pages++;
    } while (token !== '' && pages < 10);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(c.nodeNames().sort());
    c.setNodeStatus('node-3', 'down');
    const f = await call(url, `/v1/nodes?filter=${encodeURIComponent('Status == "down"')}`);
    expect(Stubs.parse(JSON.parse(f.text)).map((s) => s.Name)).toEqual(['node-3']);
    const bad = await call(url, `/v1/nodes?filter=${encodeURIComponent('Status ~ nope')}`);
    expect(bad.status).toBe(400);
  });

  it('drain, eligibility, removal and add-nodes each move the index once', async () => {
    const c = await sim({ serversPerRegion: 1, nodes: 2 });
    const url = c.agent('server-1').url;
    let last = c.nodeIndex();
    const step = (): void => {
      expect(c.nodeIndex()).toBe(last + 1);
      last = c.nodeIndex();
    };
    c.drainNode('node-1');
    step();
    expect(c.node('node-1')).toMatchObject({ drain: true, eligibility: 'ineligible' });
    c.endDrain('node-1');
    step();
    let stubs = Stubs.parse(JSON.parse((await call(url, '/v1/nodes')).text));
    expect(stubs.find((s) => s.Name === 'node-1')).toMatchObject({
      Drain: false,
      SchedulingEligibility: 'ineligible',
      LastDrain: { Status: 'complete' },
    });
    c.setNodeEligibility('node-1', true);
    step();
    expect(c.addNodes(3, { datacenter: 'dc9' })).toEqual(['node-3', 'node-4', 'node-5']);
    step();
    c.removeNode('node-2');
    step();
    stubs = Stubs.parse(JSON.parse((await call(url, '/v1/nodes')).text));
    expect(stubs.map((s) => s.Name).sort()).toEqual(['node-1', 'node-3', 'node-4', 'node-5']);
    expect(stubs.filter((s) => s.Datacenter === 'dc9')).toHaveLength(3);
  });

  it('serves a 10,000-node cluster', { timeout: 60_000 }, async () => {
    const c = await sim({ serversPerRegion: 1, nodes: 10_000, nodeDatacenters: ['dc1', 'dc2', 'dc3'] });
    const r = await call(c.agent('server-1').url, '/v1/nodes');
    const list = JSON.parse(r.text) as unknown[];
    expect(list).toHaveLength(10_000);
    expect(c.nodeNames()).toHaveLength(10_000);
  });
});

describe('node console commands', () => {
  it('node-down, node-disconnect, node-up, drain, drain-done, (in)eligible, add-nodes, remove-node, node-index, nodes', async () => {
    const c = await sim({ serversPerRegion: 1, nodes: 2 });
    const run = (line: string): string => runCommand(c, line).reply;
    expect(run('node-down node-1')).toBe('node node-1 is now down');
    expect(c.node('node-1').status).toBe('down');
    expect(run('node-disconnect node-2')).toBe('node node-2 is now disconnected');
    expect(run('nodes')).toMatch(/^disconnected=1 down=1 index=\d+$/);
    expect(run('node-up node-1')).toBe('node node-1 is now ready');
    expect(run('drain node-1')).toBe('node node-1 is draining');
    expect(c.node('node-1').drain).toBe(true);
    expect(run('drain-done node-1')).toBe('node node-1 finished draining');
    expect(run('eligible node-1')).toBe('node node-1 is now eligible');
    expect(run('ineligible node-2')).toBe('node node-2 is now ineligible');
    expect(run('add-nodes 3 dc2')).toBe('added 3 nodes (node-3..node-5)');
    expect(c.node('node-5').datacenter).toBe('dc2');
    expect(run('remove-node node-5')).toBe('node node-5 removed');
    expect(run('node-index 3')).toBe('nodes index is now 3');
    expect(run('node-down nope')).toMatch(/^error: nomad-sim: unknown node "nope"/);
    expect(run('add-nodes many')).toMatch(/^error: usage: add-nodes N/);
    expect(run('node-down __proto__')).toMatch(/^error: nomad-sim: unknown node "__proto__"/);
  });
});
