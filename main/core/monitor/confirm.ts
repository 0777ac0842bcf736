/**
 * Second step of the detector: debounce observations into a confirmed view.
 *
 * A change counts only after it holds for `confirmPolls` consecutive polls; recovery has its own threshold
 * (`recoveryPolls`); one dropped poll never alerts; the first poll is a silent baseline.
 */
import { MemberStatusSchema, type MemberStatus } from '../../../common/domain.js';
import {
  NO_LEADER,
  baselineKey,
  flapNotice,
  isGone,
  isDistinctFact,
  isGoodValue,
  isSettledOn,
  keyKind,
  keySubject,
  prunedTransitions,
  stepKey,
} from './detect-keys.js';
import { quorumLevel } from './quorum.js';
import type {
  ConfirmedView,
  DetectorConfig,
  DetectorKeyMemory,
  DetectorMemory,
  FlapNotice,
  Observation,
  Reachability,
} from './types.js';

export interface ConfirmResult {
  memory: DetectorMemory;
  view: ConfirmedView;
  /** Keys that started flapping with this observation (one notice per flapping episode). */
  flapping: FlapNotice[];
}

/**
 * Debounces one observation against the detector memory (pure: the memory passed in is not modified; keys this
 * poll does not change are shared with it, copy-on-write, so a poll costs what it changes, not a deep clone).
 *
 * Keys: `reachability`; `member:<full name>` (status, null = absent); `leader:<region>` (address, "" = no
 * leader, null = region gone); `health:<role>` ('ok' / 'not ok'); `quorum:<region>` ('safe' / 'at-risk' / 'lost').
 *
 * - memory null → baseline: every observed key is confirmed at once, nothing changes in the view's history.
 *   The first member list seen (even after an unreachable baseline) is a baseline too.
 * - While reachability is not ok, member/leader/health/quorum keys are not observed: they keep their confirmed
 *   value and their counts are frozen (neither counted nor reset). Only the reachability key changes.
 *   While the agent answers again but its recovery is not confirmed yet, those keys count but do not confirm:
 *   pending changes are confirmed together with the recovery, so the diff sees them (it skips members while the
 *   view is not reachable).
 * - A member name seen after the baseline starts as absent and is confirmed like any change (a join); a name
 *   missing from a read member list is observed as absent (a removal). Leader and quorum keys of a region with
 *   no server left are observed as absent. Other keys seen for the first time are confirmed at once (the diff
 *   emits nothing for a key that had no previous value).
 * - Flapping and the per-key rule are in detect-keys.ts (stepKey): flapping damps oscillation but a value that
 *   holds is still confirmed, and a refused token / TLS failure is a distinct fact, never damped as network noise.
 *   Keys of members gone for good are pruned.
 */
export function confirm(memory: DetectorMemory | null, obs: Observation, cfg: DetectorConfig): ConfirmResult {
  // Copy-on-write: the key table is copied shallowly, a key object only when this poll changes it.
  const base = memory ?? { time: obs.time, keys: {}, membersBaseline: false, error: null, quorum: {} };
  const mem: DetectorMemory = { ...base, time: obs.time, keys: { ...base.keys } };
  const copied = new Set<string>();
  const writable = (key: string, k: DetectorKeyMemory): DetectorKeyMemory => {
    if (copied.has(key)) return k;
    copied.add(key);
    const copy = { ...k, recentTransitions: [...k.recentTransitions] };
    mem.keys[key] = copy;
    return copy;
  };
  const flapping: FlapNotice[] = [];

  const observed = observedValues(mem, obs);
  if (!mem.membersBaseline && obs.reachability === 'ok' && obs.members !== null) {
    for (const [name, status] of Object.entries(obs.members)) {
      mem.keys[`member:${name}`] = baselineKey(status);
      copied.add(`member:${name}`);
    }
    mem.membersBaseline = true;
  }
  let hold = false;
  for (const [key, value] of observed) {
    // `observed` lists reachability first: once stepped, other keys hold while it is not confirmed ok.
    const kind = keyKind(key);
    let k = mem.keys[key];
    if (k === undefined) {
      if (value === null) continue;
      if (kind !== 'member') {
        mem.keys[key] = baselineKey(value);
        continue;
      }
      k = baselineKey(null);
      mem.keys[key] = k;
      copied.add(key);
    }
    if (!isSettledOn(k, value)) {
      k = writable(key, k);
      const distinct = isDistinctFact(kind, value);
      if (stepKey(k, value, isGoodValue(kind, value), obs.time, cfg, hold, distinct)) {
        flapping.push(flapNotice(key, k, cfg));
      }
    }
    if (key === 'reachability') hold = k.confirmed !== 'ok';
  }
  for (const [key, k] of Object.entries(mem.keys)) {
    const kept = prunedTransitions(k.recentTransitions, obs.time, cfg);
    if (kept !== k.recentTransitions) writable(key, k).recentTransitions = kept;
    if (isGone(mem.keys[key] ?? k)) delete mem.keys[key];
  }
  updateError(mem, obs);
  updateQuorum(mem, obs);
  return { memory: mem, view: viewOf(mem, obs.time), flapping };
}

