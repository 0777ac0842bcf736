/**
 * Tokens are write-only through the app core (they never come back in an envelope, a push event, the history
 * or a log line), and hostile requests are error envelopes that change nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterView } from '../../common/domain.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { CoreHarness } from './helpers.js';
import { settingsFile, startCore, waitFor } from './helpers.js';

let sim: SimCluster;
let h: CoreHarness;
const answers: string[] = [];

async function call(channel: unknown, request: unknown) {
  const answer = await h.core.dispatch(channel, request);
  answers.push(JSON.stringify(answer));
  return answer;
}

async function view(): Promise<ClusterView | undefined> {
  const answer = await call('clusters:list', {});
  return answer.ok ? (answer.value as ClusterView[])[0] : undefined;
}

beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 3, acl: true });
  h = await startCore(
    settingsFile([{ id: 'acl', addresses: [sim.agent('server-1').url], token: { source: 'keychain' } }]),
  );
});

afterAll(async () => {
  await h.close();
  await sim.close();
});

describe('tokens through the app core', () => {
  it('setToken answers only a status, restarts the poller, and the token never leaves the core', async () => {
    const secret = sim.tokens?.management;
    if (!secret) throw new Error('the simulator has no ACL tokens');
    await waitFor(
      'a config error without a token',
      async () => (await view())?.snapshot?.error?.kind === 'config',
    );

    const set = await call('settings:setToken', { clusterId: 'acl', token: secret });
    expect(set).toEqual({ ok: true, value: { status: 'set', storage: 'memory-only' } });
    await waitFor('healthy with the token', async () => (await view())?.state === 'healthy');

    const got = await call('settings:get', {});
    expect(got.ok && (got.value as { tokens: Record<string, string> }).tokens).toEqual({ acl: 'set' });
    const tested = await call('settings:testConnection', {
      cluster: { id: 'acl', name: 'acl', addresses: [sim.agent('server-2').url] },
      token: secret,
    });
    expect(tested).toMatchObject({ ok: true, value: { members: 3 } });
    const denied = await call('settings:testConnection', {
      cluster: { id: 'x', name: 'x', addresses: [sim.agent('server-2').url] },
      token: sim.tokens?.unknown,
    });
    expect(denied).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    // An operator action records history through the engine with the token in use.
    sim.fail('server-3');
    await call('members:forceLeave', {
      clusterId: 'acl',
      node: sim.agent('server-3').fullName,
      prune: false,
    });
    await waitFor('history written', async () => {
      const list = await call('history:list', {});
      return list.ok && (list.value as unknown[]).length > 0;
    });

    const historyText = await readFile(path.join(h.dir, 'history.jsonl'), 'utf8').catch(() => '');
    const settingsText = await readFile(path.join(h.dir, 'settings.json'), 'utf8');
    const everything = [...answers, ...h.pushed, ...h.logs, historyText, settingsText].join('\n');
    expect(h.pushed.length).toBeGreaterThan(0);
    expect(everything).not.toContain(secret);

    const removed = await call('settings:setToken', { clusterId: 'acl', token: null });
    expect(removed).toEqual({ ok: true, value: { status: 'not set', storage: 'memory-only' } });
  });

  it('setToken for an unknown cluster is an error envelope', async () => {
    const answer = await call('settings:setToken', { clusterId: 'nope', token: 'x'.repeat(20) });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'unknown-cluster' } });
  });
});

describe('hostile requests', () => {
  const hostile: Array<[string, unknown, unknown]> = [
    ['unknown channel', 'clusters:drop', {}],
    ['inherited name as channel', 'toString', {}],
    ['__proto__ as channel', '__proto__', {}],
    ['non-string channel', 42, {}],
    ['wrong type', 'clusters:pollNow', { clusterId: 7 }],
    ['unknown key', 'clusters:list', { extra: true }],
    ['array request', 'clusters:list', []],
    ['huge string', 'members:forceLeave', { clusterId: 'acl', node: 'n'.repeat(1_000_000), prune: false }],
    ['__proto__ key', 'clusters:pollNow', JSON.parse('{"__proto__":{"polluted":true}}')],
    [
      'nested __proto__',
      'settings:save',
      JSON.parse('{"settings":{"schemaVersion":1,"clusters":[],"__proto__":{"x":1}}}'),
    ],
    [
      'constructor key',
      'members:join',
      { clusterId: 'acl', addresses: ['a'], constructor: { prototype: {} } },
    ],
    [
      'bad settings',
      'settings:save',
      { settings: { schemaVersion: 1, clusters: [{ id: '../../etc', name: 'x', addresses: [] }] } },
    ],
    ['http link', 'app:openExternal', { url: 'http://example.com' }],
    ['too deep', 'clusters:list', JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`)],
  ];

  it.each(hostile)('%s → error envelope, settings unchanged', async (_name, channel, request) => {
    const before = await readFile(path.join(h.dir, 'settings.json'), 'utf8');
    const answer = await call(channel, request);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(['unknown-channel', 'invalid-request']).toContain(answer.error.kind);
    expect(answer.error.message).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack
    expect(await readFile(path.join(h.dir, 'settings.json'), 'utf8')).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
