/**
 * The error mapping row by row, on synthetic errors (no sockets): every TLS code, every transport code, the
 * deadline path, the text fallbacks and the exact sentence a user reads. error-mapping.test.ts and
 * tls-errors.test.ts prove the same paths against real servers; this file pins each row and each message.
 */
import { describe, expect, it } from 'vitest';
import {
  errorBody,
  fromHttpStatus,
  fromTransportError,
  invalidResponse,
  MAX_ERROR_BODY_CHARS,
} from '../../main/core/nomad/errors.js';
import type { TransportContext } from '../../main/core/nomad/errors.js';
import { ERROR_KINDS, EXIT, meaningOf } from '../../main/core/nomad/error-kinds.js';

const PLAIN: TransportContext = {
  hasClientCert: false,
  https: false,
  deadlineHit: false,
  closedAfterHandshake: false,
};
const HTTPS: TransportContext = { ...PLAIN, https: true };
const HTTPS_CERT: TransportContext = { ...HTTPS, hasClientCert: true };

function sysError(code: string, message = `boom ${code}`, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code }, extra);
}

const TLS_TEXT = {
  'unknown-authority': 'the agent certificate is not signed by a trusted CA (set the CA certificate)',
  'hostname-mismatch': 'the agent certificate does not name this host (set the TLS server name)',
  expired: 'the agent certificate has expired or is not yet valid',
  'client-cert-required': 'the agent requires a client certificate (mTLS)',
  'client-cert-rejected': 'the agent rejected the client certificate',
  other: 'the TLS handshake failed',
} as const;

