import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterSettingsSchema } from '../../common/settings-schema.js';
import { resolveToken } from '../../main/core/settings/token.js';
import type { TokenSources } from '../../main/core/settings/token.js';
import { clientOptionsFor, requestTimeoutMs } from '../../main/core/settings/client-options.js';
import { tempDir } from './helpers.js';

const TOKEN = '3f1c9a52-6d0e-4b7a-9c4e-1a2b3c4d5e6f';
const readFile = (p: string): Promise<string> => fs.readFile(p, 'utf8');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

describe('resolveToken', () => {
  it('none → no token', async () => {
    expect(await resolveToken({ source: 'none' }, { env: {}, readFile, clusterId: 'c' })).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it('env → the variable, trimmed; unset is an error naming the variable, never a value', async () => {
    const ref = { source: 'env', variable: 'MY_NOMAD_TOKEN' } as const;
    expect(
      await resolveToken(ref, { env: { MY_NOMAD_TOKEN: ` ${TOKEN}\n` }, readFile, clusterId: 'c' }),
    ).toEqual({
      ok: true,
      value: TOKEN,
    });
    const missing = await resolveToken(ref, { env: { NOMAD_TOKEN: TOKEN }, readFile, clusterId: 'c' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error).toContain('MY_NOMAD_TOKEN');
      expect(missing.error).not.toContain(TOKEN);
    }
  });

  it('file → first line trimmed; missing or empty file is an error', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'token');
    await fs.writeFile(file, `  ${TOKEN}  \r\nsecond line ignored\n`);
    expect(await resolveToken({ source: 'file', path: file }, { env: {}, readFile, clusterId: 'c' })).toEqual(
      {
        ok: true,
        value: TOKEN,
      },
    );
    await fs.writeFile(file, '\nnot the first line\n');
    const empty = await resolveToken({ source: 'file', path: file }, { env: {}, readFile, clusterId: 'c' });
    expect(empty.ok).toBe(false);
    const missing = await resolveToken(
      { source: 'file', path: path.join(dir, 'nope') },
      { env: {}, readFile, clusterId: 'c' },
    );
    expect(!missing.ok && missing.error).toContain('nope');
  });

  it('keychain → the secret store entry of the cluster; no store or no entry is an error', async () => {
    const asked: string[] = [];
    const keychain: NonNullable<TokenSources['keychain']> = {
      get: async (id) => {
        asked.push(id);
        return id === 'prod' ? TOKEN : undefined;
      },
    };
    expect(
      await resolveToken({ source: 'keychain' }, { env: {}, readFile, keychain, clusterId: 'prod' }),
    ).toEqual({
      ok: true,
      value: TOKEN,
    });
    expect(asked).toEqual(['prod']);
    const none = await resolveToken(
      { source: 'keychain' },
      { env: {}, readFile, keychain, clusterId: 'dev' },
    );
    expect(!none.ok && none.error).toContain('dev');
    const noStore = await resolveToken({ source: 'keychain' }, { env: {}, readFile, clusterId: 'prod' });
    expect(noStore.ok).toBe(false);
    const failing: NonNullable<TokenSources['keychain']> = {
      get: () => Promise.reject(new Error('locked keyring')),
    };
    const locked = await resolveToken(
      { source: 'keychain' },
      { env: {}, readFile, keychain: failing, clusterId: 'p' },
    );
    expect(!locked.ok && locked.error).toContain('locked keyring');
  });
});

describe('clientOptionsFor', () => {
  const cluster = ClusterSettingsSchema.parse({
    id: 'prod',
    name: 'Production',
    addresses: ['https://a.example:4646', 'https://b.example:4646', 'https://c.example:4646'],
    region: 'eu',
    namespace: 'ops',
    httpAuth: 'user:pw',
    tls: {
      caCert: '/ca.pem',
      caPath: '/cas',
      clientCert: '/c.pem',
      clientKey: '/k.pem',
      serverName: 'server.eu.nomad',
      skipVerify: true,
    },
  });

  it('maps every setting to the client option of the same meaning', () => {
    expect(clientOptionsFor(cluster, TOKEN, 1)).toEqual({
      address: cluster.addresses[1],
      token: TOKEN,
      region: cluster.region,
      namespace: cluster.namespace,
      httpAuth: cluster.httpAuth,
      caCert: cluster.tls.caCert,
      caPath: cluster.tls.caPath,
      clientCert: cluster.tls.clientCert,
      clientKey: cluster.tls.clientKey,
      tlsServerName: cluster.tls.serverName,
      tlsSkipVerify: true,
    });
  });

  it('the address index wraps around the failover list', () => {
    const picked = [0, 1, 2, 3, 4, 5, -1].map((i) => clientOptionsFor(cluster, undefined, i).address);
    const a = cluster.addresses;
    expect(picked).toEqual([a[0], a[1], a[2], a[0], a[1], a[2], a[2]]);
  });

  it('unset settings stay unset (the client defaults apply), no token means no token option', () => {
    const minimal = ClusterSettingsSchema.parse({ id: 'x', name: 'x', addresses: ['http://127.0.0.1:4646'] });
    expect(clientOptionsFor(minimal, undefined, 0)).toEqual({ address: minimal.addresses[0] });
  });

  it('a timeout, when given, bounds connecting, the headers and the body alike', () => {
    const minimal = ClusterSettingsSchema.parse({ id: 'x', name: 'x', addresses: ['http://127.0.0.1:4646'] });
    expect(clientOptionsFor(minimal, undefined, 0, 2_500)).toEqual({
      address: minimal.addresses[0],
      connectTimeoutMs: 2_500,
      headersTimeoutMs: 2_500,
      bodyTimeoutMs: 2_500,
    });
  });

  it('one request timeout for the app and the CLI: 5 s like the nomad CLI, 3 × a fast interval, never under 1 s', () => {
    expect(
      [undefined, 100, 500, 1_000, 1_500, 1_666, 2_000, 10_000].map((ms) => [ms, requestTimeoutMs(ms)]),
    ).toEqual([
      [undefined, 5_000],
      [100, 1_000],
      [500, 1_500],
      [1_000, 3_000],
      [1_500, 4_500],
      [1_666, 4_998],
      [2_000, 5_000],
      [10_000, 5_000],
    ]);
  });
});
