/**
 * Alert quality: a scripted chaos timeline against three simulated clusters through the REAL pollers, detector
 * and policy (createMonitor, confirm 2, recovery notifications on, a recording notifier). Every phase lists the
 * notifications a careful on-call engineer would want; the run must match them exactly: recall 100% (nothing
 * missed) and precision 100% (nothing extra).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GlobalSettingsSchema } from '../../common/settings-schema.js';
import type { Settings } from '../../common/settings-schema.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { clusterSettings } from '../engine/helpers.js';
import { Scenario } from './harness.js';
import type { NoticeKey } from './harness.js';

const INTERVAL_MS = 100;
/**
 * Client timeouts: only the black-hole phase waits for them (two confirming polls). Far above a healthy answer
 * on a loaded machine, where the simulator shares this process's event loop: a healthy poll that times out is
 * a "dropped poll" the run never scripted.
 */
const TIMEOUT_MS = 1_500;
const CONFIRM = 2;

let prod: SimCluster; // 4 regions × 6 servers
let secure: SimCluster; // ACLs on
let edge: SimCluster;
let s: Scenario;
const ALL = ['prod', 'secure', 'edge'] as const;

beforeAll(async () => {
  [prod, secure, edge] = await Promise.all([
    startCluster({ regions: ['global', 'eu', 'ap', 'sa'], serversPerRegion: 6 }),
    startCluster({ acl: true }),
    startCluster(),
  ]);
  const settings: Settings = {
    schemaVersion: 1,
    clusters: [
      clusterSettings('prod', [prod.agent('server-1').url], INTERVAL_MS),
      clusterSettings('secure', [secure.agent('server-1').url], INTERVAL_MS),
      clusterSettings('edge', [edge.agent('server-1').url], INTERVAL_MS),
    ],
    global: GlobalSettingsSchema.parse({
      confirmPolls: CONFIRM,
      recoveryPolls: CONFIRM,
      recoveryNotifications: true,
    }),
  };
  s = new Scenario(settings, { secure: secure.tokens?.management ?? '' }, TIMEOUT_MS);
});

afterAll(async () => {
  await s?.monitor.stop();
  await Promise.all([prod, secure, edge].map((c) => c?.close()));
});

/** Stops the listed clusters' polled agents, and clears each one right after its first failed poll. */
function dropOnePoll(clusters: Array<[string, SimCluster]>): Promise<void> {
  return new Promise((resolve) => {
    let left = clusters.length;
    for (const [id, sim] of clusters) {
      sim.inject('server-1', { kind: 'stop' });
      s.onPoll(id, (view) => {
        if (view.snapshot?.error === null) return false;
        sim.clear('server-1');
        left -= 1;
        if (left === 0) resolve();
        return true;
      });
    }
  });
}

/** Makes a cluster's polled agent fail every other poll for `flips` polls, ending reachable. */
function flicker(id: string, sim: SimCluster, flips: number): Promise<void> {
  let n = 0;
  return new Promise((resolve) => {
    s.onPoll(id, () => {
      n += 1;
      if (n % 2 === 1) sim.inject('server-1', { kind: 'stop' });
      else sim.clear('server-1');
      if (n < flips) return false;
      resolve();
      return true;
    });
  });
}

