import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startCluster, type SimCluster } from '../nomad-sim/index.js';
import { call, getJson } from './http.js';

let c: SimCluster;
beforeEach(async () => {
  c = await startCluster({ regions: ['global', 'eu'], serversPerRegion: 3, clients: 1, leaderHoldMs: 50 });
});
afterEach(async () => {
  await c.close();
});

const Autopilot = z.object({
  Healthy: z.boolean(),
  FailureTolerance: z.number(),
  Leader: z.string(),
  Voters: z.array(z.string()),
  Servers: z.array(
    z.object({
      Name: z.string(),
      SerfStatus: z.string(),
      Healthy: z.boolean(),
      LastContact: z.string(),
      Leader: z.boolean(),
    }),
  ),
});

describe('leaders per region', () => {
  it('answers the region leader as "ip:4647", honouring ?region from any agent', async () => {
    c.setLeader('eu', 'eu-server-2');
    for (const a of [c.agent('server-3'), c.agent('eu-server-1'), c.agent('client-1')]) {
      expect(await getJson(a.url, '/v1/status/leader')).toBe(
        a.region === 'eu' ? c.agent('eu-server-2').rpcAddr : c.agent('server-1').rpcAddr,
      );
      expect(await getJson(a.url, '/v1/status/leader?region=eu')).toBe(c.agent('eu-server-2').rpcAddr);
    }
  });

  it('gives 500 No path to region for an unknown region or one whose servers are all gone', async () => {
    const unknown = await call(c.agent('server-1').url, '/v1/status/leader?region=mars');
    expect([unknown.status, unknown.text, unknown.contentType]).toEqual([
      500,
      'No path to region',
      'text/plain; charset=utf-8',
    ]);
    for (const s of c.servers('eu')) c.fail(s.name);
    const dead = await call(c.agent('server-1').url, '/v1/status/leader?region=eu');
    expect([dead.status, dead.text]).toEqual([500, 'No path to region']);
  });

  it('without a leader: leader 500 No cluster leader, "" with ?stale, health 500 JSON as text/plain', async () => {
    c.setLeader('global', null);
    const s = c.agent('server-2');
    const leader = await call(s.url, '/v1/status/leader');
    expect([leader.status, leader.text, leader.contentType]).toEqual([
      500,
      'No cluster leader',
      'text/plain; charset=utf-8',
    ]);
    expect(await getJson(s.url, '/v1/status/leader?stale')).toBe('');
    const health = await call(s.url, '/v1/agent/health');
    expect(health.status).toBe(500);
    expect(health.contentType).toBe('text/plain; charset=utf-8');
    expect(JSON.parse(health.text)).toEqual({ server: { ok: false, message: 'No cluster leader' } });
    const eu = await call(c.agent('eu-server-1').url, '/v1/agent/health');
    expect(eu.status).toBe(200);
    c.setLeader('global', 'server-3');
    expect(await getJson(s.url, '/v1/status/leader')).toBe(c.agent('server-3').rpcAddr);
  });

  it('keeps a failed leader as leader until the test elects another one', async () => {
    c.fail('server-1');
    expect(await getJson(c.agent('server-2').url, '/v1/status/leader')).toBe(c.agent('server-1').rpcAddr);
  });

  it('health: 200 ok JSON on servers and clients; a client with no servers is unhealthy', async () => {
    const ok = await call(c.agent('server-1').url, '/v1/agent/health');
    expect([ok.status, ok.contentType, JSON.parse(ok.text)]).toEqual([
      200,
      'application/json',
      { server: { ok: true, message: 'ok' } },
    ]);
    expect(await getJson(c.agent('client-1').url, '/v1/agent/health')).toEqual({
      client: { ok: true, message: 'ok' },
    });
    const wrongType = await call(c.agent('server-1').url, '/v1/agent/health?type=client');
    expect([wrongType.status, JSON.parse(wrongType.text)]).toEqual([
      500,
      { client: { ok: false, message: 'client not enabled' } },
    ]);
    c.setClientServers('client-1', []);
    const bad = await call(c.agent('client-1').url, '/v1/agent/health');
    expect([bad.status, bad.contentType, JSON.parse(bad.text)]).toEqual([
      500,
      'text/plain; charset=utf-8',
      { client: { ok: false, message: 'no known servers' } },
    ]);
  });

  it('peers is an array of the region’s raft peers; regions is sorted', async () => {
    expect(await getJson(c.agent('server-1').url, '/v1/status/peers?region=eu')).toEqual(
      c.servers('eu').map((s) => s.rpcAddr),
    );
    expect(await getJson(c.agent('eu-server-1').url, '/v1/regions')).toEqual(['eu', 'global']);
  });
});

describe('GET /v1/operator/autopilot/health', () => {
  it('is 200 when every server is healthy and 429 with the same JSON shape when not', async () => {
    const url = c.agent('server-2').url;
    const good = await call(url, '/v1/operator/autopilot/health');
    expect(good.status).toBe(200);
    const body = Autopilot.parse(JSON.parse(good.text));
    expect(body).toMatchObject({ Healthy: true, FailureTolerance: 1 });
    expect(body.Servers.find((s) => s.Leader)?.LastContact).toBe('0s');
    for (const s of body.Servers) expect(s.LastContact).toMatch(/^\d+(\.\d+)?(ms|s)$/);
    c.fail('server-3');
    const bad = await call(url, '/v1/operator/autopilot/health');
    expect(bad.status).toBe(429);
    const badBody = Autopilot.parse(JSON.parse(bad.text));
    expect(badBody).toMatchObject({ Healthy: false, FailureTolerance: 0 });
    expect(badBody.Servers.find((s) => s.Name === 'server-3.global')).toMatchObject({
      SerfStatus: 'failed',
      Healthy: false,
    });
  });

  it('answers 404 Invalid method to a non-GET and 500 No cluster leader without a leader', async () => {
    const put = await call(c.agent('server-1').url, '/v1/operator/autopilot/health', { method: 'PUT' });
    expect([put.status, put.text]).toEqual([404, 'Invalid method']);
    c.setLeader('global', null);
    const none = await call(c.agent('server-1').url, '/v1/operator/autopilot/health');
    expect([none.status, none.text]).toEqual([500, 'No cluster leader']);
  });
});
