/**
 * The push channel of browser mode: Server-Sent Events at GET /api/events. Events raised while no page is
 * connected wait in the push queue (app/push-queue.ts) and go to the first page that connects, like Electron's
 * before `app:ready`; each new connection also gets the current cluster views at once. The core's
 * `app:heartbeat` (every 2 s) keeps the stream from timing out.
 */
import type { ServerResponse } from 'node:http';
import { createPushQueue } from '../app/index.js';

/** One SSE frame (`event:` + `data:`), JSON never contains a raw newline. */
export function sseFrame(name: string, payload: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

export function createEventHub(options: { maxQueued?: number; maxClients?: number } = {}) {
  const queue = createPushQueue(options.maxQueued);
  const maxClients = options.maxClients ?? 16;
  const clients = new Set<ServerResponse>();

  return {
    /** Sends to every connected page, or queues while none is. */
    publish(name: string, payload: unknown): void {
      if (clients.size === 0) return queue.hold(name, payload);
      const frame = sseFrame(name, payload);
      for (const res of clients) res.write(frame);
    },
    /** Takes over a response as an event stream; `initial` frames go first. False when too many are open. */
    attach(res: ServerResponse, initial: string[], headers: Record<string, string>): boolean {
      if (clients.size >= maxClients) return false;
      res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8' });
      res.write(': connected\n\n');
      for (const held of queue.drain()) res.write(sseFrame(held.name, held.payload));
      for (const frame of initial) res.write(frame);
      clients.add(res);
      res.on('close', () => clients.delete(res));
      return true;
    },
    clients: () => clients.size,
    close(): void {
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
