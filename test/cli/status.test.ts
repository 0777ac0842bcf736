/** The CLI as a child process: exit codes, pure JSON on stdout, one-line usage errors, force-leave refusal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { runCli } from './run-cli.js';
import { exitFor } from '../../main/cli/commands/status.js';

let sim: SimCluster;
let twoRegions: SimCluster;
beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 5 });
  twoRegions = await startCluster({ regions: ['global', 'eu'], serversPerRegion: 3 });
});
afterAll(async () => {
  await sim.close();
  await twoRegions.close();
});
const url = (s: SimCluster, name = 'server-1'): string => s.agent(name).url;

describe.concurrent('nomad-tray status', () => {
  it('healthy cluster: exit 0 and stdout is exactly one JSON document of the documented shape', async () => {
    const r = await runCli(['status', '--json', '--address', url(twoRegions)]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { clusters: Array<Record<string, unknown>> };
    expect(Object.keys(doc)).toEqual(['clusters']);
    const c = doc.clusters[0] ?? {};
    expect(Object.keys(c)).toEqual([
      'name',
      'address',
      'state',
      'reasons',
      'health',
      'members',
      'leaders',
      'quorum',
      'error',
    ]);
    expect(c['state']).toBe('healthy');
    expect(c['error']).toBeNull();
    expect(c['leaders']).toEqual({
      eu: twoRegions.agent('eu-server-1').rpcAddr,
      global: twoRegions.agent('server-1').rpcAddr,
    });
    expect(c['quorum']).toEqual({
      eu: { alive: 3, expected: 3, canLose: 1 },
      global: { alive: 3, expected: 3, canLose: 1 },
    });
    const members = c['members'] as Array<Record<string, unknown>>;
    expect(members.map((m) => m['name'])).toEqual(
      twoRegions
        .memberNames()
        .slice()
        .sort((a, b) => {
          const [an, ar] = a.split('.');
          const [bn, br] = b.split('.');
          return (ar ?? '').localeCompare(br ?? '') || (an ?? '').localeCompare(bn ?? '');
        }),
    );
    expect(Object.keys(members[0] ?? {})).toEqual([
      'name',
      'address',
      'port',
      'status',
      'leader',
      'region',
      'datacenter',
      'build',
    ]);
  });

  it('unreachable agent: exit 2, JSON still pure with the error kind', async () => {
    const s = await startCluster({ serversPerRegion: 1 });
    const dead = url(s);
    await s.close();
    const r = await runCli(['status', '--json', '--address', dead]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as {
      clusters: Array<{ state: string; error: { kind: string } | null }>;
    };
    expect(doc.clusters[0]?.state).toBe('unreachable');
    expect(doc.clusters[0]?.error?.kind).toBe('unreachable');
  });
});

describe('usage errors in the real process', () => {
  it('bad URL: exactly one stderr line, exit 64, nothing on stdout', async () => {
    const r = await runCli(['status', '--address', 'ftp://x']);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('exitFor (the state table’s exit column over several clusters)', () => {
  it('gives the worst exit: 2 when any cluster could not be read, else 1 when any is bad, else 0', () => {
    expect(exitFor([])).toBe(0);
    expect(exitFor(['healthy', 'paused'])).toBe(0);
    expect(exitFor(['healthy', 'stale'])).toBe(1);
    expect(exitFor(['unknown', 'critical'])).toBe(1);
    expect(exitFor(['degraded', 'forbidden', 'healthy'])).toBe(2);
    expect(exitFor(['error'])).toBe(2);
  });
});
