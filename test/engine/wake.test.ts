/**
 * Sleep/wake through the real engine and the simulator: a failure seen by one poll before the sleep (half
 * confirmed) is confirmed by the first poll after wake and must be notified, exactly as without the sleep.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { clusterSettings, harness, settingsWith, waitFor } from './helpers.js';
import type { Harness } from './helpers.js';

let sim: SimCluster | null = null;
let h: Harness | null = null;
afterEach(async () => {
  await h?.monitor.stop();
  h = null;
  await sim?.close();
  sim = null;
});

/** Fails server-2 and returns once exactly one poll saw it (confirmPolls 2: half confirmed), calling `then`
 * synchronously from that poll's view update so no further poll can run in between. */
async function failSeenOnce(s: SimCluster, hh: Harness, then: () => void): Promise<void> {
  let seen = false;
  const off = hh.monitor.subscribe((views) => {
    const member = views[0]?.snapshot?.members?.find((m) => m.name === 'server-2.global');
    if (seen || member?.status !== 'failed') return;
    seen = true;
    then();
  });
  s.fail('server-2');
  await waitFor('one poll saw server-2 failed', () => seen);
  off();
}

describe('engine: sleep and wake', () => {
  it.each([
    { sleep: false, name: 'without a sleep' },
    { sleep: true, name: 'when the machine sleeps between the two confirming polls' },
  ])('notifies a failure confirmed after one poll saw it, $name', async ({ sleep }) => {
    sim = await startCluster({ serversPerRegion: 3 });
    h = harness(settingsWith([clusterSettings('prod', [sim.servers()[0]?.url ?? ''], 200)]));
    const { monitor, events, notices } = h;
    monitor.start();
    await waitFor('healthy', () => monitor.views()[0]?.state === 'healthy');
    // Read inside the poll's own update: without a sleep the next poll may confirm it before this test resumes.
    let failedWhenSeen: unknown[] | null = null;
    await failSeenOnce(sim, h, () => {
      failedWhenSeen = events.filter((e) => e.type === 'member-failed');
      if (sleep) monitor.suspend();
    });
    expect(failedWhenSeen).toEqual([]);
    if (sleep) monitor.wake();
    await waitFor('confirmed', () => events.some((e) => e.type === 'quorum-at-risk'));
    await waitFor('critical state', () => monitor.views()[0]?.state === 'critical');
    await waitFor('notified', () => notices.length >= 2);
    expect(notices.map((n) => n.title).sort()).toEqual([
      'prod: quorum at risk in global',
      'prod: server-2 failed',
    ]);
  });
});
