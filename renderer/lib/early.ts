/**
 * The first request of the window, sent before the rest of the app is even compiled: main.ts imports only
 * this tiny module, asks the preload for `clusters:list` right away, then loads the app chunk. The core (or
 * Electron main) answers while the renderer compiles and mounts, so the members table paints sooner. The raw
 * answer is handled by bridge.ts like any other answer (`adoptEarlyAnswer`). No zod here,
 * so this module costs nothing to compile.
 */

/** A request already on its way: the channel and the preload's pending answer. */
export interface EarlyRequest {
  channel: 'clusters:list';
  answer: Promise<unknown>;
}

/**
 * Sends `clusters:list` through the preload when there is one (Electron); null in browser mode, where the
 * HTTP transport needs the session token first and the app sends the request itself. Never throws: a preload
 * that throws or rejects yields a rejected `answer`, which the bridge turns into an error envelope.
 */
export function sendEarlyRequest(win: Window = window): EarlyRequest | null {
  const preload: unknown = (win as unknown as { nomadTray?: unknown }).nomadTray;
  if (typeof preload !== 'object' || preload === null) return null;
  const invoke: unknown = (preload as Record<string, unknown>)['invoke'];
  if (typeof invoke !== 'function' || typeof (preload as Record<string, unknown>)['on'] !== 'function')
    return null;
  let answer: Promise<unknown>;
  try {
    answer = Promise.resolve(
      (invoke as (c: string, r: unknown) => unknown).call(preload, 'clusters:list', {}),
    );
  } catch (error) {
    answer = Promise.reject(error instanceof Error ? error : new Error('the preload threw'));
  }
  // Handled later by the bridge; this keeps an early rejection from being reported as unhandled meanwhile.
  answer.catch(() => undefined);
  return { channel: 'clusters:list', answer };
}
