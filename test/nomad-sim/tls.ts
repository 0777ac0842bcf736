/**
 * Test PKI for the simulator, made at startup without an openssl binary: keys from node:crypto, X.509
 * certificates from node-forge. Names follow `nomad tls cert create` (doc §8): server.<region>.nomad +
 * localhost + 127.0.0.1 for servers, cli.<region>.nomad for the CLI/client cert.
 */
import { constants, generateKeyPair, privateEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

/** What kind of server certificate to issue. */
export type ServerCertKind = 'valid' | 'expired' | 'wrong-host';

/** Options of makeCerts. */
export interface MakeCertsOptions {
  /** Region used in the names (default 'global'). */
  region?: string;
  /** 'expired': validity ended yesterday; 'wrong-host': SANs name neither 127.0.0.1 nor localhost. */
  serverCert?: ServerCertKind;
  /** Directory to write into (default: a fresh temp dir, removed by cleanup()). */
  dir?: string;
  /** Reuse the PEMs generated earlier in this process for the same region and kind (fast; files are new). */
  reuse?: boolean;
}

/** Every PEM (inline and as a file path) of one generated PKI. */
export interface CertBundle {
  dir: string;
  serverName: string;
  caPem: string;
  caFile: string;
  serverCertPem: string;
  serverKeyPem: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertPem: string;
  clientKeyPem: string;
  clientCertFile: string;
  clientKeyFile: string;
  otherCaPem: string;
  otherCaFile: string;
  badClientCertPem: string;
  badClientKeyPem: string;
  badClientCertFile: string;
  badClientKeyFile: string;
  /** Removes the directory (only when makeCerts created it). */
  cleanup(): Promise<void>;
}

interface Issued {
  cert: forge.pki.Certificate;
  key: KeyObject;
  certPem: string;
  keyPem: string;
}

const DAY = 24 * 3600 * 1000;
/** DER prefix of a PKCS#1 v1.5 DigestInfo for SHA-256. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A forge-compatible signer backed by node:crypto (forge's pure-JS RSA is slow): RSASSA-PKCS1-v1_5 is the
 * private-key "encryption" of the DigestInfo with type-1 padding.
 */
function nodeSigner(key: KeyObject): forge.pki.rsa.PrivateKey {
  const signer = {
    sign: (md: forge.md.MessageDigest): string => {
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      const info = Buffer.concat([SHA256_DIGEST_INFO, digest]);
      return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, info).toString('binary');
    },
  };
  return signer as unknown as forge.pki.rsa.PrivateKey;
}

interface Pair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

let pool: Promise<Pair[]> | null = null;

/**
 * Five RSA key pairs made once per process, in parallel on the libuv pool (key generation dominates the
 * cost). Every bundle gets fresh certificates with unique CA names, so reusing keys does not make one
 * bundle's CA trust another bundle's certificates.
 */
function keyPool(): Promise<Pair[]> {
  const gen = promisify(generateKeyPair);
  pool ??= Promise.all([0, 1, 2, 3, 4].map(() => gen('rsa', { modulusLength: 2048 })));
  return pool;
}

