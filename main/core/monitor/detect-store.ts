/**
 * Where the detector keeps its keys (DetectorMemory) and the copy-on-write draft confirm() edits. Member keys are
 * split into MEMBER_SHARDS shards by a hash of the name, so a poll that changes one member of 10,000 copies one
 * small shard, not the whole table; `active` lists the keys with anything pending, the only ones a poll revisits
 * without being asked. Everything stays plain JSON.
 */
import { own, putOwn } from '../../../common/dict.js';
import { baselineKey, isSettledOn, keyKind, keySubject } from './detect-keys.js';
import type { DetectorKeyMemory, DetectorMemory } from './types.js';

/** Number of member shards (a power of two). */
export const MEMBER_SHARDS = 64;
const SHARD_IDS = Array.from({ length: MEMBER_SHARDS }, (_, i) => String(i));
const MEMBER_PREFIX = 'member:';

/** The shard of a member name (FNV-1a of its UTF-16 units). */
export function shardOf(name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return SHARD_IDS[(h >>> 0) & (MEMBER_SHARDS - 1)] ?? '0';
}

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

/** An empty memory at `time`. */
export function emptyDetectorMemory(time: number): DetectorMemory {
  return {
    time,
    keys: {},
    members: {},
    memberCount: 0,
    active: [],
    membersBaseline: false,
    error: null,
    quorum: {},
  };
}

type Members = DetectorMemory['members'];

/**
 * Name → key state of a member table, so a poll finds a member with one lookup instead of hashing its name. Not
 * part of the memory (it stays plain JSON): built on first use, and handed over to the next poll's table when a
 * poll copies it (the table it came from rebuilds its own on demand, so an older memory is never misread).
 */
const indexes = new WeakMap<Members, Map<string, IndexEntry>>();

/** One member in the index: its key state, and the last poll (see nextPoll) whose list named it. */
export interface IndexEntry {
  k: DetectorKeyMemory;
  seen: number;
}

function indexOf(members: Members): Map<string, IndexEntry> {
  let index = indexes.get(members);
  if (index === undefined) {
    index = new Map();
    for (const shard of Object.values(members))
      for (const [name, k] of Object.entries(shard)) index.set(name, { k, seen: 0 });
    indexes.set(members, index);
  }
  return index;
}

let polls = 0;
/** A number no earlier poll used, to mark the index entries a poll's member list names (IndexEntry.seen). */
export function nextPoll(): number {
  polls += 1;
  return polls;
}

/** A member's key state. */
export function memberOf(memory: DetectorMemory, name: string): DetectorKeyMemory | undefined {
  return indexOf(memory.members).get(name)?.k;
}

/** Member name → index entry of a memory (drafts keep the key states in step with their writes). */
export function memberIndex(memory: DetectorMemory): ReadonlyMap<string, IndexEntry> {
  return indexOf(memory.members);
}

/** Any key's state by its full key ('reachability', 'member:<name>', 'leader:<region>', …). */
export function detectorKey(memory: DetectorMemory, key: string): DetectorKeyMemory | undefined {
  return keyKind(key) === 'member' ? memberOf(memory, keySubject(key)) : own(memory.keys, key);
}

/** Every key as [full key, state] (O(keys): for validation, tests and tools, never per poll). */
export function detectorKeyEntries(memory: DetectorMemory): [string, DetectorKeyMemory][] {
  const out = Object.entries(memory.keys);
  for (const shard of Object.values(memory.members))
    for (const [name, k] of Object.entries(shard)) out.push([MEMBER_PREFIX + name, k]);
  return out;
}

/** True when a key has nothing pending (raw = confirmed, no count, no flap history): it needs no revisit. */
export function isQuiet(k: DetectorKeyMemory): boolean {
  return isSettledOn(k, k.raw);
}

/** The sorted list of keys with something pending (what `active` must hold). */
export function activeKeys(entries: Iterable<[string, DetectorKeyMemory]>): string[] {
  const out: string[] = [];
  for (const [key, k] of entries) if (!isQuiet(k)) out.push(key);
  return out.sort();
}

