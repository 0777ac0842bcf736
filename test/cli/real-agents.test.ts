/**
 * What a user sees from the real CLI (a child process) for each way real agents behave, against the simulator put
 * in that behaviour by its startup option or console command (README "Simulated Nomad cluster"): leader-bound
 * requests held while a region has no leader, clients without servers (old and new), old clients' 501, agents
 * with both roles, empty NodeName, shared IPs, 0.0.0.0 advertise, no expect tag, JWT tokens, per-server views
 * and the older response shapes.
 *
 * One simulated cluster per behaviour, all listed in one settings file and read by ONE `status --json` process
 * (the CLI polls them concurrently, so the held / blocked ones cost one hold, not one each); each test reads its
 * cluster's entry. Cross-server disagreement over time is the engine's (test/engine/consistency.test.ts): one
 * `status` reads one server's view.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS } from '../../main/core/nomad/options.js';
import { runCommand } from '../nomad-sim/cli-commands.js';
import {
  DEFAULT_LEADER_HOLD_MS,
  startCluster,
  type SimCluster,
  type SimOptions,
} from '../nomad-sim/index.js';
import { cleanEnv, runCli, type CliResult } from './run-cli.js';

/** Several child processes on a loaded machine, some waiting out a 5-7 s hold. */
const SLOW = 120_000;

const open: SimCluster[] = [];
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});
async function sim(opts: SimOptions, ...lines: string[]): Promise<SimCluster> {
  const c = await startCluster(opts);
  open.push(c);
  for (const line of lines) {
    // typed as a user types it in `npm run sim`; a refused command fails the setup loudly
    const { reply } = runCommand(c, line);
    if (reply.startsWith('error:')) throw new Error(reply);
  }
  return c;
}

interface Entry {
  name: string;
  state: string;
  reasons: string[];
  health: Record<string, { ok: boolean; message: string }> | null;
  members: Array<{ name: string; leader: boolean; status: string }>;
  leaders: Record<string, unknown>;
  quorum: Record<string, { alive: number; expected: number; canLose: number }>;
  error: { kind: string; message: string } | null;
}

/** Behaviour name → the agent URL the CLI is pointed at. */
type Setup = Array<[string, Promise<string>]>;

function setups(): Setup {
  const url = (c: Promise<SimCluster>, agent: string): Promise<string> => c.then((x) => x.agent(agent).url);
  const views = sim({ serversPerRegion: 5 }, 'view server-2 server-3 failed');
  return [
    ['hold-0', url(sim({ serversPerRegion: 3 }, 'hold 0', 'leader global none'), 'server-2')],
    ['hold-default', url(sim({ serversPerRegion: 3 }, 'leader global none'), 'server-1')],
    ['hold-7000', url(sim({ serversPerRegion: 3, leaderHoldMs: 7_000 }, 'leader global none'), 'server-2')],
    [
      'leader-unknown',
      url(
        sim({ serversPerRegion: 3 }).then((c) => {
          c.inject('server-1', { kind: 'status', status: 500, body: 'rpc error: EOF' }, [
            '/v1/status/leader',
          ]);
          return c;
        }),
        'server-1',
      ),
    ],
    ['quorum-lost', url(sim({ serversPerRegion: 3 }, 'fail server-2', 'fail server-3'), 'server-1')],
    [
      'noservers-1.5',
      url(sim({ serversPerRegion: 1, clients: 1, build: '1.5.6' }, 'noservers client-1'), 'client-1'),
    ],
    [
      'noservers-1.9',
      url(
        sim({ serversPerRegion: 1, clients: 1, build: '1.9.3', leaderHoldMs: 300 }, 'noservers client-1'),
        'client-1',
      ),
    ],
    [
      'unregistered-1.9',
      url(sim({ serversPerRegion: 1, clients: 1, build: '1.9.3' }, 'unregister client-1'), 'client-1'),
    ],
    ['client-0.4', url(sim({ serversPerRegion: 1, clients: 1, build: '0.4.1' }), 'client-1')],
    [
      'members-500',
      url(
        sim({ serversPerRegion: 3 }).then((c) => {
          c.inject('server-1', { kind: 'status', status: 500, body: 'rpc error: EOF' }, [
            '/v1/agent/members',
          ]);
          return c;
        }),
        'server-1',
      ),
    ],
    [
      'members-hang',
      url(
        sim({ serversPerRegion: 3 }).then((c) => {
          c.inject('server-1', { kind: 'blackhole' }, ['/v1/agent/members']);
          return c;
        }),
        'server-1',
      ),
    ],
    ['both-roles', url(sim({ serversPerRegion: 3, bothRoles: true, bootstrapExpect: null }), 'server-1')],
    ['empty-node-name', url(sim({ serversPerRegion: 1, clients: 1, emptyNodeName: true }), 'client-1')],
    ['shared-ip', url(sim({ serversPerRegion: 3, sharedIp: true }, 'leader global server-3'), 'server-1')],
    ['advertise-any', url(sim({ serversPerRegion: 3, advertiseAny: true }), 'server-1')],
    ['view-server-1', url(views, 'server-1')],
    ['view-server-2', url(views, 'server-2')],
    ['server-0.4', url(sim({ serversPerRegion: 3, build: '0.4.1' }), 'server-1')],
    ['server-0.6', url(sim({ serversPerRegion: 3, build: '0.6.3' }, 'fail server-3'), 'server-1')],
  ];
}

