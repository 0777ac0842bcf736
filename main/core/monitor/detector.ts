/**
 * The detector of one cluster, an object the engine owns: each poll's snapshot is observed, debounced into a
 * confirmed view, and the confirmed changes become events (snapshot → observe → confirm → diff). Its memory is
 * kept in Maps and never leaves it: a new Detector starts with a silent baseline.
 *
 * A change counts only after it holds for `confirmPolls` consecutive polls; recovery has its own threshold
 * (`recoveryPolls`); one dropped poll never alerts; the first poll is a silent baseline. The per-key rule
 * (counting, flapping) is stepKey in detect-keys.ts.
 *
 * Keys: `reachability`; `member:<full name>` (status, null = absent); `leader:<region>` (address, "" = no
 * leader, null = region gone); `health:<role>` ('ok' / 'not ok'); `quorum:<region>` ('safe' / 'at-risk' / 'lost').
 *
 * - While reachability is not ok, member/leader/health/quorum keys are not observed: they keep their confirmed
 *   value and their counts are frozen (neither counted nor reset). Only the reachability key changes.
 *   While the agent answers again but its recovery is not confirmed yet, those keys count but do not confirm:
 *   pending changes are confirmed together with the recovery, so the diff sees them (it skips members while the
 *   view is not reachable).
 * - The first member list seen (even after an unreachable baseline) is a baseline. A member name seen after it
 *   starts as absent and is confirmed like any change (a join); a name missing from a read member list is
 *   observed as absent (a removal). Leader and quorum keys of a region with no server left are observed as
 *   absent. Other keys seen for the first time are confirmed at once (the diff emits nothing for a key that had
 *   no previous value). Keys gone for good are dropped.
 * - A poll costs what it changes: a settled member that did not change is one Map lookup; the confirmed member
 *   map is shared between views until a member's confirmed status changes.
 */
import { own, putOwn } from '../../../common/dict.js';
import { MemberStatusSchema } from '../../../common/nomad-domain.js';
import type { ClusterSnapshot, MonitorEvent, Quorum } from '../../../common/domain.js';
import type { MemberStatus, NomadErrorKind } from '../../../common/nomad-domain.js';
import {
  NO_LEADER,
  baselineKey,
  detectorKey,
  flapNotice,
  isDistinctFact,
  isGoodValue,
  isSettledOn,
  keyKind,
  keySubject,
  stepKey,
  type KeyKind,
} from './detect-keys.js';
import { diffViews, flapEvents } from './diff.js';
import { observe } from './observe.js';
import { quorumLevel } from './quorum.js';
import type {
  ConfirmedView,
  DetectorConfig,
  DetectorKeyMemory,
  FlapNotice,
  Observation,
  Reachability,
} from './types.js';

export interface ConfirmResult {
  view: ConfirmedView;
  /** Keys that started flapping with this observation (one notice per flapping episode). */
  flapping: FlapNotice[];
  /**
   * Members whose confirmed status changed with this observation, sorted (the diff needs to look at no other);
   * none for the baseline.
   */
  changedMembers: string[];
}

const REACHABILITY = 'reachability';
const REACHABILITIES: readonly Reachability[] = ['ok', 'unreachable', 'forbidden', 'tls', 'error'];
const STATUSES: ReadonlySet<string> = new Set<string>(MemberStatusSchema.options);
const isStatus = (value: string): value is MemberStatus => STATUSES.has(value);
const memberStatus = (value: string): MemberStatus => (isStatus(value) ? value : 'unknown');

/** One listed name as observed: its name and value ('alive', …). */
interface Listed {
  readonly name: string;
  readonly status: string;
}

/** A listed key's state and the last scan (see ListedKeys.scan) whose list named it. */
interface Slot {
  k: DetectorKeyMemory;
  seen: number;
}

/** A key to step: its name, its state (undefined: not known yet) and the observed value (null = absent). */
type Change = [name: string, k: DetectorKeyMemory | undefined, value: string | null];

/** What a poll's list says, read before anything is written (ListedKeys.read). */
interface Reading {
  /** The first list, each name once: confirmed at once. */
  baseline: Listed[] | null;
  changes: Change[];
}

