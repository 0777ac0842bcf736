/** The CLI dispatcher in-process: exit codes, human output, usage errors, force-leave name checks. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { runInProcess } from './in-process.js';

let sim: SimCluster;
beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 5 });
});
afterAll(async () => {
  await sim.close();
});
const url = (s: SimCluster, name = 'server-1'): string => s.agent(name).url;
const json = (lines: string[]): { clusters: Array<{ state: string; address: string }> } =>
  JSON.parse(lines.join('\n')) as { clusters: Array<{ state: string; address: string }> };

describe('status', () => {
  it('human output: a state line and a members table like `nomad server members`', async () => {
    const r = await runInProcess(['status', '--address', url(sim)]);
    expect(r.code).toBe(0);
    const lines = r.out.join('\n').split('\n');
    expect(lines[0]).toMatch(/: healthy$/);
    expect(lines[1]?.split(/\s{2,}/)).toEqual([
      'Name',
      'Address',
      'Port',
      'Status',
      'Leader',
      'Raft Version',
      'Build',
      'Datacenter',
      'Region',
    ]);
    expect(lines[2]?.split(/\s{2,}/)).toEqual([
      'server-1.global',
      '127.0.1.1',
      '4648',
      'alive',
      'true',
      '3',
      '1.9.3',
      'dc1',
      'global',
    ]);
  });

  it('degraded cluster: exit 1', async () => {
    const s = await startCluster({ serversPerRegion: 5 });
    try {
      s.fail('server-5');
      const r = await runInProcess(['status', '--json', '--address', url(s)]);
      expect(r.code).toBe(1);
      expect(json(r.out).clusters[0]?.state).toBe('degraded');
    } finally {
      await s.close();
    }
  });

  it('fails over to the second --address when the first is down', async () => {
    const s = await startCluster({ serversPerRegion: 1 });
    const dead = url(s);
    await s.close();
    const r = await runInProcess(['status', '--json', '--address', dead, '--address', url(sim, 'server-2')]);
    expect(r.code).toBe(0);
    expect(json(r.out).clusters[0]?.address).toBe(url(sim, 'server-2'));
  });

  it('forbidden without a token: exit 2; with a node:read token: exit 0', async () => {
    const s = await startCluster({ serversPerRegion: 3, acl: true });
    try {
      const r = await runInProcess(['status', '--json', '--address', url(s)]);
      expect(r.code).toBe(2);
      expect(json(r.out).clusters[0]?.state).toBe('forbidden');
      const withToken = await runInProcess([
        'status',
        '--json',
        '--address',
        url(s),
        '--token',
        s.tokens?.nodeRead ?? '',
      ]);
      expect(withToken.code).toBe(0);
      const fromEnv = await runInProcess(['status', '--json', '--address', url(s)], {
        NOMAD_TOKEN: s.tokens?.nodeRead ?? '',
      });
      expect(fromEnv.code).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('uses the settings file of --config when no --address is given', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'nomad-tray-cfg-'));
    const settings = {
      schemaVersion: 1,
      clusters: [{ id: 'lab', name: 'Lab', addresses: [url(sim, 'server-3')] }],
    };
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings));
    const r = await runInProcess(['status', '--json', '--config', dir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.join('\n'))).toMatchObject({ clusters: [{ name: 'Lab', state: 'healthy' }] });
  });
});

describe('usage errors: exactly one stderr line, exit 64, nothing on stdout', () => {
  const cases: Array<[string, string[]]> = [
    ['bad URL scheme', ['status', '--address', 'ftp://x']],
    ['not a URL', ['status', '--address', 'nope']],
    ['unknown flag', ['status', '--bogus']],
    ['flag of another command', ['status', '--prune']],
    ['unknown command', ['frobnicate']],
    ['missing argument', ['force-leave']],
    ['missing flag value', ['status', '--address']],
    ['bad duration', ['watch', '--interval', '10 seconds']],
    ['bad confirm count', ['watch', '--confirm', '0']],
    ['bad join address', ['join', 'host:99999', '--address', 'http://127.0.0.1:1']],
    ['bad server address', ['servers', '--set', '1.2.3.4:x', '--address', 'http://127.0.0.1:1']],
  ];
  for (const [what, argv] of cases) {
    it(what, async () => {
      const r = await runInProcess(argv);
      expect(r.code).toBe(64);
      expect(r.out).toEqual([]);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]?.split('\n')).toHaveLength(1);
    });
  }

  it('--help prints usage on stdout, exit 0', async () => {
    const r = await runInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain('force-leave NODE');
  });
});

describe('actions', () => {
  it('force-leave refuses an unknown name before calling Nomad (exit 1)', async () => {
    const r = await runInProcess(['force-leave', 'server-9', '--address', url(sim)]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('"server-9" is not a current member');
    expect(r.out).toEqual([]);
    expect(sim.memberNames()).not.toContain('server-9.global');
  });

  it('force-leave expands a unique short name, says which full name it used, and re-reads members', async () => {
    const s = await startCluster({ serversPerRegion: 3 });
    try {
      s.fail('server-3');
      const r = await runInProcess(['force-leave', 'server-3', '--address', url(s)]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('Using full member name server-3.global for "server-3"');
      expect(r.out).toContain('server-3.global: failed -> left');
    } finally {
      await s.close();
    }
  });

  it('force-leave refuses an alive member unless --force, since it would only go leaving and rejoin', async () => {
    const s = await startCluster({ serversPerRegion: 3, leaveRecoveryMs: 60_000 });
    try {
      const refused = await runInProcess(['force-leave', 'server-2.global', '--address', url(s)]);
      expect(refused.code).toBe(1);
      expect(refused.err.join('\n')).toContain('server-2.global is alive');
      expect(refused.err.join('\n')).toContain('--force');
      expect(s.memberStatus('server-2')).toBe('alive');

      const forced = await runInProcess(['force-leave', 'server-2.global', '--force', '--address', url(s)]);
      expect(forced.code).toBe(0);
      expect(forced.out).toContain('server-2.global: alive -> leaving');
    } finally {
      await s.close();
    }
  });

  it('join prints what Nomad answered and the members after; history keeps the audit event', async () => {
    const s = await startCluster({ serversPerRegion: 3 });
    try {
      const { tempConfigDir } = await import('./run-cli.js');
      const dir = tempConfigDir();
      const r = await runInProcess([
        'join',
        s.agent('server-2').serfAddr,
        '--address',
        url(s),
        '--config',
        dir,
      ]);
      expect(r.code).toBe(0);
      expect(r.out[0]).toBe('Joined 1 server');
      const h = await runInProcess(['history', '--json', '--config', dir]);
      expect(h.out.map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['action-join']);
    } finally {
      await s.close();
    }
  });

  it('a history that cannot be written is one stderr line; the join itself still succeeds', async () => {
    const s = await startCluster({ serversPerRegion: 3 });
    try {
      const { tempConfigDir } = await import('./run-cli.js');
      const dir = tempConfigDir();
      mkdirSync(path.join(dir, 'history.jsonl'), { recursive: true });
      const r = await runInProcess([
        'join',
        s.agent('server-2').serfAddr,
        '--address',
        url(s),
        '--config',
        dir,
      ]);
      expect(r.code).toBe(0);
      expect(r.out[0]).toBe('Joined 1 server');
      expect(r.err.filter((l) => l.startsWith('history: '))).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('servers and self read the agent', async () => {
    const s = await startCluster({ serversPerRegion: 1, clients: 1 });
    try {
      const servers = await runInProcess(['servers', '--address', s.agent('client-1').url]);
      expect(servers.code).toBe(0);
      expect(servers.out.join('\n')).toContain(s.agent('server-1').rpcAddr);
      const self = await runInProcess(['self', '--json', '--address', url(s)]);
      expect(self.code).toBe(0);
      expect(JSON.parse(self.out.join('\n'))).toMatchObject({ name: 'server-1', role: 'server' });
    } finally {
      await s.close();
    }
  });
});
