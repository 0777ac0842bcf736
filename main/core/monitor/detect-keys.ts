/**
 * One debounced key of the detector: the per-key step behind confirm(). Mutates only the key object it is given
 * (confirm() hands it a private copy), so the rule can be read and tested in isolation.
 */
import type { DetectorConfig, DetectorKeyMemory, FlapNotice } from './types.js';

/** The kinds of key the detector tracks, by prefix ("member:server-1.global"). */
export type KeyKind = 'reachability' | 'member' | 'leader' | 'health' | 'quorum';

/** Encoded "no leader" (what Nomad itself answers with `?stale` when there is none). */
export const NO_LEADER = '';

/** The kind of a key, from its prefix. */
export function keyKind(key: string): KeyKind {
  if (key === 'reachability') return 'reachability';
  const prefix = key.slice(0, key.indexOf(':'));
  if (prefix === 'member' || prefix === 'leader' || prefix === 'health') return prefix;
  return 'quorum';
}

/** The part after the prefix (member name, region or role). */
export function keySubject(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

/** Is `value` the good one for this key (alive / ok / a leader present / quorum safe)? Recoveries use it. */
export function isGoodValue(kind: KeyKind, value: string | null): boolean {
  switch (kind) {
    case 'reachability':
    case 'health':
      return value === 'ok';
    case 'member':
      return value === 'alive';
    case 'leader':
      return value !== null && value !== NO_LEADER;
    case 'quorum':
      return value === 'safe';
  }
}

/** A key seen for the first time, confirmed at once (baseline). */
export function baselineKey(value: string | null): DetectorKeyMemory {
  return {
    confirmed: value,
    candidate: null,
    count: 0,
    raw: value,
    recentTransitions: [],
    flapping: false,
    lastRawChange: null,
  };
}

function flapEnabled(cfg: DetectorConfig): boolean {
  return cfg.flapTransitions >= 2 && cfg.flapWindowMs > 0;
}

/** Drops raw transitions that left the flap window and caps the list (bounded memory). */
export function pruneTransitions(k: DetectorKeyMemory, time: number, cfg: DetectorConfig): void {
  const cap = flapEnabled(cfg) ? cfg.flapTransitions : 0;
  const kept = k.recentTransitions.filter((t) => time - t < cfg.flapWindowMs);
  k.recentTransitions = kept.slice(Math.max(0, kept.length - cap));
}

/**
 * Feeds one observed value to a key. Returns true when the key starts flapping with this observation.
 *
 * - Every raw change is a transition; ≥ flapTransitions of them within flapWindowMs mark the key flapping.
 * - While flapping, the confirmed value is frozen (no events) and the count is reset. Flapping ends once the raw
 *   value has been stable for flapWindowMs; the confirmed value then catches up at once, so the diff emits at
 *   most ONE event (none when the key settled back on the value it had before the flapping).
 * - Otherwise a value differing from the confirmed one is confirmed after confirmPolls consecutive observations
 *   (recoveryPolls when it is the good value). Seeing the confirmed value again resets the count.
 * - `hold` (the cluster is not confirmed reachable yet) lets the count grow but delays confirmation (and the end
 *   of flapping) until a call without hold, so a view never changes members while it still says "unreachable".
 */
export function stepKey(
  k: DetectorKeyMemory,
  value: string | null,
  good: boolean,
  time: number,
  cfg: DetectorConfig,
  hold = false,
): boolean {
  if (k.raw !== value) {
    k.raw = value;
    k.lastRawChange = time;
    k.recentTransitions.push(time);
  }
  pruneTransitions(k, time, cfg);
  let started = false;
  if (flapEnabled(cfg) && !k.flapping && k.recentTransitions.length >= cfg.flapTransitions) {
    k.flapping = true;
    started = true;
  }
  if (k.flapping) {
    k.candidate = null;
    k.count = 0;
    if (!hold && (k.lastRawChange === null || time - k.lastRawChange >= cfg.flapWindowMs)) {
      k.flapping = false;
      k.confirmed = value;
    }
    return started;
  }
  if (value === k.confirmed) {
    k.candidate = null;
    k.count = 0;
    return started;
  }
  if (k.count > 0 && k.candidate === value) k.count += 1;
  else {
    k.candidate = value;
    k.count = 1;
  }
  const need = Math.max(1, good ? cfg.recoveryPolls : cfg.confirmPolls);
  if (k.count >= need && !hold) {
    k.confirmed = value;
    k.candidate = null;
    k.count = 0;
  }
  return started;
}

/** A key nobody needs any more: absent, confirmed absent, settled (no flapping, no recent transitions). */
export function isGone(k: DetectorKeyMemory): boolean {
  return (
    k.confirmed === null && k.raw === null && k.count === 0 && !k.flapping && k.recentTransitions.length === 0
  );
}

/** The flap notice for a key that just started flapping. */
export function flapNotice(key: string, k: DetectorKeyMemory, cfg: DetectorConfig): FlapNotice {
  const notice: FlapNotice = { key, transitions: k.recentTransitions.length, windowMs: cfg.flapWindowMs };
  const kind = keyKind(key);
  const subject = keySubject(key);
  if (kind === 'member') notice.member = subject;
  if (kind === 'leader' || kind === 'quorum') notice.region = subject;
  if (kind === 'health' && (subject === 'server' || subject === 'client')) notice.role = subject;
  return notice;
}
