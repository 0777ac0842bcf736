/**
 * The renderer's only door to the app core, and the only code that reads `window.nomadTray`. In Electron the
 * preload provides that object; without it (browser mode) the HTTP transport is used: the rest of the renderer
 * sees one NomadTrayApi and never knows which transport it talks to. Answers and pushes come from the window's
 * own core, which checked each against the contract before sending it (main/app/core.ts): they are used as
 * they arrive, not parsed again. A failed call still becomes an error envelope, never a throw.
 */
import type {
  Envelope,
  EventName,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  NomadTrayApi,
} from '../../common/ipc-contract.js';
import { createHttpTransport, type LinkSignal } from './http-transport.js';
import { followNewLinks, takeSessionToken } from './session-token.js';

/** The preload's object (`window.nomadTray`, Electron only), once its shape is checked. */
export interface RawApi {
  invoke: (channel: string, request: unknown) => Promise<unknown>;
  on: (event: string, callback: (payload: unknown) => void) => () => void;
}

/** The window's preload object when it has one of the right shape; null in browser mode. */
export function preloadOf(win: Window): RawApi | null {
  const preload = (win as { nomadTray?: Partial<RawApi> | null }).nomadTray;
  const usable = typeof preload?.invoke === 'function' && typeof preload.on === 'function';
  return usable ? (preload as RawApi) : null;
}

/** Wraps a preload API: typed answers, and a failed call (a rejection) as an `internal` error envelope. */
export function preloadApi(raw: RawApi): NomadTrayApi {
  return {
    async invoke<C extends InvokeChannel>(
      channel: C,
      request: InvokeRequest<C>,
    ): Promise<Envelope<InvokeResponse<C>>> {
      try {
        return (await raw.invoke(channel, request)) as Envelope<InvokeResponse<C>>;
      } catch (error) {
        const message = `The app core did not answer ${channel}: ${error instanceof Error ? error.message : 'unknown error'}`;
        return { ok: false, error: { kind: 'internal', message: message.slice(0, 4000) } };
      }
    },
    on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void) {
      return raw.on(event, callback as (payload: unknown) => void);
    },
  };
}

/** The window's API and which transport carries it. */
export interface Bridge {
  api: NomadTrayApi;
  mode: 'electron' | 'browser';
}

/**
 * Builds the API for this window: the preload's when present, the HTTP transport otherwise. `onLink` hears
 * the browser transport's view of the server (Electron's IPC cannot fail that way: a stuck core is seen by
 * the missing heartbeat instead).
 */
export function createBridge(win: Window & typeof globalThis, onLink: (link: LinkSignal) => void): Bridge {
  const preload = preloadOf(win);
  if (preload) return { api: preloadApi(preload), mode: 'electron' };
  const token = takeSessionToken(win);
  followNewLinks(win);
  const api = createHttpTransport({
    baseUrl: win.location.origin,
    token,
    fetch: win.fetch.bind(win),
    onLink,
  });
  return { api, mode: 'browser' };
}
