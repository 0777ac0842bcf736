/**
 * The clusters the core watches, as it last pushed them (`clusters:changed`), plus the monitor-wide actions
 * (poll now, snooze, pause, resume). The list is replaced, never mutated: $state.raw.
 */
import type { ClusterView } from '../../common/domain.js';
import type { IpcError, NomadTrayApi, SnoozeDuration } from '../../common/ipc-contract.js';

export class ClustersState {
  #api: NomadTrayApi;
  #list = $state.raw<ClusterView[]>([]);
  #loaded = $state(false);
  #error = $state.raw<IpcError | null>(null);

  constructor(api: NomadTrayApi) {
    this.#api = api;
  }

  get list(): ClusterView[] {
    return this.#list;
  }
  /** False until the first list arrived (the window shows "loading"). */
  get loaded(): boolean {
    return this.#loaded;
  }
  /** The last failed action or load, shown as a banner. */
  get error(): IpcError | null {
    return this.#error;
  }
  /** True when every enabled cluster is paused. */
  get paused(): boolean {
    return this.#list.length > 0 && this.#list.every((c) => c.paused || !c.enabled);
  }

  /** The cluster with this id, if configured. */
  byId(id: string | null): ClusterView | undefined {
    return id === null ? undefined : this.#list.find((c) => c.id === id);
  }

  /** Listens for pushes and loads the current list; returns the unsubscribe function. */
  start(): () => void {
    const off = this.#api.on('clusters:changed', (list) => this.#set(list));
    void this.refresh();
    return off;
  }

  /** Re-reads the list. */
  async refresh(): Promise<void> {
    const answer = await this.#api.invoke('clusters:list', {});
    if (answer.ok) this.#set(answer.value);
    else this.#error = answer.error;
  }

  /** Polls one cluster (or all) now. */
  pollNow(clusterId?: string): Promise<boolean> {
    return this.#run(this.#api.invoke('clusters:pollNow', clusterId ? { clusterId } : {}));
  }

  /** Snoozes a cluster's notifications (null: wake up). */
  snooze(clusterId: string, duration: SnoozeDuration): Promise<boolean> {
    return this.#run(this.#api.invoke('clusters:snooze', { clusterId, duration }));
  }

  /** Pauses or resumes all polling. */
  setPaused(paused: boolean): Promise<boolean> {
    return this.#run(this.#api.invoke(paused ? 'monitor:pause' : 'monitor:resume', {}));
  }

  /** Clears the error banner. */
  dismissError(): void {
    this.#error = null;
  }

  #set(list: ClusterView[]): void {
    this.#list = list;
    this.#loaded = true;
    this.#error = null;
  }

  async #run(pending: Promise<{ ok: true } | { ok: false; error: IpcError }>): Promise<boolean> {
    const answer = await pending;
    this.#error = answer.ok ? null : answer.error;
    return answer.ok;
  }
}
