import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NomadClient } from '../../main/core/nomad/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster, SimTokens } from '../nomad-sim/index.js';
import { clientPool } from './helpers/clients.js';

const clients = clientPool(2000);
const make = clients.make;
afterAll(() => clients.closeAll());

describe('ACLs (simulator with acl: true)', () => {
  let cluster: SimCluster;
  let tokens: SimTokens;
  beforeAll(async () => {
    cluster = await startCluster({ serversPerRegion: 3, clients: 1, acl: true });
    if (!cluster.tokens) throw new Error('the simulator gave no tokens');
    tokens = cluster.tokens;
  });
  afterAll(async () => {
    await cluster?.close();
  });
  const server = (token?: string): Promise<NomadClient> =>
    make({ address: cluster.agent('server-1').url, token });
  const client = (token?: string): Promise<NomadClient> =>
    make({ address: cluster.agent('client-1').url, token });

  it('403 forbidden for each ACL-protected call without the right token; the token never leaks', async () => {
    const denied = [
      ['members (no token)', async () => (await server()).members()],
      ['members (agent:write only)', async () => (await server(tokens.agentWrite)).members()],
      ['self (node:read)', async () => (await server(tokens.nodeRead)).self()],
      ['forceLeave (agent:read)', async () => (await server(tokens.agentRead)).forceLeave('server-3.global')],
      ['servers GET (node:read)', async () => (await client(tokens.nodeRead)).servers()],
      [
        'servers PUT (agent:read)',
        async () => (await client(tokens.agentRead)).setServers([cluster.agent('server-1').rpcAddr]),
      ],
      ['autopilot (node:read)', async () => (await server(tokens.nodeRead)).autopilotHealth()],
      ['members (unknown token)', async () => (await server(tokens.unknown)).members()],
    ] as const;
    for (const [name, call] of denied) {
      const r = await call();
      expect({ name, kind: !r.ok && r.error.kind }).toEqual({ name, kind: 'forbidden' });
      for (const secret of Object.values(tokens)) expect(JSON.stringify(r)).not.toContain(secret);
    }
  });

  it('the right tokens succeed', async () => {
    expect((await (await server(tokens.nodeRead)).members()).ok).toBe(true);
    expect((await (await server(tokens.agentRead)).self()).ok).toBe(true);
    expect((await (await server(tokens.agentWrite)).forceLeave('nope.global')).ok).toBe(true);
    expect((await (await client(tokens.agentRead)).servers()).ok).toBe(true);
    expect((await (await server(tokens.operatorRead)).autopilotHealth()).ok).toBe(true);
    expect((await (await server(tokens.management)).members()).ok).toBe(true);
    expect((await (await server()).health()).ok).toBe(true);
    expect((await (await server()).leader()).ok).toBe(true);
  });

  it('a revoked token turns into 403', async () => {
    const c = await server(tokens.nodeRead);
    expect((await c.members()).ok).toBe(true);
    cluster.revokeToken(tokens.nodeRead);
    const r = await c.members();
    expect(!r.ok && r.error.kind).toBe('forbidden');
  });
});

describe('TLS against the simulator', () => {
  let cluster: SimCluster;
  beforeAll(async () => {
    cluster = await startCluster({ serversPerRegion: 1, tls: { mtls: true } });
  });
  afterAll(async () => {
    await cluster?.close();
  });
  const url = (): string => cluster.agent('server-1').url;
  const tls = () => {
    if (!cluster.tls) throw new Error('no TLS material from the simulator');
    return cluster.tls;
  };

  it('mTLS without a client cert → tls/client-cert-required', async () => {
    const r = await (await make({ address: url(), caCert: tls().caFile })).regions();
    expect(!r.ok && r.error).toMatchObject({ kind: 'tls', tlsReason: 'client-cert-required' });
  });

  it('with the cluster client cert → success (also with tlsServerName)', async () => {
    const base = {
      address: url(),
      caCert: tls().caFile,
      clientCert: tls().clientCertFile,
      clientKey: tls().clientKeyFile,
    };
    expect((await (await make(base)).regions()).ok).toBe(true);
    expect((await (await make({ ...base, tlsServerName: tls().serverName })).members()).ok).toBe(true);
  });

  it('a client cert from another CA → tls/client-cert-rejected', async () => {
    const c = await make({
      address: url(),
      caCert: tls().caFile,
      clientCert: tls().badClientCertFile,
      clientKey: tls().badClientKeyFile,
    });
    const r = await c.regions();
    expect(!r.ok && r.error).toMatchObject({ kind: 'tls', tlsReason: 'client-cert-rejected' });
  });

  it('the wrong CA → tls/unknown-authority; a wrong server name → tls/hostname-mismatch', async () => {
    const certs = { clientCert: tls().clientCertFile, clientKey: tls().clientKeyFile };
    const wrongCa = await (await make({ address: url(), caCert: tls().otherCaFile, ...certs })).regions();
    expect(!wrongCa.ok && wrongCa.error).toMatchObject({ kind: 'tls', tlsReason: 'unknown-authority' });
    const wrongName = await (
      await make({
        address: url(),
        caCert: tls().caFile,
        tlsServerName: 'server.other.nomad',
        ...certs,
      })
    ).regions();
    expect(!wrongName.ok && wrongName.error).toMatchObject({ kind: 'tls', tlsReason: 'hostname-mismatch' });
  });

  it('skip-verify ignores the unknown CA (the client cert is still needed)', async () => {
    const r = await (
      await make({
        address: url(),
        tlsSkipVerify: true,
        clientCert: tls().clientCertFile,
        clientKey: tls().clientKeyFile,
      })
    ).regions();
    expect(r.ok).toBe(true);
  });
});

describe('TLS: broken server certs from the simulator', () => {
  it('an expired server cert → tls/expired', async () => {
    const cluster = await startCluster({ serversPerRegion: 1, tls: { serverCert: 'expired' } });
    try {
      const r = await (
        await make({ address: cluster.agent('server-1').url, caCert: cluster.tls?.caFile })
      ).regions();
      expect(!r.ok && r.error).toMatchObject({ kind: 'tls', tlsReason: 'expired' });
    } finally {
      await cluster.close();
    }
  });

  it('a cert for another host → tls/hostname-mismatch', async () => {
    const cluster = await startCluster({ serversPerRegion: 1, tls: { serverCert: 'wrong-host' } });
    try {
      const r = await (
        await make({ address: cluster.agent('server-1').url, caCert: cluster.tls?.caFile })
      ).regions();
      expect(!r.ok && r.error).toMatchObject({ kind: 'tls', tlsReason: 'hostname-mismatch' });
    } finally {
      await cluster.close();
    }
  });
});
