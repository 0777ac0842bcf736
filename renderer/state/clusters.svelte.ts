/**
 * The clusters the core watches, as it last pushed them (`clusters:changed`), plus the monitor-wide actions
 * (poll now, snooze, pause, resume). The list is replaced, never mutated: $state.raw. While the window is
 * blind (connection lost) every cluster reads `unknown` with nothing the last poll said (no reasons, servers,
 * error or snapshot): a state it cannot vouch for is never shown, wherever the cluster is drawn.
 */
import type { WireClusterView as ClusterView } from '../../common/domain.js';
import type { Envelope, IpcError, NomadTrayApi, SnoozeDuration } from '../../common/ipc-contract.js';

export class ClustersState {
  #api: NomadTrayApi;
  #list = $state.raw<ClusterView[]>([]);
  #blindSince: () => number | null;
  /** The list while blind (see above); each sparkline says so from the last word heard on. */
  #blindList = $derived.by(() => {
    const since = this.#blindSince() ?? 0;
    return this.#list.map((c): ClusterView => ({
      ...c,
      state: 'unknown',
      reasons: [],
      quorum: [],
      snapshot: null,
      timeline: [...c.timeline.filter((p) => p.time < since), { time: since, state: 'unknown' }],
    }));
  });
  /** False until the first list arrived (the window shows "loading"). */
  loaded = $state(false);
  /** The last failed action or load, shown as a banner. */
  error = $state.raw<IpcError | null>(null);
  #answered: () => void = () => undefined;
  #seeded = false;
  /**
   * Resolves once the first list (or the error instead of it) has been applied: App.svelte starts the loads
   * the first screen does not need after it, so they do not delay the first members table.
   */
  readonly firstAnswer = new Promise<void>((resolve) => (this.#answered = resolve));

  /** `blindSince`: epoch ms of the last word from the core while the window is blind, else null. */
  constructor(api: NomadTrayApi, blindSince: () => number | null = () => null) {
    this.#api = api;
    this.#blindSince = blindSince;
  }

  get list(): ClusterView[] {
    return this.#blindSince() === null ? this.#list : this.#blindList;
  }
  get paused(): boolean {
    return this.#list.length > 0 && this.#list.every((c) => c.paused || !c.enabled);
  }

  /** The cluster with this id, if configured (as `list` shows it: unknown while blind). */
  byId(id: string | null): ClusterView | undefined {
    return id === null ? undefined : this.list.find((c) => c.id === id);
  }

  /** Takes the list main embedded in the page (renderer/lib/early.ts) at once, so the first render has it. */
  seed(answer: Envelope<ClusterView[]>): void {
    this.#seeded = true;
    this.#take(answer);
  }

  /** Listens for pushes and, unless a list was seeded, loads the current one; returns the unsubscribe function. */
  start(): () => void {
    const off = this.#api.on('clusters:changed', (list) => this.#set(list));
    if (!this.#seeded) void this.refresh();
    return off;
  }

  async refresh(): Promise<void> {
    this.#take(await this.#api.invoke('clusters:list', {}));
  }

  #take(answer: Envelope<ClusterView[]>): void {
    if (answer.ok) this.#set(answer.value);
    else this.error = answer.error;
    this.#answered();
  }

  pollNow(clusterId?: string): Promise<boolean> {
    return this.#run(this.#api.invoke('clusters:pollNow', clusterId ? { clusterId } : {}));
  }

  /** Snoozes a cluster's notifications (null: wake up). */
  snooze(clusterId: string, duration: SnoozeDuration): Promise<boolean> {
    return this.#run(this.#api.invoke('clusters:snooze', { clusterId, duration }));
  }

  setPaused(paused: boolean): Promise<boolean> {
    return this.#run(this.#api.invoke(paused ? 'monitor:pause' : 'monitor:resume', {}));
  }

  #set(list: ClusterView[]): void {
    this.#list = list;
    this.loaded = true;
    this.error = null;
    this.#answered();
  }

  async #run(pending: Promise<{ ok: true } | { ok: false; error: IpcError }>): Promise<boolean> {
    const answer = await pending;
    this.error = answer.ok ? null : answer.error;
    return answer.ok;
  }
}
