/**
 * An undici connector that remembers TLS alerts seen on each socket. undici reports a server's post-handshake
 * TLS 1.3 alert (e.g. "certificate required" from an mTLS agent) as a plain "other side closed"; the alert
 * itself only shows up as an 'error' event on the socket. Keeping it lets errors.ts say *why* TLS failed.
 */
import { buildConnector } from 'undici';
import type { TlsConnectOptions } from './tls.js';

/** How many recent sockets' TLS errors are remembered (keyed by local port). */
const MEMORY = 64;

/**
 * Wraps undici's default connector with the given TLS options and a connect timeout; `tlsErrorFor(localPort)` is
 * the TLS error last seen on the socket that used that local port, if any.
 */
export function recordingConnector(tls: TlsConnectOptions, timeoutMs: number) {
  const base = buildConnector({ ...tls, timeout: timeoutMs });
  const seen = new Map<number, Error>();
  const connect: buildConnector.connector = (options, callback) => {
    base(options, (...args) => {
      const socket = args[1];
      const port = socket?.localPort;
      if (socket && port !== undefined) {
        socket.on('error', (e: NodeJS.ErrnoException) => {
          if (!/^ERR_(SSL|TLS)_/.test(String(e.code))) return;
          seen.set(port, e);
          if (seen.size > MEMORY) {
            const oldest = seen.keys().next().value;
            if (oldest !== undefined) seen.delete(oldest);
          }
        });
      }
      callback(...args);
    });
  };
  return { connect, tlsErrorFor: (localPort: number): Error | undefined => seen.get(localPort) };
}
