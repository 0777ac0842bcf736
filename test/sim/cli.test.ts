import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import { runCommand } from '../nomad-sim/cli-commands.js';
import { regionNames } from '../nomad-sim/regions.js';
import { call, waitFor } from './http.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Bound of the simulator's start: node + the tsx loader, no npx (which starts npm first), on a busy machine. */
const READY_MS = 45_000;

/** The simulator CLI as one node process (so kill() reaches it, unlike an npx wrapper). */
function startSimCli(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', 'test/nomad-sim/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

describe('simulator CLI', { timeout: 90_000 }, () => {
  it('prints the agents, obeys fail/members on stdin and exits 0 on quit', async () => {
    const child = startSimCli(['--servers', '2']);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(() => out.includes('ready'), READY_MS);
      const lines = out.split('\n');
      const s2 = lines.find((l) => l.startsWith('server-2.global'));
      expect(s2).toMatch(/^server-2\.global\s+server\s+global\s+http:\/\/127\.0\.0\.1:\d+$/);
      const s2url = /(http:\/\/\S+)$/.exec(s2 ?? '')?.[1] ?? '';
      expect((await call(s2url, '/v1/status/leader')).status).toBe(200);
      child.stdin.write('fail server-2\n');
      await waitFor(() => out.includes('server-2.global is now failed'));
      child.stdin.write('members\n');
      await waitFor(() => out.includes('server-1.global=alive server-2.global=failed'));
      child.stdin.write('quit\n');
      expect(await exited).toBe(0);
    } finally {
      child.kill();
    }
    expect(err).toBe('');
  });

  it('closes cleanly with exit code 0 when stdin ends (EOF)', async () => {
    const child = startSimCli(['--servers', '1', '--clients', '1', '--acl']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(() => out.includes('ready'), READY_MS);
      expect(out).toMatch(/^client-1\s+client\s+global\s+http:\/\/127\.0\.0\.1:\d+$/m);
      expect(out).toMatch(/^token management\s+[0-9a-f-]{36}$/m);
      child.stdin.end();
      expect(await exited).toBe(0);
    } finally {
      child.kill();
    }
  });

  it('the fidelity flags reach the agents (--build, --hold, --both-roles, --shared-ip, --no-expect, --empty-node-name, --advertise-any)', async () => {
    const sims = [
      startSimCli(
        '--servers 2 --clients 1 --build 1.5.6 --hold 0 --both-roles --shared-ip --no-expect --empty-node-name'.split(
          ' ',
        ),
      ),
      startSimCli('--servers 1 --build 0.4.1 --advertise-any'.split(' ')),
    ];
    const outs = sims.map((child) => {
      const o = { text: '' };
      child.stdout.on('data', (d: Buffer) => (o.text += d.toString('utf8')));
      return o;
    });
    const urlOf = (text: string, name: string): string =>
      new RegExp(`^${name}\\S*\\s.*?(http://\\S+)$`, 'm').exec(text)?.[1] ?? '';
    try {
      await waitFor(() => outs.every((o) => o.text.includes('ready')), READY_MS);
      const [a, b] = outs.map((o) => o.text);
      const server = urlOf(a ?? '', 'server-1');
      const client = urlOf(a ?? '', 'client-1');
      interface M {
        Addr: string;
        Port: number;
        Tags: Record<string, string>;
      }
      const members = JSON.parse((await call(server, '/v1/agent/members')).text) as { Members: M[] };
      // --shared-ip (members come in any order, like Nomad's): one IP, serf ports 4648/4658; --no-expect: no expect tag; --build: the build tag
      expect(
        members.Members.map((m) => [m.Addr, m.Port, m.Tags['build'], 'expect' in m.Tags]).sort((x, y) =>
          String(x[1]).localeCompare(String(y[1])),
        ),
      ).toEqual([
        ['127.0.1.1', 4648, '1.5.6', false],
        ['127.0.1.1', 4658, '1.5.6', false],
      ]);
      // --both-roles: health has both parts
      expect(JSON.parse((await call(server, '/v1/agent/health')).text)).toEqual({
        client: { ok: true, message: 'ok' },
        server: { ok: true, message: 'ok' },
      });
      // --empty-node-name
      const self = JSON.parse((await call(client, '/v1/agent/self')).text) as {
        config: { NodeName: string };
      };
      expect(self.config.NodeName).toBe('');
      // --hold 0: without a leader the lookup answers at once (the default would hold it 5 s)
      sims[0]?.stdin.write('leader global none\n');
      await waitFor(() => (outs[0]?.text ?? '').includes('region global has no leader'));
      const start = performance.now();
      const leader = await call(server, '/v1/status/leader');
      expect([leader.status, leader.text]).toEqual([500, 'No cluster leader']);
      expect(performance.now() - start).toBeLessThan(4_000);
      // --advertise-any on a 0.4.1 server: a bare array advertising 0.0.0.0
      const old = JSON.parse((await call(urlOf(b ?? '', 'server-1'), '/v1/agent/members')).text) as M[];
      expect(old.map((m) => m.Addr)).toEqual(['0.0.0.0']);
    } finally {
      for (const child of sims) child.kill();
    }
  });

  it('answers every console command with one line, and unknown ones with an error plus help', async () => {
    const c = await startCluster({ serversPerRegion: 2, acl: true, leaderHoldMs: 50 });
    try {
      expect(runCommand(c, 'leave server-2').reply).toBe('server-2.global is leaving');
      expect(runCommand(c, 'recover server-2').reply).toBe('server-2.global is now alive');
      expect(runCommand(c, 'leader global none').reply).toBe('region global has no leader');
      expect((await call(c.agent('server-1').url, '/v1/status/leader')).text).toBe('No cluster leader');
      expect(runCommand(c, 'leader global server-2').reply).toBe('server-2.global leads global');
      expect(runCommand(c, 'status server-1 weird').reply).toBe('server-1.global status is now weird');
      expect(runCommand(c, 'delay server-1 5').reply).toBe('server-1.global answers after 5 ms');
      expect(runCommand(c, 'blackhole server-2').reply).toBe('server-2.global now blackholes HTTP requests');
      expect(runCommand(c, 'clear server-2').reply).toBe('server-2.global faults cleared');
      expect(runCommand(c, 'stop server-2').reply).toBe('server-2.global HTTP listener stopped');
      expect(runCommand(c, 'revoke nodeRead').reply).toBe('token nodeRead revoked');
      const denied = await call(c.agent('server-1').url, '/v1/agent/members', {
        token: c.tokens?.nodeRead ?? '',
      });
      expect(denied.status).toBe(403);
      expect(runCommand(c, 'members').reply).toBe('server-1.global=weird server-2.global=alive');
      const bad = runCommand(c, 'explode server-1');
      expect(bad.reply).toMatch(/^error: unknown command "explode"\ncommands:/);
      expect(runCommand(c, 'fail nobody').reply).toMatch(/^error: nomad-sim: unknown agent "nobody"/);
      expect(runCommand(c, 'quit').quit).toBe(true);
    } finally {
      await c.close();
    }
  });
});

describe('--regions', () => {
  it('takes names or a count', () => {
    expect(regionNames('global,eu')).toEqual(['global', 'eu']);
    expect(regionNames('2')).toEqual(['global', 'eu']);
    expect(regionNames('5')).toEqual(['global', 'eu', 'ap', 'us', 'region5']);
    expect(() => regionNames('0')).toThrow(/between 1 and 16/);
  });
});
