/**
 * The one place that turns failures into NomadError values: undici/Node/OpenSSL error codes (transport and
 * TLS) and HTTP statuses with Nomad's plain-text bodies (`wrap()` in Nomad's command/agent/http.go: errors
 * are text/plain, never JSON; 501 `Invalid method` means the wrong agent role). Pure functions.
 */
import type { NomadError, TlsReason } from '../../../common/nomad-domain.js';

/** Nomad error bodies are kept trimmed and capped at this many characters. */
export const MAX_ERROR_BODY_CHARS = 1024;

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_INFO',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
]);
/** What a failed handshake can mean (the two wrong-scheme reasons are found by diagnose.ts, not from an error). */
type HandshakeReason = Exclude<TlsReason, 'agent-speaks-http' | 'agent-speaks-https'>;

const TLS_REASONS = new Map<string, HandshakeReason>([
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unknown-authority'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'unknown-authority'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'unknown-authority'],
  ['UNABLE_TO_GET_ISSUER_CERT', 'unknown-authority'],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unknown-authority'],
  ['CERT_SIGNATURE_FAILURE', 'unknown-authority'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'hostname-mismatch'],
  ['CERT_HAS_EXPIRED', 'expired'],
  ['CERT_NOT_YET_VALID', 'expired'],
  ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'client-cert-required'],
  ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'client-cert-rejected'],
  ['ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'client-cert-rejected'],
  ['ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN', 'client-cert-rejected'],
  ['ERR_SSL_TLSV1_ALERT_ACCESS_DENIED', 'client-cert-rejected'],
  ['ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR', 'client-cert-rejected'],
  ['ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED', 'client-cert-rejected'],
]);
const TLS_MESSAGES: Record<HandshakeReason, string> = {
  'unknown-authority': 'the agent certificate is not signed by a trusted CA (set the CA certificate)',
  'hostname-mismatch': 'the agent certificate does not name this host (set the TLS server name)',
  expired: 'the agent certificate has expired or is not yet valid',
  'client-cert-required': 'the agent requires a client certificate (mTLS)',
  'client-cert-rejected': 'the agent rejected the client certificate',
  other: 'the TLS handshake failed',
};

/** What the request layer knows about the attempt, needed to tell TLS failure modes apart. */
export interface TransportContext {
  /** A client certificate was configured. */
  hasClientCert: boolean;
  /** The URL is https. */
  https: boolean;
  /** Our own overall deadline fired (an abort by timeout). */
  deadlineHit: boolean;
  /**
   * The server closed a fresh TLS connection before sending a byte. With a client cert configured this is how a
   * Node/OpenSSL agent rejects an untrusted cert in TLS 1.3 (no alert reaches the client).
   */
  closedAfterHandshake: boolean;
}

interface ErrorLink {
  code: string | null;
  message: string;
  name: string;
}

/** String(x) throws for objects without a prototype (no toString); error chains may contain anything. */
function safeString(x: unknown): string {
  try {
    return String(x);
  } catch {
    return Object.prototype.toString.call(x);
  }
}

/**
 * Flattens an error, its `cause` chain and AggregateError members (happy-eyeballs connect failures), five levels
 * deep at most (a cycle ends there).
 */
function chain(e: unknown, depth = 0): ErrorLink[] {
  if (depth > 5 || e === null || typeof e !== 'object')
    return e === undefined ? [] : [{ code: null, message: safeString(e), name: '' }];
  const obj = e as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
  const link: ErrorLink = {
    code: typeof obj.code === 'string' ? obj.code : null,
    message: typeof obj.message === 'string' ? obj.message : '',
    name: typeof obj.name === 'string' ? obj.name : '',
  };
  const nested = Array.isArray(obj.errors) ? obj.errors.flatMap((x: unknown) => chain(x, depth + 1)) : [];
  return [link, ...nested, ...chain(obj.cause, depth + 1)];
}

function tlsReasonOf(links: ErrorLink[], ctx: TransportContext): HandshakeReason | null {
  for (const l of links) {
    const reason = l.code !== null ? TLS_REASONS.get(l.code) : undefined;
    if (reason !== undefined) return reason;
  }
  const text = links.map((l) => `${l.code ?? ''} ${l.message}`.toLowerCase()).join(' | ');
  if (text.includes('certificate required')) return 'client-cert-required';
  if (
    /alert (unknown ca|bad certificate|certificate unknown)/.test(text) ||
    text.includes('alert_unknown_ca')
  ) {
    return ctx.hasClientCert ? 'client-cert-rejected' : 'client-cert-required';
  }
  if (ctx.https && text.includes('before secure tls connection was established')) {
    return ctx.hasClientCert ? 'client-cert-rejected' : 'client-cert-required';
  }
  if (text.includes('handshake failure') && ctx.https) {
    return ctx.hasClientCert ? 'client-cert-rejected' : 'client-cert-required';
  }
  if (ctx.closedAfterHandshake && ctx.hasClientCert) return 'client-cert-rejected';
  if (
    links.some(
      (l) => l.code?.startsWith('ERR_SSL_') || l.code?.startsWith('ERR_TLS_') || l.code?.startsWith('CERT_'),
    )
  ) {
    return 'other';
  }
  return null;
}

