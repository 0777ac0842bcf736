/**
 * Scenario tests: the exact event lines `watch --json --interval 200ms --confirm 2` prints while the simulated
 * cluster's gossip view changes.
 */
import { describe, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { brief, startWatch } from './watch-harness.js';
import type { WatchRun } from './watch-harness.js';

type Cleanup = (fn: () => Promise<void>) => void;

/** A simulator plus a watch on its first server, both closed when the test finishes. */
async function setup(
  onFinished: Cleanup,
  serversPerRegion = 3,
  leaveRecoveryMs = 500,
): Promise<{ sim: SimCluster; watch: WatchRun }> {
  const sim = await startCluster({ serversPerRegion, leaveRecoveryMs });
  const watch = startWatch(['--address', sim.servers()[0]?.url ?? '']);
  onFinished(async () => {
    await watch.stop();
    await sim.close();
  });
  await watch.waitState('healthy');
  return { sim, watch };
}

// One CLI and one simulator at a time (see connectivity.test.ts): concurrent runs starve each other's polls.
describe('watch --json: member changes', { timeout: 60_000 }, () => {
  it('fail then recover: failed, quorum at risk, recovered, quorum restored', async ({
    expect,
    onTestFinished,
  }) => {
    const { sim, watch } = await setup(onTestFinished);
    sim.fail('server-2');
    await watch.waitLines(2);
    sim.recover('server-2');
    await watch.waitLines(4);
    await watch.waitPolls(4);
    expect(await watch.stop()).toBe(0);
    expect(watch.lines.map(brief)).toEqual([
      'member-failed server-2.global alive->failed',
      'quorum-at-risk 3/3->2/3',
      'member-recovered server-2.global failed->alive',
      'quorum-restored 2/3->3/3',
    ]);
    expect(watch.lines.map((l) => l.severity)).toEqual(['warning', 'critical', 'info', 'info']);
    expect(watch.lines.every((l) => !Number.isNaN(Date.parse(l.time)) && l.cluster !== '')).toBe(true);
  });

  it('graceful leave: one member-left line, then the quorum warning of the same poll', async ({
    expect,
    onTestFinished,
  }) => {
    // `leaving` lasts 10 s (slow polls on a loaded machine stay inside it), so the change is confirmed as alive → leaving (leaving → left is not news).
    const { sim, watch } = await setup(onTestFinished, 3, 10_000);
    sim.leave('server-3');
    await watch.waitLines(2);
    await watch.waitPolls(4);
    await watch.stop();
    expect(watch.lines.map(brief)).toEqual([
      'member-left server-3.global alive->leaving',
      'quorum-at-risk 3/3->2/3',
    ]);
  });

  it('leader change: one leader-changed line from the old to the new rpc address', async ({
    expect,
    onTestFinished,
  }) => {
    const { sim, watch } = await setup(onTestFinished);
    sim.setLeader('global', 'server-2');
    await watch.waitLines(1);
    await watch.waitPolls(4);
    await watch.stop();
    expect(watch.lines.map(brief)).toEqual([
      `leader-changed ${sim.agent('server-1').rpcAddr}->${sim.agent('server-2').rpcAddr}`,
    ]);
  });

  it('storm: every confirmed failure is a line, and the policy folds the notices into one digest', async ({
    expect,
    onTestFinished,
  }) => {
    const { sim, watch } = await setup(onTestFinished, 5);
    for (const n of ['server-2', 'server-3', 'server-4', 'server-5']) sim.fail(n);
    await watch.waitLines(6);
    await watch.waitPolls(4);
    await watch.stop();
    expect(watch.lines.map((l) => `${l.type} ${l.member ?? ''}`.trim())).toEqual([
      'member-failed server-2.global',
      'member-failed server-3.global',
      'member-failed server-4.global',
      'member-failed server-5.global',
      'quorum-at-risk',
      'digest',
    ]);
    expect(watch.lines.filter((l) => l.type === 'digest')).toHaveLength(1);
  });
});
