/**
 * The abort signal and timers of one request: a short headers deadline, then an overall deadline, and the caller's
 * own signal.
 */
import { EventEmitter } from 'node:events';
import type { ResolvedOptions } from './options.js';

/**
 * The abort signal handed to undici: an EventEmitter with `aborted` and `reason`, which undici accepts in place
 * of an AbortSignal and treats the same way (an 'abort' event aborts the request with `reason`). An
 * AbortController plus undici's EventTarget listener cost about a tenth of a small request on a fast agent;
 * this costs next to nothing. The reasons are the DOMExceptions an AbortController would give.
 */
class RequestSignal extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  /** Aborts once (later calls are ignored, like AbortController.abort). */
  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason ?? new DOMException('This operation was aborted', 'AbortError');
    this.emit('abort');
  }
}

/** Extra time on top of the summed timeouts before the overall deadline aborts a request. */
const DEADLINE_SLACK_MS = 1_000;

/**
 * One abort signal and one native timer at a time per request. undici's headers/body timers tick at
 * ~0.5-1 s resolution; a native timer keeps short header deadlines honest (connect + headers timeout), then an
 * overall deadline (connect + headers + body + slack, from the start) is the backstop for slow-trickle bodies.
 * The caller's signal aborts the request too. No closures per request, for the cost RequestSignal explains.
 */
export class RequestLimits {
  /** The signal to hand to undici (an EventEmitter it accepts as one, see RequestSignal). */
  readonly signal = new RequestSignal();
  private readonly started = performance.now();
  private readonly deadlineMs: number;
  private timer: ReturnType<typeof setTimeout> | null;
  headersTimedOut = false;
  deadlineHit = false;

  /** `holdMs`: how long the agent may hold the request on purpose (a blocking query), added to both deadlines. */
  constructor(
    o: ResolvedOptions,
    private readonly outer: AbortSignal | undefined,
    holdMs = 0,
  ) {
    this.deadlineMs = o.connectTimeoutMs + o.headersTimeoutMs + holdMs + o.bodyTimeoutMs + DEADLINE_SLACK_MS;
    if (outer?.aborted === true) this.signal.abort(outer.reason);
    else outer?.addEventListener('abort', this);
    this.timer = setTimeout(onHeadersTimeout, o.connectTimeoutMs + o.headersTimeoutMs + holdMs, this);
  }

  /** Headers are in: the headers timer stops, the overall deadline covers the body. */
  headersArrived(): void {
    this.clear();
    const left = Math.max(0, this.started + this.deadlineMs - performance.now());
    this.timer = setTimeout(onDeadline, left, this);
    this.timer.unref();
  }

  /** The request is over: timers cleared, the caller's signal released. */
  done(): void {
    this.clear();
    this.outer?.removeEventListener('abort', this);
  }

  /** The caller's signal aborted (EventListener interface: no closure per request). */
  handleEvent(): void {
    this.signal.abort(this.outer?.reason);
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Timer callbacks: module functions, called with the instance (no closure per request). */
function onHeadersTimeout(limits: RequestLimits): void {
  limits.headersTimedOut = true;
  limits.signal.abort();
}

function onDeadline(limits: RequestLimits): void {
  limits.deadlineHit = true;
  limits.signal.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
}
