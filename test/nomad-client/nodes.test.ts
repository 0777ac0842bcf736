import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { nextIndex, type NomadClient } from '../../main/core/nomad/index.js';
import { blockingWait, MAX_BLOCKING_WAIT_MS } from '../../main/core/nomad/nodes.js';
import { startCluster, type SimCluster, type SimOptions } from '../nomad-sim/index.js';
import { clientPool, useServersAndClients } from './helpers/clients.js';

const clients = clientPool(1500);
afterAll(() => clients.closeAll());
const open: SimCluster[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});
async function sim(opts: SimOptions): Promise<SimCluster> {
  const c = await startCluster({ serversPerRegion: 1, leaderHoldMs: 200, ...opts });
  open.push(c);
  return c;
}
const at = (c: SimCluster, token?: string, agent = 'server-1'): Promise<NomadClient> =>
  clients.make({ address: c.agent(agent).url, ...(token !== undefined ? { token } : {}) });

describe('nodes(): /v1/nodes', () => {
  it('maps the stubs and returns the nodes index and the leader headers', async () => {
    const c = await sim({ clients: 1, nodes: 3, nodeDatacenters: ['dc1', 'dc2'] });
    c.setNodeStatus('node-1', 'down', 'node heartbeat missed');
    c.drainNode('node-2');
    const r = await (await at(c)).nodes();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.index).toBe(c.nodeIndex());
    expect(r.value.knownLeader).toBe(true);
    expect(r.value.lastContactMs).toBe(0);
    expect(r.value.nextToken).toBeNull();
    const byName = new Map(r.value.nodes.map((n) => [n.name, n]));
    expect([...byName.keys()].sort()).toEqual(['client-1', 'node-1', 'node-2', 'node-3']);
    expect(byName.get('node-1')).toMatchObject({
      status: 'down',
      statusRaw: 'down',
      statusDescription: 'node heartbeat missed',
      eligible: true,
      drain: false,
      nodePool: 'default',
    });
    expect(byName.get('node-2')).toMatchObject({
      datacenter: 'dc2',
      drain: true,
      eligible: false,
      lastDrain: { status: 'draining' },
    });
    expect(byName.get('node-3')?.drivers.map((d) => d.name)).toEqual(['docker', 'exec']);
  });

  it('blocks until the index passes, even beyond the client’s own headers timeout', async () => {
    const c = await sim({ nodes: 2 });
    const client = await at(c);
    const first = await client.nodes();
    if (!first.ok) throw new Error(first.error.message);
    const t0 = performance.now();
    setTimeout(() => c.setNodeStatus('node-2', 'disconnected'), 2_000);
    const r = await client.nodes({ index: first.value.index, waitMs: 20_000 });
    if (!r.ok) throw new Error(r.error.message);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1_900);
    expect(r.value.index).toBeGreaterThan(first.value.index);
    expect(r.value.nodes.find((n) => n.name === 'node-2')?.status).toBe('disconnected');
  });

  it('a blocking query that times out is a value with the same index', async () => {
    const c = await sim({ nodes: 1 });
    const client = await at(c);
    const index = c.nodeIndex();
    const r = await client.nodes({ index, waitMs: 300 });
    expect(r.ok && r.value.index).toBe(index);
  });

  it('an aborted blocking query ends at once (quit, settings change)', async () => {
    const c = await sim({ nodes: 1 });
    const ac = new AbortController();
    const t0 = performance.now();
    const pending = (await at(c)).nodes({ index: c.nodeIndex(), waitMs: 60_000 }, ac.signal);
    setTimeout(() => ac.abort(), 100);
    const r = await pending;
    expect(r.ok).toBe(false);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('stale reads are answered by a follower without a leader; without stale it is no-leader', async () => {
    const c = await sim({ serversPerRegion: 3, nodes: 2 });
    c.setLeader('global', null);
    const client = await at(c, undefined, 'server-2');
    const stale = await client.nodes({ stale: true });
    if (!stale.ok) throw new Error(stale.error.message);
    expect(stale.value.knownLeader).toBe(false);
    expect(stale.value.nodes).toHaveLength(2);
    const strict = await client.nodes();
    expect(strict.ok ? 'ok' : strict.error.kind).toBe('no-leader');
  });

  it('a token without node:read is forbidden, naming the capability', async () => {
    const c = await sim({ nodes: 1, acl: true });
    const tokens = c.tokens;
    if (!tokens) throw new Error('acl');
    const r = await (await at(c, tokens.agentRead)).nodes();
    if (r.ok) throw new Error('expected forbidden');
    expect(r.error.kind).toBe('forbidden');
    expect(r.error.capability).toBe('node:read');
    expect(r.error.message).toContain('node:read');
    const none = await (await at(c)).nodes();
    expect(none.ok ? '' : none.error.aclReason).toBe('no-token');
    expect((await (await at(c, tokens.nodeRead)).nodes()).ok).toBe(true);
  });

  it('pages with perPage/nextToken and passes a filter through', async () => {
    const c = await sim({ nodes: 5 });
    const client = await at(c);
    const names: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const r = await client.nodes({ perPage: 2, ...(token ? { nextToken: token } : {}) });
      if (!r.ok) throw new Error(r.error.message);
      names.push(...r.value.nodes.map((n) => n.name));
      token = r.value.nextToken ?? undefined;
      if (token === undefined) break;
    }
    expect(names.sort()).toEqual(c.nodeNames().sort());
    c.setNodeStatus('node-4', 'down');
    const f = await client.nodes({ filter: 'Status == "down"' });
    expect(f.ok && f.value.nodes.map((n) => n.name)).toEqual(['node-4']);
    const bad = await client.nodes({ filter: 'Status ~~ x' });
    expect(bad.ok ? 'ok' : bad.error.kind).toBe('bad-request');
  });

  it('reads a 10,000-node list (over the default 4 MiB body cap)', { timeout: 60_000 }, async () => {
    const c = await sim({ nodes: 10_000 });
    const r = await (
      await clients.make({ address: c.agent('server-1').url, headersTimeoutMs: 20_000 })
    ).nodes();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.nodes).toHaveLength(10_000);
  });
});

