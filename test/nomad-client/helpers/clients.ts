/**
 * Nomad clients for a test file: created with short timeouts (a broken case fails fast instead of hanging)
 * and remembered, so one call closes every client the file opened.
 */
import { afterEach } from 'vitest';
import { createNomadClient } from '../../../main/core/nomad/index.js';
import type { NomadClient, NomadClientOptions } from '../../../main/core/nomad/index.js';
import { httpServer } from './servers.js';
import type { Handler, TestServer } from './servers.js';

export interface ClientPool {
  /** A client with connect/headers/body timeouts of the pool's `timeoutMs` unless `opts` says otherwise. */
  make(opts: NomadClientOptions): Promise<NomadClient>;
  /** Closes every client made so far and forgets them (for afterEach as well as afterAll). */
  closeAll(): Promise<void>;
}

/** A pool of clients with `timeoutMs` timeouts; a client that cannot be created fails the test at once. */
export function clientPool(timeoutMs: number): ClientPool {
  const clients: NomadClient[] = [];
  return {
    async make(opts) {
      const c = await createNomadClient({
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

/**
 * For files that pair small test servers with clients: `serve(handler)` and `client(address, opts)`, both
 * closed after each test.
 */
export function useServersAndClients(timeoutMs: number): {
  serve(handler: Handler): Promise<TestServer>;
  client(address: string, opts?: Partial<NomadClientOptions>): Promise<NomadClient>;
  /** Closes a server made elsewhere (e.g. a black hole) after the test too. */
  track(server: TestServer): void;
} {
  const servers: TestServer[] = [];
  const clients = clientPool(timeoutMs);
  afterEach(async () => {
    await clients.closeAll();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return {
    async serve(handler) {
      const s = await httpServer(handler);
      servers.push(s);
      return s;
    },
    client: (address, opts = {}) => clients.make({ address, ...opts }),
    track: (server) => void servers.push(server),
  };
}
