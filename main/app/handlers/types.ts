/** What every handler gets, and the handler shape (one per invoke channel). */
import type {
  EventName,
  EventPayload,
  InvokeChannel,
  InvokeResponse,
  IpcError,
  ParsedRequest,
} from '../../../common/ipc-contract.js';
import type { Result } from '../../../common/result.js';
import type { Monitor } from '../../core/engine/index.js';
import type { History } from '../../core/history/index.js';
import type { Deliveries } from '../deliveries.js';
import type { SettingsState } from '../settings-state.js';
import type { AppCoreDeps } from '../types.js';

export interface HandlerContext {
  deps: AppCoreDeps;
  /** Every delivery of a notice (OS notifier and the windows' push). */
  deliveries: Deliveries;
  engine: Monitor;
  settings: SettingsState;
  history: History;
  /** Epoch ms (the core's clock, injectable in tests). */
  clock(): number;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Applies saved settings to the engine and tells the window. */
  applySettings(): Promise<void>;
  setPaused(paused: boolean): void;
}

/** One channel's handler: the request is already parsed by the contract's schema. */
export type Handler<C extends InvokeChannel> = (
  ctx: HandlerContext,
  request: ParsedRequest<C>,
) => Promise<Result<InvokeResponse<C>, IpcError>>;

/** Handlers of some channels (each area file exports one of these). */
export type HandlerSet<K extends InvokeChannel> = { [C in K]: Handler<C> };

/** All channels' handlers: the compiler checks that none is missing. */
export type HandlerMap = HandlerSet<InvokeChannel>;
