/**
 * Item: a caller of the contract (here: the holder of the browser-mode bearer token, through the real HTTP
 * API) tries to send the machine's secrets — a token file, NOMAD_TOKEN, a stored token, HTTP basic auth — to
 * an address of its choosing. A hostile agent records every header it receives: no secret ever arrives, the
 * settings on disk keep the user's addresses, and a status answer never reveals whether a file exists.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../common/settings-schema.js';
import { createBrowserServer } from '../../main/browser/server.js';
import type { BrowserServer } from '../../main/browser/server.js';
import type { HostileAgent } from '../support/hostile-agent.js';
import { startHostileAgent } from '../support/hostile-agent.js';
import type { CoreHarness } from './helpers.js';
import { startCore, waitFor } from './helpers.js';

const FILE_SECRET = 'file-token-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const ENV_SECRET = 'env-token-11111111-2222-3333-4444-555555555555';
const STORED = 'stored-token-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const BASIC = 'ops:basic-auth-password-xyz';
const OTHER_SECRET = 'other-secret-99999999-8888-7777-6666-555555555555';
const BEARER = 'b'.repeat(43);

let legit: HostileAgent;
let evil: HostileAgent;
let h: CoreHarness;
let server: BrowserServer;
let port: number;
let tokenFile: string;

interface Envelope {
  ok: boolean;
  value?: unknown;
  error?: { kind: string; message: string; status?: number; body?: string };
}

/** One call through the browser-mode HTTP API, as the page (or anyone holding its bearer token) makes it. */
async function invoke(channel: string, request: unknown): Promise<Envelope> {
  const res = await fetch(`http://127.0.0.1:${port}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${BEARER}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Envelope;
}

async function current(): Promise<Settings> {
  const got = await invoke('settings:get', {});
  return (got.value as { settings: Settings }).settings;
}

/** The current settings with one cluster changed. */
async function withCluster(id: string, change: Record<string, unknown>): Promise<Settings> {
  const s = await current();
  return { ...s, clusters: s.clusters.map((c) => (c.id === id ? { ...c, ...change } : c)) } as Settings;
}

const RETYPED = 'retyped-for-the-new-address-1234';

/** Stores a token for kc (now at the evil address) and waits until the evil agent received it. */
async function retype(token: string): Promise<void> {
  expect((await invoke('settings:setToken', { clusterId: 'kc', token })).ok).toBe(true);
  await waitFor('the moved cluster to send the retyped token', () =>
    evil.seen.some((r) => r.token === token),
  );
}

const secretsSeenBy = (agent: HostileAgent): string[] =>
  [FILE_SECRET, ENV_SECRET, STORED, 'basic-auth-password-xyz', Buffer.from(BASIC).toString('base64')].filter(
    (s) => agent.allHeaderText().includes(s),
  );

beforeAll(async () => {
  legit = await startHostileAgent({ status: 403, body: 'Permission denied' });
  evil = await startHostileAgent({ status: 500, body: 'INTRANET-ONLY-DATA do not read back' });
  const localhost = legit.url.replace('127.0.0.1', 'localhost');
  h = await startCore(null, { NOMAD_TOKEN: ENV_SECRET });
  tokenFile = path.join(h.dir, 'nomad.token');
  await writeFile(tokenFile, `${FILE_SECRET}\n`);
  const cluster = (id: string, extra: Record<string, unknown>): Record<string, unknown> => ({
    id,
    name: id,
    addresses: [legit.url],
    pollIntervalMs: 500,
    ...extra,
  });
  await writeFile(
    path.join(h.dir, 'settings.json'),
    JSON.stringify({
      schemaVersion: 1,
      clusters: [
        cluster('filec', { addresses: [legit.url, localhost], token: { source: 'file', path: tokenFile } }),
        cluster('envc', { token: { source: 'env', variable: 'NOMAD_TOKEN' } }),
        cluster('kc', { token: { source: 'keychain' } }),
        cluster('basic', { httpAuth: BASIC }),
      ],
      global: { confirmPolls: 1, recoveryPolls: 1 },
    }),
  );
  // Reopen the core over the written settings (startCore read an empty directory).
  await h.core.stop();
  const { openCore } = await import('./helpers.js');
  const reopened = await openCore(h.dir, { NOMAD_TOKEN: ENV_SECRET, NOMAD_OTHER_TOKEN: OTHER_SECRET }, true);
  h = reopened;
  server = createBrowserServer({ core: h.core, token: BEARER, rendererDir: h.dir, log: () => {} });
  port = await server.listen(0);
  expect((await invoke('settings:setToken', { clusterId: 'kc', token: STORED })).ok).toBe(true);
  await waitFor('the legit agent to get every secret', () => secretsSeenBy(legit).length >= 4);
});

afterAll(async () => {
  await server?.close();
  await h?.close();
  await legit?.close();
  await evil?.close();
});

describe('a contract caller cannot send local secrets to its own address', () => {
  it.each([
    ['a token file', 'filec'],
    ['NOMAD_TOKEN', 'envc'],
    ['HTTP basic auth', 'basic'],
  ])('refuses to move a cluster holding %s to a new address, and saves nothing', async (_what, id) => {
    const before = await readFile(path.join(h.dir, 'settings.json'), 'utf8');
    for (const addresses of [[evil.url], [legit.url, evil.url]]) {
      const answer = await invoke('settings:save', { settings: await withCluster(id, { addresses }) });
      expect(answer.ok).toBe(false);
      expect(answer.error?.kind).toBe('invalid-request');
      expect(answer.error?.message).toMatch(/settings\.json/);
    }
    expect(await readFile(path.join(h.dir, 'settings.json'), 'utf8')).toBe(before);
    await h.core.pollNow();
    expect(evil.seen).toEqual([]);
  });

  it('refuses to point a cluster at a file or variable of its choosing', async () => {
    const other = path.join(h.dir, 'other.token');
    await writeFile(other, `${OTHER_SECRET}\n`);
    for (const token of [
      { source: 'file', path: tokenFile },
      { source: 'env', variable: 'NOMAD_TOKEN' },
      { source: 'file', path: other },
      { source: 'env', variable: 'NOMAD_OTHER_TOKEN' },
    ]) {
      const s = await current();
      const extra = { id: 'new', name: 'new', addresses: [evil.url], token };
      const onNew = await invoke('settings:save', { settings: { ...s, clusters: [...s.clusters, extra] } });
      expect(onNew.ok).toBe(false);
    }
    // Even at an address the page did not choose: a file or variable nobody confirmed is not read for it.
    for (const token of [
      { source: 'file', path: other },
      { source: 'env', variable: 'NOMAD_OTHER_TOKEN' },
    ]) {
      const onKc = await invoke('settings:save', { settings: await withCluster('kc', { token }) });
      expect(onKc.ok).toBe(false);
    }
    await h.core.pollNow();
    expect(evil.seen).toEqual([]);
    expect(legit.allHeaderText()).not.toContain(OTHER_SECRET);
  });

  it('two steps do not help: move a token-less cluster first, then give it the file', async () => {
    const moved = await invoke('settings:save', {
      settings: {
        ...(await current()),
        clusters: [...(await current()).clusters, { id: 'step', name: 'step', addresses: [evil.url] }],
      },
    });
    expect(moved.ok).toBe(true);
    const armed = await invoke('settings:save', {
      settings: await withCluster('step', { token: { source: 'file', path: tokenFile } }),
    });
    expect(armed.ok).toBe(false);
    await waitFor('the evil agent to be polled', () => evil.seen.length > 0);
    expect(secretsSeenBy(evil)).toEqual([]);
    const s = await current();
    expect(
      (
        await invoke('settings:save', {
          settings: { ...s, clusters: s.clusters.filter((c) => c.id !== 'step') },
        })
      ).ok,
    ).toBe(true);
  });

  it('never tells the caller whether a file exists', async () => {
    const tryPath = async (p: string): Promise<string | undefined> => {
      const answer = await invoke('settings:save', {
        settings: await withCluster('kc', { token: { source: 'file', path: p }, addresses: [evil.url] }),
      });
      return answer.error?.message.replace(p, 'PATH');
    };
    expect(await tryPath(tokenFile)).toBe(await tryPath(path.join(h.dir, 'no-such-file')));
  });

  it('keeps a file token when the window only removes one of its confirmed addresses', async () => {
    const answer = await invoke('settings:save', {
      settings: await withCluster('filec', { addresses: [legit.url] }),
    });
    expect(answer.ok).toBe(true);
  });

  it('forgets a stored token when its cluster is moved, so the new address never gets it', async () => {
    const answer = await invoke('settings:save', {
      settings: await withCluster('kc', { addresses: [evil.url] }),
    });
    expect(answer.ok).toBe(true);
    expect((answer.value as { tokens: Record<string, string> }).tokens['kc']).toBe('not set');
    // Typed again by the user for the new address: that one is sent, the old one never.
    await retype(RETYPED);
    expect(secretsSeenBy(evil)).toEqual([]);
  });

  it('forgets a stored token when its cluster is removed, so re-adding it elsewhere gets nothing', async () => {
    // Back at the legit address with a freshly typed token.
    expect(
      (await invoke('settings:save', { settings: await withCluster('kc', { addresses: [legit.url] }) })).ok,
    ).toBe(true);
    expect((await invoke('settings:setToken', { clusterId: 'kc', token: STORED })).ok).toBe(true);
    const s = await current();
    const kc = s.clusters.find((c) => c.id === 'kc');
    expect(
      (
        await invoke('settings:save', {
          settings: { ...s, clusters: s.clusters.filter((c) => c.id !== 'kc') },
        })
      ).ok,
    ).toBe(true);
    const back = await invoke('settings:save', {
      settings: {
        ...s,
        clusters: [...s.clusters.filter((c) => c.id !== 'kc'), { ...kc, addresses: [evil.url] }],
      },
    });
    expect(back.ok).toBe(true);
    await retype(`${RETYPED}-2`);
    expect(secretsSeenBy(evil)).toEqual([]);
  });
});

describe('settings:testConnection for a contract caller', () => {
  it('sends no local secret to an address that is not saved', async () => {
    const s = await current();
    const filec = s.clusters.find((c) => c.id === 'filec');
    const answer = await invoke('settings:testConnection', { cluster: { ...filec, addresses: [evil.url] } });
    expect(answer.ok).toBe(false);
    expect(secretsSeenBy(evil)).toEqual([]);
  });

  it('does not read back what an unsaved address answered', async () => {
    const answer = await invoke('settings:testConnection', {
      cluster: { id: 'probe', name: 'probe', addresses: [`${evil.url.replace('127.0.0.1', 'localhost')}`] },
    });
    expect(answer.ok).toBe(false);
    expect(answer.error?.status).toBe(500);
    expect(JSON.stringify(answer)).not.toContain('INTRANET-ONLY-DATA');
  });

  it("shows a saved address's answer", async () => {
    const s = await current();
    const filec = s.clusters.find((c) => c.id === 'filec');
    const answer = await invoke('settings:testConnection', { cluster: filec });
    expect(answer.error?.kind).toBe('forbidden');
    expect(answer.error?.body).toBe('Permission denied');
  });

  it('reports a token that cannot travel in a header as what it is, not as unreachable', async () => {
    const answer = await invoke('settings:testConnection', {
      cluster: { id: 'probe', name: 'probe', addresses: [legit.url] },
      token: 'token with\u0001 uniquemarker\u00e9',
    });
    expect(answer.error?.kind).toBe('config');
    expect(answer.error?.message).toMatch(/header/);
    expect(answer.error?.message).not.toContain('uniquemarker');
  });
});
