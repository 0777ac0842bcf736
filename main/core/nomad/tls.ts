/**
 * TLS material for the client's undici connector: CA (file, directory or inline PEM), client cert/key for
 * mTLS, server name (SNI + verification) and skip-verify. Unreadable files are 'config' errors up front, so a
 * misconfigured cluster fails with a clear message instead of a handshake mystery.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { NomadError } from '../../../common/domain.js';
import type { Result } from '../../../common/result.js';
import { err, ok } from '../../../common/result.js';
import { fileErrorText, MAX_TLS_FILE_BYTES, readBoundedSync } from '../files/index.js';
import type { NomadClientOptions } from './types.js';

/** The subset of node:tls connect options the client passes to undici's `connect`. */
export interface TlsConnectOptions {
  ca?: string[];
  cert?: string;
  key?: string;
  servername?: string;
  rejectUnauthorized: boolean;
  minVersion: 'TLSv1.2';
}

/** Synchronous file access, injectable for tests. */
export interface TlsFs {
  readText(path: string): string;
  isDirectory(path: string): boolean;
  list(dir: string): string[];
}

export const nodeTlsFs: TlsFs = {
  // Regular files only, at most 1 MiB (files/bounded-read.ts): /dev/zero, a FIFO or a huge file is a config error.
  readText: (path) => readBoundedSync(path, MAX_TLS_FILE_BYTES),
  isDirectory: (path) => statSync(path).isDirectory(),
  list: (dir) => readdirSync(dir),
};

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function isInlinePem(value: string): boolean {
  return value.trimStart().startsWith('-----BEGIN');
}

const describe = fileErrorText;

/** All PEM certificates in a text (a bundle may hold several). */
function certsIn(text: string): string[] {
  return text.match(PEM_CERT) ?? [];
}

/** Loads CA certificates from inline PEM, a file, or every file of a directory (like go-rootcerts). */
function loadCa(value: string, label: string, fs: TlsFs): Result<string[], NomadError> {
  if (isInlinePem(value)) {
    const certs = certsIn(value);
    return certs.length > 0
      ? ok(certs)
      : err({ kind: 'config', message: `${label}: no PEM certificate found` });
  }
  try {
    if (fs.isDirectory(value)) {
      const certs = fs
        .list(value)
        .sort()
        .flatMap((name) => {
          const path = join(value, name);
          return fs.isDirectory(path) ? [] : certsIn(fs.readText(path));
        });
      if (certs.length === 0)
        return err({ kind: 'config', message: `${label} ${value}: no PEM certificates in it` });
      return ok(certs);
    }
    const certs = certsIn(fs.readText(value));
    if (certs.length === 0)
      return err({ kind: 'config', message: `${label} ${value}: not a PEM certificate` });
    return ok(certs);
  } catch (e) {
    return err({ kind: 'config', message: `${label} ${value} cannot be read (${describe(e)})` });
  }
}

/** A client cert or key: inline PEM as is, otherwise read from the file. */
function loadPem(value: string, label: string, fs: TlsFs): Result<string, NomadError> {
  if (isInlinePem(value)) return ok(value);
  try {
    const text = fs.readText(value);
    if (!isInlinePem(text)) return err({ kind: 'config', message: `${label} ${value}: not a PEM file` });
    return ok(text);
  } catch (e) {
    return err({ kind: 'config', message: `${label} ${value} cannot be read (${describe(e)})` });
  }
}

/**
 * Builds the TLS connect options from client options. caCert wins over caPath (CLI semantics). Both client
 * cert and key are required together (checked again here so this function is safe on its own).
 */
export function loadTlsOptions(
  options: NomadClientOptions,
  fs: TlsFs = nodeTlsFs,
): Result<TlsConnectOptions, NomadError> {
  const result: TlsConnectOptions = {
    rejectUnauthorized: options.tlsSkipVerify !== true,
    minVersion: 'TLSv1.2',
  };
  const caSource = options.caCert?.trim() ? { value: options.caCert, label: 'CA certificate' } : null;
  const pathSource = options.caPath?.trim() ? { value: options.caPath, label: 'CA path' } : null;
  const source = caSource ?? pathSource;
  if (source !== null) {
    const ca = loadCa(source.value.trim(), source.label, fs);
    if (!ca.ok) return ca;
    result.ca = ca.value;
  }
  const certOpt = options.clientCert?.trim() ?? '';
  const keyOpt = options.clientKey?.trim() ?? '';
  if ((certOpt === '') !== (keyOpt === '')) {
    return err({ kind: 'config', message: 'Both client cert and client key must be provided' });
  }
  if (certOpt !== '') {
    const cert = loadPem(certOpt, 'Client certificate', fs);
    if (!cert.ok) return cert;
    const key = loadPem(keyOpt, 'Client key', fs);
    if (!key.ok) return key;
    result.cert = cert.value;
    result.key = key.value;
  }
  const serverName = options.tlsServerName?.trim();
  if (serverName) result.servername = serverName;
  return ok(result);
}
