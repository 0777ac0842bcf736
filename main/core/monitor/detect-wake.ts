/**
 * Forgetting flap history: after a sleep/resume the raw transitions recorded before the sleep say nothing about
 * the network after it (a laptop lid closed for 30 s must not turn the first flicker after wake into "flapping").
 * Pure: the memory passed in is never modified; untouched keys are shared with it.
 */
import type { DetectorMemory } from './types.js';

/** The detector key holding the agent connection (ok / unreachable / forbidden / tls / error). */
export const REACHABILITY_KEY = 'reachability';

/**
 * Clears the flap history (recent raw transitions, the flapping flag) of every key equal to `keyPrefix` or
 * starting with it ("member:" for all members). Confirmed values and pending counts are kept, so a change that
 * was being confirmed before is still confirmed normally. Returns the same memory when nothing had history.
 */
export function forgetTransitions(memory: DetectorMemory, keyPrefix: string): DetectorMemory {
  let keys: DetectorMemory['keys'] | null = null;
  for (const [key, k] of Object.entries(memory.keys)) {
    if (!key.startsWith(keyPrefix)) continue;
    if (k.recentTransitions.length === 0 && !k.flapping) continue;
    keys ??= { ...memory.keys };
    keys[key] = { ...k, recentTransitions: [], flapping: false };
  }
  return keys === null ? memory : { ...memory, keys };
}

/** What wake() does to a cluster's detector memory: forget the connection's flap history (see above). */
export function resetAfterWake(memory: DetectorMemory): DetectorMemory {
  return forgetTransitions(memory, REACHABILITY_KEY);
}