/** Maps a thrown undici/Node error (never an HTTP status) to a NomadError; keeps the most specific code. */
export function fromTransportError(e: unknown, ctx: TransportContext): NomadError {
  const links = chain(e);
  const codes = links.map((l) => l.code).filter((c): c is string => c !== null);
  const detail = links.find((l) => l.message !== '')?.message ?? 'unknown error';
  const tls = tlsReasonOf(links, ctx);
  if (tls !== null) {
    const code = codes.find((c) => TLS_REASONS.has(c) || c.startsWith('ERR_SSL_')) ?? codes[0];
    return {
      kind: 'tls',
      tlsReason: tls,
      message: `TLS error: ${TLS_MESSAGES[tls]} (${detail})`,
      ...(code ? { code } : {}),
    };
  }
  const parser = codes.find((c) => c.startsWith('HPE_') || c === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH');
  if (parser !== undefined)
    return invalidResponse(`The agent sent a malformed HTTP response (${detail})`, undefined, parser);
  const timeoutCode = codes.find((c) => TIMEOUT_CODES.has(c));
  const timedOut = ctx.deadlineHit || links.some((l) => l.name === 'TimeoutError');
  if (timeoutCode !== undefined || timedOut) {
    return {
      kind: 'timeout',
      message: `The agent did not answer in time (${detail})`,
      code: timeoutCode ?? 'ETIMEDOUT',
    };
  }
  const isAbort =
    codes.some((c) => c === 'UND_ERR_ABORTED' || c === 'ABORT_ERR') ||
    links.some((l) => l.name === 'AbortError');
  if (isAbort) return { kind: 'timeout', message: 'The request was aborted', code: 'UND_ERR_ABORTED' };
  const unreachable = codes.find((c) => UNREACHABLE_CODES.has(c));
  const code = unreachable ?? codes[0];
  return { kind: 'unreachable', message: `Cannot reach the agent (${detail})`, ...(code ? { code } : {}) };
}

/** Trims and caps Nomad's plain-text error body. */
export function errorBody(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_ERROR_BODY_CHARS ? `${trimmed.slice(0, MAX_ERROR_BODY_CHARS)}…` : trimmed;
}

/** Maps a non-2xx status and its plain-text body to a NomadError (bodies are never JSON-decoded here). */
export function fromHttpStatus(status: number, rawBody: string, location: string | null): NomadError {
  const body = errorBody(rawBody);
  const suffix = body !== '' ? `: ${body}` : '';
  const base = { status, body };
  if (status >= 300 && status < 400) {
    const where = location !== null ? ` to ${location}` : '';
    return {
      ...base,
      kind: 'http',
      message: `The agent answered ${status}, a redirect${where} (not followed)`,
    };
  }
  switch (status) {
    case 400:
      return { ...base, kind: 'bad-request', message: `Nomad rejected the request${suffix}` };
    case 403:
      return {
        ...base,
        kind: 'forbidden',
        message: `Permission denied (403): check the ACL token${body ? ` (${body})` : ''}`,
      };
    case 404:
      return { ...base, kind: 'not-found', message: `Not found (404)${suffix}` };
    case 501:
      return {
        ...base,
        kind: 'wrong-role',
        message: `The agent cannot serve this (501, wrong agent role)${suffix}`,
      };
    default:
      if (status === 500 && body.includes('No cluster leader')) {
        return { ...base, kind: 'no-leader', message: 'No cluster leader (500)' };
      }
      if (status === 500 && body === 'no servers') {
        return { ...base, kind: 'no-servers', message: 'The client agent has no servers (500 no servers)' };
      }
      return { ...base, kind: 'http', message: `Unexpected response code: ${status}${suffix}` };
  }
}

/** An answer that arrived but cannot be used (not JSON, wrong shape, too big, bad encoding). */
export function invalidResponse(message: string, status?: number, code?: string): NomadError {
  return {
    kind: 'invalid-response',
    message,
    ...(status !== undefined ? { status } : {}),
    ...(code ? { code } : {}),
  };
}
