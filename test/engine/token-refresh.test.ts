/**
 * The engine's ACL token from a file, against the ACL simulator: a failed read is never kept (a file that
 * appears later is picked up), a 403 re-reads a rotated file, and a file token is re-read every few minutes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterSettings } from '../../common/settings-schema.js';
import { createMonitor } from '../../main/core/engine/index.js';
import type { Monitor } from '../../main/core/engine/index.js';
import { TOKEN_REFRESH_MS } from '../../main/core/engine/token.js';
import { resolveToken } from '../../main/core/settings/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { clusterSettings, settingsWith, testClientFactory, waitFor } from './helpers.js';

let sim: SimCluster | null = null;
let monitor: Monitor | null = null;
let dir: string | null = null;
afterEach(async () => {
  await monitor?.stop();
  monitor = null;
  await sim?.close();
  sim = null;
  if (dir !== null) await rm(dir, { recursive: true, force: true });
  dir = null;
});

/** An ACL cluster and an engine whose token comes from a temp file; `skew` moves the engine's clock. */
async function setup() {
  sim = await startCluster({ acl: true });
  const tokens = sim.tokens;
  if (tokens === null) throw new Error('simulator started without ACLs');
  dir = await mkdtemp(join(tmpdir(), 'nomad-tray-token-'));
  const path = join(dir, 'token');
  const cluster: ClusterSettings = {
    ...clusterSettings('secure', [sim.servers()[0]?.url ?? ''], 150),
    token: { source: 'file', path },
  };
  const clock = { skew: 0 };
  const used: Array<string | undefined> = [];
  monitor = createMonitor({
    settings: settingsWith([cluster]),
    clientFactory: (c, i, token) => {
      used.push(token);
      return testClientFactory(c, i, token);
    },
    tokenFor: (c) =>
      resolveToken(c.token, { env: {}, readFile: (p) => readFile(p, 'utf8'), clusterId: c.id }),
    timers: {
      now: () => Date.now() + clock.skew,
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
    notifier: { notify: () => undefined },
    history: { append: () => undefined },
    random: () => 0.5,
  });
  const m = monitor;
  const errorKind = () => m.views()[0]?.snapshot?.error?.kind;
  const healthy = () => m.views()[0]?.snapshot?.error === null;
  return { m, sim, tokens, path, clock, used, errorKind, healthy };
}

describe('engine: file tokens are re-read', () => {
  it('a token file missing at startup is picked up once it appears (the failure is not kept)', async () => {
    const t = await setup();
    t.m.start();
    await waitFor('config error', () => t.errorKind() === 'config');
    await writeFile(t.path, `${t.tokens.management}\n`);
    await waitFor('healthy once the file exists', t.healthy);
    expect(t.used).toEqual([t.tokens.management]);
  });

  it('a 403 re-reads a token file rotated by Vault Agent and replaces the client', async () => {
    const t = await setup();
    await writeFile(t.path, `${t.tokens.management}\n`);
    t.m.start();
    await waitFor('healthy', t.healthy);
    // Rotation: the old token is revoked and the file now holds a new one.
    await writeFile(t.path, `${t.tokens.nodeRead}\n`);
    t.sim.revokeToken(t.tokens.management);
    // The agent poller or the node watcher meets the 403 first (whichever asks next); either one makes the
    // holder re-read the file, long before TOKEN_REFRESH_MS would.
    await waitFor('the rotated token in use', () => t.used.length === 2);
    await waitFor('healthy again with the new token', t.healthy);
    expect(t.used).toEqual([t.tokens.management, t.tokens.nodeRead]);
  });

  it('a file token is re-read every TOKEN_REFRESH_MS even without a 403', async () => {
    const t = await setup();
    await writeFile(t.path, `${t.tokens.nodeRead}\n`);
    t.m.start();
    await waitFor('healthy', t.healthy);
    await writeFile(t.path, `${t.tokens.management}\n`);
    await t.m.pollNow();
    expect(t.used).toEqual([t.tokens.nodeRead]); // fresh: not re-read on every poll
    t.clock.skew = TOKEN_REFRESH_MS;
    await waitFor('new token in use', () => t.used.length === 2);
    expect(t.used).toEqual([t.tokens.nodeRead, t.tokens.management]);
    await waitFor('healthy with it', t.healthy);
  });
});