describe('alert quality under a chaos timeline', () => {
  it('notifies exactly what matters: recall 100%, precision 100%', async () => {
    const all = ALL;
    s.monitor.start();
    const stormNames = prod
      .servers()
      .map((a) => a.name)
      .filter((n) => n !== 'server-1' && n !== 'server-4')
      .slice(0, 20);
    expect(stormNames).toHaveLength(20);

    await s.phase('first poll (baseline)', { expected: [], watch: 'prod', all }, () => s.morePolls(all, 1));
    await s.phase('one dropped poll', { expected: [], watch: 'prod', all }, () =>
      dropOnePoll([['prod', prod]]),
    );
    const failed = await s.phase(
      'server fails and stays failed',
      { expected: ['prod:member-failed'], watch: 'prod', all },
      () => prod.fail('server-2'),
    );
    await s.phase('server recovers', { expected: ['prod:member-recovered'], watch: 'prod', all }, () =>
      prod.recover('server-2'),
    );
    await s.phase('leader change', { expected: ['prod:leader-changed'], watch: 'prod', all }, () =>
      prod.setLeader('global', 'server-3'),
    );
    await s.phase(
      'a flapping member',
      { expected: ['prod:flapping'], watch: 'prod', all, quietPolls: 4 },
      async () => {
        let flips = 0;
        await new Promise<void>((resolve) => {
          s.onPoll('prod', () => {
            flips += 1;
            if (flips % 2 === 1) prod.fail('server-4');
            else prod.recover('server-4');
            if (flips < 8) return false;
            resolve();
            return true;
          });
        });
      },
    );
    await s.phase(
      '20 servers across regions fail in one round',
      { expected: ['prod:digest'], watch: 'prod', all },
      () => {
        for (const n of stormNames) prod.fail(n);
      },
    );
    await s.phase('the 20 servers recover', { expected: ['prod:digest'], watch: 'prod', all }, () => {
      for (const n of stormNames) prod.recover(n);
    });
    await s.phase(
      'all clusters unreachable at once',
      { expected: ['*:network-unavailable'], watch: 'prod', all },
      () => {
        // No help from the test: clusters polled out of phase confirm their outages at different times, and a poll
        // already in flight may still succeed. The first confirmed outage settles until the others confirm theirs.
        for (const c of [prod, secure, edge]) c.inject('server-1', { kind: 'stop' });
      },
    );
    // A short outage (seconds): the restore follows at once (gapMs 0), then the resume-from-sleep flicker.
    await s.phase(
      'the network comes back',
      { expected: ['*:network-restored'], watch: 'prod', all, gapMs: 0 },
      async () => {
        for (const c of [prod, secure, edge]) c.clear('server-1');
        await Promise.all([prod, secure, edge].map((c) => c.ready()));
      },
    );
    // Right after the outage (gapMs 0): the outage's 2 transitions + the flicker's 2 would be "flapping" if wake
    // did not forget the connection's flap history.
    await s.phase(
      'resume from sleep with a network flicker',
      { expected: [], watch: 'prod', all, quietPolls: 4, gapMs: 0 },
      async () => {
        s.monitor.suspend();
        const dropped = dropOnePoll([
          ['prod', prod],
          ['secure', secure],
          ['edge', edge],
        ]);
        s.monitor.wake();
        await dropped;
      },
    );
    await s.phase('edge connection flickers', { expected: ['edge:flapping'], watch: 'edge', all }, () =>
      flicker('edge', edge, 6),
    );
    // A real outage within a minute of the flap: flapping damps oscillation, it never swallows a sustained failure.
    await s.phase(
      'agent black-holed (within a minute of the flap)',
      { expected: ['edge:cluster-unreachable'], watch: 'edge', all, gapMs: 0 },
      () => edge.inject('server-1', { kind: 'blackhole' }),
    );
    await s.phase(
      'black hole cleared',
      { expected: ['edge:cluster-recovered'], watch: 'edge', all, gapMs: 0 },
      () => edge.clear('server-1'),
    );
    await s.phase(
      'secure connection flickers',
      { expected: ['secure:flapping'], watch: 'secure', all, quietPolls: 1 },
      () => flicker('secure', secure, 6),
    );
    // A revoked token is a different fact from a flaky network: reported even while the connection flaps.
    await s.phase(
      'ACL token revoked (while the connection flaps)',
      { expected: ['secure:auth-failed'], watch: 'secure', all, gapMs: 0 },
      () => secure.revokeToken(secure.tokens?.management ?? ''),
    );
    // Resolutions: every critical/warning notice gets its own, named as what came back.
    await s.phase(
      'ACL token restored',
      { expected: ['secure:cluster-recovered'], watch: 'secure', all },
      () => secure.restoreToken(secure.tokens?.management ?? ''),
    );
    await s.phase(
      'a server fails: quorum at risk',
      { expected: ['edge:member-failed', 'edge:quorum-at-risk'], watch: 'edge', all },
      () => edge.fail('server-2'),
    );
    await s.phase(
      'the server recovers: quorum restored',
      { expected: ['edge:member-recovered', 'edge:quorum-restored'], watch: 'edge', all },
      () => edge.recover('server-2'),
    );
    // Leader lookups answer at once in this run (Nomad holds them ~5 s while a region has no leader).
    edge.setLeaderHold(0);
    await s.phase('edge loses its leader', { expected: ['edge:leader-lost'], watch: 'edge', all }, () =>
      edge.setLeader('global', null),
    );
    await s.phase(
      'a leader is elected: resolved',
      { expected: ['edge:leader-changed'], watch: 'edge', all },
      () => edge.setLeader('global', 'server-1'),
    );
    // Flapping counts only changes of the same kind: a dropped poll, then a token revoked and restored (within
    // one flap window) are two kinds of change — never "the connection is flapping".
    await s.phase('secure: one dropped poll', { expected: [], watch: 'secure', all }, () =>
      dropOnePoll([['secure', secure]]),
    );
    await s.phase(
      'secure: token revoked (right after the dropped poll)',
      { expected: ['secure:auth-failed'], watch: 'secure', all, gapMs: 0 },
      () => secure.revokeToken(secure.tokens?.management ?? ''),
    );
    await s.phase(
      'secure: token restored: resolved, no flapping',
      { expected: ['secure:cluster-recovered'], watch: 'secure', all, gapMs: 0, quietPolls: 4 },
      () => secure.restoreToken(secure.tokens?.management ?? ''),
    );
    const byType = (type: string) => s.notifier.notices.filter((n) => n.type === type).at(-1);
    expect(byType('cluster-recovered')?.title).toBe('secure: ACL token accepted again');
    expect(byType('quorum-restored')?.resolves).toEqual([byType('quorum-at-risk')?.tag]);
    // Every resolution closes the notice it answers: a member alive again, reachable again, a leader elected.
    expect(byType('member-recovered')?.resolves).toEqual([byType('member-failed')?.tag]);
    expect(byType('leader-changed')?.title).toBe('edge: leader elected in global');
    expect(byType('leader-changed')?.resolves).toEqual([byType('leader-lost')?.tag]);
    const unreachable = s.notifier.notices.find((n) => n.type === 'cluster-unreachable');
    const reachable = s.notifier.notices.find(
      (n) => n.type === 'cluster-recovered' && n.clusterId === unreachable?.clusterId,
    );
    expect(reachable?.resolves).toEqual([unreachable?.tag]);

    for (const n of s.notifier.notices)
      console.info(`${n.clusterId ?? '*'} ${n.type ?? ''}: ${n.title} | ${n.body}`);
    const score = s.score();
    const table = s.phases.map((p) => ({
      phase: p.name,
      expected: p.expected.join(' ') || '—',
      actual: p.actual.join(' ') || '—',
    }));
    console.table(table);
    console.info(
      `alert quality: recall ${(score.recall * 100).toFixed(0)}% precision ${(score.precision * 100).toFixed(0)}% ` +
        `(${score.matched} matched, ${score.expected} expected, ${score.actual} sent)`,
    );
    expect(s.phases.map((p) => [p.name, p.actual])).toEqual(
      s.phases.map((p) => [p.name, p.expected as NoticeKey[]]),
    );
    expect(score.recall).toBe(1);
    expect(score.precision).toBe(1);
    // The failure alert comes within confirm polls (plus one poll that may already be in flight).
    expect(failed.pollsToFirstNotice).not.toBeNull();
    expect(failed.pollsToFirstNotice ?? Infinity).toBeLessThanOrEqual(CONFIRM + 1);
  }, 120_000);
});