let json: CliResult;
let text: CliResult;
let names: string[] = [];
const byName = new Map<string, Entry>();
function entry(name: string): Entry {
  const e = byName.get(name);
  if (e === undefined) throw new Error(`no entry for ${name}: ${json.stdout} ${json.stderr}`);
  return e;
}

beforeAll(async () => {
  const all = setups();
  names = all.map(([name]) => name);
  const urls = await Promise.all(all.map(([, u]) => u));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nomad-tray-real-agents-'));
  const clusters = all.map(([name], i) => ({ id: name, name, addresses: [urls[i]] }));
  writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, clusters }));
  const env = cleanEnv({ NOMAD_TRAY_CONFIG_DIR: dir });
  [json, text] = await Promise.all([runCli(['status', '--json'], env), runCli(['status'], env)]);
  const doc = JSON.parse(json.stdout) as { clusters: Entry[] };
  for (const e of doc.clusters) byName.set(e.name, e);
}, SLOW);

describe('status --json: one process reading every behaviour', () => {
  it('lists every cluster, exits 1 (problems, all of them readable)', () => {
    expect([...byName.keys()].sort()).toEqual([...names].sort());
    expect(json.code).toBe(1);
  });
});

describe('status --json: leaderless regions (leader-bound requests held)', () => {
  it('`hold 0` + `leader global none`: Nomad answers No cluster leader at once → critical, leaders.global null', () => {
    const e = entry('hold-0');
    expect(e.state).toBe('critical');
    expect(e.leaders).toEqual({ global: null });
    expect(e.reasons).toEqual([
      'no leader in region global',
      'server health check failing: No cluster leader',
    ]);
    expect(e.error).toBeNull();
  });

  it('the default hold (5 s + jitter) is not shorter than our 5 s timeout: whichever ends first, critical, null', () => {
    // Nomad's RPCHoldTimeout and our request timeout are both 5 s: the lookup either times out (recognised as a
    // held lookup) or Nomad answers "No cluster leader" first. Both read as no leader, never as unknown.
    expect(DEFAULT_LEADER_HOLD_MS).toBe(5_000);
    expect(DEFAULT_TIMEOUT_MS).toBeLessThanOrEqual(DEFAULT_LEADER_HOLD_MS);
    const e = entry('hold-default');
    expect(e.state).toBe('critical');
    expect(e.leaders).toEqual({ global: null });
    expect(e.reasons[0]).toMatch(
      /^no leader in region global( \(the leader lookup was held past our timeout, as Nomad does while a region has no leader\))?$/,
    );
  });

  it('held past our timeout (`--hold 7000`; users measured ~7 s): critical, null, and says the lookup was held', () => {
    const e = entry('hold-7000');
    expect(e.state).toBe('critical');
    expect(e.leaders).toEqual({ global: null });
    expect(e.reasons[0]).toBe(
      'no leader in region global (the leader lookup was held past our timeout, as Nomad does while a region has no leader)',
    );
  });

  it('leader unknown (the lookup failed another way) is a different JSON value from no leader: degraded', () => {
    const e = entry('leader-unknown');
    expect(e.state).toBe('degraded');
    expect(e.leaders).toEqual({ global: { unknown: 'Unexpected response code: 500: rpc error: EOF' } });
    expect(e.reasons).toEqual([
      'leader of region global unknown: Unexpected response code: 500: rpc error: EOF',
    ]);
  });

  it('quorum lost has its own wording, never "can lose -1"', () => {
    expect(entry('quorum-lost').state).toBe('critical');
    expect(entry('quorum-lost').quorum).toEqual({ global: { alive: 1, expected: 3, canLose: -1 } });
    expect(text.stdout).toContain('quorum global: 1/3 servers alive, quorum lost (needs 2)');
    expect(text.stdout).not.toMatch(/can lose -/);
  });
});

