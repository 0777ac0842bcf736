/**
 * The one queue of push events held back from a window that cannot take them yet: in the desktop app until
 * its renderer answered app:ready, in browser mode while no page is connected. Ephemeral events (the
 * heartbeat) are never held: delivered late, they would vouch for a past moment. A snapshot event
 * (clusters:changed, settings:changed) replaces its held predecessor, since only the latest matters. Beyond
 * `max` the oldest entries are dropped (the window re-reads history and clusters when it opens anyway).
 */
import { EPHEMERAL_EVENTS } from '../../common/ipc-contract.js';

/** Events whose latest payload replaces every earlier one (a full snapshot, not a delta). */
const SNAPSHOT_EVENTS: ReadonlySet<string> = new Set(['clusters:changed', 'settings:changed']);

/** Events held for one window, in order; `drain` hands them over and empties the queue. */
export type PushQueue<Name extends string = string> = ReturnType<typeof createPushQueue<Name>>;

/** Creates an empty queue keeping at most `max` events (default 200). */
export function createPushQueue<Name extends string = string>(max = 200) {
  let held: { name: Name; payload: unknown }[] = [];
  return {
    hold(name: Name, payload: unknown): void {
      if (EPHEMERAL_EVENTS.has(name)) return;
      if (SNAPSHOT_EVENTS.has(name)) held = held.filter((e) => e.name !== name);
      held.push({ name, payload });
      if (held.length > max) held.splice(0, held.length - max);
    },
    drain() {
      const out = held;
      held = [];
      return out;
    },
  };
}