/**
 * A working copy of a memory for one poll: the input is never modified; the key table, the member shard table,
 * a shard and a key object are each copied on their first write in this poll.
 */
export class DetectorDraft {
  readonly mem: DetectorMemory;
  /** Keys written this poll (full keys), re-checked when the poll ends. */
  readonly touched = new Set<string>();
  /** True once a member's confirmed value changed (the view's member map must be rebuilt). */
  membersChanged = false;
  /** Members whose confirmed value changed this poll (for the diff; may be incomplete when membersChanged is set
   * by a baseline, which has no previous view to diff against). */
  readonly changedMembers = new Set<string>();
  private membersCopied = false;
  private readonly shardsCopied = new Set<string>();
  private readonly fresh = new Set<DetectorKeyMemory>();

  constructor(base: DetectorMemory, time: number) {
    this.mem = { ...base, time, keys: { ...base.keys } };
  }

  /** Any key's current state. */
  get(key: string): DetectorKeyMemory | undefined {
    return detectorKey(this.mem, key);
  }

  /** A key's state that this poll may mutate (copied on first use). */
  writable(key: string, k: DetectorKeyMemory): DetectorKeyMemory {
    if (this.fresh.has(k)) return k;
    const copy = { ...k, recentTransitions: [...k.recentTransitions] };
    this.put(key, copy);
    return copy;
  }

  /** Stores a key this poll created or copied. */
  put(key: string, k: DetectorKeyMemory): void {
    this.fresh.add(k);
    this.touched.add(key);
    if (keyKind(key) !== 'member') {
      putOwn(this.mem.keys, key, k);
      return;
    }
    const name = keySubject(key);
    const shard = this.shard(shardOf(name));
    const before = own(shard, name);
    if (before === undefined) this.mem.memberCount += 1;
    if ((before?.confirmed ?? null) !== k.confirmed) this.memberChanged(name);
    putOwn(shard, name, k);
    const index = indexOf(this.mem.members);
    const entry = index.get(name);
    if (entry === undefined) index.set(name, { k, seen: 0 });
    else entry.k = k;
  }

  /** A member key seen for the first time. */
  addMember(name: string, value: string | null): DetectorKeyMemory {
    const k = baselineKey(value);
    this.put(MEMBER_PREFIX + name, k);
    return k;
  }

  /** Notes that a key this poll mutated in place may have changed its confirmed value. */
  confirmedMayChange(key: string, before: string | null, k: DetectorKeyMemory): void {
    if (before !== k.confirmed && keyKind(key) === 'member') this.memberChanged(keySubject(key));
  }

  /** Drops a key. */
  remove(key: string): void {
    if (keyKind(key) !== 'member') {
      delete this.mem.keys[key];
      return;
    }
    const name = keySubject(key);
    const shard = this.shard(shardOf(name));
    const k = own(shard, name);
    if (k === undefined) return;
    if (k.confirmed !== null) this.memberChanged(name);
    delete shard[name];
    indexOf(this.mem.members).delete(name);
    this.mem.memberCount -= 1;
    if (isEmpty(shard)) delete this.mem.members[shardOf(name)];
  }

  private memberChanged(name: string): void {
    this.membersChanged = true;
    this.changedMembers.add(name);
  }

  private shard(id: string): Record<string, DetectorKeyMemory> {
    if (!this.membersCopied) {
      const from = this.mem.members;
      this.mem.members = { ...from };
      this.membersCopied = true;
      const index = indexes.get(from);
      if (index !== undefined) {
        indexes.delete(from);
        indexes.set(this.mem.members, index);
      }
    }
    let shard = own(this.mem.members, id);
    if (shard === undefined || !this.shardsCopied.has(id)) {
      shard = { ...shard };
      this.mem.members[id] = shard;
      this.shardsCopied.add(id);
    }
    return shard;
  }
}
