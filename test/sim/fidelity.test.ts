/**
 * The simulator reproduces what real agents do (README "Simulated Nomad cluster"; behaviours found in users'
 * captures and Nomad's source): leader-bound requests held while there is no leader, clients without servers,
 * old clients' 501, agents with both roles, empty NodeName, shared IPs, 0.0.0.0 advertise, optional expect tag,
 * JWT tokens, per-server views and older response shapes. Each is checked against the simulator itself.
 */
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../nomad-sim/cli-commands.js';
import { ClusterState } from '../nomad-sim/cluster.js';
import {
  DEFAULT_LEADER_HOLD_MS,
  startCluster,
  type SimCluster,
  type SimOptions,
} from '../nomad-sim/index.js';
import { call, failure, getJson } from './http.js';

const open: SimCluster[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});
async function sim(opts: SimOptions): Promise<SimCluster> {
  const c = await startCluster(opts);
  open.push(c);
  return c;
}

/** A GET that gives up after `ms` (for requests the agent holds or blocks). */
function getWithin(base: string, path: string, ms: number): Promise<unknown> {
  return request(base + path, { signal: AbortSignal.timeout(ms) }).then((r) => r.body.text());
}

interface Timed {
  status: number;
  text: string;
  ms: number;
}
async function timed(base: string, path: string): Promise<Timed> {
  const start = performance.now();
  const a = await call(base, path);
  return { status: a.status, text: a.text, ms: performance.now() - start };
}

interface Member {
  Name: string;
  Addr: string;
  Port: number;
  Status: string;
  Tags: Record<string, string>;
}

describe('leader-bound requests are held while a region has no leader', () => {
  it('holds status/leader, peers, operator and server health for the hold, then 500 No cluster leader', async () => {
    const c = await sim({ serversPerRegion: 3, leaderHoldMs: 300 });
    c.setLeader('global', null);
    const url = c.agent('server-2').url;
    const [leader, peers, health] = await Promise.all([
      timed(url, '/v1/status/leader'),
      timed(url, '/v1/status/peers'),
      timed(url, '/v1/agent/health'),
    ]);
    expect([leader.status, leader.text]).toEqual([500, 'No cluster leader']);
    expect([peers.status, peers.text]).toEqual([500, 'No cluster leader']);
    expect(health.status).toBe(500);
    expect(JSON.parse(health.text)).toEqual({ server: { ok: false, message: 'No cluster leader' } });
    for (const t of [leader, peers, health]) expect(t.ms).toBeGreaterThanOrEqual(290);
    // ?stale is answered by the server itself, at once
    const stale = await timed(url, '/v1/status/leader?stale');
    expect([stale.status, stale.text]).toEqual([200, '""']);
    // the member list does not need the leader: never held
    expect((await call(url, '/v1/agent/members')).status).toBe(200);
  });

  it('a leader elected during the hold answers the held request', async () => {
    const c = await sim({ serversPerRegion: 3, leaderHoldMs: 2_000 });
    c.setLeader('global', null);
    const pending = timed(c.agent('server-1').url, '/v1/status/leader');
    setTimeout(() => c.setLeader('global', 'server-3'), 100);
    const r = await pending;
    expect([r.status, r.text]).toEqual([200, JSON.stringify(c.agent('server-3').rpcAddr)]);
    expect(r.ms).toBeLessThan(2_000);
  });

  it('defaults to Nomad’s 5 s RPCHoldTimeout plus up to 1/16 jitter; `hold MS` changes it', async () => {
    expect(DEFAULT_LEADER_HOLD_MS).toBe(5_000);
    const c = await sim({ serversPerRegion: 1 });
    const state = new ClusterState(
      {
        regions: ['global'],
        serversPerRegion: 1,
        clients: 0,
        datacenter: 'dc1',
        build: '1.9.3',
        leaveRecoveryMs: 1,
        leaderHoldMs: DEFAULT_LEADER_HOLD_MS,
        bothRoles: false,
        sharedIp: false,
        advertiseAny: false,
        bootstrapExpect: 1,
        emptyNodeName: false,
        serverNames: [],
        extraTags: [],
        nodes: 0,
        nodeDatacenters: [],
      },
      [],
    );
    const holds = Array.from({ length: 200 }, () => state.holdMs());
    expect(Math.min(...holds)).toBeGreaterThanOrEqual(5_000);
    expect(Math.max(...holds)).toBeLessThan(5_000 + 5_000 / 16);
    expect(new Set(holds).size).toBeGreaterThan(1);
    expect(runCommand(c, 'hold 0').reply).toBe(
      'leader-bound requests are held 0 ms while a region has no leader',
    );
    c.setLeader('global', null);
    const r = await timed(c.agent('server-1').url, '/v1/status/leader');
    expect(r.text).toBe('No cluster leader');
  });
});

