/**
 * Unbounded member lists: an agent that lists more than MAX_MEMBERS members puts the cluster in the `error` state
 * saying "too many members"; an answer over the response size cap is refused as such. The real CLI process never
 * crashes on either (no stack overflow from spreading, no memory blow-up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MEMBERS } from '../../main/core/nomad/member-cap.js';
import { cleanEnv, runCli } from '../cli/run-cli.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';

/** A members answer with `n` compact members (about 100 bytes each). */
function membersBody(n: number): string {
  const members = Array.from({ length: n }, (_, i) => ({
    Name: `m${i}.global`,
    Addr: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    Port: 4648,
    Status: 'alive',
    Tags: { region: 'global', role: 'nomad' },
  }));
  return JSON.stringify({ ServerName: 'm0', ServerRegion: 'global', ServerDC: 'dc1', Members: members });
}

let sim: SimCluster;
beforeAll(async () => {
  sim = await startCluster();
});
afterAll(async () => {
  await sim.close();
});

describe('member cap', () => {
  it(`more than ${MAX_MEMBERS} members: status says too many members, exit 2, no crash`, async () => {
    const agent = sim.servers()[0];
    const body = membersBody(30_000);
    expect(body.length).toBeLessThan(4 * 1024 * 1024); // under the size cap: the count is what refuses it
    sim.inject(agent?.name ?? '', { kind: 'status', status: 200, body, contentType: 'application/json' }, [
      '/v1/agent/members',
    ]);
    const [human, json] = await Promise.all([
      runCli(['status', '--address', agent?.url ?? ''], cleanEnv()),
      runCli(['status', '--json', '--address', agent?.url ?? ''], cleanEnv()),
    ]);
    expect(human.stdout).toContain(
      'too many members: the agent lists 30,000 gossip members; Nomad Tray watches at most 10,000 per cluster',
    );
    expect(human.code).toBe(2);
    expect(human.stderr).not.toMatch(/Maximum call stack|RangeError|heap/);
    const doc = JSON.parse(json.stdout) as { clusters: Array<{ state: string }> };
    expect(doc.clusters[0]?.state).toBe('error');
  });

  it('an answer over the response size cap is refused as too large, no crash', async () => {
    const agent = sim.servers()[1];
    sim.inject(
      agent?.name ?? '',
      { kind: 'status', status: 200, body: membersBody(60_000), contentType: 'application/json' },
      ['/v1/agent/members'],
    );
    const r = await runCli(['members', '--address', agent?.url ?? ''], cleanEnv());
    expect(r.stderr).toMatch(/larger than the 4194304-byte limit/);
    expect(r.stderr).not.toMatch(/Maximum call stack|RangeError|heap/);
    expect(r.code).not.toBe(0);
  });
});
