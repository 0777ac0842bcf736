/** Shared helpers of the history tests. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MonitorEvent } from '../../common/domain.js';

/** A fresh empty directory under the OS temp dir. */
export async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'nomad-tray-history-'));
}

/** A member-failed event of cluster `prod` at `time`, numbered `n` in its member name. */
export function memberFailed(time: number, n: number, clusterId = 'prod'): MonitorEvent {
  return {
    time,
    clusterId,
    cluster: clusterId === 'prod' ? 'Production' : clusterId,
    type: 'member-failed',
    member: `server-${n}.global`,
    region: 'global',
    from: 'alive',
    to: 'failed',
    severity: 'critical',
    message: `server-${n}.global failed (was alive)`,
  };
}
