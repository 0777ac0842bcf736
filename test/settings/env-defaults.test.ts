import { describe, expect, it } from 'vitest';
import { NOMAD_DEFAULT_ADDRESS, defaultSettings, parseGoBool } from '../../main/core/settings/defaults.js';
import { SettingsSchema } from '../../common/settings-schema.js';

describe('defaultSettings: one cluster from the NOMAD_* variables, like the nomad CLI', () => {
  it('no variables → Nomad default address, no token, source defaults', () => {
    const d = defaultSettings({});
    const c = d.settings.clusters[0];
    expect(d.fromEnv).toBe(false);
    expect(d.settings.clusters).toHaveLength(1);
    expect(c?.id).toBe('default');
    expect(c?.addresses).toEqual([NOMAD_DEFAULT_ADDRESS]);
    expect(c?.name).toBe(new URL(NOMAD_DEFAULT_ADDRESS).hostname);
    expect(c?.token).toEqual({ source: 'none' });
    expect(c?.tls.skipVerify).toBe(false);
    expect(SettingsSchema.safeParse(d.settings).success).toBe(true);
  });

  const rows = [
    { env: { NOMAD_ADDR: 'https://nomad.prod.example:4646' }, check: 'name', want: 'nomad.prod.example' },
    { env: { NOMAD_ADDR: 'https://[::1]:4646' }, check: 'name', want: '::1' },
    { env: { NOMAD_ADDR: 'unix:///run/nomad.sock' }, check: 'name', want: 'default' },
    {
      env: { NOMAD_TOKEN: 'secret-value' },
      check: 'token',
      want: { source: 'env', variable: 'NOMAD_TOKEN' },
    },
    { env: { NOMAD_TOKEN: '' }, check: 'token', want: { source: 'none' } },
    { env: { NOMAD_REGION: 'eu' }, check: 'region', want: 'eu' },
    { env: { NOMAD_NAMESPACE: '*' }, check: 'namespace', want: '*' },
    {
      env: { NOMAD_HTTP_AUTH: 'ops:pw' },
      check: 'httpAuthRef',
      want: { source: 'env', variable: 'NOMAD_HTTP_AUTH' },
    },
    {
      env: { NOMAD_CLIENT_KEY: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' },
      check: 'tls.clientKeyRef',
      want: { source: 'env', variable: 'NOMAD_CLIENT_KEY' },
    },
    { env: { NOMAD_CACERT: '/etc/nomad/ca.pem' }, check: 'tls.caCert', want: '/etc/nomad/ca.pem' },
    { env: { NOMAD_CAPATH: '/etc/nomad/cas' }, check: 'tls.caPath', want: '/etc/nomad/cas' },
    { env: { NOMAD_CLIENT_CERT: '/c.pem' }, check: 'tls.clientCert', want: '/c.pem' },
    { env: { NOMAD_CLIENT_KEY: '/k.pem' }, check: 'tls.clientKey', want: '/k.pem' },
    {
      env: { NOMAD_TLS_SERVER_NAME: 'server.global.nomad' },
      check: 'tls.serverName',
      want: 'server.global.nomad',
    },
    { env: { NOMAD_SKIP_VERIFY: '1' }, check: 'tls.skipVerify', want: true },
    { env: { NOMAD_SKIP_VERIFY: 'True' }, check: 'tls.skipVerify', want: true },
    { env: { NOMAD_SKIP_VERIFY: 'false' }, check: 'tls.skipVerify', want: false },
  ] as const;

  it.each(rows)('$env → $check', ({ env, check, want }) => {
    const d = defaultSettings(env);
    const cluster = d.settings.clusters[0];
    const value = check
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], cluster);
    expect(value).toEqual(want);
    expect(d.problems).toEqual([]);
    const anySet = Object.values(env).some((v) => v !== '');
    expect(d.fromEnv).toBe(anySet);
    if (check !== 'name')
      expect(cluster?.addresses).toEqual([env['NOMAD_ADDR' as keyof typeof env] ?? NOMAD_DEFAULT_ADDRESS]);
  });

  it('NOMAD_ADDR becomes the only address; the token value itself is never copied into settings', () => {
    const env = { NOMAD_ADDR: 'http://10.0.0.5:4646', NOMAD_TOKEN: 'b2f4c6de-0000-4000-8000-123456789abc' };
    const d = defaultSettings(env);
    expect(d.settings.clusters[0]?.addresses).toEqual([env.NOMAD_ADDR]);
    expect(JSON.stringify(d.settings)).not.toContain(env.NOMAD_TOKEN);
  });

  it('an unparseable NOMAD_SKIP_VERIFY is reported, and verification stays on', () => {
    const d = defaultSettings({ NOMAD_SKIP_VERIFY: 'yes please' });
    expect(d.settings.clusters[0]?.tls.skipVerify).toBe(false);
    expect(d.problems.join('\n')).toContain('NOMAD_SKIP_VERIFY');
  });
});

describe('parseGoBool', () => {
  it('accepts exactly Go strconv.ParseBool words', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(parseGoBool(t)).toBe(true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(parseGoBool(f)).toBe(false);
    for (const x of ['yes', 'no', 'tRUE', '', ' 1', 'on']) expect(parseGoBool(x)).toBeUndefined();
  });
});
