import { describe, expect, it } from 'vitest';
import { optionsFromEnv, parseGoBool } from '../../main/core/nomad/index.js';
import type { NomadClientOptions } from '../../main/core/nomad/index.js';

type Row = [string, Record<string, string>, NomadClientOptions | { error: string }];

const rows: Row[] = [
  ['empty env → default address', {}, { address: 'http://127.0.0.1:4646' }],
  [
    'all plain settings',
    {
      NOMAD_ADDR: 'https://nomad.example.com:4646',
      NOMAD_TOKEN: ' tok ',
      NOMAD_REGION: 'eu',
      NOMAD_NAMESPACE: '*',
      NOMAD_HTTP_AUTH: 'u:p',
      NOMAD_TLS_SERVER_NAME: 'server.eu.nomad',
    },
    {
      address: 'https://nomad.example.com:4646',
      token: 'tok',
      region: 'eu',
      namespace: '*',
      httpAuth: 'u:p',
      tlsServerName: 'server.eu.nomad',
    },
  ],
  [
    'CACERT wins over CAPATH',
    { NOMAD_CACERT: '/ca.pem', NOMAD_CAPATH: '/ca.d' },
    { address: 'http://127.0.0.1:4646', caCert: '/ca.pem' },
  ],
  ['CAPATH alone', { NOMAD_CAPATH: '/ca.d' }, { address: 'http://127.0.0.1:4646', caPath: '/ca.d' }],
  [
    'cert and key',
    { NOMAD_CLIENT_CERT: '/c.pem', NOMAD_CLIENT_KEY: '/k.pem' },
    { address: 'http://127.0.0.1:4646', clientCert: '/c.pem', clientKey: '/k.pem' },
  ],
  [
    'cert without key',
    { NOMAD_CLIENT_CERT: '/c.pem' },
    { error: 'Both client cert and client key must be provided' },
  ],
  [
    'key without cert',
    { NOMAD_CLIENT_KEY: '/k.pem' },
    { error: 'Both client cert and client key must be provided' },
  ],
  ['skip verify 1', { NOMAD_SKIP_VERIFY: '1' }, { address: 'http://127.0.0.1:4646', tlsSkipVerify: true }],
  [
    'skip verify True',
    { NOMAD_SKIP_VERIFY: 'True' },
    { address: 'http://127.0.0.1:4646', tlsSkipVerify: true },
  ],
  ['skip verify F', { NOMAD_SKIP_VERIFY: 'F' }, { address: 'http://127.0.0.1:4646', tlsSkipVerify: false }],
  ['skip verify yes → error', { NOMAD_SKIP_VERIFY: 'yes' }, { error: 'NOMAD_SKIP_VERIFY' }],
  [
    'empty values are unset',
    { NOMAD_TOKEN: '', NOMAD_REGION: '  ', NOMAD_SKIP_VERIFY: '' },
    { address: 'http://127.0.0.1:4646' },
  ],
  ['address without scheme → error', { NOMAD_ADDR: '10.0.0.8:4646' }, { error: 'NOMAD_ADDR' }],
  ['unix socket address → error', { NOMAD_ADDR: 'unix:///var/run/nomad.sock' }, { error: 'NOMAD_ADDR' }],
];

describe('optionsFromEnv', () => {
  for (const [name, env, expected] of rows) {
    it(name, () => {
      const r = optionsFromEnv(env);
      if ('error' in expected) {
        expect(r.ok).toBe(false);
        expect(!r.ok && r.error.kind).toBe('config');
        expect(!r.ok && r.error.message).toContain(expected.error);
      } else {
        expect(r).toEqual({ ok: true, value: expected });
      }
    });
  }
  it('never echoes the token in an error', () => {
    const r = optionsFromEnv({ NOMAD_TOKEN: 'sekrit-123', NOMAD_SKIP_VERIFY: 'maybe' });
    expect(JSON.stringify(r)).not.toContain('sekrit-123');
  });
});

describe('parseGoBool', () => {
  it('accepts exactly Go strconv.ParseBool words', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(parseGoBool(t)).toBe(true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(parseGoBool(f)).toBe(false);
    for (const x of ['yes', 'no', 'tRUE', '', ' 1', 'on']) expect(parseGoBool(x)).toBeNull();
  });
});