function issue(
  cn: string,
  issuer: Issued | null,
  opts: { ca: boolean; dns?: string[]; ips?: string[]; expired?: boolean; pair: Pair },
): Issued {
  const { publicKey, privateKey } = opts.pair;
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  const now = Date.now();
  cert.validity.notBefore = new Date(opts.expired ? now - 3 * DAY : now - DAY);
  cert.validity.notAfter = new Date(opts.expired ? now - DAY : now + 365 * DAY);
  const subject = [
    { name: 'commonName', value: cn },
    { name: 'organizationName', value: 'Nomad Tray Simulator' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  const exts: object[] = [
    { name: 'basicConstraints', cA: opts.ca, critical: true },
    opts.ca
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ];
  if (!opts.ca) exts.push({ name: 'extKeyUsage', serverAuth: true, clientAuth: true });
  const alt = [
    ...(opts.dns ?? []).map((value) => ({ type: 2, value })),
    ...(opts.ips ?? []).map((ip) => ({ type: 7, ip })),
  ];
  if (alt.length > 0) exts.push({ name: 'subjectAltName', altNames: alt });
  if (issuer) {
    exts.push({
      name: 'authorityKeyIdentifier',
      keyIdentifier: issuer.cert.generateSubjectKeyIdentifier().getBytes(),
    });
  }
  cert.setExtensions(exts);
  cert.sign(nodeSigner(issuer ? issuer.key : privateKey), forge.md.sha256.create());
  return { cert, key: privateKey, certPem: forge.pki.certificateToPem(cert), keyPem };
}

/** The PEM texts of one PKI, in the file order used by makeCerts. */
interface PemSet {
  serverName: string;
  files: Array<[string, string]>;
}

async function generate(region: string, kind: ServerCertKind): Promise<PemSet> {
  const [k0, k1, k2, k3, k4] = await keyPool();
  if (!k0 || !k1 || !k2 || !k3 || !k4) throw new Error('nomad-sim: key pool is short');
  const tag = randomBytes(4).toString('hex');
  const ca = issue(`Nomad Agent CA ${region} ${tag}`, null, { ca: true, pair: k0 });
  const serverName = `server.${region}.nomad`;
  const server =
    kind === 'wrong-host'
      ? issue('server.elsewhere.nomad', ca, {
          ca: false,
          dns: ['server.elsewhere.nomad', 'nomad.example.invalid'],
          pair: k1,
        })
      : issue(serverName, ca, {
          ca: false,
          dns: [serverName, 'localhost'],
          ips: ['127.0.0.1'],
          expired: kind === 'expired',
          pair: k1,
        });
  const client = issue(`cli.${region}.nomad`, ca, {
    ca: false,
    dns: [`cli.${region}.nomad`, 'localhost'],
    pair: k2,
  });
  const otherCa = issue(`Unrelated CA ${tag}`, null, { ca: true, pair: k3 });
  const bad = issue(`cli.${region}.nomad`, otherCa, { ca: false, dns: [`cli.${region}.nomad`], pair: k4 });
  return {
    serverName,
    files: [
      ['nomad-agent-ca.pem', ca.certPem],
      [`${region}-server-nomad.pem`, server.certPem],
      [`${region}-server-nomad-key.pem`, server.keyPem],
      [`${region}-cli-nomad.pem`, client.certPem],
      [`${region}-cli-nomad-key.pem`, client.keyPem],
      ['other-ca.pem', otherCa.certPem],
      ['bad-cli.pem', bad.certPem],
      ['bad-cli-key.pem', bad.keyPem],
    ],
  };
}

const cache = new Map<string, PemSet>();

/**
 * Generates a CA, a server cert (valid, expired or with mismatching SANs), a CLI client cert signed by the
 * CA, a second unrelated CA and a client cert signed by it, and writes them all as PEM files.
 */
export async function makeCerts(opts: MakeCertsOptions = {}): Promise<CertBundle> {
  const region = opts.region ?? 'global';
  const kind = opts.serverCert ?? 'valid';
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'nomad-sim-tls-')));
  const cacheKey = `${region}/${kind}`;
  const pki = (opts.reuse === true ? cache.get(cacheKey) : undefined) ?? (await generate(region, kind));
  cache.set(cacheKey, pki);
  const { files, serverName } = pki;
  await Promise.all(files.map(([name, pem]) => writeFile(join(dir, name), pem, { mode: 0o600 })));
  const f = (i: number): string => join(dir, files[i]?.[0] ?? '');
  const pem = (i: number): string => files[i]?.[1] ?? '';
  return {
    dir,
    serverName,
    caPem: pem(0),
    caFile: f(0),
    serverCertPem: pem(1),
    serverKeyPem: pem(2),
    serverCertFile: f(1),
    serverKeyFile: f(2),
    clientCertPem: pem(3),
    clientKeyPem: pem(4),
    clientCertFile: f(3),
    clientKeyFile: f(4),
    otherCaPem: pem(5),
    otherCaFile: f(5),
    badClientCertPem: pem(6),
    badClientKeyPem: pem(7),
    badClientCertFile: f(6),
    badClientKeyFile: f(7),
    cleanup: async () => {
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