describe('nodes(): hostile answers', () => {
  const { serve, client } = useServersAndClients(1500);

  it('an answer without X-Nomad-Index is an invalid response, not an empty list', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    });
    const r = await (await client(s.url)).nodes();
    expect(r.ok ? 'ok' : [r.error.kind, r.error.code]).toEqual(['invalid-response', 'NO_INDEX']);
  });

  it('driver and node names are data (__proto__, constructor); unknown statuses keep their raw text', async () => {
    const body = `[{"ID":"a1","Name":"constructor","Datacenter":"__proto__","Status":"exploded","Drivers":{"__proto__":{"Detected":true,"Healthy":false}},"LastDrain":null,"CreateIndex":1,"ModifyIndex":2}]`;
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-nomad-index': '7' });
      res.end(body);
    });
    const r = await (await client(s.url)).nodes();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.index).toBe(7);
    expect(r.value.nodes[0]).toMatchObject({
      name: 'constructor',
      datacenter: '__proto__',
      status: 'unknown',
      statusRaw: 'exploded',
      nodePool: 'default',
      drivers: [{ name: '__proto__', detected: true, healthy: false }],
    });
  });

  it('a wrong shape or a bad index header is an invalid response', async () => {
    for (const [index, text] of [
      ['7', '{"not":"a list"}'],
      ['-1', '[]'],
      ['99999999999999999999', '[]'],
    ] as const) {
      const s = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-nomad-index': index });
        res.end(text);
      });
      const r = await (await client(s.url)).nodes();
      expect(r.ok ? 'ok' : r.error.kind).toBe('invalid-response');
    }
  });

  it('sends index and wait (ms) only for a blocking query, and stale/filter as asked', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-nomad-index': '9' });
      res.end('[]');
    });
    const c = await client(s.url);
    await c.nodes();
    await c.nodes({ index: 8, waitMs: 10_000, stale: true, filter: 'Drain == true' });
    await c.nodes({ index: 8, waitMs: 10 * 60_000 });
    const urls = s.requests.map((r) => r.url);
    expect(urls[0]).toBe('/v1/nodes');
    expect(urls[1]).toBe(`/v1/nodes?index=8&wait=10000ms&stale=true&filter=Drain+%3D%3D+true`);
    expect(urls[2]).toBe('/v1/nodes?index=8&wait=300000ms');
  });
});

describe('blocking index rules', () => {
  it('resets to 0 when the index goes backwards, never returns below 1 otherwise', () => {
    expect(nextIndex(0, 12)).toBe(12);
    expect(nextIndex(12, 12)).toBe(12);
    expect(nextIndex(12, 40)).toBe(40);
    expect(nextIndex(40, 5)).toBe(0);
    expect(nextIndex(0, 0)).toBe(1);
  });

  it('wait defaults to and is capped at Nomad’s 300 s', () => {
    expect(MAX_BLOCKING_WAIT_MS).toBe(300_000);
    expect(blockingWait(undefined)).toBe(300_000);
    expect(blockingWait(0)).toBe(300_000);
    expect(blockingWait(Number.NaN)).toBe(300_000);
    expect(blockingWait(3_600_000)).toBe(300_000);
    expect(blockingWait(1_500)).toBe(1_500);
  });
});