describe('status --json: client agents that answer without servers are never unreachable', () => {
  it('≤ 1.5 (`noservers`: members 500 no servers): degraded "client has no servers"', () => {
    const e = entry('noservers-1.5');
    expect([e.state, e.error?.kind]).toEqual(['degraded', 'no-servers']);
    expect(e.reasons[0]).toBe(
      'client has no servers: the agent answers, but its client reaches no Nomad server (health: no known servers)',
    );
    expect(e.health).toEqual({ client: { ok: false, message: 'no known servers' } });
  });

  it('≥ 1.6, registered before (`noservers`: members retries for the hold, then 500): degraded "client has no servers"', () => {
    const e = entry('noservers-1.9');
    expect([e.state, e.error?.kind]).toEqual(['degraded', 'no-servers']);
    expect(e.reasons[0]).toMatch(/^client has no servers: /);
  });

  it('≥ 1.6, never registered (`unregister`: members blocks): degraded "client has no servers" after our timeout', () => {
    const e = entry('unregistered-1.9');
    expect([e.state, e.error?.kind]).toEqual(['degraded', 'timeout']);
    expect(e.reasons[0]).toBe(
      'client has no servers: the agent answers, but its client reaches no Nomad server (health: no known servers)',
    );
  });

  it('≤ 0.4 client (`--build 0.4.1`: members 501 Invalid method): unknown "not a server"', () => {
    const e = entry('client-0.4');
    expect([e.state, e.error?.kind]).toEqual(['unknown', 'wrong-role']);
    expect(e.reasons[0]).toBe(
      'the agent answers but is not a server (members unavailable on this version): add a server address',
    );
  });
});

describe('status --json: a server whose health answers while its member list fails is never unreachable', () => {
  it("members 500 (another error than no servers): degraded, with Nomad's error", () => {
    const e = entry('members-500');
    expect([e.state, e.error?.kind, e.health]).toEqual([
      'degraded',
      'http',
      { server: { ok: true, message: 'ok' } },
    ]);
    expect(e.reasons[0]).toBe(
      'the agent answers, but its member list failed: Unexpected response code: 500: rpc error: EOF',
    );
  });

  it('members hangs past our timeout: degraded, not unreachable', () => {
    const e = entry('members-hang');
    expect([e.state, e.error?.kind]).toEqual(['degraded', 'timeout']);
    expect(e.reasons[0]).toMatch(/^the agent answers, but its member list failed: /);
  });
});

describe('status --json: agent and address shapes', () => {
  it('`--both-roles` and `--no-expect`: healthy, health has both parts, quorum from the members', () => {
    const e = entry('both-roles');
    expect(e.state).toBe('healthy');
    expect(e.health).toEqual({ client: { ok: true, message: 'ok' }, server: { ok: true, message: 'ok' } });
    expect(e.quorum).toEqual({ global: { alive: 3, expected: 3, canLose: 1 } });
  });

  it('`--empty-node-name`: a client agent without a name reads healthy', () => {
    const e = entry('empty-node-name');
    expect([e.state, e.members.map((m) => m.name)]).toEqual(['healthy', ['server-1.global']]);
  });

  it('`--shared-ip`: several servers on one IP, exactly the RPC-port match leads; healthy', () => {
    const e = entry('shared-ip');
    expect(e.state).toBe('healthy');
    expect(e.members.filter((m) => m.leader).map((m) => m.name)).toEqual(['server-3.global']);
  });

  it('`--advertise-any` (0.0.0.0): degraded with both anomalies, several members claiming leadership', () => {
    const e = entry('advertise-any');
    expect(e.state).toBe('degraded');
    expect(e.members.filter((m) => m.leader)).toHaveLength(3);
    expect(e.reasons).toEqual([
      '3 members claim leadership of region global (server-1.global, server-2.global, server-3.global): they advertise the same RPC address',
      "servers advertise an unroutable address (server-1.global, server-2.global, server-3.global): set Nomad's advertise addresses",
    ]);
  });

  it('per-server views (`view server-2 server-3 failed`): status reads the view of the server it asks', () => {
    expect([entry('view-server-1').state, entry('view-server-1').reasons]).toEqual(['healthy', []]);
    expect([entry('view-server-2').state, entry('view-server-2').reasons]).toEqual([
      'degraded',
      ['server-3.global failed'],
    ]);
  });
});