/** The list with each name once, at the place of its first mention, with its last value. */
function lastOfEach(list: readonly Listed[]): Listed[] {
  const last = new Map<string, string>();
  for (const { name, status } of list) last.set(name, status);
  return [...last].map(([name, status]) => ({ name, status }));
}

/**
 * Keys of one kind that arrive as a whole list every poll (`member:<name>`; another listed kind is another
 * instance): the first list is a silent baseline; afterwards a new name starts absent and a known name missing
 * from the list is observed as absent. Names keep the order they were first seen in.
 */
class ListedKeys<V extends string> {
  private readonly slots = new Map<string, Slot>();
  /** True once a list has been observed. */
  private baseline = false;
  /** Names whose confirmed value changed this poll. */
  private readonly changed = new Set<string>();
  private scans = 0;
  private confirmedMap: Record<string, V> | null = null;

  constructor(
    readonly kind: KeyKind,
    private readonly decode: (value: string) => V,
  ) {}

  get(name: string): DetectorKeyMemory | undefined {
    return this.slots.get(name)?.k;
  }

  *entries(): Generator<[string, DetectorKeyMemory]> {
    for (const [name, slot] of this.slots) yield [name, slot.k];
  }

  /**
   * A name seen for the first time, confirmed at `value` (null: absent, a join to confirm). Not a change: the
   * baseline is silent, and a join changes nothing until it is confirmed.
   */
  private add(name: string, value: string | null): DetectorKeyMemory {
    const k = baselineKey(value);
    this.slots.set(name, { k, seen: 0 });
    return k;
  }

  /** Drops a name gone for good (confirmed absent already, so not a change). */
  remove(name: string): void {
    this.slots.delete(name);
  }

  /**
   * Reads a poll's list (null: not read) and changes no key: the first list is the baseline (each name once, with
   * its last value); after it, the names whose value differs from what they settled on (new ones with no key yet),
   * then the known names the list does not mention (observed absent). A name listed twice counts once, with its
   * last value.
   */
  read(list: readonly Listed[] | null): Reading {
    if (list === null) return { baseline: null, changes: [] };
    if (!this.baseline) return { baseline: lastOfEach(list), changes: [] };
    return { baseline: null, changes: this.scan(list) ?? this.scan(lastOfEach(list)) ?? [] };
  }

  /** Writes what read() found: the baseline, or each change stepped by `step` (which gets the full key). */
  apply(reading: Reading, step: (key: string, k: DetectorKeyMemory, value: string | null) => void): void {
    if (reading.baseline !== null) {
      for (const { name, status } of reading.baseline) this.add(name, status);
      this.baseline = true;
    }
    for (const [name, known, value] of reading.changes) {
      const k = known ?? this.add(name, null);
      const before = k.confirmed;
      step(detectorKey(this.kind, name), k, value);
      if (before !== k.confirmed) this.changed.add(name);
    }
  }

  /**
   * One pass over the list; null when a known name is listed twice (the caller dedupes and asks again). A new name
   * listed twice is added twice: apply() lets the second replace the first, so its last value counts.
   */
  private scan(list: readonly Listed[]): Change[] | null {
    this.scans += 1;
    const scan = this.scans;
    const out: Change[] = [];
    let seen = 0;
    for (const { name, status } of list) {
      const slot = this.slots.get(name);
      if (slot === undefined) {
        out.push([name, undefined, status]);
        continue;
      }
      if (slot.seen === scan) return null;
      slot.seen = scan;
      seen += 1;
      if (!isSettledOn(slot.k, status)) out.push([name, slot.k, status]);
    }
    if (seen < this.slots.size) {
      for (const [name, slot] of this.slots) {
        if (slot.seen !== scan && !isSettledOn(slot.k, null)) out.push([name, slot.k, null]);
      }
    }
    return out;
  }

  /**
   * Ends a poll: the confirmed map (null before the baseline; the same object as before when no confirmed value
   * changed) and the names that changed, sorted.
   */
  endPoll(): { confirmed: Record<string, V> | null; changed: string[] } {
    const changed = [...this.changed].sort();
    this.changed.clear();
    if (!this.baseline) return { confirmed: null, changed };
    if (this.confirmedMap === null || changed.length > 0) {
      const out: Record<string, V> = {};
      for (const [name, { k }] of this.slots) {
        if (k.confirmed !== null) putOwn(out, name, this.decode(k.confirmed));
      }
      this.confirmedMap = out;
    }
    return { confirmed: this.confirmedMap, changed };
  }
}