/** The value of every key observed in this poll (keys not observed this poll are absent from the map). */
function observedValues(mem: DetectorMemory, obs: Observation): Map<string, string | null> {
  const out = new Map<string, string | null>([['reachability', obs.reachability]]);
  if (obs.reachability !== 'ok') return out;
  if (obs.members !== null) {
    for (const key of Object.keys(mem.keys)) if (keyKind(key) === 'member') out.set(key, null);
    for (const [name, status] of Object.entries(obs.members)) out.set(`member:${name}`, status);
    for (const key of Object.keys(mem.keys)) {
      const region = keySubject(key);
      const gone = obs.quorum[region] === undefined && !(region in obs.leaders);
      if ((keyKind(key) === 'leader' || keyKind(key) === 'quorum') && gone) out.set(key, null);
    }
  }
  for (const [region, address] of Object.entries(obs.leaders))
    out.set(`leader:${region}`, address ?? NO_LEADER);
  for (const role of ['server', 'client'] as const) {
    const okNow = obs.health[role];
    if (okNow !== undefined) out.set(`health:${role}`, okNow ? 'ok' : 'not ok');
  }
  for (const [region, q] of Object.entries(obs.quorum)) out.set(`quorum:${region}`, quorumLevel(q));
  return out;
}

/** Keeps the failure details that go with the confirmed reachability. */
function updateError(mem: DetectorMemory, obs: Observation): void {
  const confirmed = mem.keys['reachability']?.confirmed ?? 'ok';
  if (confirmed === 'ok') mem.error = null;
  else if (obs.reachability === confirmed || mem.error === null) {
    mem.error = { kind: obs.errorKind, message: obs.errorMessage, detail: obs.errorDetail ?? null };
  }
}

/** Quorum figures follow the confirmed level: refreshed only while the observed level equals the confirmed one. */
function updateQuorum(mem: DetectorMemory, obs: Observation): void {
  const next: DetectorMemory['quorum'] = {};
  for (const [key, k] of Object.entries(mem.keys)) {
    if (keyKind(key) !== 'quorum' || k.confirmed === null) continue;
    const region = keySubject(key);
    const reachable = obs.reachability === 'ok' && mem.keys['reachability']?.confirmed === 'ok';
    const seen = reachable ? obs.quorum[region] : undefined;
    const kept = mem.quorum[region];
    if (seen !== undefined && quorumLevel(seen) === k.confirmed) next[region] = seen;
    else if (kept !== undefined) next[region] = kept;
  }
  mem.quorum = next;
}

const REACHABILITIES: readonly Reachability[] = ['ok', 'unreachable', 'forbidden', 'tls', 'error'];

/** Builds the confirmed view from memory (stored strings are checked, never cast). */
function viewOf(mem: DetectorMemory, time: number): ConfirmedView {
  const rawReach = mem.keys['reachability']?.confirmed ?? 'ok';
  const reachability = REACHABILITIES.find((r) => r === rawReach) ?? 'error';
  const members: Record<string, MemberStatus> | null = mem.membersBaseline ? {} : null;
  const leaders: Record<string, string | null> = {};
  const health: ConfirmedView['health'] = {};
  for (const key of Object.keys(mem.keys).sort()) {
    const value = mem.keys[key]?.confirmed ?? null;
    if (value === null) continue;
    const subject = keySubject(key);
    switch (keyKind(key)) {
      case 'member':
        if (members !== null) members[subject] = MemberStatusSchema.safeParse(value).data ?? 'unknown';
        break;
      case 'leader':
        leaders[subject] = value === NO_LEADER ? null : value;
        break;
      case 'health':
        if (subject === 'server' || subject === 'client') health[subject] = value === 'ok';
        break;
      default:
        break;
    }
  }
  return {
    time,
    reachability,
    errorKind: mem.error?.kind ?? null,
    errorMessage: mem.error?.message ?? null,
    errorDetail: mem.error?.detail ?? null,
    members,
    leaders,
    health,
    quorum: { ...mem.quorum },
  };
}
