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