describe('client agents without servers', () => {
  it('before 1.6: members and leader fail at once with 500 no servers; health says no known servers', async () => {
    const c = await sim({ serversPerRegion: 1, clients: 1, build: '1.5.6', leaderHoldMs: 2_000 });
    runCommand(c, 'noservers client-1');
    const url = c.agent('client-1').url;
    for (const path of ['/v1/agent/members', '/v1/status/leader']) {
      const r = await timed(url, path);
      expect([r.status, r.text]).toEqual([500, 'no servers']);
      expect(r.ms).toBeLessThan(1_000);
    }
    const h = await call(url, '/v1/agent/health');
    expect([h.status, JSON.parse(h.text)]).toEqual([
      500,
      { client: { ok: false, message: 'no known servers' } },
    ]);
  });

  it('from 1.6, a client that never registered blocks members until it has servers; health answers at once', async () => {
    const c = await sim({ serversPerRegion: 1, clients: 1, build: '1.9.3', leaderHoldMs: 100 });
    expect(runCommand(c, 'unregister client-1').reply).toBe('client-1 has no servers and never registered');
    const url = c.agent('client-1').url;
    // still blocked long after the hold: no timeout of its own
    expect(await failure(getWithin(url, '/v1/agent/members', 600))).not.toBe('no error');
    const h = await timed(url, '/v1/agent/health');
    expect([h.status, h.text]).toEqual([500, '{"client":{"ok":false,"message":"no known servers"}}']);
    expect(h.ms).toBeLessThan(500);
    const waiting = call(url, '/v1/agent/members');
    expect(runCommand(c, 'servers client-1').reply).toBe(`client-1 servers: ${c.agent('server-1').rpcAddr}`);
    expect((await waiting).status).toBe(200);
  });

  it('from 1.6, a client that registered before retries for the hold, then 500 no servers', async () => {
    const c = await sim({ serversPerRegion: 1, clients: 1, leaderHoldMs: 200 });
    runCommand(c, 'noservers client-1');
    const r = await timed(c.agent('client-1').url, '/v1/agent/members');
    expect([r.status, r.text]).toEqual([500, 'no servers']);
    expect(r.ms).toBeGreaterThanOrEqual(190);
  });
});

describe('older agents', () => {
  it('≤ 0.4: members is a bare array on servers and 501 Invalid method on clients; known_servers a count', async () => {
    const c = await sim({ serversPerRegion: 2, clients: 1, build: '0.4.1' });
    const list = (await getJson(c.agent('server-1').url, '/v1/agent/members')) as Member[];
    expect(Array.isArray(list)).toBe(true);
    expect(list.map((m) => m.Name).sort()).toEqual(['server-1.global', 'server-2.global']);
    expect(Object.keys(list[0]?.Tags ?? {}).sort()).toEqual([
      'build',
      'dc',
      'expect',
      'mvn',
      'port',
      'region',
      'role',
      'vsn',
    ]);
    const client = await call(c.agent('client-1').url, '/v1/agent/members');
    expect([client.status, client.text]).toEqual([501, 'Invalid method']);
    const self = (await getJson(c.agent('client-1').url, '/v1/agent/self')) as {
      stats: { client: { known_servers: string } };
      config: { Version: unknown; VersionPrerelease: unknown };
    };
    expect(self.stats.client.known_servers).toBe('2');
    expect(self.config.Version).toBe('0.4.1');
  });

  it('< 0.7: no /v1/agent/health (404, empty body); 0.5 members is the object', async () => {
    const c = await sim({ serversPerRegion: 1, build: '0.6.3' });
    const h = await call(c.agent('server-1').url, '/v1/agent/health');
    expect([h.status, h.text]).toEqual([404, '']);
    const m = (await getJson(c.agent('server-1').url, '/v1/agent/members')) as { Members: Member[] };
    expect(m.Members).toHaveLength(1);
  });
});

