/**
 * A scripted NomadTrayApi for state-class tests: answers per channel (a value, an error, or a function of the
 * request), records every call, and lets a test push events to the subscribers.
 */
import type {
  Envelope,
  EventName,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  IpcError,
  NomadTrayApi,
} from '../../common/ipc-contract.js';

type Answer<C extends InvokeChannel> =
  | { ok: true; value: InvokeResponse<C> }
  | { ok: false; error: IpcError }
  | ((request: InvokeRequest<C>) => Envelope<InvokeResponse<C>>);

export class FakeApi implements NomadTrayApi {
  calls: { channel: InvokeChannel; request: unknown }[] = [];
  #answers = new Map<InvokeChannel, unknown>();
  #listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  /** Scripts the answer of one channel. */
  answer<C extends InvokeChannel>(channel: C, answer: Answer<C>): this {
    this.#answers.set(channel, answer);
    return this;
  }

  invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeRequest<C>,
  ): Promise<Envelope<InvokeResponse<C>>> {
    this.calls.push({ channel, request });
    const answer = this.#answers.get(channel) as Answer<C> | undefined;
    if (answer === undefined) {
      return Promise.resolve({ ok: false, error: { kind: 'internal', message: `unscripted ${channel}` } });
    }
    return Promise.resolve(typeof answer === 'function' ? answer(request) : answer);
  }

  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    this.#listeners.set(event, set);
    const listener = callback as (payload: unknown) => void;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Delivers a push event to the current subscribers. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(payload);
  }

  /** How many subscribers `event` has. */
  listenerCount(event: EventName): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  /** Requests sent on one channel. */
  requests(channel: InvokeChannel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.request);
  }
}

/** Waits for queued promise callbacks (the state classes await one invoke at a time). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}
