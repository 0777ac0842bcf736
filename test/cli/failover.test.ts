/**
 * Failover in every command, through the real CLI process: with `--address DEAD --address ALIVE` each command
 * moves on to the live agent, says which address answered, and only reports unreachable when none did.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { startWatch } from '../scenarios/watch-harness.js';
import { cleanEnv, runCli } from './run-cli.js';

let sim: SimCluster;
let dead: string;
let dead2: string;
let alive: string;
beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 5, clients: 1 });
  const gone = await startCluster({ serversPerRegion: 2 });
  dead = gone.agent('server-1').url;
  dead2 = gone.agent('server-2').url;
  await gone.close();
  alive = sim.agent('server-1').url;
});
afterAll(async () => {
  await sim.close();
});

function expectAnsweredBy(stderr: string, address: string): void {
  expect(stderr).toContain(`${dead} did not answer: Cannot reach the agent`);
  expect(stderr).toContain(`answered by ${address}`);
}

// One CLI process at a time with generous bounds: each is a full node + tsx start (slow on a loaded machine).
describe('--address DEAD --address ALIVE', { timeout: 60_000 }, () => {
  it('members', async () => {
    const r = await runCli(['members', '--json', '--address', dead, '--address', alive]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(5);
    expectAnsweredBy(r.stderr, alive);
  });

  it('self', async () => {
    const r = await runCli(['self', '--address', dead, '--address', alive]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Name\s+server-1$/m);
    expectAnsweredBy(r.stderr, alive);
  });

  it('servers (a client agent)', async () => {
    const client = sim.agent('client-1').url;
    const r = await runCli(['servers', '--json', '--address', dead, '--address', client]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as string[]).length).toBeGreaterThan(0);
    expectAnsweredBy(r.stderr, client);
  });

  it('status', async () => {
    const r = await runCli(['status', '--address', dead, '--address', alive]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`${new URL(dead).hostname} [${alive}]: healthy`);
    expectAnsweredBy(r.stderr, alive);
  });

  it('nodes', async () => {
    const r = await runCli(['nodes', '--json', '--address', dead, '--address', alive]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { name: string }[]).map((n) => n.name)).toContain('client-1');
    expectAnsweredBy(r.stderr, alive);
  });

  it('servers --set (a client agent)', async () => {
    const client = sim.agent('client-1').url;
    const servers = sim.servers().map((a) => a.rpcAddr);
    const r = await runCli(['servers', '--set', ...servers, '--address', dead, '--address', client]);
    expect(r.code).toBe(0);
    expectAnsweredBy(r.stderr, client);
  });

  it('join, recorded in history with the address that answered', async () => {
    const env = cleanEnv();
    const target = sim.agent('server-3').serfAddr;
    const r = await runCli(['join', target, '--address', dead, '--address', alive], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Joined 1 server');
    expectAnsweredBy(r.stderr, alive);
    const history = readFileSync(path.join(env['NOMAD_TRAY_CONFIG_DIR'] ?? '', 'history.jsonl'), 'utf8');
    expect(history).toContain(`(via ${alive}; ${dead} did not answer)`);
    expect(history.trim().split('\n')).toHaveLength(1);
  });

  it('force-leave', async () => {
    sim.fail('server-5');
    const r = await runCli(['force-leave', 'server-5', '--address', dead, '--address', alive]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Nomad accepted force-leave of server-5.global');
    expectAnsweredBy(r.stderr, alive);
  });

  it('watch', async () => {
    const watch = startWatch(['--address', dead, '--address', alive]);
    try {
      await watch.waitState('healthy');
      expect(watch.stderr()).toContain(`[${alive}]: healthy`);
    } finally {
      expect(await watch.stop()).toBe(0);
    }
  });
});

describe('no address answers', { timeout: 60_000 }, () => {
  it('status: exit 2 naming every address tried', async () => {
    const r = await runCli(['status', '--address', dead, '--address', dead2]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`: no address answered: ${dead} \\(.+\\), ${dead2} \\(.+\\)$`, 'm'));
  });

  it('members: exit 2 naming every address tried', async () => {
    const r = await runCli(['members', '--address', dead, '--address', dead2]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^Error \\(unreachable\\): no address answered: ${dead} \\(.+\\), ${dead2} \\(.+\\)$`, 'm'),
    );
    expect(r.stdout).toBe('');
  });

  it('join: exit 2 and nothing recorded (no agent was ever asked to join)', async () => {
    const env = cleanEnv();
    const r = await runCli(['join', '10.0.0.9', '--address', dead, '--address', dead2], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no address answered: ${dead} (`);
    expect(existsSync(path.join(env['NOMAD_TRAY_CONFIG_DIR'] ?? '', 'history.jsonl'))).toBe(false);
  });
});