export class Detector {
  /** Cluster-wide keys ('reachability', 'leader:<region>', 'health:<role>', 'quorum:<region>') → state. */
  private readonly keys = new Map<string, DetectorKeyMemory>();
  private readonly members = new ListedKeys<MemberStatus>('member', memberStatus);
  /** The failure details of the confirmed reachability (all null while it is ok). */
  private error: {
    kind: NomadErrorKind | null;
    message: string | null;
    detail: string | null;
    acl: Observation['errorAcl'];
  } = { kind: null, message: null, detail: null, acl: null };
  /** Confirmed quorum figures per region (follow the confirmed quorum level). */
  private quorum = new Map<string, Quorum>();
  /** The view of the last poll (null before the first). */
  private last: ConfirmedView | null = null;

  /**
   * One poll: the events it confirms (none for the first poll, a baseline), in the diff's stable order, then
   * flapping notices. The snapshot and its member list are read before anything is written, so an answer that
   * throws when read leaves the memory as it was.
   */
  step(
    snapshot: ClusterSnapshot,
    cluster: { id: string; name: string },
    cfg: DetectorConfig,
  ): MonitorEvent[] {
    const observation = observe(snapshot);
    const prev = this.last;
    const r = this.confirm(observation, cfg);
    const ctx = { clusterId: cluster.id, clusterName: cluster.name, time: snapshot.time };
    return [...diffViews(prev, r.view, ctx, r.changedMembers), ...flapEvents(r.flapping, ctx)];
  }

  /** Debounces one observation into the confirmed view (see the file's header). */
  confirm(obs: Observation, cfg: DetectorConfig): ConfirmResult {
    // Every list is read before the first write: an answer that throws when read leaves the memory as it was.
    const members = this.members.read(obs.reachability === 'ok' ? obs.members : null);
    const flapping: FlapNotice[] = [];
    const touched: string[] = [];
    let hold = false;
    const step = (key: string, k: DetectorKeyMemory, value: string | null): void => {
      const kind = keyKind(key);
      touched.push(key);
      if (stepKey(k, value, isGoodValue(kind, value), obs.time, cfg, hold, isDistinctFact(value))) {
        flapping.push(flapNotice(key, k, cfg));
      }
    };
    const visit = (key: string, value: string | null): void => {
      const k = this.keys.get(key);
      // A key seen for the first time is never absent (absent is only observed for known keys).
      if (k === undefined) this.keys.set(key, baselineKey(value));
      else if (!isSettledOn(k, value)) step(key, k, value);
    };

    // Reachability first: once stepped, the other keys hold while it is not confirmed ok.
    visit(REACHABILITY, obs.reachability);
    hold = this.reachability() !== 'ok';
    if (obs.reachability === 'ok') {
      this.members.apply(members, step);
      // An ok observation has its member list (observe()), so a region missing from it has no server left.
      for (const key of this.keys.keys()) {
        const kind = keyKind(key);
        const region = keySubject(key);
        const gone = own(obs.quorum, region) === undefined && !Object.hasOwn(obs.leaders, region);
        if ((kind === 'leader' || kind === 'quorum') && gone) visit(key, null);
      }
      for (const [region, address] of Object.entries(obs.leaders))
        visit(`leader:${region}`, address ?? NO_LEADER);
      for (const role of ['server', 'client'] as const) {
        const okNow = obs.health[role];
        if (okNow !== undefined) visit(`health:${role}`, okNow ? 'ok' : 'not ok');
      }
      for (const [region, q] of Object.entries(obs.quorum)) visit(`quorum:${region}`, quorumLevel(q));
    }
    this.settle(touched);
    this.updateError(obs);
    this.updateQuorum(obs);
    const ended = this.members.endPoll();
    this.last = this.viewAt(obs.time, ended.confirmed);
    return { view: this.last, flapping, changedMembers: ended.changed };
  }

  /**
   * After a sleep/resume: forgets the connection's flap history (recent raw transitions, the flapping flag), which
   * says nothing about the network after it (a laptop lid closed for 30 s must not turn the first flicker after
   * wake into "flapping"). The confirmed value and a pending count are kept, so a change that was being confirmed
   * before the sleep is still confirmed normally.
   */
  wake(): void {
    const k = this.keys.get(REACHABILITY);
    if (k === undefined) return;
    k.recentTransitions = [];
    k.flapping = false;
  }

