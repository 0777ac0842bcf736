/**
 * One list of the cluster the window shows, asked for on demand: cluster views carry no member or node list, so
 * the window asks the core when a cluster is shown and again whenever the view says the list changed (a new
 * `version`: the poll's time for members, the node watcher's index for nodes). Only the latest request's answer
 * is taken; the value is replaced, never mutated. MembersState is this with its channel, the window's nodes (lib/context.ts) too.
 */
import type { Envelope, IpcError } from '../../common/ipc-contract.js';

/**
 * What a load may use besides the cluster id: whether a value of that cluster is shown already, `show` to show
 * a first part before the final answer, and `stale` (a newer request went out: its answer will be dropped).
 */
export interface Progress<T> {
  shown: boolean;
  show(value: T): void;
  stale(): boolean;
}

type Load<T> = (clusterId: string, progress: Progress<T>) => Promise<Envelope<T | null>>;

export class OnDemand<T> {
  #load: Load<T>;
  /** One cluster's value (null: the core has none it can vouch for), or why it could not be loaded. */
  #held = $state.raw<{ clusterId: string; value: T | null; error: IpcError | null } | null>(null);
  /** The cluster and version of the latest request (`id@version`); null forgets it, so the next follow asks again. */
  #asked: string | null = null;
  #last: { clusterId: string; version: number | string | null } | null = null;
  #answered: () => void = () => undefined;
  /** Resolves once the first answer (or error) came back: App.svelte loads what is off the first screen after it. */
  readonly firstAnswer = new Promise<void>((resolve) => (this.#answered = resolve));

  constructor(load: Load<T>) {
    this.#load = load;
  }

  /** `clusterId`'s value: undefined until its first answer, null when the core has none. */
  of(clusterId: string): T | null | undefined {
    return this.#held?.clusterId === clusterId ? this.#held.value : undefined;
  }

  /** Why `clusterId`'s value could not be loaded (null: it was). */
  errorOf(clusterId: string): IpcError | null {
    return this.#held?.clusterId === clusterId ? this.#held.error : null;
  }

  /** Makes sure the value of `clusterId` at `version` is the one held: asks only when it is not. */
  follow(clusterId: string, version: number | string | null): Promise<void> {
    return this.#take(clusterId, version, this.#load);
  }

  /**
   * An answer the window already holds (main embedded it in the page; `pending` gives it), taken as the request
   * for `clusterId` at `version`, so following them does not ask again. Only as the first request: once anything
   * was asked, it is dropped.
   */
  protected adoptFirst(clusterId: string, version: number | string | null, pending: Load<T>): Promise<void> {
    return this.#last === null ? this.#take(clusterId, version, pending) : Promise.resolve();
  }

  async #take(clusterId: string, version: number | string | null, pending: Load<T>): Promise<void> {
    const key = `${clusterId}@${version ?? 'none'}`;
    if (this.#asked === key) return;
    this.#asked = key;
    this.#last = { clusterId, version };
    const shown = this.#held?.clusterId === clusterId && this.#held.value !== null;
    const answer = await pending(clusterId, {
      shown,
      show: (value) => {
        if (this.#asked !== key) return;
        this.#held = { clusterId, value, error: null };
        this.#answered();
      },
      stale: () => this.#asked !== key,
    });
    this.#answered();
    if (this.#asked !== key) return; // a newer request went out meanwhile
    if (answer.ok) this.#held = { clusterId, value: answer.value, error: null };
    else {
      // Nothing shown rather than a value that may be stale; the next follow or refresh asks again.
      this.#asked = null;
      this.#held = { clusterId, value: null, error: answer.error };
    }
  }

  /** Asks again for the value last followed (after the window was blind). */
  refresh(): Promise<void> {
    const last = this.#last;
    this.#asked = null;
    return last ? this.follow(last.clusterId, last.version) : Promise.resolve();
  }
}