describe('status --json: older response shapes', () => {
  it('0.4 servers (`--build 0.4.1`: members a bare array, no health endpoint): healthy, no health', () => {
    const e = entry('server-0.4');
    expect([e.state, e.health]).toEqual(['healthy', null]);
    expect(e.members.filter((m) => m.leader).map((m) => m.name)).toEqual(['server-1.global']);
  });

  it('0.6 servers (`--build 0.6.3`: no /v1/agent/health, 404): no health; a failed server still shows', () => {
    const e = entry('server-0.6');
    expect([e.state, e.health]).toEqual(['critical', null]);
    expect(e.reasons).toContain('server-3.global failed');
  });
});

describe.concurrent('self and tokens (one process each)', () => {
  it(
    'a JWT token (`--acl`, the printed jwt): status says access denied (exit 2); self shows the ACL text (exit 1)',
    async () => {
      const c = await sim({ serversPerRegion: 1, acl: true });
      const jwt = c.tokens?.jwt ?? '';
      const url = c.agent('server-1').url;
      const [status, self] = await Promise.all([
        runCli(['status', '--json', '--address', url, '--token', jwt]),
        runCli(['self', '--address', url, '--token', jwt]),
      ]);
      const e = (JSON.parse(status.stdout) as { clusters: Entry[] }).clusters[0];
      expect([status.code, e?.state, e?.error?.kind]).toEqual([2, 'forbidden', 'forbidden']);
      expect(self.code).toBe(1);
      expect(self.stderr).toContain(
        '500: ACL token not found or invalid workload identity: invalid signature',
      );
      expect(status.stdout + status.stderr + self.stdout + self.stderr).not.toContain(jwt);
    },
    SLOW,
  );

  it(
    'self --json never says leader: false next to isLeader: true',
    async () => {
      const c = await sim({ serversPerRegion: 3 });
      const [l, f] = await Promise.all([
        runCli(['self', '--json', '--address', c.agent('server-1').url]),
        runCli(['self', '--json', '--address', c.agent('server-2').url]),
      ]);
      const leader = JSON.parse(l.stdout) as { isLeader: boolean; member: { leader: boolean } };
      const follower = JSON.parse(f.stdout) as { isLeader: boolean; member: { leader: boolean } };
      expect([leader.isLeader, leader.member.leader]).toEqual([true, true]);
      expect([follower.isLeader, follower.member.leader]).toEqual([false, false]);
    },
    SLOW,
  );

  it(
    '≤ 0.4 client self: known servers is a count, not "0 servers"; an empty NodeName says so',
    async () => {
      const c = await sim({ serversPerRegion: 2, clients: 1, build: '0.4.1', emptyNodeName: true });
      const url = c.agent('client-1').url;
      const [j, t] = await Promise.all([
        runCli(['self', '--json', '--address', url]),
        runCli(['self', '--address', url]),
      ]);
      const self = JSON.parse(j.stdout) as { knownServers: string[]; knownServerCount: number; name: string };
      expect([self.knownServers, self.knownServerCount, self.name]).toEqual([[], 2, '']);
      expect(t.stdout).toMatch(/^Known servers\s+2 \(this version reports only a count\)$/m);
      expect(t.stdout).toMatch(/^Name\s+\(no name configured\)$/m);
    },
    SLOW,
  );
});