describe('agent and address shapes', () => {
  it('an agent can be server and client at once: health has both parts, self both stats, servers answers', async () => {
    const c = await sim({ serversPerRegion: 1, bothRoles: true });
    const url = c.agent('server-1').url;
    expect(await getJson(url, '/v1/agent/health')).toEqual({
      client: { ok: true, message: 'ok' },
      server: { ok: true, message: 'ok' },
    });
    const self = (await getJson(url, '/v1/agent/self')) as {
      stats: Record<string, unknown>;
      config: { Server: { Enabled: boolean }; Client: { Enabled: boolean } };
    };
    expect(Object.keys(self.stats)).toEqual(expect.arrayContaining(['nomad', 'raft', 'client']));
    expect([self.config.Server.Enabled, self.config.Client.Enabled]).toEqual([true, true]);
    expect(await getJson(url, '/v1/agent/servers')).toEqual([c.agent('server-1').rpcAddr]);
  });

  it('empty NodeName: a client without a name reports ""', async () => {
    const c = await sim({ serversPerRegion: 1, clients: 1, emptyNodeName: true });
    const self = (await getJson(c.agent('client-1').url, '/v1/agent/self')) as {
      config: { NodeName: string };
    };
    expect(self.config.NodeName).toBe('');
  });

  it('several servers on one IP differ by serf and RPC ports; the leader answer carries the RPC port', async () => {
    const c = await sim({ serversPerRegion: 3, sharedIp: true });
    c.setLeader('global', 'server-2');
    const m = (await getJson(c.agent('server-1').url, '/v1/agent/members')) as { Members: Member[] };
    const byName = new Map(m.Members.map((x) => [x.Name, x]));
    expect(new Set(m.Members.map((x) => x.Addr))).toEqual(new Set(['127.0.1.1']));
    expect(byName.get('server-2.global')?.Port).toBe(4658);
    expect(byName.get('server-2.global')?.Tags['port']).toBe('4657');
    expect(await getJson(c.agent('server-1').url, '/v1/status/leader')).toBe('127.0.1.1:4657');
  });

  it('0.0.0.0 advertise: every server advertises 0.0.0.0 and the leader answer is 0.0.0.0:4647', async () => {
    const c = await sim({ serversPerRegion: 3, advertiseAny: true });
    const m = (await getJson(c.agent('server-1').url, '/v1/agent/members')) as { Members: Member[] };
    expect(m.Members.map((x) => `${x.Addr}:${x.Tags['port']}`)).toEqual(Array(3).fill('0.0.0.0:4647'));
    expect(await getJson(c.agent('server-3').url, '/v1/status/leader')).toBe('0.0.0.0:4647');
  });

  it('Tags.expect is optional (no bootstrap_expect)', async () => {
    const c = await sim({ serversPerRegion: 2, bootstrapExpect: null });
    const m = (await getJson(c.agent('server-1').url, '/v1/agent/members')) as { Members: Member[] };
    for (const x of m.Members) expect(Object.hasOwn(x.Tags, 'expect')).toBe(false);
  });
});

describe('tokens that are not UUIDs', () => {
  it('a JWT no key signed: self 500 with the ACL text, members 403 Permission denied', async () => {
    const c = await sim({ serversPerRegion: 1, acl: true });
    const jwt = c.tokens?.jwt ?? '';
    expect(jwt.split('.')).toHaveLength(3);
    const self = await call(c.agent('server-1').url, '/v1/agent/self', { token: jwt });
    expect(self.status).toBe(500);
    expect(self.text).toMatch(/^ACL token not found or invalid workload identity: invalid signature/);
    const garbage = await call(c.agent('server-1').url, '/v1/agent/self', { token: 'not-a-uuid' });
    expect([garbage.status, garbage.text]).toEqual([
      500,
      'ACL token not found or invalid workload identity: failed to parse signed token: go-jose/go-jose: compact JWS format must have three parts',
    ]);
    const members = await call(c.agent('server-1').url, '/v1/agent/members', { token: jwt });
    expect([members.status, members.text]).toEqual([403, 'Permission denied']);
  });
});

describe('per-server membership views', () => {
  it('servers can disagree about members and the leader until they converge', async () => {
    const c = await sim({ serversPerRegion: 3 });
    expect(runCommand(c, 'view server-2 server-3 failed').reply).toBe(
      'server-2.global sees server-3.global as failed',
    );
    runCommand(c, 'view server-2 server-1 absent');
    expect(runCommand(c, 'viewleader server-2 server-3').reply).toBe(
      'server-2.global believes the leader is server-3.global',
    );
    const read = async (name: string): Promise<string> => {
      const m = (await getJson(c.agent(name).url, '/v1/agent/members')) as { Members: Member[] };
      return m.Members.map((x) => `${x.Name}=${x.Status}`)
        .sort()
        .join(' ');
    };
    expect(await read('server-1')).toBe('server-1.global=alive server-2.global=alive server-3.global=alive');
    expect(await read('server-2')).toBe('server-2.global=alive server-3.global=failed');
    expect(await getJson(c.agent('server-2').url, '/v1/status/leader')).toBe(c.agent('server-3').rpcAddr);
    expect(await getJson(c.agent('server-1').url, '/v1/status/leader')).toBe(c.agent('server-1').rpcAddr);
    expect(runCommand(c, 'converge').reply).toBe('every server sees the same members and leader again');
    expect(await read('server-2')).toBe(await read('server-1'));
    expect(await getJson(c.agent('server-2').url, '/v1/status/leader')).toBe(c.agent('server-1').rpcAddr);
  });
});
