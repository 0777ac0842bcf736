/**
 * What each Nomad client error kind means to its consumers, in one table: whether the agent answered at all
 * (the cluster is reachable, just refusing or odd), whether it is an outage (failover to the next address and
 * backoff apply), and the CLI exit code it leads to. Every consumer reads this table; none switches on kinds.
 */
import type { NomadError, NomadErrorKind } from '../../../common/nomad-domain.js';

/** CLI exit codes (sysexits.h style for usage and configuration: 64, 78). README's table lists exactly these. */
export const EXIT = { ok: 0, problem: 1, unreachable: 2, usage: 64, config: 78 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface ErrorKindMeaning {
  /** A response arrived: the agent is up (a refusal or an odd answer, not an outage). */
  answered: boolean;
  /** Nothing usable came back from this address: try the next one, and back off. */
  outage: boolean;
  /** Exit code of a CLI command that ends with this error. */
  exit: ExitCode;
  /**
   * The failure is on Nomad Tray's side, not the agent's (unusable settings or TLS/token files, a member list over
   * the cap, an internal error): the cluster shows the `error` state with this label before the message. Null for
   * the agent's failures.
   */
  ours?: string;
}

export const ERROR_KINDS: Readonly<Record<NomadErrorKind, ErrorKindMeaning>> = {
  config: { answered: false, outage: false, exit: EXIT.config, ours: 'settings' },
  unreachable: { answered: false, outage: true, exit: EXIT.unreachable },
  timeout: { answered: false, outage: true, exit: EXIT.unreachable },
  tls: { answered: false, outage: false, exit: EXIT.unreachable },
  forbidden: { answered: true, outage: false, exit: EXIT.unreachable },
  'not-found': { answered: true, outage: false, exit: EXIT.problem },
  'wrong-role': { answered: true, outage: false, exit: EXIT.problem },
  'no-leader': { answered: true, outage: false, exit: EXIT.problem },
  'no-servers': { answered: true, outage: false, exit: EXIT.problem },
  'bad-request': { answered: true, outage: false, exit: EXIT.problem },
  http: { answered: true, outage: false, exit: EXIT.problem },
  'invalid-response': { answered: true, outage: false, exit: EXIT.problem },
  'too-many-members': { answered: true, outage: false, exit: EXIT.problem, ours: 'too many members' },
  internal: { answered: false, outage: false, exit: EXIT.problem, ours: 'internal error' },
};

/** The meaning of an error's kind (an unknown kind from outside counts as an odd answer). */
export function meaningOf(error: Pick<NomadError, 'kind'>): ErrorKindMeaning {
  return Object.hasOwn(ERROR_KINDS, error.kind) ? ERROR_KINDS[error.kind] : ERROR_KINDS.http;
}
