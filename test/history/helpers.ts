/** Shared helpers of the history tests. */
import type { MonitorEvent } from '../../common/domain.js';
import { tempDir as tempDirFor } from '../support/tmp.js';

/** A fresh empty directory under the OS temp dir. */
export async function tempDir(): Promise<string> {
  return tempDirFor('history');
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
