/**
 * TLS material for the client's undici connector: CA (file, directory or inline PEM), client cert/key for
 * mTLS, server name (SNI + verification) and skip-verify. Files are read asynchronously by the rules of
 * files/bounded-read.ts; an unreadable one is a 'config' error up front, so a misconfigured cluster fails with a
 * clear message naming the file instead of a handshake mystery (or a crash on /dev/zero).
 */
import { join } from 'node:path';
import type { NomadError } from '../../../common/nomad-domain.js';
import { ok, type Result } from '../../../common/result.js';
import { boundedReader, CA_DIR_LIMITS, FileRefused, fileErrorText, TLS_FILE_LIMITS } from '../files/index.js';
import { configError } from './options.js';
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

const readText = (path: string): Promise<string> => boundedReader.read(path, TLS_FILE_LIMITS);

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function isInlinePem(value: string): boolean {
  return value.trimStart().startsWith('-----BEGIN');
}

/** All PEM certificates in a text (a bundle may hold several). */
function certsIn(text: string): string[] {
  return text.match(PEM_CERT) ?? [];
}

const isDirectory = (e: unknown): boolean => e instanceof FileRefused && e.isDirectory;

/** Every certificate in the regular files of a directory (subdirectories are skipped, like go-rootcerts). */
async function certsInDirectory(dir: string): Promise<string[]> {
  const names = await boundedReader.list(dir, CA_DIR_LIMITS);
  const certs: string[] = [];
  // One file at a time: a directory of hostile files never holds more than one reader.
  for (const name of names.sort()) {
    try {
      certs.push(...certsIn(await readText(join(dir, name))));
    } catch (e) {
      if (!isDirectory(e)) throw new FileRefused(`${name} ${fileErrorText(e)}`);
    }
  }
  return certs;
}

/** Loads CA certificates from inline PEM, a file, or every file of a directory (like go-rootcerts). */
async function loadCa(value: string, label: string): Promise<Result<string[], NomadError>> {
  if (isInlinePem(value)) {
    const certs = certsIn(value);
    return certs.length > 0 ? ok(certs) : configError(`${label}: no PEM certificate found`);
  }
  let certs: string[];
  let none = 'not a PEM certificate';
  try {
    try {
      certs = certsIn(await readText(value));
    } catch (e) {
      if (!isDirectory(e)) throw e;
      certs = await certsInDirectory(value);
      none = 'no PEM certificates in it';
    }
  } catch (e) {
    return configError(`${label} ${value} cannot be read (${fileErrorText(e)})`);
  }
  return certs.length > 0 ? ok(certs) : configError(`${label} ${value}: ${none}`);
}

/** A client cert or key: inline PEM as is, otherwise read from the file. */
async function loadPem(value: string, label: string): Promise<Result<string, NomadError>> {
  if (isInlinePem(value)) return ok(value);
  try {
    const text = await readText(value);
    return isInlinePem(text) ? ok(text) : configError(`${label} ${value}: not a PEM file`);
  } catch (e) {
    return configError(`${label} ${value} cannot be read (${fileErrorText(e)})`);
  }
}

/**
 * Builds the TLS connect options from client options (already checked by resolveOptions: a cert comes with its
 * key). caCert wins over caPath (CLI semantics).
 */
export async function loadTlsOptions(
  options: NomadClientOptions,
): Promise<Result<TlsConnectOptions, NomadError>> {
  const result: TlsConnectOptions = {
    rejectUnauthorized: options.tlsSkipVerify !== true,
    minVersion: 'TLSv1.2',
  };
  const caCert = options.caCert?.trim();
  const caPath = options.caPath?.trim();
  if (caCert || caPath) {
    const ca = await (caCert ? loadCa(caCert, 'CA certificate') : loadCa(caPath ?? '', 'CA path'));
    if (!ca.ok) return ca;
    result.ca = ca.value;
  }
  const certOpt = options.clientCert?.trim() ?? '';
  if (certOpt !== '') {
    const cert = await loadPem(certOpt, 'Client certificate');
    if (!cert.ok) return cert;
    const key = await loadPem(options.clientKey?.trim() ?? '', 'Client key');
    if (!key.ok) return key;
    result.cert = cert.value;
    result.key = key.value;
  }
  const serverName = options.tlsServerName?.trim();
  if (serverName) result.servername = serverName;
  return ok(result);
}
