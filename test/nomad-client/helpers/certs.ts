/**
 * Test PKI made at run time (node:crypto keys, node-forge certificates): a CA, an unrelated CA, a server cert
 * for 127.0.0.1/localhost/server.global.nomad, an expired server cert, and client certs from both CAs.
 * Written to a temp dir so file-path options are exercised too.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

interface Issued {
  cert: string;
  key: string;
}

function keyPair(): { forgeKey: forge.pki.rsa.PrivateKey; forgePub: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return {
    pem,
    forgeKey: forge.pki.privateKeyFromPem(pem),
    forgePub: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

let serial = 1;
function issue(opts: {
  cn: string;
  ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | null;
  isCa?: boolean;
  sans?: Array<{ dns?: string; ip?: string }>;
  notBefore: Date;
  notAfter: Date;
  clientAuth?: boolean;
}): Issued & { forgeCert: forge.pki.Certificate; forgeKey: forge.pki.rsa.PrivateKey } {
  const k = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = k.forgePub;
  cert.serialNumber = (serial++).toString(16).padStart(2, '0');
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  cert.setSubject([{ name: 'commonName', value: opts.cn }]);
  cert.setIssuer(opts.ca ? opts.ca.cert.subject.attributes : [{ name: 'commonName', value: opts.cn }]);
  const exts: object[] = [{ name: 'basicConstraints', cA: opts.isCa === true }];
  if (opts.isCa) exts.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true });
  else exts.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true });
  if (!opts.isCa) exts.push({ name: 'extKeyUsage', serverAuth: true, clientAuth: true });
  if (opts.sans) {
    exts.push({
      name: 'subjectAltName',
      altNames: opts.sans.map((s) => (s.ip ? { type: 7, ip: s.ip } : { type: 2, value: s.dns })),
    });
  }
  cert.setExtensions(exts);
  cert.sign(opts.ca ? opts.ca.key : k.forgeKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: k.pem, forgeCert: cert, forgeKey: k.forgeKey };
}

export interface TestPki {
  dir: string;
  caPem: string;
  caFile: string;
  /** A directory holding only the CA (for caPath / caCert-as-directory). */
  caDir: string;
  otherCaFile: string;
  server: Issued;
  expiredServer: Issued;
  clientCertFile: string;
  clientKeyFile: string;
  clientCertPem: string;
  clientKeyPem: string;
  badClientCertFile: string;
  badClientKeyFile: string;
}

/** Makes the whole PKI (a few hundred ms of RSA key generation). */
export function makePki(): TestPki {
  const now = Date.now();
  const day = 86_400_000;
  const valid = { notBefore: new Date(now - day), notAfter: new Date(now + 30 * day) };
  const ca = issue({ cn: 'Nomad Agent CA', ca: null, isCa: true, ...valid });
  const other = issue({ cn: 'Some Other CA', ca: null, isCa: true, ...valid });
  const caRef = { cert: ca.forgeCert, key: ca.forgeKey };
  const sans = [{ dns: 'server.global.nomad' }, { dns: 'localhost' }, { ip: '127.0.0.1' }];
  const server = issue({ cn: 'server.global.nomad', ca: caRef, sans, ...valid });
  const expiredServer = issue({
    cn: 'server.global.nomad',
    ca: caRef,
    sans,
    notBefore: new Date(now - 10 * day),
    notAfter: new Date(now - 2 * day),
  });
  const client = issue({ cn: 'cli.global.nomad', ca: caRef, ...valid });
  const bad = issue({ cn: 'cli.global.nomad', ca: { cert: other.forgeCert, key: other.forgeKey }, ...valid });
  const dir = mkdtempSync(join(tmpdir(), 'nomad-client-pki-'));
  const caDir = join(dir, 'ca.d');
  mkdirSync(caDir);
  const write = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  writeFileSync(join(caDir, 'ca.pem'), ca.cert);
  return {
    dir,
    caPem: ca.cert,
    caFile: write('ca.pem', ca.cert),
    caDir,
    otherCaFile: write('other-ca.pem', other.cert),
    server: { cert: server.cert, key: server.key },
    expiredServer: { cert: expiredServer.cert, key: expiredServer.key },
    clientCertFile: write('cli.pem', client.cert),
    clientKeyFile: write('cli-key.pem', client.key),
    clientCertPem: client.cert,
    clientKeyPem: client.key,
    badClientCertFile: write('bad-cli.pem', bad.cert),
    badClientKeyFile: write('bad-cli-key.pem', bad.key),
  };
}
