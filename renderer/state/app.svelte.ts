/** How the app runs (Electron or browser, version, where tokens are kept), learned from `app:ready`. */
import type { AppInfo, NomadTrayApi } from '../../common/ipc-contract.js';
import { EnvTokenOfferState } from './app-env-token.svelte.js';

export class AppState {
  #api: NomadTrayApi;
  info = $state.raw<AppInfo | null>(null);
  /** The first-run offer to keep NOMAD_TOKEN in the keychain (desktop app only). */
  readonly envToken: EnvTokenOfferState;

  constructor(api: NomadTrayApi) {
    this.#api = api;
    this.envToken = new EnvTokenOfferState(api);
  }

  /** Tells the core the window is ready for push events (it queues them until then). */
  async ready(): Promise<void> {
    const answer = await this.#api.invoke('app:ready', {});
    this.info = answer.ok ? answer.value : null;
  }
}
