/**
 * Small builders for detector tests: observations and the detector config. Members, leader lookups and
 * snapshots come from test/support/builders.ts and are re-exported here for the detector and alert tests.
 */
import type { MemberStatus } from '../../common/nomad-domain.js';
import type { ConfirmedView, DetectorConfig, Observation } from '../../main/core/monitor/types.js';

/** One member of an observation's list. */
type ObservedMember = NonNullable<Observation['members']>[number];

export * from '../support/builders.js';

/** An observation's member list from a plain name → status record. */
export function memberList(record: Record<string, MemberStatus>): ObservedMember[] {
  return Object.entries(record).map(([name, status]) => ({ name, status }));
}

/** A member list back as a plain name → status record (the last status of a name wins). */
export function statusRecord(list: readonly ObservedMember[]): Record<string, MemberStatus> {
  return Object.fromEntries(list.map((m) => [m.name, m.status]));
}

/** An observation with three alive servers in `global`, overridable. */
export function makeObservation(overrides: Partial<Observation> = {}): Observation {
  return {
    time: 0,
    reachability: 'ok',
    errorKind: null,
    errorMessage: null,
    errorDetail: null,
    members: memberList({
      'server-1.global': 'alive',
      'server-2.global': 'alive',
      'server-3.global': 'alive',
    }),
    leaders: { global: '127.0.1.1:4647' },
    health: { server: true },
    quorum: { global: { alive: 3, expected: 3, canLose: 1 } },
    ...overrides,
  };
}

/** A confirmed view equal to makeObservation()'s (members as a plain record, as confirm() gives them). */
export function makeView(overrides: Partial<ConfirmedView> = {}): ConfirmedView {
  const { members, ...rest } = makeObservation();
  return { ...rest, members: members === null ? null : statusRecord(members), ...overrides };
}

/** An unreachable observation (connection refused). */
export function unreachableObservation(time: number): Observation {
  return makeObservation({
    time,
    reachability: 'unreachable',
    errorKind: 'unreachable',
    errorMessage: 'connect ECONNREFUSED 127.0.0.1:4646',
    errorDetail: 'connect ECONNREFUSED 127.0.0.1:4646',
    members: null,
    leaders: {},
    health: {},
    quorum: {},
  });
}

export const defaultConfig: DetectorConfig = {
  confirmPolls: 2,
  recoveryPolls: 2,
  flapTransitions: 4,
  flapWindowMs: 60_000,
};
