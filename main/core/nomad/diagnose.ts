/**
 * Diagnoses that say what is wrong, made only after a request failed (never on the happy path):
 *
 * - Scheme mismatch. `https://` to an agent that speaks plain HTTP fails in the TLS handshake (it looks like an
 *   mTLS refusal or a reset); `http://` to an HTTPS port is closed or answered 400 "Client sent an HTTP request
 *   to an HTTPS server". One short probe of the other scheme on the same host and port tells them apart, and the
 *   error then names the fix ("this agent speaks plain HTTP; use http://…").
 * - 403. Nomad answers "Permission denied" both for an unknown token and for one whose policy lacks the
 *   capability. No token set → say so; else `/v1/acl/token/self` (answered for any valid token) tells a refused
 *   token from one that lacks the capability the call needs (node:read, agent:read, agent:write).
 */
import net from 'node:net';
import tls from 'node:tls';
import type { NomadError } from '../../../common/nomad-domain.js';

/** The ACL capability each agent endpoint needs (method + path); health, leader and regions need none. */
const CAPABILITIES = new Map<string, string>([
  ['GET /v1/agent/members', 'node:read'],
  ['GET /v1/nodes', 'node:read'],
  ['GET /v1/agent/self', 'agent:read'],
  ['GET /v1/agent/servers', 'agent:read'],
  ['PUT /v1/agent/servers', 'agent:write'],
  ['PUT /v1/agent/join', 'agent:write'],
  ['PUT /v1/agent/force-leave', 'agent:write'],
  ['GET /v1/operator/autopilot/health', 'operator:read'],
]);

/** The capability a call needs, or null when Nomad checks none (or it is not known). */
export function capabilityFor(method: string, path: string): string | null {
  return CAPABILITIES.get(`${method} ${path}`) ?? null;
}

/** What the token check found: no token, a token Nomad does not know, or a valid token. */
export type TokenCheck = 'no-token' | 'refused' | 'valid' | 'unknown';

/** What each token check makes of a 403: the ACL reason it proves, and the message (given `needs` and `body`). */
const DIAGNOSES: Record<
  TokenCheck,
  { aclReason?: NomadError['aclReason']; say(needs: string, body: string): string }
> = {
  'no-token': {
    aclReason: 'no-token',
    say: (needs, body) =>
      `No ACL token set: this cluster has ACLs enabled and the call needs ${needs}${body}; set a token (NOMAD_TOKEN, --token or Settings)`,
  },
  refused: {
    aclReason: 'token-refused',
    say: (_, body) =>
      `The ACL token was refused: Nomad does not know it (revoked, expired or mistyped)${body}`,
  },
  valid: {
    aclReason: 'lacks-capability',
    say: (needs, body) => `The ACL token lacks ${needs}${body}: its policy must grant it`,
  },
  unknown: { say: (needs, body) => `Permission denied${body}: the ACL token was refused or lacks ${needs}` },
};

/** Rewrites a 403 into the diagnosis the token check allows, naming the capability the call needs. */
export function forbiddenDiagnosis(
  error: NomadError,
  check: TokenCheck,
  capability: string | null,
): NomadError {
  const { aclReason, say } = DIAGNOSES[check];
  return {
    ...error,
    ...(aclReason ? { aclReason } : {}),
    ...(capability ? { capability } : {}),
    message: say(
      capability ?? 'a capability this call needs',
      error.body ? ` (403 ${error.body})` : ' (403)',
    ),
  };
}

/** A failure that could be a scheme mismatch (worth one probe); false for clear answers and our own timeouts. */
export function maybeSchemeMismatch(error: NomadError, https: boolean): boolean {
  if (https && error.kind === 'tls')
    return error.tlsReason === 'client-cert-required' || error.tlsReason === 'other';
  if (!https && error.kind === 'bad-request')
    return /HTTP request to an HTTPS server/i.test(error.body ?? '');
  return error.kind === 'unreachable' && (error.code === 'ECONNRESET' || error.code === 'UND_ERR_SOCKET');
}

/** The error that says the scheme is wrong and what to use instead. */
export function schemeError(baseUrl: string, https: boolean, original: NomadError): NomadError {
  const fix = baseUrl.replace(/^https?:/, https ? 'http:' : 'https:');
  return {
    kind: 'tls',
    tlsReason: https ? 'agent-speaks-http' : 'agent-speaks-https',
    message: https
      ? `This agent speaks plain HTTP; use ${fix}`
      : `This agent speaks HTTPS; use ${fix} (with its CA certificate)`,
    ...(original.code ? { code: original.code } : {}),
  };
}

function hostPort(baseUrl: string): { host: string; port: number } | null {
  if (!URL.canParse(baseUrl)) return null;
  const u = new URL(baseUrl);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port };
}

/**
 * Probes whether the agent at `baseUrl`'s host and port speaks the OTHER scheme: plain HTTP (an `HTTP/` status
 * line comes back) when `https`, else TLS (a handshake gets as far as the server's answer). Never throws;
 * false on any doubt, on timeout or when `signal` aborts.
 */
export function speaksOtherScheme(
  baseUrl: string,
  https: boolean,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<boolean> {
  const target = hostPort(baseUrl);
  if (target === null || signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    let done = false;
    const finish = (answer: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(answer);
    };
    const onAbort = (): void => finish(false);
    const timer = setTimeout(() => finish(false), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    let socket: net.Socket;
    if (https) {
      socket = net.connect(target.port, target.host, () => {
        socket.write(`GET /v1/agent/health HTTP/1.0\r\nHost: ${target.host}\r\n\r\n`);
      });
      // Go's HTTPS server answers plain HTTP with "400 … Client sent an HTTP request to an HTTPS server": not HTTP.
      let head = '';
      const verdict = (): boolean => head.startsWith('HTTP/') && !/request to an HTTPS server/i.test(head);
      socket.on('data', (d: Buffer) => {
        head += d.toString('latin1');
        if (head.length >= 512) finish(verdict());
      });
      socket.on('end', () => finish(verdict()));
    } else {
      const servername = net.isIP(target.host) === 0 ? target.host : undefined;
      socket = tls.connect({
        host: target.host,
        port: target.port,
        rejectUnauthorized: false,
        ...(servername ? { servername } : {}),
      });
      socket.on('secureConnect', () => finish(true));
      // A TLS alert (e.g. "certificate required") still proves the port speaks TLS.
      socket.on('error', (e: NodeJS.ErrnoException) =>
        finish(
          typeof e.code === 'string' &&
            e.code.startsWith('ERR_SSL_') &&
            !e.code.includes('WRONG_VERSION') &&
            !e.code.includes('PACKET_LENGTH'),
        ),
      );
    }
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}
