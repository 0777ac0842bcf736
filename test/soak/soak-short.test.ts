/**
 * Short soak in the suite: 50 agents polled by the real engine every 20 ms for 12 s while seeded random faults go
 * on and off, then every fault is cleared. Checks: heap bounded after GC, sockets bounded, every cluster healthy
 * again, history file within its bound, no unhandled rejection.
 *
 * Poll volume: this 2-core machine delivers ~250-450 polls/s for 50 agents × 50 members (the engine recomputes every
 * cluster's state on each poll), so 12 s gives ~3,000-5,000 polls (far fewer when other work shares the CPU), not the 10,000 of the long soak
 * (`npm run soak`). The history file is measured after the engine stopped and flushed it.
 */
import { describe, expect, it } from 'vitest';
import { checkSoak } from './bounds.js';
import { runSoak } from './run-soak.js';

/**
 * Enough polls to have exercised every fault many times, far below what even a loaded machine delivers: a
 * throughput goal belongs to `npm run soak` and the bench, not to a test that must pass on a busy CI runner.
 */
const MIN_POLLS = 600;

describe('short soak', () => {
  it('50 agents with random faults: bounded heap, sockets and history; every cluster healthy again', async () => {
    const report = await runSoak({
      agents: 50,
      intervalMs: 20,
      durationMs: 12_000,
      // A loaded machine soaks longer rather than thinner: the fault phase runs on until MIN_POLLS were delivered.
      minPolls: MIN_POLLS,
      maxDurationMs: 120_000,
      // Far above a healthy answer on a loaded machine: a black hole still times out, a healthy agent does not.
      timeoutMs: 2_000,
      seed: 7,
      faultEveryMs: 250,
      // Small on purpose: the run writes more than this, so trimming is exercised.
      historyMaxBytes: 8 * 1024,
    });
    console.info(
      `soak-short: ${report.polls} polls (${report.pollsDuringFaults} under faults), ${report.faultsInjected} faults, ` +
        `heap ${(report.heapWarm / 1e6).toFixed(1)} → ${(report.heapEnd / 1e6).toFixed(1)} MB, ` +
        `sockets max ${report.socketsMax} end ${report.socketsEnd}, history ${report.historyBytes} B`,
    );
    expect(checkSoak(report, { minPolls: MIN_POLLS })).toEqual([]);
  }, 300_000);
});
