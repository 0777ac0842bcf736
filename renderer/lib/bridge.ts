/**
 * The renderer's only door to the app core, and the only code that reads `window.nomadTray`. In Electron the
 * preload provides that object; without it (browser mode) the HTTP transport is used. Both are wrapped so
 * every answer and every event payload is validated with the contract's schemas: the rest of the renderer
 * sees one NomadTrayApi and never knows which transport it talks to.
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
import { parseEnvelope, parseEventPayload } from '../../common/ipc-validate.js';
import type { EarlyRequest } from './early.js';
import { createHttpTransport } from './http-transport.js';
import type { LinkSignal } from './http-transport.js';
import { followNewLinks, takeSessionToken } from './session-token.js';

/** The preload's object as seen from here: untrusted in shape until checked. */
interface RawApi {
  invoke: (channel: string, request: unknown) => Promise<unknown>;
  on: (event: string, callback: (payload: unknown) => void) => () => void;
}

function isRawApi(value: unknown): value is RawApi {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.invoke === 'function' && typeof candidate.on === 'function';
}

/** Awaits a raw answer and validates it; a rejection becomes an `internal` error envelope, never a throw. */
async function validateAnswer<C extends InvokeChannel>(
  channel: C,
  pending: () => Promise<unknown>,
): Promise<Envelope<InvokeResponse<C>>> {
  try {
    return parseEnvelope(channel, await pending());
  } catch (error) {
    const message = `The app core did not answer ${channel}: ${error instanceof Error ? error.message : 'unknown error'}`;
    return { ok: false, error: { kind: 'internal', message: message.slice(0, 4000) } };
  }
}

/**
 * Validates the answer to the request main.ts sent before the app loaded (early.ts), with the same checks as
 * any other answer: the window never sees an unvalidated value.
 */
export function adoptEarlyAnswer(early: EarlyRequest): Promise<Envelope<InvokeResponse<'clusters:list'>>> {
  return validateAnswer(early.channel, () => early.answer);
}

/** Wraps a preload API so answers and payloads are validated against the contract. */
export function validatingApi(raw: RawApi): NomadTrayApi {
  return {
    invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>) {
      return validateAnswer(channel, () => raw.invoke(channel, request));
    },
    on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void) {
      return raw.on(event, (payload) => {
        const parsed = parseEventPayload(event, payload);
        if (parsed !== null) callback(parsed);
      });
    },
  };
}

/**
 * Builds the API for this window: the preload's when present, the HTTP transport otherwise. `onLink` hears
 * the browser transport's view of the server (Electron's IPC cannot fail that way: a stuck core is seen by
 * the missing heartbeat instead).
 */
export function createBridge(
  win: Window & typeof globalThis = window,
  onLink?: (link: LinkSignal) => void,
): {
  api: NomadTrayApi;
  mode: 'electron' | 'browser';
} {
  const preload: unknown = (win as unknown as { nomadTray?: unknown }).nomadTray;
  if (isRawApi(preload)) return { api: validatingApi(preload), mode: 'electron' };
  const token = takeSessionToken({
    location: win.location,
    storage: win.sessionStorage,
    history: win.history,
  });
  followNewLinks(win);
  const api = createHttpTransport({
    baseUrl: win.location.origin,
    token,
    fetch: win.fetch.bind(win),
    ...(onLink ? { onLink } : {}),
  });
  return { api, mode: 'browser' };
}
