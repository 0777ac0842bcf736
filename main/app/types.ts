/**
 * Shapes of the app core: what the Electron shell and the browser shell inject (deps) and what they get back
 * (AppCore). Electron-free, so both shells and the tests share one implementation.
 */
import type { ClusterView, WireClusterView } from '../../common/domain.js';
import type {
  AppInfo,
  Envelope,
  EventName,
  EventPayload,
  SnoozeDuration,
} from '../../common/ipc-contract.js';
import type { Result } from '../../common/result.js';
import type { Notifier } from '../core/notify/index.js';
import type { Timers } from '../core/poller/index.js';

/** Token store keyed by cluster id (the desktop keychain, or memory in browser mode). Never logs tokens. */
export interface AppSecretStore {
  get(clusterId: string): string | null;
  /** Stores (null: forgets) a token; an error value when it could not be kept. */
  set(
    clusterId: string,
    token: string | null,
  ): Promise<{ ok: true; value?: unknown } | { ok: false; error: string }>;
  status(clusterId: string): 'set' | 'not set';
  /** Where tokens are kept, as the window is told (app:ready). */
  storage(): AppInfo['secretStorage'];
}

/** What a shell hands to createAppCore. */
export interface AppCoreDeps {
  configDir: string;
  env: Readonly<Record<string, string | undefined>>;
  secrets: AppSecretStore;
  /** The OS notifier; null when this machine has none (browser mode without a display): the page delivers. */
  notifier: Notifier | null;
  /** Epoch ms (default Date.now). */
  clock?: () => number;
  /** Poll timers (default: the process's). */
  timers?: Timers;
  mode: 'electron' | 'browser';
  platform: string;
  version: string;
  /** Opens an https link in the OS browser; absent → `app:openExternal` answers `unsupported`. */
  openExternal?: (url: string) => Promise<Result<void, string>>;
  /** Shows the full window (on a cluster); absent (browser mode) → `app:openWindow` answers `unsupported`. */
  openWindow?: (clusterId: string | null) => void;
  autostart?: { setEnabled(on: boolean): Promise<Result<void, string>> };
  /** Diagnostics (never tokens); default: ignored. */
  log?: (message: string) => void;
  /** Minimum gap between two `clusters:changed` pushes (default 250 ms, i.e. at most ~4/s). */
  viewThrottleMs?: number;
  /** Gap between two `app:heartbeat` pushes (default 2 s). */
  heartbeatMs?: number;
}

/** What the tray (or the browser tab title) shows. */
export interface TrayState {
  views: ClusterView[];
  /** Monitoring paused by the user (no polling). */
  paused: boolean;
  /** Notifications snoozed for every cluster. */
  snoozedAll: boolean;
  startAtLogin: boolean;
}

/** The running app core. No method throws. */
export interface AppCore {
  /** Validates `rawRequest` for `channel` with the contract, runs the handler, answers an envelope. */
  dispatch(channel: unknown, rawRequest: unknown): Promise<Envelope<unknown>>;
  /** Push events; payloads are already valid for the event's schema. */
  onEvent(listener: <E extends EventName>(name: E, payload: EventPayload<E>) => void): () => void;
  /** The current views as a `clusters:changed` payload: tokens scrubbed, checked against the contract. */
  views(): WireClusterView[];
  trayState(): TrayState;
  pollNow(): Promise<void>;
  pause(): void;
  resume(): void;
  snoozeAll(duration: SnoozeDuration): void;
  suspend(): void;
  wake(): void;
  stop(): Promise<void>;
}
