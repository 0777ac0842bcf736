import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeCerts } from '../nomad-sim/index.js';

describe('makeCerts', () => {
  it('issues a CA-signed server cert with Nomad’s names, a CLI cert, and an unrelated CA', async () => {
    const b = await makeCerts({ region: 'eu' });
    try {
      const ca = new X509Certificate(b.caPem);
      const server = new X509Certificate(b.serverCertPem);
      const client = new X509Certificate(b.clientCertPem);
      const other = new X509Certificate(b.otherCaPem);
      const bad = new X509Certificate(b.badClientCertPem);
      expect(ca.ca).toBe(true);
      expect(server.checkIssued(ca)).toBe(true);
      expect(server.verify(ca.publicKey)).toBe(true);
      expect(server.subjectAltName).toBe('DNS:server.eu.nomad, DNS:localhost, IP Address:127.0.0.1');
      expect(server.checkHost('server.eu.nomad')).toBe('server.eu.nomad');
      expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
      expect(client.subject).toContain('CN=cli.eu.nomad');
      expect(client.verify(ca.publicKey)).toBe(true);
      expect(bad.verify(ca.publicKey)).toBe(false);
      expect(bad.verify(other.publicKey)).toBe(true);
      expect(b.serverName).toBe('server.eu.nomad');
      expect(existsSync(b.serverKeyFile)).toBe(true);
    } finally {
      await b.cleanup();
    }
    expect(existsSync(b.dir)).toBe(false);
  });

  it('can make an expired server cert and one whose names do not match', async () => {
    const expired = await makeCerts({ serverCert: 'expired' });
    const wrong = await makeCerts({ serverCert: 'wrong-host' });
    try {
      const e = new X509Certificate(expired.serverCertPem);
      expect(new Date(e.validTo).getTime()).toBeLessThan(Date.now());
      const w = new X509Certificate(wrong.serverCertPem);
      expect(w.checkIP('127.0.0.1')).toBeUndefined();
      expect(w.checkHost('localhost')).toBeUndefined();
      expect(w.checkHost('server.global.nomad')).toBeUndefined();
    } finally {
      await expired.cleanup();
      await wrong.cleanup();
    }
  });
});
