/**
 * settings:testConnection only sends a stored / env / file token where the SAVED settings already send it: a
 * page that names another address, another env variable, another file or another cluster's keychain entry gets
 * no token sent anywhere. settings:save refuses env token sources the settings file did not configure.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../common/settings-schema.js';
import type { CoreHarness } from './helpers.js';
import { settingsFile, startCore } from './helpers.js';

/** A fake agent that records the X-Nomad-Token of every request and answers 403. */
interface Recorder {
  url: string;
  tokens: Array<string | undefined>;
  close(): Promise<void>;
}

async function recorder(): Promise<Recorder> {
  const tokens: Array<string | undefined> = [];
  const server: Server = createServer((req, res) => {
    const t = req.headers['x-nomad-token'];
    tokens.push(typeof t === 'string' ? t : undefined);
    res.writeHead(403, { 'Content-Type': 'text/plain' });
    res.end('Permission denied');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const STORED = 'prod-keychain-token-0123456789';
const AWS = 'aws-secret-value-abcdefghijklmnop';
const FILE_SECRET = 'file-first-line-secret-987654321';

let saved: Recorder;
let evil: Recorder;
let h: CoreHarness;
let secretFile: string;

beforeAll(async () => {
  saved = await recorder();
  evil = await recorder();
  h = await startCore(settingsFile([{ id: 'prod', addresses: [saved.url], token: { source: 'keychain' } }]), {
    AWS_SECRET_ACCESS_KEY: AWS,
    NOMAD_TOKEN_PROD: 'nomad-env-token-abcdefgh',
  });
  secretFile = path.join(h.dir, 'secret.txt');
  await writeFile(secretFile, `${FILE_SECRET}\nsecond line\n`);
  const set = await h.core.dispatch('settings:setToken', { clusterId: 'prod', token: STORED });
  expect(set.ok).toBe(true);
});

afterAll(async () => {
  await h.close();
  await saved.close();
  await evil.close();
});

/** Runs a test connection against the evil recorder and returns the tokens it received. */
async function probe(cluster: Record<string, unknown>): Promise<Array<string | undefined>> {
  const before = evil.tokens.length;
  const answer = await h.core.dispatch('settings:testConnection', {
    cluster: { name: 'x', ...cluster, addresses: [evil.url] },
  });
  expect(answer.ok).toBe(false);
  expect(evil.tokens.length).toBeGreaterThan(before);
  return evil.tokens.slice(before);
}

describe('settings:testConnection token scope', () => {
  it('does not send an arbitrary environment variable to a page-supplied address', async () => {
    const sent = await probe({ id: 'x', token: { source: 'env', variable: 'AWS_SECRET_ACCESS_KEY' } });
    expect(sent).not.toContain(AWS);
    expect(sent.every((t) => t === undefined)).toBe(true);
  });

  it('does not send the first line of an arbitrary file', async () => {
    const sent = await probe({ id: 'x', token: { source: 'file', path: secretFile } });
    expect(sent).not.toContain(FILE_SECRET);
    expect(sent.every((t) => t === undefined)).toBe(true);
  });

  it("does not send a saved cluster's keychain token to another address", async () => {
    const sent = await probe({ id: 'prod', token: { source: 'keychain' } });
    expect(sent).not.toContain(STORED);
    expect(sent.every((t) => t === undefined)).toBe(true);
  });

  it('uses the stored token when the request matches the saved cluster exactly', async () => {
    const before = saved.tokens.length;
    const answer = await h.core.dispatch('settings:testConnection', {
      cluster: { id: 'prod', name: 'prod', addresses: [saved.url], token: { source: 'keychain' } },
    });
    expect(answer.ok).toBe(false);
    expect(saved.tokens.slice(before)).toContain(STORED);
  });

  it('still sends an explicitly typed token to the typed address', async () => {
    const typed = 'typed-by-the-user-token-1234';
    const before = evil.tokens.length;
    await h.core.dispatch('settings:testConnection', {
      cluster: { id: 'y', name: 'y', addresses: [evil.url] },
      token: typed,
    });
    expect(evil.tokens.slice(before)).toContain(typed);
  });
});

describe('settings:save env token rule', () => {
  async function current(): Promise<Settings> {
    const got = await h.core.dispatch('settings:get', {});
    if (!got.ok) throw new Error('settings:get failed');
    return (got.value as { settings: Settings }).settings;
  }

  it.each(['AWS_SECRET_ACCESS_KEY', 'NOMAD_TOKEN_PROD'])(
    'refuses an env token source (%s) that settings.json never configured',
    async (variable) => {
      const s = await current();
      const next = { ...s, clusters: s.clusters.map((c) => ({ ...c, token: { source: 'env', variable } })) };
      const answer = await h.core.dispatch('settings:save', { settings: next });
      expect(answer.ok).toBe(false);
      expect(!answer.ok && answer.error.kind).toBe('invalid-request');
      expect(!answer.ok && answer.error.message).toMatch(/settings\.json/);
      const after = await current();
      expect(after.clusters[0]?.token).toEqual({ source: 'keychain' });
      expect(saved.tokens).not.toContain('nomad-env-token-abcdefgh');
    },
  );
});
