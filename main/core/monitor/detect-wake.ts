/**
 * Forgetting flap history: after a sleep/resume the raw transitions recorded before the sleep say nothing about
 * the network after it (a laptop lid closed for 30 s must not turn the first flicker after wake into "flapping").
 * Pure: the memory passed in is never modified; untouched keys are shared with it.
 */
import { DetectorDraft, detectorKey, isQuiet } from './detect-store.js';
import type { DetectorMemory } from './types.js';

/** The detector key holding the agent connection (ok / unreachable / forbidden / tls / error). */
export const REACHABILITY_KEY = 'reachability';

/**
 * Clears the flap history (recent raw transitions, the flapping flag) of every key equal to `keyPrefix` or
 * starting with it ("member:" for all members). Confirmed values and pending counts are kept, so a change that
 * was being confirmed before is still confirmed normally. Returns the same memory when nothing had history.
 * Only `active` keys can have history, so this costs what is pending, not the member count.
 */
export function forgetTransitions(memory: DetectorMemory, keyPrefix: string): DetectorMemory {
  let draft: DetectorDraft | null = null;
  for (const key of memory.active) {
    if (!key.startsWith(keyPrefix)) continue;
    const k = detectorKey(memory, key);
    if (k === undefined || (k.recentTransitions.length === 0 && !k.flapping)) continue;
    draft ??= new DetectorDraft(memory, memory.time);
    draft.put(key, { ...k, recentTransitions: [], flapping: false });
  }
  if (draft === null) return memory;
  const d = draft;
  d.mem.active = memory.active.filter((key) => {
    const k = d.get(key);
    return k !== undefined && !isQuiet(k);
  });
  return d.mem;
}

/** What wake() does to a cluster's detector memory: forget the connection's flap history (see above). */
export function resetAfterWake(memory: DetectorMemory): DetectorMemory {
  return forgetTransitions(memory, REACHABILITY_KEY);
}
