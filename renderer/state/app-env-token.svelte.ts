/**
 * The first-run offer to move NOMAD_TOKEN from the environment into the OS keychain, as the window shows it.
 * The core decides whether there is an offer (desktop app with a real keychain, NOMAD_TOKEN set, a cluster
 * reading it, not answered before); the window only asks for the import by cluster ids, never sees the token.
 */
import type { EnvTokenOffer, IpcError, NomadTrayApi } from '../../common/ipc-contract.js';

export class EnvTokenOfferState {
  #api: NomadTrayApi;
  #offer = $state.raw<EnvTokenOffer | null>(null);
  error = $state.raw<IpcError | null>(null);
  busy = $state(false);
  /** Clusters moved to the keychain by the last accepted import (for a short confirmation). */
  imported = $state.raw<readonly string[]>([]);
  /** Only the newest answer applies (a load started before an import must not bring the banner back). */
  #seq = 0;

  constructor(api: NomadTrayApi) {
    this.#api = api;
  }

  get visible(): boolean {
    return this.#offer !== null && this.#offer.available && this.#offer.clusterIds.length > 0;
  }
  get clusterIds(): readonly string[] {
    return this.#offer?.clusterIds ?? [];
  }

  /** Asks again whenever the settings change (a saved cluster may now read, or stop reading, NOMAD_TOKEN). */
  start(): () => void {
    const off = this.#api.on('settings:changed', () => void this.load());
    void this.load();
    return off;
  }

  /** Asks the core whether to offer the import. A failure hides the banner (the offer is a convenience). */
  async load(): Promise<void> {
    const seq = ++this.#seq;
    const answer = await this.#api.invoke('settings:envTokenOffer', {});
    if (seq === this.#seq) this.#offer = answer.ok ? answer.value : null;
  }

  /**
   * Answers the offer: `accept` ("Store in keychain") has the core copy NOMAD_TOKEN into the keychain for the
   * offered clusters; otherwise ("Keep using the environment variable") it remembers that and does not ask again.
   */
  async answer(accept: boolean): Promise<boolean> {
    if (this.busy || !this.visible) return false;
    this.busy = true;
    const clusterIds = [...this.clusterIds];
    this.#seq += 1; // an offer asked for before this answer is stale once it arrives
    const answer = await this.#api.invoke('settings:importEnvToken', { clusterIds, accept });
    this.busy = false;
    if (!answer.ok) {
      this.error = answer.error;
      return false;
    }
    this.error = null;
    this.imported = answer.value.imported;
    this.#offer = { available: false, clusterIds: [] };
    return true;
  }
}
