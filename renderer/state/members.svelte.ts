/**
 * The member list of the cluster the window shows, asked for on demand: cluster views carry no members, so the
 * window asks the core (`members:list`) when a cluster is shown and again after each of its polls (a new
 * `snapshot.time`). Only the latest request's answer is taken; the list is replaced, never mutated.
 */
import type { Member } from '../../common/domain.js';
import type { IpcError, NomadTrayApi } from '../../common/ipc-contract.js';

/** What is held: one cluster's list as of one poll (members null: that poll could not read them). */
interface Held {
  clusterId: string;
  members: Member[] | null;
  error: IpcError | null;
}

export class MembersState {
  #api: NomadTrayApi;
  #held = $state.raw<Held | null>(null);
  /** The cluster and poll of the latest request (`id@time`); null forgets it, so the next follow asks again. */
  #asked: string | null = null;
  #last: { clusterId: string; time: number | null } | null = null;
  #answered: () => void = () => undefined;
  /** Resolves once the first answer (or error) came back: App.svelte loads what is off the first screen after it. */
  readonly firstAnswer = new Promise<void>((resolve) => (this.#answered = resolve));

  constructor(api: NomadTrayApi) {
    this.#api = api;
  }

  /** `clusterId`'s members: undefined until its first answer, null when its poll could not read them. */
  of(clusterId: string): Member[] | null | undefined {
    const held = this.#held;
    return held?.clusterId === clusterId ? held.members : undefined;
  }

  /** Why `clusterId`'s list could not be loaded (null: it was). */
  errorOf(clusterId: string): IpcError | null {
    const held = this.#held;
    return held?.clusterId === clusterId ? held.error : null;
  }

  /** Makes sure the list of `clusterId`'s poll at `time` is the one held: asks only when it is not. */
  async follow(clusterId: string, time: number | null): Promise<void> {
    const key = `${clusterId}@${time ?? 'none'}`;
    if (this.#asked === key) return;
    this.#asked = key;
    this.#last = { clusterId, time };
    const answer = await this.#api.invoke('members:list', { clusterId });
    this.#answered();
    if (this.#asked !== key) return; // a newer request went out meanwhile
    if (answer.ok) this.#held = { clusterId, members: answer.value.members, error: null };
    else {
      // Nothing shown rather than a list that may be stale; the next follow or refresh asks again.
      this.#asked = null;
      this.#held = { clusterId, members: null, error: answer.error };
    }
  }

  /** Asks again for the list last followed (after the window was blind). */
  refresh(): Promise<void> {
    const last = this.#last;
    this.#asked = null;
    return last ? this.follow(last.clusterId, last.time) : Promise.resolve();
  }
}
