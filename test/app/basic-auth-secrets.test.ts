/**
 * Basic auth and inline client keys are secrets like tokens: from NOMAD_HTTP_AUTH, `user:pass@` in NOMAD_ADDR
 * or an inline-PEM NOMAD_CLIENT_KEY, the cluster only names the variable. Nothing of them reaches the window or
 * settings.json (even after the window saves its settings back), yet the agent still gets the credentials.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../common/settings-schema.js';
import { INLINE_KEY_SHOWN } from '../../main/app/hidden-secrets.js';
import type { HostileAgent } from '../support/hostile-agent.js';
import { startHostileAgent } from '../support/hostile-agent.js';
import type { CoreHarness } from './helpers.js';
import { startCore, waitFor } from './helpers.js';

const PASSWORD = 'p@ss-word-in-addr-9876';
const HTTP_AUTH = 'proxy:http-auth-secret-5432';
const PEM =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC-secret-key\n-----END PRIVATE KEY-----';

let agent: HostileAgent;
const harnesses: CoreHarness[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.close();
  await agent?.close();
});
beforeAll(async () => {
  agent = await startHostileAgent({ status: 403 });
});

/** A core over an empty config dir with `env`; it saves the settings the window was shown back to disk. */
async function roundTrip(
  env: Record<string, string>,
): Promise<{ h: CoreHarness; shown: string; disk: string }> {
  const h = await startCore(null, env);
  harnesses.push(h);
  const got = await h.core.dispatch('settings:get', {});
  if (!got.ok) throw new Error(got.error.message);
  const shown = JSON.stringify(got.value);
  const saved = await h.core.dispatch('settings:save', {
    settings: (got.value as { settings: Settings }).settings,
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const disk = await readFile(path.join(h.dir, 'settings.json'), 'utf8');
  return { h, shown, disk };
}

describe('basic auth from the environment', () => {
  it('user:pass@ in NOMAD_ADDR: the window and settings.json see the bare address, the agent gets the credentials', async () => {
    const url = new URL(agent.url);
    url.username = 'ops';
    url.password = encodeURIComponent(PASSWORD);
    const { shown, disk } = await roundTrip({ NOMAD_ADDR: url.href });
    for (const text of [shown, disk]) {
      expect(text).not.toContain('ss-word-in-addr');
      expect(text).toContain(agent.url);
    }
    const expected = `Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}`;
    await waitFor('the agent to get the basic auth', () =>
      agent.seen.some((r) => r.authorization === expected),
    );
  });

  it('NOMAD_HTTP_AUTH: never shown nor saved, still sent', async () => {
    const { shown, disk } = await roundTrip({ NOMAD_ADDR: agent.url, NOMAD_HTTP_AUTH: HTTP_AUTH });
    for (const text of [shown, disk]) {
      expect(text).not.toContain('http-auth-secret');
      expect(text).toContain('NOMAD_HTTP_AUTH');
    }
    const expected = `Basic ${Buffer.from(HTTP_AUTH).toString('base64')}`;
    await waitFor('the agent to get NOMAD_HTTP_AUTH', () =>
      agent.seen.some((r) => r.authorization === expected),
    );
  });

  it('an inline-PEM NOMAD_CLIENT_KEY is never shown nor saved', async () => {
    const { shown, disk } = await roundTrip({
      NOMAD_ADDR: agent.url.replace('http:', 'https:'),
      NOMAD_CLIENT_CERT: '/etc/nomad.d/cli.pem',
      NOMAD_CLIENT_KEY: PEM,
    });
    for (const text of [shown, disk]) {
      expect(text).not.toContain('secret-key');
      expect(text).not.toContain('PRIVATE KEY');
    }
  });

  it('a page cannot point basic auth from the environment at its own address', async () => {
    const { h } = await roundTrip({ NOMAD_ADDR: agent.url, NOMAD_HTTP_AUTH: HTTP_AUTH });
    const got = await h.core.dispatch('settings:get', {});
    if (!got.ok) throw new Error(got.error.message);
    const s = (got.value as { settings: Settings }).settings;
    const moved = { ...s, clusters: s.clusters.map((c) => ({ ...c, addresses: ['http://127.0.0.1:9'] })) };
    const answer = await h.core.dispatch('settings:save', { settings: moved });
    expect(answer.ok).toBe(false);
    const evil = await startHostileAgent({ status: 500 });
    try {
      const probe = await h.core.dispatch('settings:testConnection', {
        cluster: { ...s.clusters[0], id: 'probe', addresses: [evil.url] },
      });
      expect(probe.ok).toBe(false);
      expect(evil.seen.length).toBeGreaterThan(0);
      expect(evil.seen.every((r) => r.authorization === undefined)).toBe(true);
    } finally {
      await evil.close();
    }
  });

  it('a literal httpAuth in settings.json is never sent to the window, and survives its save', async () => {
    const h = await startCore(
      JSON.stringify({
        schemaVersion: 1,
        clusters: [{ id: 'p', name: 'p', addresses: [agent.url], pollIntervalMs: 500, httpAuth: HTTP_AUTH }],
      }),
    );
    harnesses.push(h);
    const got = await h.core.dispatch('settings:get', {});
    if (!got.ok) throw new Error(got.error.message);
    expect(JSON.stringify(got.value)).not.toContain('http-auth-secret');
    const saved = await h.core.dispatch('settings:save', {
      settings: (got.value as { settings: Settings }).settings,
    });
    expect(saved.ok).toBe(true);
    expect(JSON.stringify(saved)).not.toContain('http-auth-secret');
    const disk = JSON.parse(await readFile(path.join(h.dir, 'settings.json'), 'utf8')) as Settings;
    expect(disk.clusters[0]?.httpAuth).toBe(HTTP_AUTH);
    expect(h.pushed.join('\n')).not.toContain('http-auth-secret');
  });

  it('an inline-PEM client key in settings.json is never sent to the window, and survives its save', async () => {
    const h = await startCore(
      JSON.stringify({
        schemaVersion: 1,
        clusters: [
          {
            id: 'k',
            name: 'k',
            addresses: [agent.url],
            pollIntervalMs: 500,
            tls: { clientCert: '/etc/nomad.d/cli.pem', clientKey: PEM },
          },
        ],
      }),
    );
    harnesses.push(h);
    const got = await h.core.dispatch('settings:get', {});
    if (!got.ok) throw new Error(got.error.message);
    expect(JSON.stringify(got.value)).not.toContain('secret-key');
    const shown = (got.value as { settings: Settings }).settings;
    // The window is told a key is set, so its "certificate and key, both or neither" check holds.
    expect(shown.clusters[0]?.tls.clientKey).toBe(INLINE_KEY_SHOWN);
    const saved = await h.core.dispatch('settings:save', { settings: shown });
    expect(saved.ok).toBe(true);
    expect(JSON.stringify(saved)).not.toContain('secret-key');
    const disk = JSON.parse(await readFile(path.join(h.dir, 'settings.json'), 'utf8')) as Settings;
    expect(disk.clusters[0]?.tls.clientKey).toBe(PEM);
    expect(h.pushed.join('\n')).not.toContain('secret-key');

    // A path typed over the shown text replaces the inline key.
    const edited: Settings = {
      ...shown,
      clusters: shown.clusters.map((c) => ({
        ...c,
        tls: { ...c.tls, clientKey: '/etc/nomad.d/cli-key.pem' },
      })),
    };
    expect((await h.core.dispatch('settings:save', { settings: edited })).ok).toBe(true);
    const after = JSON.parse(await readFile(path.join(h.dir, 'settings.json'), 'utf8')) as Settings;
    expect(after.clusters[0]?.tls.clientKey).toBe('/etc/nomad.d/cli-key.pem');
  });
});
