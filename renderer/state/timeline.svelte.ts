/** The event history shown in the Timeline view: loaded on demand, extended by `events:changed` pushes. */
import type { MonitorEvent } from '../../common/domain.js';
import type { IpcError, NomadTrayApi } from '../../common/ipc-contract.js';

const KEEP = 1_000;

export class TimelineState {
  #api: NomadTrayApi;
  /** Newest first. */
  events = $state.raw<MonitorEvent[]>([]);
  error = $state.raw<IpcError | null>(null);
  loaded = $state(false);

  constructor(api: NomadTrayApi) {
    this.#api = api;
  }

  /** Events of one cluster (all when null), newest first. */
  forCluster(clusterId: string | null): MonitorEvent[] {
    return clusterId === null ? this.events : this.events.filter((e) => e.clusterId === clusterId);
  }

  /** Prepends newly confirmed events as they are pushed; returns the unsubscribe function. */
  start(): () => void {
    const off = this.#api.on('events:changed', (fresh) => {
      const newest = [...fresh].sort((a, b) => b.time - a.time);
      this.events = [...newest, ...this.events].slice(0, KEEP);
    });
    void this.load();
    return off;
  }

  async load(): Promise<void> {
    const answer = await this.#api.invoke('history:list', { limit: KEEP });
    if (answer.ok) this.events = [...answer.value].sort((a, b) => b.time - a.time);
    this.error = answer.ok ? null : answer.error;
    this.loaded = true;
  }

  /** The history as Markdown (the core renders it), or null with `error` set. */
  async exportMarkdown(clusterId: string | null): Promise<string | null> {
    const answer = await this.#api.invoke('history:exportMarkdown', clusterId ? { clusterId } : {});
    this.error = answer.ok ? null : answer.error;
    return answer.ok ? answer.value : null;
  }
}
