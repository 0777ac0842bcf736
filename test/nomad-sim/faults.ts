/**
 * How an agent's listener misbehaves under an injected fault (everything except `stop`, which the agent
 * server handles by closing its listener).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from './types.js';

const HTML_LOGIN =
  '<!DOCTYPE html><html><head><title>Sign in - Corporate SSO</title></head><body>' +
  '<form method="post" action="/login"><input name="user"><input name="password" type="password">' +
  '<button>Sign in</button></form></body></html>';

const TRUNCATED =
  '{"ServerName":"server-1","ServerRegion":"global","ServerDC":"dc1","Members":[{"Name":"server-1.gl';

const WRONG_SHAPE = '{"unexpected":true,"Members":"not-a-list","items":[1,2,3],"ok":"maybe"}';

/** Size of the `huge` garbage body: 16 MiB. */
export const HUGE_BYTES = 16 * 1024 * 1024;

function fixed(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string>,
): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...headers, 'Content-Length': String(buf.length) });
  res.end(buf);
}

/** Streams HUGE_BYTES of JSON-looking data with backpressure; stops when the peer goes away. */
function streamHuge(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  chunk[0] = 0x5b; // '['
  let sent = 0;
  const pump = (): void => {
    while (sent < HUGE_BYTES) {
      if (res.destroyed) return;
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  pump();
}

/**
 * Answers `req` according to `fault`. `next` serves the request normally (used by `delay`); `later`
 * schedules a cancellable timer owned by the agent server.
 */
export function serveFault(
  fault: Exclude<Fault, { kind: 'stop' }>,
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
  later: (ms: number, fn: () => void) => void,
): void {
  const jsonType = { 'Content-Type': 'application/json' };
  switch (fault.kind) {
    case 'blackhole':
      return; // accepted and read, never answered; the socket is destroyed on close()
    case 'delay':
      later(fault.ms, next);
      return;
    case 'reset':
      res.writeHead(200, { ...jsonType, 'Content-Length': '4096' });
      res.write('{"ServerName":"server-1","Members":[', () => req.socket.destroy());
      return;
    case 'status':
      fixed(res, fault.status, fault.body, {
        'Content-Type': fault.contentType ?? 'text/plain; charset=utf-8',
      });
      return;
    case 'redirect':
      fixed(res, 302, '', { Location: fault.location });
      return;
    case 'garbage':
      switch (fault.body) {
        case 'html':
          return fixed(res, 200, HTML_LOGIN, { 'Content-Type': 'text/html; charset=utf-8' });
        case 'truncated-json':
          return fixed(res, 200, TRUNCATED, jsonType);
        case 'huge':
          return streamHuge(res);
        case 'wrong-shape':
          return fixed(res, 200, WRONG_SHAPE, jsonType);
        case 'invalid-utf8':
          return fixed(res, 200, Buffer.from([0x22, 0xff, 0xfe, 0xc3, 0x28, 0x80, 0x22]), jsonType);
        case 'gzip-garbage':
          return fixed(res, 200, 'this is definitely not a gzip stream', {
            ...jsonType,
            'Content-Encoding': 'gzip',
          });
        case 'empty':
          return fixed(res, 200, '', jsonType);
      }
  }
}
