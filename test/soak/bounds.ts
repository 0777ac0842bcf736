/** The soak's pass criteria, shared by the long script and the short test. */
import type { SoakReport } from './run-soak.js';

/** Heap growth allowed between warm-up and the end of a soak (after GC). */
export const MAX_HEAP_GROWTH_BYTES = 16 * 1024 * 1024;
/** Open connections allowed per agent on the simulator's listeners (each client keeps at most 8). */
export const MAX_SOCKETS_PER_AGENT = 8;

/** Every bound the report misses, in plain words (empty: the soak passed). */
export function checkSoak(r: SoakReport, o: { minPolls: number; agents?: number }): string[] {
  const agents = o.agents ?? 50;
  const problems: string[] = [];
  if (r.polls < o.minPolls) problems.push(`only ${r.polls} polls (< ${o.minPolls})`);
  if (r.faultsInjected === 0) problems.push('no fault was injected');
  const growth = r.heapEnd - r.heapWarm;
  if (growth > MAX_HEAP_GROWTH_BYTES) problems.push(`heap grew ${(growth / 1e6).toFixed(1)} MB after GC`);
  if (r.socketsMax > agents * MAX_SOCKETS_PER_AGENT) problems.push(`${r.socketsMax} open sockets at peak`);
  if (r.socketsEnd > agents * 4) problems.push(`${r.socketsEnd} open sockets at the end`);
  if (r.historyBytes > r.historyMaxBytes)
    problems.push(`history file ${r.historyBytes} B > ${r.historyMaxBytes} B`);
  if (r.notHealthy.length > 0) problems.push(`not healthy after clearing faults: ${r.notHealthy.join(', ')}`);
  if (r.unhandled > 0) problems.push(`${r.unhandled} unhandled rejections`);
  return problems;
}
