import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startCluster, type SimCluster } from '../nomad-sim/index.js';
import { call, getJson } from './http.js';

const Member = z.strictObject({
  Name: z.string(),
  Addr: z.string(),
  Port: z.number(),
  Tags: z.record(z.string(), z.string()),
  Status: z.string(),
  ProtocolMin: z.number(),
  ProtocolMax: z.number(),
  ProtocolCur: z.number(),
  DelegateMin: z.number(),
  DelegateMax: z.number(),
  DelegateCur: z.number(),
});
const Members = z.strictObject({
  ServerName: z.string(),
  ServerRegion: z.string(),
  ServerDC: z.string(),
  Members: z.array(Member),
});

let c: SimCluster;
beforeAll(async () => {
  c = await startCluster({
    regions: ['global', 'eu'],
    serversPerRegion: 3,
    clients: 2,
    datacenter: 'dc7',
    leaderHoldMs: 50,
  });
});
afterAll(async () => {
  await c.close();
});

describe('GET /v1/agent/members', () => {
  it('lists every region’s servers as name.region with string tags, answered by a suffix-less ServerName', async () => {
    const eu2 = c.agent('eu-server-2');
    const view = Members.parse(await getJson(eu2.url, '/v1/agent/members'));
    expect(view.ServerName).toBe('eu-server-2');
    expect(view.ServerRegion).toBe('eu');
    expect(view.ServerDC).toBe('dc7');
    expect(view.Members.map((m) => m.Name).sort()).toEqual(
      c
        .servers()
        .map((s) => `${s.name}.${s.region}`)
        .sort(),
    );
    for (const m of view.Members) {
      const a = c.agent(m.Name);
      expect(m.Addr).toBe(a.addr);
      expect(m.Port).toBe(4648);
      expect(m.Status).toBe('alive');
      expect(m.Tags).toMatchObject({
        role: 'nomad',
        region: a.region,
        dc: 'dc7',
        build: '1.9.3',
        port: '4647',
        raft_vsn: '3',
        vsn: '1',
        expect: '3',
        rpc_addr: a.addr,
      });
      expect(m.Tags['id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(m.Tags['revision']).toMatch(/^[0-9a-f]{40}$/);
      expect([m.ProtocolMin, m.ProtocolMax, m.ProtocolCur]).toEqual([1, 5, 2]);
      expect([m.DelegateMin, m.DelegateMax, m.DelegateCur]).toEqual([2, 5, 4]);
    }
  });

  it('returns the members in a random order', async () => {
    const orders = new Set<string>();
    for (let i = 0; i < 30 && orders.size < 2; i++) {
      const view = Members.parse(await getJson(c.agents[0]?.url ?? '', '/v1/agent/members'));
      orders.add(view.Members.map((m) => m.Name).join(','));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('ignores ?region (the gossip pool spans every region)', async () => {
    const view = Members.parse(await getJson(c.agent('server-1').url, '/v1/agent/members?region=eu'));
    expect(view.ServerRegion).toBe('global');
    expect(view.Members).toHaveLength(6);
  });

  it('is forwarded by a client agent to one of its servers (ServerName describes that server)', async () => {
    const client = c.agent('client-1');
    const view = Members.parse(await getJson(client.url, '/v1/agent/members'));
    expect(view.ServerName).toBe('server-1');
    expect(view.ServerRegion).toBe('global');
    expect(view.Members).toHaveLength(6);
    expect(view.Members.some((m) => m.Name.startsWith('client'))).toBe(false);
  });

  it('skips a failed server when a client forwards, and fails with 500 when the client knows no server', async () => {
    const client = c.agent('client-2');
    c.fail('server-1');
    try {
      const view = Members.parse(await getJson(client.url, '/v1/agent/members'));
      expect(view.ServerName).toBe('server-2');
      expect(view.Members.find((m) => m.Name === 'server-1.global')?.Status).toBe('failed');
    } finally {
      c.recover('server-1');
    }
    c.setClientServers('client-2', []);
    const a = await call(client.url, '/v1/agent/members');
    expect(a.status).toBe(500);
    expect(a.text).toBe('no servers');
  });
});

describe('GET /v1/agent/self', () => {
  it('describes a server: config, its own member and string stats', async () => {
    const s = c.agent('server-1');
    const self = z
      .object({
        config: z.object({
          Region: z.string(),
          Datacenter: z.string(),
          NodeName: z.string(),
          Version: z.object({
            Version: z.string(),
            VersionPrerelease: z.string(),
            VersionMetadata: z.string(),
          }),
          Server: z.object({ Enabled: z.boolean() }),
          Client: z.object({ Enabled: z.boolean() }),
          ACL: z.object({ Enabled: z.boolean() }),
        }),
        member: Member,
        stats: z.record(z.string(), z.record(z.string(), z.string())),
      })
      .parse(await getJson(s.url, '/v1/agent/self'));
    expect(self.config).toMatchObject({ Region: 'global', Datacenter: 'dc7', NodeName: 'server-1' });
    expect(self.config.Version.Version).toBe('1.9.3');
    expect(self.config.Server.Enabled).toBe(true);
    expect(self.config.Client.Enabled).toBe(false);
    expect(self.config.ACL.Enabled).toBe(false);
    expect(self.member.Name).toBe('server-1.global');
    expect(self.stats['nomad']).toMatchObject({
      server: 'true',
      leader: 'true',
      leader_addr: s.rpcAddr,
      known_regions: '2',
    });
    expect(self.stats['raft']).toMatchObject({ state: 'Leader', last_contact: '0' });
    expect(Object.keys(self.stats).sort()).toEqual(['nomad', 'raft', 'runtime', 'serf']);
    const follower = z
      .object({ stats: z.record(z.string(), z.record(z.string(), z.string())) })
      .parse(await getJson(c.agent('server-2').url, '/v1/agent/self'));
    expect(follower.stats['nomad']?.['leader']).toBe('false');
    expect(follower.stats['raft']?.['state']).toBe('Follower');
  });

  it('gives a client agent the zero member (Status none, Addr/Tags null) and client stats', async () => {
    const cl = c.agent('client-1');
    const self = z
      .object({
        config: z.object({
          Server: z.object({ Enabled: z.boolean() }),
          Client: z.object({ Enabled: z.boolean() }),
        }),
        member: z.object({
          Name: z.string(),
          Addr: z.null(),
          Tags: z.null(),
          Status: z.string(),
          Port: z.number(),
        }),
        stats: z.record(z.string(), z.record(z.string(), z.string())),
      })
      .parse(await getJson(cl.url, '/v1/agent/self'));
    expect(self.config.Server.Enabled).toBe(false);
    expect(self.config.Client.Enabled).toBe(true);
    expect(self.member).toEqual(
      expect.objectContaining({ Name: '', Addr: null, Tags: null, Status: 'none', Port: 0 }),
    );
    expect(self.stats['client']?.['known_servers']).toBe(
      c
        .servers('global')
        .map((s) => s.rpcAddr)
        .join(','),
    );
    expect(Object.keys(self.stats).sort()).toEqual(['client', 'runtime']);
  });
});
