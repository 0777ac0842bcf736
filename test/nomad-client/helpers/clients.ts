/**
 * Nomad clients for a test file: created with short timeouts (a broken case fails fast instead of hanging)
 * and remembered, so one call closes every client the file opened.
 */
import { createNomadClient } from '../../../main/core/nomad/index.js';
import type { NomadClient, NomadClientOptions } from '../../../main/core/nomad/index.js';

export interface ClientPool {
  /** A client with connect/headers/body timeouts of the pool's `timeoutMs` unless `opts` says otherwise. */
  make(opts: NomadClientOptions): NomadClient;
  /** Closes every client made so far and forgets them (for afterEach as well as afterAll). */
  closeAll(): Promise<void>;
}

/** A pool of clients with `timeoutMs` timeouts; a client that cannot be created fails the test at once. */
export function clientPool(timeoutMs: number): ClientPool {
  const clients: NomadClient[] = [];
  return {
    make(opts) {
      const c = createNomadClient({
        connectTimeoutMs: timeoutMs,
        headersTimeoutMs: timeoutMs,
        bodyTimeoutMs: timeoutMs,
        ...opts,
      });
      if (!c.ok) throw new Error(c.error.message);
      clients.push(c.value);
      return c.value;
    },
    async closeAll() {
      await Promise.all(clients.splice(0).map((c) => c.close()));
    },
  };
}
