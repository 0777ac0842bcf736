/**
 * Second step of the detector: debounce observations into a confirmed view.
 *
 * A change counts only after it holds for `confirmPolls` consecutive polls; recovery has its own threshold
 * (`recoveryPolls`); one dropped poll never alerts; the first poll is a silent baseline.
 */
import { hasOwn, own, putOwn } from '../../../common/dict.js';
import type { MemberStatus } from '../../../common/domain.js';
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
import { DetectorDraft, emptyDetectorMemory, isQuiet, memberIndex, nextPoll } from './detect-store.js';
import { viewOf } from './detect-view.js';
import { quorumLevel } from './quorum.js';
import type {
  ConfirmedView,
  DetectorConfig,
  DetectorKeyMemory,
  DetectorMemory,
  FlapNotice,
  ObservedMember,
  Observation,
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
  const base = memory ?? emptyDetectorMemory(obs.time);
  const d = new DetectorDraft(base, obs.time);
  const flapping: FlapNotice[] = [];
  let hold = false;
  const step = (key: string, k: DetectorKeyMemory, value: string | null): void => {
    const kind = keyKind(key);
    const w = d.writable(key, k);
    const before = w.confirmed;
    if (stepKey(w, value, isGoodValue(kind, value), obs.time, cfg, hold, isDistinctFact(kind, value))) {
      flapping.push(flapNotice(key, w, cfg));
    }
    d.confirmedMayChange(key, before, w);
  };
  const visit = (key: string, value: string | null): void => {
    const k = d.get(key);
    if (k === undefined) {
      if (value !== null) d.put(key, baselineKey(value));
    } else if (!isSettledOn(k, value)) step(key, k, value);
  };

  if (!d.mem.membersBaseline && obs.reachability === 'ok' && obs.members !== null) {
    for (const { name, status } of obs.members) d.addMember(name, status);
    d.mem.membersBaseline = true;
    d.membersChanged = true;
  }
  // Reachability first: once stepped, the other keys hold while it is not confirmed ok.
  visit('reachability', obs.reachability);
  hold = (d.get('reachability')?.confirmed ?? 'ok') !== 'ok';
  if (obs.reachability === 'ok') {
    if (obs.members !== null) {
      observeMembers(d, obs.members, step);
      for (const key of Object.keys(d.mem.keys)) {
        const kind = keyKind(key);
        const region = keySubject(key);
        const gone = own(obs.quorum, region) === undefined && !hasOwn(obs.leaders, region);
        if ((kind === 'leader' || kind === 'quorum') && gone) visit(key, null);
      }
    }
    for (const [region, address] of Object.entries(obs.leaders))
      visit(`leader:${region}`, address ?? NO_LEADER);
    for (const role of ['server', 'client'] as const) {
      const okNow = obs.health[role];
      if (okNow !== undefined) visit(`health:${role}`, okNow ? 'ok' : 'not ok');
    }
    for (const [region, q] of Object.entries(obs.quorum)) visit(`quorum:${region}`, quorumLevel(q));
  }
  settle(d, base.active, obs.time, cfg);
  updateError(d.mem, obs);
  updateQuorum(d.mem, obs);
  return { memory: d.mem, view: viewOf(d, base, obs.time), flapping };
}

type Step = (key: string, k: DetectorKeyMemory, value: string | null) => void;

/**
 * Steps the member keys whose observed status differs from what they settled on: O(1) and no allocation for
 * a settled member that did not change. A known name missing from the list is observed as absent; a new name
 * starts absent (a join to confirm). A name listed twice counts once, with its last status.
 */
function observeMembers(d: DetectorDraft, members: readonly ObservedMember[], step: Step): void {
  const changes = memberChanges(d, members) ?? memberChanges(d, lastOfEach(members));
  if (changes === null) return; // unreachable: lastOfEach lists every name once
  for (const [name, k, status] of changes) {
    step(`member:${name}`, k ?? d.addMember(name, null), status);
  }
}

/**
 * One pass over the list: the members to step (new ones with no key yet), then the known members it did not
 * name. Null when a name is listed twice (the caller dedupes and asks again). Reads the index only: nothing is
 * stepped before the whole list is known.
 */
function memberChanges(
  d: DetectorDraft,
  members: readonly ObservedMember[],
): [string, DetectorKeyMemory | undefined, MemberStatus | null][] | null {
  // The index is one Map for the whole poll: a draft that copies the member table carries the same Map along.
  const index = memberIndex(d.mem);
  const poll = nextPoll();
  const out: [string, DetectorKeyMemory | undefined, MemberStatus | null][] = [];
  let added: Set<string> | null = null;
  let seen = 0;
  for (const { name, status } of members) {
    const entry = index.get(name);
    if (entry === undefined) {
      added ??= new Set();
      if (added.has(name)) return null;
      added.add(name);
      out.push([name, undefined, status]);
      continue;
    }
    if (entry.seen === poll) return null;
    entry.seen = poll;
    seen += 1;
    if (!isSettledOn(entry.k, status)) out.push([name, entry.k, status]);
  }
  if (seen < index.size) {
    for (const [name, entry] of index) {
      if (entry.seen !== poll && !isSettledOn(entry.k, null)) out.push([name, entry.k, null]);
    }
  }
  return out;
}

/** The list with each name once, at the place of its first mention, with its last status. */
function lastOfEach(members: readonly ObservedMember[]): ObservedMember[] {
  const last = new Map<string, MemberStatus>();
  for (const { name, status } of members) last.set(name, status);
  return [...last].map(([name, status]) => ({ name, status }));
}

/** Ends a poll: prunes the flap history of every pending key, drops keys gone for good, rebuilds `active`. */
function settle(d: DetectorDraft, wasActive: readonly string[], time: number, cfg: DetectorConfig): void {
  const revisit = new Set([...wasActive, ...d.touched]);
  const active: string[] = [];
  for (const key of revisit) {
    let k = d.get(key);
    if (k === undefined) continue;
    const kept = prunedTransitions(k.recentTransitions, time, cfg);
    if (kept !== k.recentTransitions) {
      k = d.writable(key, k);
      k.recentTransitions = kept;
    }
    if (isGone(k)) d.remove(key);
    else if (!isQuiet(k)) active.push(key);
  }
  d.mem.active = active.sort();
}

/** Keeps the failure details that go with the confirmed reachability. */
function updateError(mem: DetectorMemory, obs: Observation): void {
  const confirmed = own(mem.keys, 'reachability')?.confirmed ?? 'ok';
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
    const reachable = obs.reachability === 'ok' && own(mem.keys, 'reachability')?.confirmed === 'ok';
    const seen = reachable ? own(obs.quorum, region) : undefined;
    const kept = own(mem.quorum, region);
    if (seen !== undefined && quorumLevel(seen) === k.confirmed) putOwn(next, region, seen);
    else if (kept !== undefined) putOwn(next, region, kept);
  }
  mem.quorum = next;
}
