/**
 * Browser-mode transport: the same NomadTrayApi as the Electron preload, over HTTP to the local server.
 *   invoke: POST /api/invoke/<channel>, JSON body, `Authorization: Bearer <token>`, JSON envelope back.
 *   events: GET /api/events as `text/event-stream` (`event: <name>` + `data: <json>`), read with fetch streaming
 *           because EventSource cannot send the Authorization header. One stream serves every listener; it
 *           reconnects after `retryDelayMs` while anyone listens and is aborted when the last one leaves.
 * Answers and payloads are used as they arrive (see bridge.ts). `onLink` hears what the transport learns about
 * the server itself (stream open, stream or request failed, token refused) for the connection state.
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
import { SseParser } from './sse.js';

export interface HttpTransportOptions {
  /** Origin of the local server, e.g. `http://127.0.0.1:4680`. */
  baseUrl: string;
  token: string | null;
  fetch: typeof fetch;
  retryDelayMs?: number;
  onLink?: (link: LinkSignal) => void;
}

/** What the transport saw of the server: up (the event stream opened), down, or our token refused. */
export type LinkSignal = 'up' | 'down' | 'unauthorized';

type Listener = (payload: unknown) => void;

export function createHttpTransport(options: HttpTransportOptions): NomadTrayApi {
  const { baseUrl, token, fetch: doFetch, retryDelayMs = 2_000 } = options;
  const headers = (extra: Record<string, string>): Record<string, string> =>
    token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
  const signal = options.onLink ?? (() => undefined);
  const listeners = new Map<EventName, Set<Listener>>();
  let stream: AbortController | null = null;

  async function invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeRequest<C>,
  ): Promise<Envelope<InvokeResponse<C>>> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: headers({ 'Content-Type': 'application/json' }),
        body: JSON.stringify(request),
      });
    } catch {
      signal('down');
      return { ok: false, error: { kind: 'transport', message: 'The Nomad Tray server is not reachable.' } };
    }
    if (response.status === 401) {
      signal('unauthorized');
      await response.body?.cancel();
      const message = 'This browser session has no valid token: open the link Nomad Tray printed again.';
      return { ok: false, error: { kind: 'unauthorized', message } };
    }
    try {
      return (await response.json()) as Envelope<InvokeResponse<C>>;
    } catch {
      const message = `The Nomad Tray server answered HTTP ${response.status} without a JSON envelope.`;
      return { ok: false, error: { kind: 'internal', message } };
    }
  }

  function dispatch(event: string, data: string): void {
    // Only events someone listens to (a Map: `__proto__` or an unknown name finds nothing).
    const heard = listeners.get(event as EventName);
    if (heard === undefined) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const listener of heard) listener(payload);
  }

  async function readStream(controller: AbortController): Promise<void> {
    try {
      const response = await doFetch(`${baseUrl}/api/events`, {
        headers: headers({ Accept: 'text/event-stream' }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        signal(response.status === 401 ? 'unauthorized' : 'down');
        await response.body?.cancel();
        return;
      }
      signal('up');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const message of parser.push(value)) dispatch(message.event, message.data);
      }
      if (!controller.signal.aborted) signal('down');
    } catch {
      if (!controller.signal.aborted) signal('down');
    }
    if (stream === controller && !controller.signal.aborted) {
      setTimeout(() => {
        if (stream === controller) openStream();
      }, retryDelayMs);
    }
  }

  function openStream(): void {
    const controller = new AbortController();
    stream = controller;
    void readStream(controller);
  }

  function on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void {
    const listener = callback as Listener;
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener);
    if (!stream) openStream();
    return () => {
      set.delete(listener);
      const remaining = [...listeners.values()].reduce((n, s) => n + s.size, 0);
      if (remaining === 0 && stream) {
        stream.abort();
        stream = null;
      }
    };
  }

  return { invoke, on };
}
