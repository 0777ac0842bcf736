/** Small helpers of the engine: listener sets, fire-and-forget port calls. */

/** A Result-shaped failure (ports may answer with Result values). */
function isFailure(value: unknown): value is { ok: false; error: unknown } {
  return typeof value === 'object' && value !== null && 'ok' in value && value.ok === false;
}

/** Calls a port without waiting; a throw, a rejection or an error Result is logged with `label`. */
export function fireAndLog(call: () => unknown, label: string, log: (line: string) => void): void {
  try {
    void Promise.resolve(call()).then(
      (r: unknown) => {
        if (isFailure(r)) log(`${label}: ${String(r.error)}`);
      },
      (e: unknown) => log(`${label}: ${String(e)}`),
    );
  } catch (e) {
    log(`${label}: ${String(e)}`);
  }
}

/** A set of listeners; a throwing listener is logged and never stops the others. */
export function listeners<T>(log: (line: string) => void) {
  const set = new Set<(value: T) => void>();
  return {
    add(listener: (value: T) => void): () => void {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(value: T): void {
      for (const l of set) {
        try {
          l(value);
        } catch (e) {
          log(`listener failed: ${String(e)}`);
        }
      }
    },
  };
}