  /** Any key's state by its full key ('reachability', 'member:<name>', 'leader:<region>', …). */
  key(key: string): Readonly<DetectorKeyMemory> | undefined {
    return this.state(key);
  }

  /** Every key as [full key, state] (O(keys): for tests and tools, never per poll). */
  entries(): [string, Readonly<DetectorKeyMemory>][] {
    const out = [...this.keys];
    for (const [name, k] of this.members.entries()) out.push([detectorKey(this.members.kind, name), k]);
    return out;
  }

  /** The listed keys of a kind (members), undefined for the kinds kept in `keys`. */
  private listed(kind: KeyKind): ListedKeys<string> | undefined {
    return kind === this.members.kind ? this.members : undefined;
  }

  private state(key: string): DetectorKeyMemory | undefined {
    const list = this.listed(keyKind(key));
    return list === undefined ? this.keys.get(key) : list.get(keySubject(key));
  }

  private remove(key: string): void {
    const list = this.listed(keyKind(key));
    if (list === undefined) this.keys.delete(key);
    else list.remove(keySubject(key));
  }

  /**
   * Ends a poll: drops the keys stepped this poll that are gone for good (settled on absent: nothing pending, no
   * flap history). Only a step changes a key, and a key with a flap history is stepped (so pruned) at every poll
   * that observes it.
   */
  private settle(touched: readonly string[]): void {
    for (const key of touched) {
      const k = this.state(key);
      if (k !== undefined && isSettledOn(k, null)) this.remove(key);
    }
  }

  /** The confirmed reachability (its key exists from the first poll on). */
  private reachability(): string {
    return this.keys.get(REACHABILITY)?.confirmed ?? 'ok';
  }

  /**
   * Keeps the failure details that go with the confirmed reachability: those of the last poll that observed it
   * (all null while ok). A value is confirmed at a poll that observed it, so a pending other failure never
   * replaces them.
   */
  private updateError(obs: Observation): void {
    if (obs.reachability !== this.reachability()) return;
    this.error = {
      kind: obs.errorKind,
      message: obs.errorMessage,
      detail: obs.errorDetail ?? null,
      acl: obs.errorAcl ?? null,
    };
  }

  /** Quorum figures follow the confirmed level: refreshed only while the observed level equals the confirmed one. */
  private updateQuorum(obs: Observation): void {
    const reachable = obs.reachability === 'ok' && this.reachability() === 'ok';
    const next = new Map<string, Quorum>();
    for (const [key, k] of this.keys) {
      if (keyKind(key) !== 'quorum' || k.confirmed === null) continue;
      const region = keySubject(key);
      const seen = reachable ? own(obs.quorum, region) : undefined;
      const kept = this.quorum.get(region);
      if (seen !== undefined && quorumLevel(seen) === k.confirmed) next.set(region, seen);
      else if (kept !== undefined) next.set(region, kept);
    }
    this.quorum = next;
  }

  /** The confirmed view (stored strings are checked, never cast). */
  private viewAt(time: number, members: Record<string, MemberStatus> | null): ConfirmedView {
    const rawReach = this.reachability();
    const reachability = REACHABILITIES.find((r) => r === rawReach) ?? 'error';
    const leaders: Record<string, string | null> = {};
    const health: ConfirmedView['health'] = {};
    for (const [key, { confirmed: value }] of this.keys) {
      if (value === null) continue;
      const subject = keySubject(key);
      const kind = keyKind(key);
      if (kind === 'leader') putOwn(leaders, subject, value === NO_LEADER ? null : value);
      else if (kind === 'health') health[subject === 'client' ? 'client' : 'server'] = value === 'ok';
    }
    const quorum: Record<string, Quorum> = {};
    for (const [region, q] of this.quorum) putOwn(quorum, region, q);
    return {
      time,
      reachability,
      errorKind: this.error.kind,
      errorMessage: this.error.message,
      errorDetail: this.error.detail,
      errorAcl: this.error.acl,
      members,
      leaders,
      health,
      quorum,
    };
  }
}
