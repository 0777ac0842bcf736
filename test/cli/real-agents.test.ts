/**
 * `status --json` (and `self --json`) read what real agents do the right way, against the simulator behaving
 * like them: clients without servers, old clients' 501, a leaderless region whose leader lookups Nomad holds,
 * leader unknown vs no leader, several leaders / 0.0.0.0 advertise, quorum lost wording, both roles, shared IPs,
 * no expect tag and old response shapes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startCluster, type SimCluster, type SimOptions } from '../nomad-sim/index.js';
import { runInProcess } from './in-process.js';

const open: SimCluster[] = [];
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});
async function sim(opts: SimOptions): Promise<SimCluster> {
  const c = await startCluster(opts);
  open.push(c);
  return c;
}

interface Entry {
  state: string;
  reasons: string[];
  health: Record<string, { ok: boolean; message: string }> | null;
  members: Array<{ name: string; leader: boolean }>;
  leaders: Record<string, unknown>;
  quorum: Record<string, { alive: number; expected: number; canLose: number }>;
  error: { kind: string; message: string } | null;
}

async function status(url: string): Promise<{ code: number; entry: Entry }> {
  const r = await runInProcess(['status', '--json', '--address', url]);
  const doc = JSON.parse(r.out.join('\n')) as { clusters: Entry[] };
  const entry = doc.clusters[0];
  if (entry === undefined) throw new Error('no cluster entry');
  return { code: r.code, entry };
}

describe.concurrent('status --json reads real agents right', () => {
  it('client without servers (0.5-1.5: members 500 no servers): degraded "client has no servers", exit 1', async () => {
    const c = await sim({ serversPerRegion: 1, clients: 1, build: '1.5.6' });
    c.setClientServers('client-1', []);
    const { code, entry } = await status(c.agent('client-1').url);
    expect([code, entry.state, entry.error?.kind]).toEqual([1, 'degraded', 'no-servers']);
    expect(entry.reasons[0]).toMatch(/^client has no servers: the agent answers/);
    expect(entry.health).toEqual({ client: { ok: false, message: 'no known servers' } });
  });

  it('client that never registered (≥1.6: members blocks): degraded "client has no servers", not unreachable', async () => {
    const c = await sim({ serversPerRegion: 1, clients: 1, build: '1.9.3' });
    c.setClientServers('client-1', [], { registered: false });
    const { code, entry } = await status(c.agent('client-1').url);
    expect([code, entry.state, entry.error?.kind]).toEqual([1, 'degraded', 'timeout']);
    expect(entry.reasons[0]).toBe(
      'client has no servers: the agent answers, but its client reaches no Nomad server (health: no known servers)',
    );
  }, 20_000);

  it('old client (≤0.4) answering 501 on members: unknown "not a server", exit 1, never unreachable', async () => {
    const c = await sim({ serversPerRegion: 1, clients: 1, build: '0.4.1' });
    const { code, entry } = await status(c.agent('client-1').url);
    expect([code, entry.state, entry.error?.kind]).toEqual([1, 'unknown', 'wrong-role']);
    expect(entry.reasons[0]).toMatch(/not a server \(members unavailable on this version\)/);
  });

  it('old server (0.4: members a bare array, no health endpoint) is read: healthy', async () => {
    const c = await sim({ serversPerRegion: 3, build: '0.4.1' });
    const { code, entry } = await status(c.agent('server-1').url);
    expect([code, entry.state]).toEqual([0, 'healthy']);
    expect(entry.members.filter((m) => m.leader).map((m) => m.name)).toEqual(['server-1.global']);
  });

  it('leaderless region, Nomad answers "No cluster leader" within our timeout: critical, leaders.global null', async () => {
    const c = await sim({ serversPerRegion: 3, leaderHoldMs: 300 });
    c.setLeader('global', null);
    const { code, entry } = await status(c.agent('server-2').url);
    expect([code, entry.state]).toEqual([1, 'critical']);
    expect(entry.leaders).toEqual({ global: null });
    expect(entry.reasons).toContain('no leader in region global');
  });

  it('leaderless region held past our 5 s timeout (users measured ~7 s): critical, leaders.global null', async () => {
    const c = await sim({ serversPerRegion: 3, leaderHoldMs: 7_000 });
    c.setLeader('global', null);
    const { code, entry } = await status(c.agent('server-2').url);
    expect([code, entry.state]).toEqual([1, 'critical']);
    expect(entry.leaders).toEqual({ global: null });
    expect(entry.reasons[0]).toMatch(
      /^no leader in region global \(the leader lookup was held past our timeout/,
    );
  }, 30_000);

  it('leader unknown (the lookup failed another way) is a different JSON value from no leader', async () => {
    const c = await sim({ serversPerRegion: 3 });
    c.inject('server-1', { kind: 'status', status: 500, body: 'rpc error: EOF' }, ['/v1/status/leader']);
    const { entry } = await status(c.agent('server-1').url);
    expect(entry.state).toBe('degraded');
    expect(entry.leaders).toEqual({ global: { unknown: 'Unexpected response code: 500: rpc error: EOF' } });
  });

  it('0.0.0.0 advertise: every member matches the leader address; degraded with both anomalies', async () => {
    const c = await sim({ serversPerRegion: 3, advertiseAny: true });
    const { entry } = await status(c.agent('server-1').url);
    expect(entry.state).toBe('degraded');
    expect(entry.members.filter((m) => m.leader)).toHaveLength(3);
    expect(entry.reasons).toEqual([
      '3 members claim leadership of region global (server-1.global, server-2.global, server-3.global): they advertise the same RPC address',
      "servers advertise an unroutable address (server-1.global, server-2.global, server-3.global): set Nomad's advertise addresses",
    ]);
  });

  it('several servers on one IP: exactly the RPC-port match leads; healthy', async () => {
    const c = await sim({ serversPerRegion: 3, sharedIp: true });
    c.setLeader('global', 'server-3');
    const { code, entry } = await status(c.agent('server-1').url);
    expect([code, entry.state]).toEqual([0, 'healthy']);
    expect(entry.members.filter((m) => m.leader).map((m) => m.name)).toEqual(['server-3.global']);
  });

  it('server and client in one agent, no expect tag: healthy, health has both parts', async () => {
    const c = await sim({ serversPerRegion: 3, bothRoles: true, bootstrapExpect: null });
    const { code, entry } = await status(c.agent('server-1').url);
    expect([code, entry.state]).toEqual([0, 'healthy']);
    expect(entry.health).toEqual({
      client: { ok: true, message: 'ok' },
      server: { ok: true, message: 'ok' },
    });
    expect(entry.quorum).toEqual({ global: { alive: 3, expected: 3, canLose: 1 } });
  });

  it('quorum lost has its own wording: never "can lose -1"', async () => {
    const c = await sim({ serversPerRegion: 3 });
    c.fail('server-2');
    c.fail('server-3');
    const r = await runInProcess(['status', '--address', c.agent('server-1').url]);
    const text = r.out.join('\n');
    expect(text).toContain('quorum global: 1/3 servers alive, quorum lost (needs 2)');
    expect(text).not.toMatch(/can lose -/);
  });
});

describe('self --json', () => {
  it('never says leader: false next to isLeader: true', async () => {
    const c = await sim({ serversPerRegion: 3 });
    const r = await runInProcess(['self', '--json', '--address', c.agent('server-1').url]);
    const self = JSON.parse(r.out.join('\n')) as { isLeader: boolean; member: { leader: boolean } };
    expect([self.isLeader, self.member.leader]).toEqual([true, true]);
    const f = await runInProcess(['self', '--json', '--address', c.agent('server-2').url]);
    const follower = JSON.parse(f.out.join('\n')) as { isLeader: boolean; member: { leader: boolean } };
    expect([follower.isLeader, follower.member.leader]).toEqual([false, false]);
  });

  it('≤0.4 client: known servers is a count, not "0 servers"; empty NodeName is shown as not configured', async () => {
    const c = await sim({ serversPerRegion: 2, clients: 1, build: '0.4.1', emptyNodeName: true });
    const r = await runInProcess(['self', '--json', '--address', c.agent('client-1').url]);
    const self = JSON.parse(r.out.join('\n')) as {
      knownServers: string[];
      knownServerCount: number;
      name: string;
    };
    expect([self.knownServers, self.knownServerCount, self.name]).toEqual([[], 2, '']);
    const t = await runInProcess(['self', '--address', c.agent('client-1').url]);
    expect(t.out.join('\n')).toMatch(/^Known servers\s+2 \(this version reports only a count\)$/m);
    expect(t.out.join('\n')).toMatch(/^Name\s+\(no name configured\)$/m);
  });
});
