/**
 * Scenario tests: the exact lines `watch --json --interval 200ms --confirm 2` prints when the agent cannot be
 * read (refused connection, refused token, black hole) and when a single poll is dropped (nothing).
 */
import { describe, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster, SimOptions } from '../nomad-sim/index.js';
import { waitFor } from '../engine/helpers.js';
import { startDropProxy } from './drop-proxy.js';
import { brief, startWatch } from './watch-harness.js';
import type { WatchRun } from './watch-harness.js';

type Cleanup = (fn: () => Promise<void>) => void;

async function setup(
  onFinished: Cleanup,
  opts: SimOptions = {},
  extra: (sim: SimCluster) => string[] = () => [],
): Promise<{ sim: SimCluster; watch: WatchRun }> {
  const sim = await startCluster({ serversPerRegion: 3, ...opts });
  const watch = startWatch(['--address', sim.servers()[0]?.url ?? '', ...extra(sim)]);
  onFinished(async () => {
    await watch.stop();
    await sim.close();
  });
  await watch.waitState('healthy');
  return { sim, watch };
}

// One CLI and one simulator at a time: four of each at once on a busy 2-core machine starve each other's polls
// (the CLI's 1 s request timeout), which prints a line no scenario scripted.
describe('watch --json: connectivity', { timeout: 60_000 }, () => {
  it('agent stopped: one cluster-unreachable line, then one cluster-recovered when it is back', async ({
    expect,
    onTestFinished,
  }) => {
    const { sim, watch } = await setup(onTestFinished);
    sim.inject('server-1', { kind: 'stop' });
    await watch.waitLines(1);
    await watch.waitPolls(2);
    sim.clear('server-1');
    await watch.waitLines(2);
    await watch.waitPolls(3);
    await watch.stop();
    expect(watch.lines.map(brief)).toEqual([
      'cluster-unreachable ok->unreachable',
      'cluster-recovered unreachable->ok',
    ]);
    expect(watch.lines[0]?.severity).toBe('critical');
  });

  it('token revoked: one auth-failed line (403), never reported as members failing', async ({
    expect,
    onTestFinished,
  }) => {
    const { sim, watch } = await setup(onTestFinished, { acl: true }, (s) => [
      '--token',
      s.tokens?.management ?? '',
    ]);
    sim.revokeToken(sim.tokens?.management ?? '');
    await watch.waitLines(1);
    await watch.waitPolls(4);
    await watch.stop();
    expect(watch.lines.map(brief)).toEqual(['auth-failed ok->forbidden']);
    expect(watch.lines[0]?.message).toContain('403');
  });

  it('black hole: requests time out and one cluster-unreachable line follows', async ({
    expect,
    onTestFinished,
  }) => {
    const { sim, watch } = await setup(onTestFinished);
    sim.inject('server-1', { kind: 'blackhole' });
    await watch.waitLines(1);
    await watch.waitPolls(1);
    await watch.stop();
    expect(watch.lines.map(brief)).toEqual(['cluster-unreachable ok->unreachable']);
  });

  it('one dropped poll prints nothing', async ({ expect, onTestFinished }) => {
    const sim = await startCluster({ serversPerRegion: 3 });
    const proxy = await startDropProxy(sim.servers()[0]?.url ?? '', 4);
    const watch = startWatch(['--address', proxy.url]);
    onTestFinished(async () => {
      await watch.stop();
      await proxy.close();
      await sim.close();
    });
    await waitFor('the dropped request and 4 more polls', () => proxy.membersRequests() >= 8, 20_000);
    await watch.waitPolls(1);
    await watch.stop();
    expect(watch.lines).toEqual([]);
    // The drop was seen (one poll not healthy: how a reset members request reads is the state table's business)
    // and printed nothing.
    const polls = watch
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('poll: '));
    expect(polls.filter((l) => !l.endsWith(': healthy')).length).toBeGreaterThanOrEqual(1);
  });

  // Issue 11 item 7 on the real CLI: a dropped poll, then a token revoked and restored, are different kinds of
  // change; never "flapping", and the restore is its resolution.
  it('a dropped poll, then a token revoked and restored: auth-failed and its recovery, no flapping', async ({
    expect,
    onTestFinished,
  }) => {
    const sim = await startCluster({ serversPerRegion: 3, acl: true });
    const proxy = await startDropProxy(sim.servers()[0]?.url ?? '', 4);
    const token = sim.tokens?.management ?? '';
    const watch = startWatch(['--address', proxy.url, '--token', token]);
    onTestFinished(async () => {
      await watch.stop();
      await proxy.close();
      await sim.close();
    });
    await waitFor('the dropped request and one more poll', () => proxy.membersRequests() >= 5, 20_000);
    sim.revokeToken(token);
    await watch.waitLines(1);
    sim.restoreToken(token);
    await watch.waitLines(2);
    await watch.waitPolls(4);
    await watch.stop();
    expect(watch.lines.map(brief)).toEqual(['auth-failed ok->forbidden', 'cluster-recovered forbidden->ok']);
  });
});
