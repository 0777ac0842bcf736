/**
 * A hostile "Nomad agent" for secret tests: records the secret-bearing headers of every request (X-Nomad-Token,
 * Authorization) and answers with a status and a body of the test's choosing; `echo` makes the body repeat
 * the received token (raw, base64, URL-encoded and hex), the way a malicious or buggy proxy would.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  path: string;
  token: string | undefined;
  authorization: string | undefined;
}

export interface HostileAgent {
  url: string;
  seen: SeenRequest[];
  /** Every header value received, for "this secret never arrived in any form" checks. */
  allHeaderText(): string;
  close(): Promise<void>;
}

export interface HostileAgentOptions {
  status?: number;
  body?: string;
  /** Answer with the received token in several encodings. */
  echo?: boolean;
}

/** The body an echoing agent sends for `token`. */
export function echoBody(token: string): string {
  const b64 = Buffer.from(token, 'utf8').toString('base64');
  const hex = Buffer.from(token, 'utf8').toString('hex');
  return `ACL token ${token} not found (b64 ${b64}, url ${encodeURIComponent(token)}, hex ${hex})`;
}

export async function startHostileAgent(options: HostileAgentOptions = {}): Promise<HostileAgent> {
  const seen: SeenRequest[] = [];
  const headerText: string[] = [];
  const server: Server = createServer((req, res) => {
    const t = req.headers['x-nomad-token'];
    const token = typeof t === 'string' ? t : undefined;
    seen.push({ path: req.url ?? '', token, authorization: req.headers.authorization });
    headerText.push(JSON.stringify(req.headers));
    req.resume();
    const body = options.echo === true && token !== undefined ? echoBody(token) : (options.body ?? 'nope');
    res.writeHead(options.status ?? 403, { 'Content-Type': 'text/plain' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    allHeaderText: () => headerText.join('\n'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
