import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNomadClient } from '../../main/core/nomad/index.js';
import { makePki } from './helpers/certs.js';
import type { TestPki } from './helpers/certs.js';
import { clientPool } from './helpers/clients.js';
import { httpsServer, json } from './helpers/servers.js';
import type { TestServer } from './helpers/servers.js';

const REGIONS = ['global'];
let pki: TestPki;
let plain: TestServer;
let expired: TestServer;
let mtls: TestServer;
const clients = clientPool(2000);
const client = clients.make;

beforeAll(async () => {
  pki = makePki();
  plain = await httpsServer({ ...pki.server }, json(REGIONS));
  expired = await httpsServer({ ...pki.expiredServer }, json(REGIONS));
  mtls = await httpsServer(
    { ...pki.server, ca: pki.caPem, requestCert: true, rejectUnauthorized: true },
    json(REGIONS),
  );
});
afterAll(async () => {
  await clients.closeAll();
  await Promise.all([plain?.close(), expired?.close(), mtls?.close()]);
  if (pki) rmSync(pki.dir, { recursive: true, force: true });
});

describe('TLS verification', () => {
  it('succeeds with the CA file', async () => {
    const r = await (await client({ address: plain.url, caCert: pki.caFile })).regions();
    expect(r).toEqual({ ok: true, value: REGIONS });
  });

  it('succeeds with inline PEM and with a CA directory (caCert dir and caPath)', async () => {
    expect((await (await client({ address: plain.url, caCert: pki.caPem })).regions()).ok).toBe(true);
    expect((await (await client({ address: plain.url, caCert: pki.caDir })).regions()).ok).toBe(true);
    expect((await (await client({ address: plain.url, caPath: pki.caDir })).regions()).ok).toBe(true);
  });

  it('a CA that did not sign the server cert → tls/unknown-authority', async () => {
    const r = await (await client({ address: plain.url, caCert: pki.otherCaFile })).regions();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('tls');
    expect(r.error.tlsReason).toBe('unknown-authority');
    expect(r.error.code).toBeTruthy();
  });

  it('no CA at all (system roots) → tls/unknown-authority', async () => {
    const r = await (await client({ address: plain.url })).regions();
    expect(!r.ok && r.error.tlsReason).toBe('unknown-authority');
  });

  it('a server name the cert does not carry → tls/hostname-mismatch', async () => {
    const r = await (
      await client({
        address: plain.url,
        caCert: pki.caFile,
        tlsServerName: 'server.other.nomad',
      })
    ).regions();
    expect(!r.ok && r.error).toMatchObject({
      kind: 'tls',
      tlsReason: 'hostname-mismatch',
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });

  it('dialling "localhost" with tlsServerName server.global.nomad verifies', async () => {
    const r = await (
      await client({
        address: plain.url,
        caCert: pki.caFile,
        tlsServerName: 'server.global.nomad',
      })
    ).regions();
    expect(r.ok).toBe(true);
  });

  it('an expired server cert → tls/expired', async () => {
    const r = await (await client({ address: expired.url, caCert: pki.caFile })).regions();
    expect(!r.ok && r.error).toMatchObject({ kind: 'tls', tlsReason: 'expired', code: 'CERT_HAS_EXPIRED' });
  });

  it('tlsSkipVerify accepts the wrong CA, an expired cert and a wrong name', async () => {
    expect(
      (await (await client({ address: plain.url, caCert: pki.otherCaFile, tlsSkipVerify: true })).regions())
        .ok,
    ).toBe(true);
    expect((await (await client({ address: expired.url, tlsSkipVerify: true })).regions()).ok).toBe(true);
    const named = await client({
      address: plain.url,
      tlsSkipVerify: true,
      tlsServerName: 'server.other.nomad',
    });
    expect((await named.regions()).ok).toBe(true);
  });
});

describe('mTLS', () => {
  it('without a client cert → tls/client-cert-required', async () => {
    const r = await (await client({ address: mtls.url, caCert: pki.caFile })).regions();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: 'tls', tlsReason: 'client-cert-required' });
  });

  it('with the cluster client cert (files, then inline PEM) → success', async () => {
    const files = await client({
      address: mtls.url,
      caCert: pki.caFile,
      clientCert: pki.clientCertFile,
      clientKey: pki.clientKeyFile,
    });
    expect(await files.regions()).toEqual({ ok: true, value: REGIONS });
    const inline = await client({
      address: mtls.url,
      caCert: pki.caPem,
      clientCert: pki.clientCertPem,
      clientKey: pki.clientKeyPem,
    });
    expect(await inline.regions()).toEqual({ ok: true, value: REGIONS });
  });

  it('with a client cert from another CA → tls/client-cert-rejected', async () => {
    const c = await client({
      address: mtls.url,
      caCert: pki.caFile,
      clientCert: pki.badClientCertFile,
      clientKey: pki.badClientKeyFile,
    });
    const r = await c.regions();
    expect(!r.ok && r.error).toMatchObject({ kind: 'tls', tlsReason: 'client-cert-rejected' });
  });
});

describe('TLS config errors', () => {
  it('an unreadable CA file is a config error', async () => {
    const r = await createNomadClient({ address: 'https://127.0.0.1:4646', caCert: '/nonexistent/ca.pem' });
    expect(!r.ok && r.error.kind).toBe('config');
    expect(!r.ok && r.error.message).toContain('/nonexistent/ca.pem');
  });

  it('a client cert without a key (and the reverse) is a config error with the CLI message', async () => {
    for (const opts of [{ clientCert: pki.clientCertFile }, { clientKey: pki.clientKeyFile }]) {
      const r = await createNomadClient({ address: 'https://127.0.0.1:4646', ...opts });
      expect(!r.ok && r.error).toEqual({
        kind: 'config',
        message: 'Both client cert and client key must be provided',
      });
    }
  });

  it('an unreadable client key file is a config error', async () => {
    const r = await createNomadClient({
      address: 'https://127.0.0.1:4646',
      clientCert: pki.clientCertFile,
      clientKey: '/nope/key.pem',
    });
    expect(!r.ok && r.error.kind).toBe('config');
  });
});
