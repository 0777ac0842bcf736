/**
 * A tiny HTTP proxy on 127.0.0.1 in front of one simulated agent that resets the connection of exactly one
 * `/v1/agent/members` request (the Nth), then forwards everything: a deterministic "one dropped poll".
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DropProxy {
  url: string;
  /** `/v1/agent/members` requests seen so far. */
  membersRequests: () => number;
  close: () => Promise<void>;
}

/** Starts the proxy; the `dropAt`-th members request (1-based) gets its socket destroyed. */
export async function startDropProxy(target: string, dropAt: number): Promise<DropProxy> {
  const upstream = new URL(target);
  let members = 0;
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').startsWith('/v1/agent/members')) {
      members += 1;
      if (members === dropAt) {
        req.socket.destroy();
        return;
      }
    }
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    membersRequests: () => members,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
