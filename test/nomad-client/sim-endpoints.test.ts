import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNomadClient } from '../../main/core/nomad/index.js';
import type { NomadClient } from '../../main/core/nomad/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';

let cluster: SimCluster;
const clients: NomadClient[] = [];

async function clientFor(url: string, ms = 2000): Promise<NomadClient> {
  const c = await createNomadClient({
    address: url,
    connectTimeoutMs: ms,
    headersTimeoutMs: ms,
    bodyTimeoutMs: ms,
  });
  if (!c.ok) throw new Error(c.error.message);
  clients.push(c.value);
  return c.value;
}
const agentClient = (name: string, ms?: number): Promise<NomadClient> =>
  clientFor(cluster.agent(name).url, ms);

/** Reads until `ok` holds; fails the test with the last value after `timeoutMs` (a bounded wait, not a sleep). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last).slice(0, 500)}`,
      );
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  cluster = await startCluster({
    regions: ['global', 'eu'],
    serversPerRegion: 3,
    clients: 1,
    leaveRecoveryMs: 200,
    leaderHoldMs: 50,
  });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await cluster?.close();
});

describe('members() against the simulator', () => {
  it('lists every server of both regions, sorted by region, dc, name, with one leader per region', async () => {
    cluster.setLeader('global', 'server-2');
    cluster.setLeader('eu', 'eu-server-3');
    const r = await (await agentClient('server-1')).members();
    if (!r.ok) throw new Error(r.error.message);
    const view = r.value;
    const expected = cluster
      .servers()
      .map((a) => a.fullName)
      .sort();
    expect(view.members.map((m) => m.name).sort()).toEqual(expected);
    const keys = view.members.map((m) => `${m.region}/${m.datacenter}/${m.name}`);
    expect(keys).toEqual([...keys].sort());
    expect(view.members.filter((m) => m.leader).map((m) => m.name)).toEqual([
      cluster.agent('eu-server-3').fullName,
      cluster.agent('server-2').fullName,
    ]);
    expect(view.leaders).toEqual({
      eu: { ok: true, address: cluster.agent('eu-server-3').rpcAddr },
      global: { ok: true, address: cluster.agent('server-2').rpcAddr },
    });
    expect(view.serverName).toBe('server-1');
    expect(view.serverRegion).toBe('global');
  });

  it('normalises each member (short name, serf vs RPC port, rpcAddr, tags)', async () => {
    const r = await (await agentClient('server-1')).members();
    if (!r.ok) throw new Error(r.error.message);
    const sim = cluster.agent('eu-server-2');
    const m = r.value.members.find((x) => x.name === sim.fullName);
    expect(m).toMatchObject({
      shortName: sim.name,
      address: sim.addr,
      serfPort: 4648,
      rpcPort: 4647,
      rpcAddr: sim.rpcAddr,
      status: 'alive',
      statusRaw: 'alive',
      region: 'eu',
      datacenter: sim.datacenter,
      build: '1.9.3',
      voter: true,
    });
    expect(m?.tags).toContainEqual(['region', 'eu']);
  });

  it('a region whose leader lookup fails keeps the list (leaders[eu] is the error)', async () => {
    cluster.setLeader('eu', null);
    try {
      const r = await (await agentClient('server-1')).members();
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.members).toHaveLength(6);
      expect(r.value.leaders['eu']).toMatchObject({ ok: false, error: { kind: 'no-leader' } });
      expect(r.value.leaders['global']?.ok).toBe(true);
      expect(r.value.members.filter((m) => m.region === 'eu' && m.leader)).toHaveLength(0);
    } finally {
      cluster.setLeader('eu', 'eu-server-1');
    }
  });

  it('unknown status strings survive as unknown + statusRaw', async () => {
    cluster.setStatus('server-3', 'weird');
    try {
      const r = await (await agentClient('server-1')).members();
      const m = r.ok ? r.value.members.find((x) => x.shortName === 'server-3') : undefined;
      expect(m).toMatchObject({ status: 'unknown', statusRaw: 'weird' });
    } finally {
      cluster.recover('server-3');
    }
  });

  it('works through a client agent (forwarded to a server)', async () => {
    const r = await (await agentClient('client-1')).members();
    expect(r.ok && r.value.members.length).toBe(6);
  });
});

describe('other endpoints against the simulator', () => {
  it('self() on a server and on a client', async () => {
    cluster.setLeader('global', 'server-1');
    const s = await (await agentClient('server-1')).self();
    if (!s.ok) throw new Error(s.error.message);
    expect(s.value).toMatchObject({ role: 'server', region: 'global', isLeader: true, raftState: 'Leader' });
    expect(s.value.version.startsWith('1.9.3')).toBe(true);
    expect(s.value.member?.name).toBe(cluster.agent('server-1').fullName);
    const f = await (await agentClient('server-2')).self();
    expect(f.ok && f.value.isLeader).toBe(false);
    const c = await (await agentClient('client-1')).self();
    if (!c.ok) throw new Error(c.error.message);
    expect(c.value).toMatchObject({ role: 'client', member: null, isLeader: null });
    expect(c.value.knownServers.length).toBeGreaterThan(0);
  });

  it('servers() on a client lists RPC addresses; on a server it is wrong-role (501)', async () => {
    const ok = await (await agentClient('client-1')).servers();
    expect(ok.ok && ok.value.length).toBeGreaterThan(0);
    const bad = await (await agentClient('server-1')).servers();
    expect(!bad.ok && bad.error).toMatchObject({ kind: 'wrong-role', status: 501 });
  });

  it('setServers() replaces a client server list; on a server it is wrong-role', async () => {
    const c = await agentClient('client-1');
    const target = [cluster.agent('server-2').rpcAddr];
    expect(await c.setServers(target)).toEqual({ ok: true, value: undefined });
    const after = await c.servers();
    expect(after.ok && after.value).toEqual(target);
    const none = await c.setServers([]);
    expect(!none.ok && none.error.kind).toBe('bad-request');
    const wrong = await (await agentClient('server-1')).setServers(target);
    expect(!wrong.ok && wrong.error.kind).toBe('wrong-role');
  });

  it('join() returns num_joined/error from a 200; on a client it is wrong-role', async () => {
    const r = await (await agentClient('server-1')).join([cluster.agent('server-2').serfAddr]);
    expect(r.ok && r.value.numJoined).toBe(1);
    expect(r.ok && r.value.error).toBe('');
    const c = await (await agentClient('client-1')).join([cluster.agent('server-2').serfAddr]);
    expect(!c.ok && c.error.kind).toBe('wrong-role');
  });

  it('forceLeave() of a failed member → left; unknown names are an empty 200 too', async () => {
    const victim = cluster.agent('eu-server-2');
    cluster.fail(victim.name);
    const c = await agentClient('server-1');
    expect(await c.forceLeave(victim.fullName)).toEqual({ ok: true, value: undefined });
    const seen = await until(
      () => c.members(),
      (r) => r.ok && r.value.members.find((m) => m.name === victim.fullName)?.status === 'left',
    );
    expect(seen.ok && seen.value.members.find((m) => m.name === victim.fullName)?.status).toBe('left');
    expect(await c.forceLeave('nope.global')).toEqual({ ok: true, value: undefined });
    cluster.recover(victim.name);
  });

  it('forceLeave() with prune removes the member', async () => {
    const victim = cluster.agent('eu-server-3');
    cluster.fail(victim.name);
    const c = await agentClient('server-1');
    expect((await c.forceLeave(victim.fullName, { prune: true })).ok).toBe(true);
    const seen = await until(
      () => c.members(),
      (r) => r.ok && !r.value.members.some((m) => m.name === victim.fullName),
    );
    expect(seen.ok && seen.value.members.some((m) => m.name === victim.fullName)).toBe(false);
    cluster.recover(victim.name);
  });

  it('health() is a value both when healthy (200) and unhealthy (500 with JSON)', async () => {
    const c = await agentClient('server-2');
    expect(await c.health()).toEqual({ ok: true, value: { server: { ok: true, message: 'ok' } } });
    cluster.setLeader('global', null);
    try {
      const r = await c.health();
      expect(r.ok && r.value.server?.ok).toBe(false);
      expect(r.ok && r.value.server?.message).toContain('No cluster leader');
    } finally {
      cluster.setLeader('global', 'server-1');
    }
  });

  it('leader() per region, null-free when there is one; no-leader when none', async () => {
    const c = await agentClient('server-1');
    expect(await c.leader()).toEqual({ ok: true, value: cluster.agent('server-1').rpcAddr });
    cluster.setLeader('eu', 'eu-server-1');
    expect(await c.leader('eu')).toEqual({ ok: true, value: cluster.agent('eu-server-1').rpcAddr });
    cluster.setLeader('eu', null);
    const none = await c.leader('eu');
    expect(!none.ok && none.error.kind).toBe('no-leader');
    cluster.setLeader('eu', 'eu-server-1');
    const unknown = await c.leader('mars');
    expect(!unknown.ok && unknown.error.kind).toBe('http');
  });

  it('peers() and regions()', async () => {
    const c = await agentClient('server-1');
    const peers = await c.peers();
    expect(peers.ok && [...peers.value].sort()).toEqual(
      cluster
        .servers('global')
        .map((a) => a.rpcAddr)
        .sort(),
    );
    expect(await c.regions()).toEqual({ ok: true, value: ['eu', 'global'] });
  });

  it('autopilotHealth(): 200 healthy and 429 unhealthy are both values', async () => {
    const c = await agentClient('server-1');
    const healthy = await c.autopilotHealth();
    if (!healthy.ok) throw new Error(healthy.error.message);
    expect(healthy.value.healthy).toBe(true);
    expect(healthy.value.servers.length).toBeGreaterThan(0);
    cluster.fail('server-3');
    try {
      const sick = await c.autopilotHealth();
      if (!sick.ok) throw new Error(sick.error.message);
      expect(sick.value.healthy).toBe(false);
      expect(sick.value.servers.find((s) => s.name === cluster.agent('server-3').fullName)?.healthy).toBe(
        false,
      );
    } finally {
      cluster.recover('server-3');
    }
  });
});

describe('simulator faults', () => {
  it('stop → unreachable, blackhole → timeout, reset → unreachable, redirect → http', async () => {
    const name = 'eu-server-1';
    // Short enough to see the black hole time out quickly, long enough for a healthy answer on a loaded machine.
    const c = await agentClient(name, 1_500);
    const expectations: Array<[Parameters<SimCluster['inject']>[1], string]> = [
      [{ kind: 'stop' }, 'unreachable'],
      [{ kind: 'blackhole' }, 'timeout'],
      [{ kind: 'reset' }, 'unreachable'],
      [{ kind: 'redirect', location: '/ui/' }, 'http'],
      [{ kind: 'status', status: 500, body: 'No cluster leader' }, 'no-leader'],
    ];
    for (const [fault, kind] of expectations) {
      cluster.inject(name, fault);
      const r = await c.regions();
      cluster.clear(name);
      expect({ fault: fault.kind, kind: !r.ok && r.error.kind }).toEqual({ fault: fault.kind, kind });
    }
    expect((await c.regions()).ok).toBe(true);
  });

  it('every garbage body → invalid-response (huge over a small cap)', async () => {
    const name = 'eu-server-1';
    const c = await createNomadClient({ address: cluster.agent(name).url, maxResponseBytes: 64 * 1024 });
    if (!c.ok) throw new Error(c.error.message);
    clients.push(c.value);
    const bodies = [
      'html',
      'truncated-json',
      'huge',
      'wrong-shape',
      'invalid-utf8',
      'gzip-garbage',
      'empty',
    ] as const;
    for (const body of bodies) {
      cluster.inject(name, { kind: 'garbage', body }, ['/v1/regions']);
      const r = await c.value.regions();
      cluster.clear(name);
      expect({ body, kind: !r.ok && r.error.kind }).toEqual({ body, kind: 'invalid-response' });
    }
  });
});
