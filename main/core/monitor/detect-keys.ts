/**
 * One debounced key of the detector: the per-key step behind Detector.confirm(). Mutates only the key object it
 * is given, so the rule can be read and tested in isolation. A new kind of key is a KeyKind, its prefix and its
 * good value here.
 */
import type { DetectorConfig, DetectorKeyMemory, FlapNotice } from './types.js';

/** The kinds of key the detector tracks, by prefix ("member:server-1.global"). */
export type KeyKind = 'reachability' | 'member' | 'leader' | 'health' | 'quorum';

/** Encoded "no leader" (what Nomad itself answers with `?stale` when there is none). */
export const NO_LEADER = '';

/** The kind of a key, from its prefix. */
const SUBJECT_KINDS = ['member', 'leader', 'health', 'quorum'] as const;

export function keyKind(key: string): KeyKind {
  return SUBJECT_KINDS.find((kind) => key.startsWith(`${kind}:`)) ?? 'reachability';
}

/** The key of a kind and its subject ("member:server-1.global"); the reachability key has no subject. */
export function detectorKey(kind: KeyKind, subject = ''): string {
  return kind === 'reachability' ? 'reachability' : `${kind}:${subject}`;
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

/** Flapping needs at least 2 transitions (a window of 0 ms or less keeps none, so it never flaps either). */
function flapEnabled(cfg: DetectorConfig): boolean {
  return cfg.flapTransitions >= 2;
}

/** While flapping, a value must hold this many times the usual count to be confirmed (damped, never swallowed). */
export const FLAP_CONFIRM_FACTOR = 2;

/** Drops raw transitions that left the flap window and caps the list (bounded memory). */
export function pruneTransitions(k: DetectorKeyMemory, time: number, cfg: DetectorConfig): void {
  const cap = flapEnabled(cfg) ? cfg.flapTransitions : 0;
  const kept = k.recentTransitions.filter((t) => time - t < cfg.flapWindowMs);
  k.recentTransitions = kept.slice(Math.max(0, kept.length - cap));
}

/**
 * A value that states a different fact than the oscillation flapping damps: the agent ANSWERED and refused the
 * token ('forbidden') or failed TLS ('tls'), values only the connection key takes. Those are never noise of a flaky network, so while the connection
 * key flaps they are confirmed at the usual count (a revoked token is reported even while the network flickers).
 */
export function isDistinctFact(value: string | null): boolean {
  return value === 'forbidden' || value === 'tls';
}

/** Consecutive observations a value needs before it is confirmed (see stepKey's table). */
export function confirmNeed(
  cfg: DetectorConfig,
  good: boolean,
  flapping: boolean,
  distinct: boolean,
): number {
  const base = Math.max(1, good ? cfg.recoveryPolls : cfg.confirmPolls);
  return flapping && !distinct ? FLAP_CONFIRM_FACTOR * base : base;
}

/**
 * True when stepping `value` cannot change the key: settled on it, nothing pending, no flap history. A count of 0
 * says the rest: the last value seen was the confirmed one, and a flapping key always has a count.
 */
export function isSettledOn(k: DetectorKeyMemory, value: string | null): boolean {
  return k.confirmed === value && k.count === 0 && k.recentTransitions.length === 0;
}

/**
 * Feeds one observed value to a key. Returns true when the key starts flapping with this observation.
 *
 * | situation                                                        | result                                      |
 * |------------------------------------------------------------------|---------------------------------------------|
 * | raw value changed between the same two values as before          | one transition recorded (flap window)       |
 * | raw value changed between other values (another kind of change)  | the count starts again with this one        |
 * | ≥ flapTransitions transitions within flapWindowMs, the value     | flapping starts: ONE flap notice            |
 * | moving AWAY from the confirmed one                               |                                             |
 * | not flapping, value ≠ confirmed, seen N× in a row                | confirmed (N = confirmPolls; recoveryPolls  |
 * |                                                                  | for the good value)                         |
 * | value = confirmed                                                | pending count reset                         |
 * | flapping, value seen FLAP_CONFIRM_FACTOR × N in a row            | confirmed (one event at most), flapping     |
 * |                                                                  | ends, flap history cleared                  |
 * | flapping, value is a distinct fact (403 / TLS on the connection) | confirmed after N in a row (not damped)     |
 * | flapping, raw stable for flapWindowMs                            | confirmed, flapping ends (slow pollers)     |
 * | `hold` (cluster not confirmed reachable yet)                     | counts grow, confirmation waits             |
 *
 * Only changes of the same kind add up: a dropped poll (ok → unreachable → ok) and a revoked then restored
 * token (ok → forbidden → ok) are two kinds, so together they are no flapping; one dropped poll alone is two
 * transitions, never enough. A repeated one is (the same kind, repeated). Flapping never starts on a return to
 * the confirmed value: that is the moment things became stable, not the moment to say they flap.
 *
 * Flapping damps oscillation, it never swallows a sustained value: a failure that holds while the key flaps is
 * still confirmed (later), and its event still comes. Settling on the value confirmed before the flapping emits
 * nothing. `hold` lets counts grow but delays confirmation (and the end of flapping) until a call without hold,
 * so a view never changes members while it still says "unreachable".
 */
export function stepKey(
  k: DetectorKeyMemory,
  value: string | null,
  good: boolean,
  time: number,
  cfg: DetectorConfig,
  hold: boolean,
  distinct: boolean,
): boolean {
  if (k.raw !== value) {
    const pair = JSON.stringify([k.raw, value].sort());
    if (k.flapPair !== pair) {
      k.flapPair = pair;
      k.recentTransitions = [];
    }
    k.raw = value;
    k.lastRawChange = time;
    k.recentTransitions.push(time);
  }
  pruneTransitions(k, time, cfg);
  let started = false;
  if (
    flapEnabled(cfg) &&
    !k.flapping &&
    value !== k.confirmed &&
    k.recentTransitions.length >= cfg.flapTransitions
  ) {
    k.flapping = true;
    started = true;
  }
  if (!k.flapping && value === k.confirmed) {
    k.candidate = null;
    k.count = 0;
    return started;
  }
  if (k.candidate === value) k.count += 1;
  else {
    k.candidate = value;
    k.count = 1;
  }
  const stableLong = k.lastRawChange === null || time - k.lastRawChange >= cfg.flapWindowMs;
  const settled = k.count >= confirmNeed(cfg, good, k.flapping, distinct) || (k.flapping && stableLong);
  if (settled && !hold) {
    k.confirmed = value;
    k.candidate = null;
    k.count = 0;
    if (k.flapping) {
      k.flapping = false;
      k.recentTransitions = [];
    }
  }
  return started;
}

/** The flap notice for a key that just started flapping. */
export function flapNotice(key: string, k: DetectorKeyMemory, cfg: DetectorConfig): FlapNotice {
  const notice: FlapNotice = { key, transitions: k.recentTransitions.length, windowMs: cfg.flapWindowMs };
  const kind = keyKind(key);
  const subject = keySubject(key);
  if (kind === 'member') notice.member = subject;
  if (kind === 'leader' || kind === 'quorum') notice.region = subject;
  if (kind === 'health') notice.role = subject === 'client' ? 'client' : 'server';
  return notice;
}
