/**
 * The confirmed view confirm() returns, built from the draft memory. The member map is the costly part at
 * 10,000 members, so it is shared between polls that confirm no member change, rebuilt only when one changes,
 * and the names that changed are remembered (memberChanges) so the diff does not compare every member.
 */
import { own, putOwn } from '../../../common/dict.js';
import { MemberStatusSchema, type MemberStatus } from '../../../common/domain.js';
import { NO_LEADER, keyKind, keySubject } from './detect-keys.js';
import { memberIndex, type DetectorDraft } from './detect-store.js';
import type { ConfirmedView, DetectorMemory, Reachability } from './types.js';

type MemberView = Record<string, MemberStatus>;

const REACHABILITIES: readonly Reachability[] = ['ok', 'unreachable', 'forbidden', 'tls', 'error'];
const STATUSES: ReadonlySet<string> = new Set<string>(MemberStatusSchema.options);
const isStatus = (value: string): value is MemberStatus => STATUSES.has(value);

/** The confirmed member map of a member table (shared by the memories of polls that changed none). */
const viewMembers = new WeakMap<DetectorMemory['members'], MemberView>();
/**
 * For a member map built from an earlier one: the earlier map's id and the names whose status differs, sorted.
 * An id, not the map itself: holding the earlier map would chain every map ever built to the latest (a leak).
 */
const changes = new WeakMap<MemberView, { from: number; names: string[] }>();
const viewIds = new WeakMap<MemberView, number>();
let lastViewId = 0;

function idOf(view: MemberView): number {
  let id = viewIds.get(view);
  if (id === undefined) {
    lastViewId += 1;
    id = lastViewId;
    viewIds.set(view, id);
  }
  return id;
}

/**
 * The names whose status differs between two confirmed member maps, sorted, when `next` was built by confirm()
 * from `prev`; null when unknown (the caller then compares the maps). Same map → no names.
 */
export function memberChanges(prev: MemberView, next: MemberView): string[] | null {
  if (prev === next) return [];
  const c = changes.get(next);
  return c !== undefined && viewIds.get(prev) === c.from ? c.names : null;
}

/** The confirmed members (stored strings are checked, never cast); rebuilt only when a confirmed value changed. */
function membersView(d: DetectorDraft, base: DetectorMemory): MemberView | null {
  if (!d.mem.membersBaseline) return null;
  const previous = viewMembers.get(base.members);
  const cached = viewMembers.get(d.mem.members) ?? (d.membersChanged ? undefined : previous);
  if (cached !== undefined) {
    viewMembers.set(d.mem.members, cached);
    return cached;
  }
  const out: MemberView = {};
  for (const [name, { k }] of memberIndex(d.mem)) {
    const value = k.confirmed;
    if (value === null) continue;
    putOwn(out, name, isStatus(value) ? value : 'unknown');
  }
  viewMembers.set(d.mem.members, out);
  if (previous !== undefined && base.membersBaseline) {
    changes.set(out, { from: idOf(previous), names: [...d.changedMembers].sort() });
  }
  return out;
}

/** Builds the confirmed view from the draft memory (stored strings are checked, never cast). */
export function viewOf(d: DetectorDraft, base: DetectorMemory, time: number): ConfirmedView {
  const mem = d.mem;
  const rawReach = own(mem.keys, 'reachability')?.confirmed ?? 'ok';
  const reachability = REACHABILITIES.find((r) => r === rawReach) ?? 'error';
  const leaders: Record<string, string | null> = {};
  const health: ConfirmedView['health'] = {};
  for (const key of Object.keys(mem.keys).sort()) {
    const value = own(mem.keys, key)?.confirmed ?? null;
    if (value === null) continue;
    const subject = keySubject(key);
    const kind = keyKind(key);
    if (kind === 'leader') putOwn(leaders, subject, value === NO_LEADER ? null : value);
    else if (kind === 'health' && (subject === 'server' || subject === 'client'))
      health[subject] = value === 'ok';
  }
  return {
    time,
    reachability,
    errorKind: mem.error?.kind ?? null,
    errorMessage: mem.error?.message ?? null,
    errorDetail: mem.error?.detail ?? null,
    members: membersView(d, base),
    leaders,
    health,
    quorum: { ...mem.quorum },
  };
}
