/**
 * Recovery is seen within one interval of the agent answering again, through the real `watch` process: after
 * a long enough outage that an exponential backoff would have grown to 8 × the interval, the first poll after
 * the agent is back comes within the interval (plus slack). The slack follows the machine: on a busy one the
 * child's own healthy cadence (gaps between its poll lines before the outage) stretches, and so may the bound;
 * a backoff would stretch only the outage. The poller's no-backoff rule itself is proven on fake timers
 * (test/poller/poller.test.ts); this test proves `watch` runs that poller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { waitFor } from '../engine/helpers.js';
import { cleanEnv, spawnCli } from './run-cli.js';

let sim: SimCluster;
beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 1 });
});
afterAll(async () => {
  await sim.close();
});

const INTERVAL_MS = 500;
/** Slack for a busy 2-core machine; the old 8× backoff would need up to 4 s here. */
const SLACK_MS = 2_500;

describe('watch: recovery timing', { timeout: 90_000 }, () => {
  it('the first poll after the agent answers again comes within one interval', async () => {
    const child = spawnCli(
      ['watch', '--json', '--interval', `${INTERVAL_MS}ms`, '--address', sim.agent('server-1').url],
      cleanEnv({ NOMAD_TRAY_DEBUG: '1' }),
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const polls = (): string[] => stderr.split('\n').filter((l) => l.startsWith('poll: '));
    // When each poll line arrived (the parent's clock): the child's cadence under the machine's current load.
    const arrivals: number[] = [];
    child.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.startsWith('poll: ')) arrivals.push(Date.now());
    });
    try {
      await waitFor('healthy', () => polls().at(-1)?.endsWith(': healthy') === true, 30_000);
      await waitFor('a few healthy polls', () => polls().length >= 6, 30_000);
      const gaps = arrivals.slice(1).map((t, i) => t - (arrivals[i] ?? t));
      const cadence = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? INTERVAL_MS;
      sim.inject('server-1', { kind: 'stop' });
      await waitFor('unreachable', () => polls().at(-1)?.endsWith(': unreachable') === true, 10_000);
      // 16 intervals down: a doubling backoff would have reached its 8 × interval cap.
      await new Promise((r) => setTimeout(r, 16 * INTERVAL_MS));
      sim.clear('server-1');
      await sim.ready();
      const back = Date.now();
      await waitFor('healthy again', () => polls().at(-1)?.endsWith(': healthy') === true, 20_000);
      expect(Date.now() - back).toBeLessThanOrEqual(Math.max(INTERVAL_MS + SLACK_MS, 3 * cadence + SLACK_MS));
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
