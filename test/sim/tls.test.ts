import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import { call, failure } from './http.js';

/** Runs `fn` with an undici dispatcher using the given TLS connect options, closing it afterwards. */
async function withAgent<T>(connect: Record<string, unknown>, fn: (d: Agent) => Promise<T>): Promise<T> {
  const d = new Agent({ connect });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

describe('HTTPS', () => {
  it('serves https with certs naming server.<region>.nomad, localhost and 127.0.0.1', async () => {
    const c = await startCluster({ serversPerRegion: 2, tls: true });
    const tls = c.tls;
    try {
      expect(tls).not.toBeNull();
      if (!tls) return;
      const url = c.agent('server-2').url;
      expect(url.startsWith('https://127.0.0.1:')).toBe(true);
      expect(tls.serverName).toBe('server.global.nomad');
      const ca = await readFile(tls.caFile, 'utf8');
      expect(ca).toBe(tls.caPem);
      const a = await withAgent({ ca }, (d) => call(url, '/v1/status/leader', { dispatcher: d }));
      expect(JSON.parse(a.text)).toBe(c.agent('server-1').rpcAddr);
      const named = await withAgent({ ca, servername: tls.serverName }, (d) =>
        call(url, '/v1/agent/health', { dispatcher: d }),
      );
      expect(named.status).toBe(200);
      const unknownCa = await failure(withAgent({}, (d) => call(url, '/v1/agent/health', { dispatcher: d })));
      expect(unknownCa).toMatch(/SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/);
      const otherCa = await readFile(tls.otherCaFile, 'utf8');
      expect(
        await failure(withAgent({ ca: otherCa }, (d) => call(url, '/v1/agent/health', { dispatcher: d }))),
      ).toMatch(/SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/);
    } finally {
      await c.close();
    }
    expect(tls && existsSync(tls.caFile)).toBe(false);
  });

  it('mTLS: the handshake fails without a client cert or with one from another CA', async () => {
    const c = await startCluster({ serversPerRegion: 1, clients: 1, tls: { mtls: true } });
    try {
      const tls = c.tls;
      if (!tls) throw new Error('no tls material');
      const url = c.agent('client-1').url;
      const ca = tls.caPem;
      const cert = await readFile(tls.clientCertFile, 'utf8');
      const key = await readFile(tls.clientKeyFile, 'utf8');
      const good = await withAgent({ ca, cert, key }, (d) =>
        call(url, '/v1/agent/health', { dispatcher: d }),
      );
      expect(good.status).toBe(200);
      const without = await failure(
        withAgent({ ca }, (d) => call(url, '/v1/agent/health', { dispatcher: d })),
      );
      expect(without).not.toBe('no error');
      const badCert = await readFile(tls.badClientCertFile, 'utf8');
      const badKey = await readFile(tls.badClientKeyFile, 'utf8');
      const bad = await failure(
        withAgent({ ca, cert: badCert, key: badKey }, (d) =>
          call(url, '/v1/agent/health', { dispatcher: d }),
        ),
      );
      expect(bad).not.toBe('no error');
    } finally {
      await c.close();
    }
  });

  it('can serve an expired certificate or one whose names do not match', async () => {
    const expired = await startCluster({ serversPerRegion: 1, tls: { serverCert: 'expired' } });
    try {
      const ca = expired.tls?.caPem ?? '';
      const code = await failure(
        withAgent({ ca }, (d) => call(expired.agent('server-1').url, '/v1/agent/health', { dispatcher: d })),
      );
      expect(code).toBe('CERT_HAS_EXPIRED');
    } finally {
      await expired.close();
    }
    const wrong = await startCluster({ serversPerRegion: 1, tls: { serverCert: 'wrong-host' } });
    try {
      const ca = wrong.tls?.caPem ?? '';
      const url = wrong.agent('server-1').url;
      const code = await failure(withAgent({ ca }, (d) => call(url, '/v1/agent/health', { dispatcher: d })));
      expect(code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
      const named = await withAgent({ ca, servername: 'server.elsewhere.nomad' }, (d) =>
        call(url, '/v1/agent/health', { dispatcher: d }),
      );
      expect(named.status).toBe(200);
    } finally {
      await wrong.close();
    }
  });
});