describe('TLS codes → reason, sentence and code', () => {
  const rows: [string, keyof typeof TLS_TEXT][] = [
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
  ];
  it.each(rows)('%s → tls/%s', (code, reason) => {
    // A plain context: the code alone decides, whatever the text or the scheme.
    expect(fromTransportError(sysError(code, 'handshake said no'), PLAIN)).toStrictEqual({
      kind: 'tls',
      tlsReason: reason,
      message: `TLS error: ${TLS_TEXT[reason]} (handshake said no)`,
      code,
    });
  });

  it('a known code deeper in the cause chain wins over the text of the outer error', () => {
    const e = new Error('certificate required', { cause: sysError('CERT_HAS_EXPIRED', 'inner') });
    expect(fromTransportError(e, HTTPS)).toMatchObject({ tlsReason: 'expired', code: 'CERT_HAS_EXPIRED' });
  });

  it('the first known code in the chain decides the reason', () => {
    const e = sysError('CERT_HAS_EXPIRED', 'outer', { cause: sysError('ERR_TLS_CERT_ALTNAME_INVALID') });
    expect(fromTransportError(e, HTTPS)).toMatchObject({ tlsReason: 'expired', code: 'CERT_HAS_EXPIRED' });
  });

  it('the reported code is the TLS one, not an earlier transport code', () => {
    const e = sysError('ECONNRESET', 'socket', {
      cause: sysError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self signed'),
    });
    expect(fromTransportError(e, HTTPS)).toStrictEqual({
      kind: 'tls',
      tlsReason: 'unknown-authority',
      message: `TLS error: ${TLS_TEXT['unknown-authority']} (socket)`,
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('an unlisted ERR_SSL_ code is reported over an earlier unrelated code', () => {
    const e = sysError('ECONNRESET', 'socket', {
      cause: sysError('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version'),
    });
    expect(fromTransportError(e, HTTPS)).toMatchObject({
      tlsReason: 'other',
      code: 'ERR_SSL_WRONG_VERSION_NUMBER',
      message: `TLS error: ${TLS_TEXT.other} (socket)`,
    });
  });
});

describe('TLS failures recognised from text and context', () => {
  it('"certificate required" in the text → client-cert-required, even with a client cert', () => {
    const e = new Error('tlsv13 alert certificate required');
    expect(fromTransportError(e, HTTPS_CERT)).toStrictEqual({
      kind: 'tls',
      tlsReason: 'client-cert-required',
      message: `TLS error: ${TLS_TEXT['client-cert-required']} (tlsv13 alert certificate required)`,
    });
  });

  it.each([
    'alert unknown ca',
    'alert bad certificate',
    'alert certificate unknown',
    'SSL_R_ALERT_UNKNOWN_CA',
  ])('"%s": rejected with a client cert, required without one', (text) => {
    const e = new Error(`ssl3_read_bytes:tlsv1 ${text}`);
    expect(fromTransportError(e, HTTPS_CERT)).toMatchObject({
      kind: 'tls',
      tlsReason: 'client-cert-rejected',
    });
    expect(fromTransportError(e, HTTPS)).toMatchObject({ kind: 'tls', tlsReason: 'client-cert-required' });
  });

  it('the text is read from the code as well as the message', () => {
    const e = sysError('X_ALERT_UNKNOWN_CA', 'nothing useful');
    expect(fromTransportError(e, HTTPS)).toMatchObject({
      tlsReason: 'client-cert-required',
      code: 'X_ALERT_UNKNOWN_CA',
    });
  });

  it('"before secure TLS connection was established" on https: the client certificate is to blame', () => {
    const e = sysError(
      'ECONNRESET',
      'Client network socket disconnected before secure TLS connection was established',
    );
    expect(fromTransportError(e, HTTPS)).toMatchObject({ kind: 'tls', tlsReason: 'client-cert-required' });
    expect(fromTransportError(e, HTTPS_CERT)).toMatchObject({
      kind: 'tls',
      tlsReason: 'client-cert-rejected',
    });
  });

  it('the same text on a plain http cluster is an unreachable agent, not mTLS', () => {
    const e = sysError(
      'ECONNRESET',
      'Client network socket disconnected before secure TLS connection was established',
    );
    expect(fromTransportError(e, PLAIN)).toMatchObject({ kind: 'unreachable', code: 'ECONNRESET' });
  });

  it('"handshake failure" counts only on https', () => {
    const e = new Error('sslv3 alert handshake failure');
    expect(fromTransportError(e, HTTPS)).toMatchObject({ kind: 'tls', tlsReason: 'client-cert-required' });
    expect(fromTransportError(e, HTTPS_CERT)).toMatchObject({
      kind: 'tls',
      tlsReason: 'client-cert-rejected',
    });
    expect(fromTransportError(e, PLAIN)).toMatchObject({ kind: 'unreachable' });
  });

  it('a connection closed right after the handshake means a rejected client cert only when one was sent', () => {
    const e = sysError('UND_ERR_SOCKET', 'other side closed');
    expect(fromTransportError(e, { ...HTTPS_CERT, closedAfterHandshake: true })).toStrictEqual({
      kind: 'tls',
      tlsReason: 'client-cert-rejected',
      message: `TLS error: ${TLS_TEXT['client-cert-rejected']} (other side closed)`,
      code: 'UND_ERR_SOCKET',
    });
    expect(fromTransportError(e, { ...HTTPS, closedAfterHandshake: true })).toMatchObject({
      kind: 'unreachable',
      code: 'UND_ERR_SOCKET',
    });
    expect(fromTransportError(e, HTTPS_CERT)).toMatchObject({ kind: 'unreachable', code: 'UND_ERR_SOCKET' });
  });

  it.each(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_TLS_INVALID_PROTOCOL_VERSION', 'CERT_REVOKED'])(
    'an unlisted %s is a TLS failure of kind other',
    (code) => {
      expect(fromTransportError(sysError(code, 'odd'), PLAIN)).toStrictEqual({
        kind: 'tls',
        tlsReason: 'other',
        message: `TLS error: ${TLS_TEXT.other} (odd)`,
        code,
      });
    },
  );

  it('an ordinary failure on an https cluster with a client cert is not called a TLS problem', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'UND_ERR_SOCKET']) {
      expect(fromTransportError(sysError(code, 'down'), HTTPS_CERT)).toStrictEqual({
        kind: 'unreachable',
        message: 'Cannot reach the agent (down)',
        code,
      });
    }
    expect(fromTransportError(sysError('UND_ERR_HEADERS_TIMEOUT', 'slow'), HTTPS_CERT)).toMatchObject({
      kind: 'timeout',
    });
  });
});

describe('transport codes', () => {
  it.each([
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
  ])('%s → unreachable, the code reported even behind an unlisted outer code', (code) => {
    const e = sysError('ERR_SOMETHING_ELSE', 'fetch failed', { cause: sysError(code, 'inner') });
    expect(fromTransportError(e, PLAIN)).toStrictEqual({
      kind: 'unreachable',
      message: 'Cannot reach the agent (fetch failed)',
      code,
    });
  });

  it('an unlisted code alone is still reported', () => {
    expect(fromTransportError(sysError('EWHATEVER', 'odd'), PLAIN)).toStrictEqual({
      kind: 'unreachable',
      message: 'Cannot reach the agent (odd)',
      code: 'EWHATEVER',
    });
  });

  it('no code and no message: "unknown error" and no code field', () => {
    expect(fromTransportError({}, PLAIN)).toStrictEqual({
      kind: 'unreachable',
      message: 'Cannot reach the agent (unknown error)',
    });
  });

  it.each([
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'ETIMEDOUT',
    'ESOCKETTIMEDOUT',
  ])('%s → timeout with that code', (code) => {
    const e = sysError('ECONNRESET', 'outer', { cause: sysError(code, 'inner') });
    expect(fromTransportError(e, PLAIN)).toStrictEqual({
      kind: 'timeout',
      message: 'The agent did not answer in time (outer)',
      code,
    });
  });

  it('our own deadline firing is a timeout (ETIMEDOUT), never "aborted"', () => {
    const e = Object.assign(new Error('This operation was aborted'), {
      name: 'AbortError',
      code: 'ABORT_ERR',
    });
    expect(fromTransportError(e, { ...PLAIN, deadlineHit: true })).toStrictEqual({
      kind: 'timeout',
      message: 'The agent did not answer in time (This operation was aborted)',
      code: 'ETIMEDOUT',
    });
  });

  it('a TimeoutError anywhere in the chain is a timeout', () => {
    const e = new Error('fetch failed', {
      cause: Object.assign(new Error('signal timed out'), { name: 'TimeoutError' }),
    });
    expect(fromTransportError(e, PLAIN)).toStrictEqual({
      kind: 'timeout',
      message: 'The agent did not answer in time (fetch failed)',
      code: 'ETIMEDOUT',
    });
  });

  it.each([
    ['UND_ERR_ABORTED', sysError('UND_ERR_ABORTED', 'aborted')],
    ['ABORT_ERR', sysError('ABORT_ERR', 'aborted')],
    ['AbortError', Object.assign(new Error('aborted'), { name: 'AbortError' })],
  ])("the caller's abort (%s) → timeout kind saying the request was aborted", (_label, e) => {
    expect(fromTransportError(e, PLAIN)).toStrictEqual({
      kind: 'timeout',
      message: 'The request was aborted',
      code: 'UND_ERR_ABORTED',
    });
  });

  it.each(['HPE_INVALID_CONSTANT', 'HPE_INVALID_HEADER_TOKEN', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'])(
    '%s → invalid-response naming the malformed answer',
    (code) => {
      const e = sysError('ECONNRESET', 'outer', { cause: sysError(code, 'Parse Error') });
      expect(fromTransportError(e, PLAIN)).toStrictEqual({
        kind: 'invalid-response',
        message: 'The agent sent a malformed HTTP response (outer)',
        code,
      });
    },
  );
});

describe('walking the error chain', () => {
  it('AggregateError members are read (happy eyeballs: every address refused)', () => {
    const e = new AggregateError([sysError('ECONNREFUSED', 'connect ECONNREFUSED ::1:4646')], '');
    expect(fromTransportError(e, PLAIN)).toStrictEqual({
      kind: 'unreachable',
      message: 'Cannot reach the agent (connect ECONNREFUSED ::1:4646)',
      code: 'ECONNREFUSED',
    });
  });

  it('errors that are not an array are not walked', () => {
    const e = Object.assign(new Error('outer'), { errors: { 0: sysError('ECONNREFUSED') } });
    expect(fromTransportError(e, PLAIN)).toStrictEqual({
      kind: 'unreachable',
      message: 'Cannot reach the agent (outer)',
    });
  });

  it('the chain is followed five levels deep and no deeper', () => {
    const nest = (levels: number): unknown => {
      let e: unknown = sysError('ECONNREFUSED', 'deepest');
      for (let i = 0; i < levels; i++) e = { cause: e };
      return e;
    };
    expect(fromTransportError(nest(5), PLAIN)).toMatchObject({
      code: 'ECONNREFUSED',
      message: 'Cannot reach the agent (deepest)',
    });
    // Past the limit the link is kept only as text: no code is read from it.
    expect(fromTransportError(nest(6), PLAIN)).toStrictEqual({
      kind: 'unreachable',
      message: 'Cannot reach the agent (Error: deepest)',
    });
  });

  it('nested AggregateErrors are followed five levels deep too, so a cycle cannot recurse forever', () => {
    const loop = new AggregateError([], 'loop');
    loop.errors.push(loop);
    expect(fromTransportError(loop, PLAIN)).toStrictEqual({
      kind: 'unreachable',
      message: 'Cannot reach the agent (loop)',
    });
    let e: unknown = sysError('ECONNREFUSED', 'deepest');
    for (let i = 0; i < 6; i++) e = new AggregateError([e], '');
    expect(fromTransportError(e, PLAIN)).toStrictEqual({
      kind: 'unreachable',
      message: 'Cannot reach the agent (Error: deepest)',
    });
  });

  it('the text of two links never runs together into a phrase neither says', () => {
    const e = new Error('the agent sent a certificate', { cause: new Error('required reading') });
    expect(fromTransportError(e, HTTPS)).toMatchObject({ kind: 'unreachable' });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'a hostile code %s is just an unknown code, not a TLS reason',
    (code) => {
      expect(fromTransportError(sysError(code, 'odd'), HTTPS_CERT)).toStrictEqual({
        kind: 'unreachable',
        message: 'Cannot reach the agent (odd)',
        code,
      });
    },
  );

  it('a thrown string is the message', () => {
    expect(fromTransportError('socket hang up', PLAIN)).toStrictEqual({
      kind: 'unreachable',
      message: 'Cannot reach the agent (socket hang up)',
    });
  });

  it('a thrown undefined is an unknown error; a cause of undefined adds nothing', () => {
    expect(fromTransportError(undefined, PLAIN).message).toBe('Cannot reach the agent (unknown error)');
    expect(fromTransportError(new Error('x', { cause: undefined }), PLAIN).message).toBe(
      'Cannot reach the agent (x)',
    );
  });

  it('a thrown null and an object without a prototype do not crash the mapping', () => {
    expect(fromTransportError(null, PLAIN).message).toBe('Cannot reach the agent (null)');
    const bare = Object.create(null) as object;
    expect(
      fromTransportError({ cause: { cause: { cause: { cause: { cause: { cause: bare } } } } } }, PLAIN)
        .message,
    ).toBe('Cannot reach the agent ([object Object])');
  });

  it('non-string code, message and name fields are ignored', () => {
    const e = { code: 61, message: { text: 'no' }, name: 7, cause: sysError('ECONNREFUSED', 'refused') };
    expect(fromTransportError(e, PLAIN)).toStrictEqual({
      kind: 'unreachable',
      message: 'Cannot reach the agent (refused)',
      code: 'ECONNREFUSED',
    });
    const named = { name: { toString: () => 'TimeoutError' }, message: 'x' };
    expect(fromTransportError(named, PLAIN).kind).toBe('unreachable');
  });
});

describe('HTTP statuses', () => {
  it.each([
    [400, 'bad-request', 'Nomad rejected the request: bad region'],
    [403, 'forbidden', 'Permission denied (403): check the ACL token (bad region)'],
    [404, 'not-found', 'Not found (404): bad region'],
    [501, 'wrong-role', 'The agent cannot serve this (501, wrong agent role): bad region'],
    [500, 'http', 'Unexpected response code: 500: bad region'],
    [502, 'http', 'Unexpected response code: 502: bad region'],
    [299, 'http', 'Unexpected response code: 299: bad region'],
    [401, 'http', 'Unexpected response code: 401: bad region'],
  ])('%i with a body → %s, "%s"', (status, kind, message) => {
    expect(fromHttpStatus(status, '  bad region\n', null)).toStrictEqual({
      status,
      body: 'bad region',
      kind,
      message,
    });
  });

  it.each([
    [400, 'Nomad rejected the request'],
    [403, 'Permission denied (403): check the ACL token'],
    [404, 'Not found (404)'],
    [501, 'The agent cannot serve this (501, wrong agent role)'],
    [503, 'Unexpected response code: 503'],
  ])('%i with an empty body → "%s"', (status, message) => {
    expect(fromHttpStatus(status, ' \n', null)).toMatchObject({ status, body: '', message });
  });

  it('500 "No cluster leader" → no-leader', () => {
    expect(fromHttpStatus(500, 'rpc error: No cluster leader', null)).toStrictEqual({
      status: 500,
      body: 'rpc error: No cluster leader',
      kind: 'no-leader',
      message: 'No cluster leader (500)',
    });
    expect(fromHttpStatus(503, 'No cluster leader', null).kind).toBe('http');
  });

  it('500 exactly "no servers" → no-servers; other 500s and other statuses are plain http', () => {
    expect(fromHttpStatus(500, 'no servers\n', null)).toStrictEqual({
      status: 500,
      body: 'no servers',
      kind: 'no-servers',
      message: 'The client agent has no servers (500 no servers)',
    });
    expect(fromHttpStatus(500, 'no servers known', null).kind).toBe('http');
    expect(fromHttpStatus(502, 'no servers', null).kind).toBe('http');
  });

  it.each([300, 301, 307, 399])('%i is a redirect, not followed, naming the Location', (status) => {
    expect(fromHttpStatus(status, 'moved', 'https://elsewhere:4646/')).toStrictEqual({
      status,
      body: 'moved',
      kind: 'http',
      message: `The agent answered ${status}, a redirect to https://elsewhere:4646/ (not followed)`,
    });
    expect(fromHttpStatus(status, '', null).message).toBe(
      `The agent answered ${status}, a redirect (not followed)`,
    );
  });

  it('errorBody trims and caps at exactly MAX_ERROR_BODY_CHARS characters', () => {
    expect(MAX_ERROR_BODY_CHARS).toBe(1024);
    const exact = 'x'.repeat(1024);
    expect(errorBody(`  ${exact}  `)).toBe(exact);
    expect(errorBody(`${exact}y`)).toBe(`${exact}…`);
  });
});

describe('invalidResponse', () => {
  it('carries the status and code only when given', () => {
    expect(invalidResponse('not JSON')).toStrictEqual({ kind: 'invalid-response', message: 'not JSON' });
    expect(invalidResponse('not JSON', 200, 'E_JSON')).toStrictEqual({
      kind: 'invalid-response',
      message: 'not JSON',
      status: 200,
      code: 'E_JSON',
    });
    expect(invalidResponse('not JSON', 0, '')).toStrictEqual({
      kind: 'invalid-response',
      message: 'not JSON',
      status: 0,
    });
  });
});

describe('what each error kind means', () => {
  it('the table, row by row: answered, outage and exit code', () => {
    const rows = Object.fromEntries(
      Object.entries(ERROR_KINDS).map(([kind, m]) => [kind, [m.answered, m.outage, m.exit, m.ours ?? null]]),
    );
    expect(rows).toStrictEqual({
      config: [false, false, 78, 'settings'],
      unreachable: [false, true, 2, null],
      timeout: [false, true, 2, null],
      tls: [false, false, 2, null],
      forbidden: [true, false, 2, null],
      'not-found': [true, false, 1, null],
      'wrong-role': [true, false, 1, null],
      'no-leader': [true, false, 1, null],
      'no-servers': [true, false, 1, null],
      'bad-request': [true, false, 1, null],
      http: [true, false, 1, null],
      'invalid-response': [true, false, 1, null],
      'too-many-members': [true, false, 1, 'too many members'],
      internal: [false, false, 1, 'internal error'],
    });
    expect(EXIT).toStrictEqual({ ok: 0, problem: 1, unreachable: 2, usage: 64, config: 78 });
  });

  it('an unknown kind from outside, even an inherited name, reads as an odd answer', () => {
    for (const kind of ['teapot', 'constructor', '__proto__', 'toString'])
      expect(meaningOf({ kind } as never)).toBe(ERROR_KINDS.http);
    expect(meaningOf({ kind: 'timeout' })).toBe(ERROR_KINDS.timeout);
  });
});
