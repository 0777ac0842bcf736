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
import { preloadOf, type RawApi } from './early.js';
import { createHttpTransport, type LinkSignal } from './http-transport.js';
import { followNewLinks, takeSessionToken } from './session-token.js';

/**
 * Awaits the core's answer; a rejection becomes an `internal` error envelope, never a throw. Also how the
 * answers to the requests main.ts sent before the app loaded (early.ts) are taken, as any other answer.
 */
export async function answerOf<C extends InvokeChannel>(
  channel: C,
  pending: () => Promise<unknown>,
): Promise<Envelope<InvokeResponse<C>>> {
  try {
    return (await pending()) as Envelope<InvokeResponse<C>>;
  } catch (error) {
    const message = `The app core did not answer ${channel}: ${error instanceof Error ? error.message : 'unknown error'}`;
    return { ok: false, error: { kind: 'internal', message: message.slice(0, 4000) } };
  }
}

/** Wraps a preload API: typed answers, and a failed call as an error envelope. */
export function preloadApi(raw: RawApi): NomadTrayApi {
  return {
    invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>) {
      return answerOf(channel, () => raw.invoke(channel, request));
    },
    on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void) {
      return raw.on(event, callback as (payload: unknown) => void);
    },
  };
}

/**
 * Builds the API for this window: the preload's when present, the HTTP transport otherwise. `onLink` hears
 * the browser transport's view of the server (Electron's IPC cannot fail that way: a stuck core is seen by
 * the missing heartbeat instead).
 */
export function createBridge(
  win: Window & typeof globalThis,
  onLink: (link: LinkSignal) => void,
): {
  api: NomadTrayApi;
  mode: 'electron' | 'browser';
} {
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
