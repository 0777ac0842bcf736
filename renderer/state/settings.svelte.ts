/**
 * Settings as saved (from the core) and as being edited (the draft), with field errors computed from the same
 * zod schema the core uses. Tokens are write-only: only "set"/"not set" ever comes back. The form's checks
 * (lib/settings-checks.ts, and with them zod and the settings schema) are a chunk of their own, loaded with the
 * settings rather than before the first screen: the draft is there only once they are.
 */
import type { ClusterSettings, Settings } from '../../common/settings-schema.js';
import type * as SettingsChecks from '../lib/settings-checks.js';
import type {
  Envelope,
  InvokeResponse,
  IpcError,
  NomadTrayApi,
  SettingsView,
} from '../../common/ipc-contract.js';

export type TestOutcome = Envelope<InvokeResponse<'settings:testConnection'>>;

/** The form's checks: lib/settings-checks.ts (a type-only import here: the module is loaded on demand). */
type FormChecks = typeof SettingsChecks;

const loadFormChecks = (): Promise<FormChecks> => import('../lib/settings-checks.js');

export class SettingsState {
  #api: NomadTrayApi;
  saved = $state.raw<SettingsView | null>(null);
  error = $state.raw<IpcError | null>(null);
  /** Last "Test connection" outcome per cluster id. */
  tests = $state.raw<Record<string, TestOutcome | 'pending'>>({});
  busy = $state(false);
  #loadChecks: () => Promise<FormChecks>;
  #checks = $state.raw<FormChecks | null>(null);
  /** The loading of the form's checks: them, or why their chunk could not be loaded. */
  #checking: Promise<FormChecks | string> | null = null;
  /** The form binds into this (deeply reactive); null until the settings and the form's checks are loaded. */
  draft = $state<Settings | null>(null);
  /** Field errors keyed by path ("clusters.0.name"): the schema's, in plain words, plus the form's own checks. */
  errors = $derived(this.#checks && this.draft ? this.#checks.settingsErrors(this.draft) : {});
  dirty = $derived(
    this.draft !== null && JSON.stringify(this.draft) !== JSON.stringify(this.saved?.settings ?? null),
  );

  /** `loadChecks`: how the form's checks are loaded (their own chunk; injected by tests). */
  constructor(api: NomadTrayApi, loadChecks: () => Promise<FormChecks> = loadFormChecks) {
    this.#api = api;
    this.#loadChecks = loadChecks;
  }

  /** Loads the settings and follows `settings:changed` (the draft follows too unless it has edits). */
  start(): () => void {
    const off = this.#api.on('settings:changed', (view) => this.#accept(view, !this.dirty));
    void this.load();
    return off;
  }

  /** Loads the settings (and, once, the form's checks: the draft is there when both are). */
  async load(): Promise<void> {
    const checking = this.#checksLoaded();
    const answer = await this.#api.invoke('settings:get', {});
    if (answer.ok) this.#accept(answer.value, true);
    else this.error = answer.error;
    const checks = await checking;
    if (typeof checks === 'string')
      this.error = { kind: 'internal', message: `The settings form could not be loaded: ${checks}` };
  }

  /** The form's checks, loaded once (a failed load is tried again by the next `load`). */
  #checksLoaded(): Promise<FormChecks | string> {
    this.#checking ??= this.#loadChecks().then(
      (checks) => {
        this.#checks = checks;
        if (this.draft === null && this.saved) this.draft = structuredClone(this.saved.settings);
        return checks;
      },
      (error: unknown) => {
        this.#checking = null;
        return error instanceof Error ? error.message : String(error);
      },
    );
    return this.#checking;
  }

  /** Saves the draft when it is valid; returns whether it was saved. */
  async save(): Promise<boolean> {
    const draft = this.draft;
    if (!draft || !this.#checks || Object.keys(this.errors).length > 0) return false;
    return this.#replaceWith(() => this.#api.invoke('settings:save', { settings: $state.snapshot(draft) }));
  }

  /** Keeps the unusable settings file as a backup and starts from the defaults; returns whether it worked. */
  async setAsideUnusable(): Promise<boolean> {
    return this.#replaceWith(() => this.#api.invoke('settings:setAsideUnusableFile', {}));
  }

  /** Runs a request that answers with the new settings view (busy meanwhile); returns whether it worked. */
  async #replaceWith(request: () => Promise<Envelope<SettingsView>>): Promise<boolean> {
    this.busy = true;
    const answer = await request();
    this.busy = false;
    if (!answer.ok) {
      this.error = answer.error;
      return false;
    }
    this.#accept(answer.value, true);
    return true;
  }

  revert(): void {
    if (this.saved) this.draft = structuredClone(this.saved.settings);
  }

  /** Adds a new cluster to the draft with defaults and returns its index. */
  addCluster(): number {
    if (!this.draft || !this.#checks) return -1;
    const taken = this.draft.clusters.map((c) => c.id);
    let n = this.draft.clusters.length + 1;
    while (taken.includes(`cluster-${n}`)) n += 1;
    this.draft.clusters.push(this.#checks.newCluster(`cluster-${n}`, `Cluster ${n}`));
    return this.draft.clusters.length - 1;
  }

  /** Stores (or with null removes) a cluster's ACL token; returns the error, if any. */
  async setToken(clusterId: string, token: string | null): Promise<IpcError | null> {
    const answer = await this.#api.invoke('settings:setToken', { clusterId, token });
    if (!answer.ok) return answer.error;
    if (this.saved)
      this.saved = { ...this.saved, tokens: { ...this.saved.tokens, [clusterId]: answer.value.status } };
    return null;
  }

  async testConnection(cluster: ClusterSettings, token?: string): Promise<TestOutcome> {
    this.tests = { ...this.tests, [cluster.id]: 'pending' };
    const request = { cluster: $state.snapshot(cluster), ...(token ? { token } : {}) };
    const outcome: TestOutcome = await this.#api.invoke('settings:testConnection', request);
    this.tests = { ...this.tests, [cluster.id]: outcome };
    return outcome;
  }

  /** Sends a test notification through every delivery; answers how the OS one went. */
  sendTestNotification(): Promise<Envelope<InvokeResponse<'notifications:test'>>> {
    return this.#api.invoke('notifications:test', {});
  }

  #accept(view: SettingsView, replaceDraft: boolean): void {
    this.saved = view;
    this.error = null;
    if (replaceDraft && this.#checks) this.draft = structuredClone(view.settings);
  }
}
