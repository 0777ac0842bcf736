/**
 * Monitor.restart(clusterId) and a settings edit of a cluster: fresh clients and token, same memory. A change confirmed before the restart is
 * compared honestly after it, so its recovery is an event and a notice (never swallowed as a baseline).
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
  await sim?.close();
  h = null;
  sim = null;
});

describe('engine: restart keeps detector memory', () => {
  it('a member failed before the restart recovers after it: member-recovered is notified', async () => {
    const s = await startCluster({ serversPerRegion: 5 });
    sim = s;
    const run = harness(settingsWith([clusterSettings('prod', [s.agent('server-1').url])]));
    h = run;
    run.monitor.start();
    await waitFor('healthy', () => run.monitor.views()[0]?.state === 'healthy');
    s.fail('server-2');
    await waitFor('member-failed', () => run.events.some((e) => e.type === 'member-failed'));

    expect(run.monitor.restart('prod')).toEqual({ ok: true, value: undefined });
    const timeline = run.monitor.views()[0]?.timeline.map((p) => p.state);
    expect(timeline).toEqual(['healthy', 'degraded']);
    s.recover('server-2');
    await waitFor('member-recovered', () => run.events.some((e) => e.type === 'member-recovered'));
    expect(run.events.map((e) => e.type)).toEqual(['member-failed', 'member-recovered']);
    expect(run.notices.map((n) => n.type)).toEqual(['member-failed', 'member-recovered']);
  });

  it('a settings edit between the two confirming polls of a failure still confirms it (no new baseline)', async () => {
    const s = await startCluster({ serversPerRegion: 5 });
    sim = s;
    const settings = settingsWith([clusterSettings('prod', [s.agent('server-1').url])]);
    const run = harness(settings);
    h = run;
    run.monitor.start();
    await waitFor('healthy', () => run.monitor.views()[0]?.state === 'healthy');
    let edited = false;
    // Right after the first poll that sees the failure (confirmPolls 2: not yet an event), the cluster is edited.
    run.monitor.subscribe((views) => {
      const seen = views[0]?.snapshot?.members?.some(
        (m) => m.name === 'server-2.global' && m.status === 'failed',
      );
      if (edited || !seen) return;
      edited = true;
      expect(run.events).toEqual([]);
      run.monitor.updateSettings({
        ...settings,
        clusters: settings.clusters.map((c) => ({ ...c, pollIntervalMs: 120 })),
      });
    });
    s.fail('server-2');
    await waitFor('member-failed', () => run.events.some((e) => e.type === 'member-failed'));
    expect(edited).toBe(true);
    expect(run.notices.map((n) => n.type)).toEqual(['member-failed']);
  });

  it('an unknown cluster id is an error value', () => {
    h = harness(settingsWith([]));
    expect(h.monitor.restart('constructor')).toMatchObject({ ok: false, error: { kind: 'unknown-cluster' } });
  });
});
