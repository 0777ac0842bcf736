/**
 * Join and force-leave: the pending flag, the last result (with the member list before and after, re-read by
 * the core) and the last error. Addresses are validated here before anything is sent.
 */
import { parseAddresses, parseJoinAddress } from '../../common/addresses.js';
import type { InvokeResponse, IpcError, NomadTrayApi } from '../../common/ipc-contract.js';

export type JoinOutcome = InvokeResponse<'members:join'>;
export type ForceLeaveOutcome = InvokeResponse<'members:forceLeave'>;

export class MemberActionsState {
  #api: NomadTrayApi;
  pending = $state<'join' | 'force-leave' | null>(null);
  joinResult = $state.raw<JoinOutcome | null>(null);
  forceLeaveResult = $state.raw<ForceLeaveOutcome | null>(null);
  error = $state.raw<IpcError | null>(null);

  constructor(api: NomadTrayApi) {
    this.#api = api;
  }

  /** Forgets the last result and error (when a dialog opens). */
  reset(): void {
    this.joinResult = null;
    this.forceLeaveResult = null;
    this.error = null;
  }

  /** Asks the cluster's server to join `addresses` (validated; sent as host:port). */
  async join(clusterId: string, addresses: readonly string[]): Promise<boolean> {
    const targets = parseAddresses(addresses, parseJoinAddress);
    if (!targets.ok) return this.#fail({ kind: 'invalid-request', message: targets.error });
    if (targets.value.length === 0)
      return this.#fail({ kind: 'invalid-request', message: 'Enter at least one address.' });
    this.reset();
    this.pending = 'join';
    const answer = await this.#api.invoke('members:join', { clusterId, addresses: targets.value });
    this.pending = null;
    if (!answer.ok) return this.#fail(answer.error);
    this.joinResult = answer.value;
    return answer.value.result.numJoined > 0;
  }

  /** Forces `node` (full serf name) to leave, optionally pruning it from the member list. */
  async forceLeave(clusterId: string, node: string, prune: boolean): Promise<boolean> {
    this.reset();
    this.pending = 'force-leave';
    const answer = await this.#api.invoke('members:forceLeave', { clusterId, node, prune });
    this.pending = null;
    if (!answer.ok) return this.#fail(answer.error);
    this.forceLeaveResult = answer.value;
    return true;
  }

  #fail(error: IpcError): false {
    this.error = error;
    return false;
  }
}
