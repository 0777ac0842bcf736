import { describe, expect, it } from 'vitest';
import {
  EVENT_NAMES,
  INVOKE_CHANNELS,
  eventContract,
  invokeContract,
  isInvokeChannel,
} from '../../common/ipc-contract.js';
import { findHostileShape, parseInvokeRequest } from '../../common/ipc-validate.js';
import type {
  EventName,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
} from '../../common/ipc-contract.js';
import {
  makeClusterView,
  makeEvent,
  makeMember,
  makeMembers,
  makeSelf,
  makeSettingsView,
} from './fixtures.js';
import { makeNode } from '../support/builders.js';
import { envelopeSchema } from '../support/envelope-schema.js';

type Fixtures = { [C in InvokeChannel]: { request: InvokeRequest<C>; response: InvokeResponse<C> } };
const settingsView = makeSettingsView();
const cluster = settingsView.settings.clusters[0]!;

/** One valid request and response per channel; the mapped type makes a missing channel a compile error. */
const fixtures: Fixtures = {
  'app:ready': {
    request: {},
    response: {
      mode: 'electron',
      version: '0.1.0',
      secretStorage: 'secure',
      platform: 'linux',
      osNotifications: true,
    },
  },
  'app:openExternal': { request: { url: 'https://developer.hashicorp.com/nomad' }, response: null },
  'app:openWindow': { request: { clusterId: 'prod' }, response: null },
  'clusters:list': { request: {}, response: [makeClusterView()] },
  'clusters:pollNow': { request: { clusterId: 'prod' }, response: null },
  'clusters:snooze': { request: { clusterId: 'prod', duration: '1h' }, response: null },
  'monitor:pause': { request: {}, response: null },
  'monitor:resume': { request: {}, response: null },
  'members:list': {
    request: { clusterId: 'prod', limit: 100 },
    response: { time: 1_700_000_000_000, members: makeMembers(), total: 3 },
  },
  'nodes:list': {
    request: { clusterId: 'prod' },
    response: { time: 1_700_000_000_000, nodes: [makeNode('__proto__', { status: 'down' })] },
  },
  'members:join': {
    request: { clusterId: 'prod', addresses: ['10.0.0.14', '[fd00::1]:4648'] },
    response: {
      result: { numJoined: 1, error: '', warning: '' },
      before: makeMembers(),
      after: [...makeMembers(), makeMember({ shortName: 'server-4' })],
      address: 'http://10.0.0.11:4646',
    },
  },
  'members:forceLeave': {
    request: { clusterId: 'prod', node: 'server-3.global', prune: true },
    response: {
      before: makeMember({ shortName: 'server-3', status: 'failed' }),
      after: null,
      address: 'http://10.0.0.11:4646',
    },
  },
  'agent:self': {
    request: { clusterId: 'prod' },
    response: { self: makeSelf(), address: 'http://10.0.0.11:4646' },
  },
  'agent:servers': { request: { clusterId: 'prod' }, response: ['10.0.0.11:4647'] },
  'agent:setServers': {
    request: { clusterId: 'prod', addresses: ['10.0.0.12:4647'] },
    response: { servers: ['10.0.0.12:4647'], address: 'http://10.0.0.21:4646' },
  },
  'history:list': { request: { clusterId: 'prod', limit: 100 }, response: [makeEvent()] },
  'history:exportMarkdown': { request: {}, response: '# Nomad Tray history\n' },
  'settings:get': { request: {}, response: settingsView },
  'settings:save': { request: { settings: settingsView.settings }, response: settingsView },
  'settings:setToken': {
    request: { clusterId: 'prod', token: 's3cr3t' },
    response: { status: 'set', storage: 'secure' },
  },
  'settings:testConnection': {
    request: { cluster, token: 's3cr3t' },
    response: { address: 'http://10.0.0.11:4646', members: 3, leader: '10.0.0.11:4647', version: '1.9.3' },
  },
  'settings:envTokenOffer': { request: {}, response: { available: true, clusterIds: ['default'] } },
  'settings:importEnvToken': {
    request: { clusterIds: ['default'], accept: true },
    response: { imported: ['default'] },
  },
  'settings:setAsideUnusableFile': { request: {}, response: settingsView },
  'notifications:test': { request: {}, response: { os: 'failed', osError: 'no notification daemon' } },
};

const events: { [E in EventName]: EventPayload<E> } = {
  'clusters:changed': [makeClusterView()],
  'events:changed': [makeEvent()],
  'settings:changed': settingsView,
  'focus:changed': { clusterId: 'prod', member: 'server-3.global' },
  'app:heartbeat': { intervalMs: 2000 },
  'notifications:decided': {
    id: '1700000000000-1',
    time: 1_700_000_000_000,
    clusterId: 'prod',
    title: 'prod: server-2 failed',
    body: 'server-2.global is failed',
    severity: 'warning',
    member: 'server-2.global',
    test: false,
    os: 'off',
  },
};

describe('invoke channels', () => {
  it('are named noun:verb and all have fixtures', () => {
    for (const channel of INVOKE_CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    expect(Object.keys(fixtures).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it.each(INVOKE_CHANNELS)('%s accepts its fixture request and response', (channel) => {
    const fixture = fixtures[channel];
    const parsed = parseInvokeRequest(channel, JSON.parse(JSON.stringify(fixture.request)));
    expect(parsed.ok).toBe(true);
    // The check the core runs on every answer before sending it (main/app/core.ts dispatch).
    const envelope = envelopeSchema(invokeContract[channel].response).safeParse(
      JSON.parse(JSON.stringify({ ok: true, value: fixture.response })),
    );
    expect(envelope.data).toEqual({ ok: true, value: fixture.response });
  });

  it.each(INVOKE_CHANNELS)('%s rejects unknown, __proto__ and constructor keys', (channel) => {
    const base = JSON.stringify(fixtures[channel].request).slice(1, -1);
    const comma = base === '' ? '' : ',';
    for (const extra of ['"junk":1', '"__proto__":{"polluted":true}', '"constructor":{"prototype":{}}']) {
      const hostile: unknown = JSON.parse(`{${base}${comma}${extra}}`);
      const parsed = parseInvokeRequest(channel, hostile);
      expect(parsed.ok ? 'accepted' : parsed.error.kind).toBe('invalid-request');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(INVOKE_CHANNELS)('%s rejects a non-object request', (channel) => {
    for (const junk of [null, 42, 'x', [], undefined]) {
      expect(parseInvokeRequest(channel, junk).ok).toBe(false);
    }
  });

  it('bounds strings and arrays', () => {
    const long = 'a'.repeat(301);
    expect(parseInvokeRequest('members:join', { clusterId: 'prod', addresses: [long] }).ok).toBe(false);
    expect(parseInvokeRequest('members:join', { clusterId: 'prod', addresses: [] }).ok).toBe(false);
    const many = Array.from({ length: 17 }, (_, i) => `10.0.0.${i}`);
    expect(parseInvokeRequest('members:join', { clusterId: 'prod', addresses: many }).ok).toBe(false);
    expect(parseInvokeRequest('members:forceLeave', { clusterId: 'prod', node: long, prune: false }).ok).toBe(
      false,
    );
    expect(parseInvokeRequest('agent:self', { clusterId: 'a'.repeat(65) }).ok).toBe(false);
    expect(parseInvokeRequest('history:list', { limit: 0 }).ok).toBe(false);
  });

  it('opens only https links without credentials', () => {
    for (const url of [
      'http://example.com',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://u:p@example.com',
    ]) {
      expect(parseInvokeRequest('app:openExternal', { url }).ok).toBe(false);
    }
  });

  it('refuses nested pollution inside settings', () => {
    const raw = JSON.parse(
      `{"settings":{"schemaVersion":1,"clusters":[],"global":{"__proto__":{"closeToTray":false}}}}`,
    ) as unknown;
    const parsed = parseInvokeRequest('settings:save', raw);
    expect(parsed.ok ? 'accepted' : parsed.error.message).toContain('__proto__');
  });

  it('does not treat Object.prototype names as channels', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(isInvokeChannel(name)).toBe(false);
      expect(parseInvokeRequest(name, {}).ok).toBe(false);
    }
  });

  it('refuses a malformed answer and accepts an error envelope', () => {
    const schema = envelopeSchema(invokeContract['agent:servers'].response);
    expect(schema.safeParse({ ok: true, value: [1, 2] }).success).toBe(false);
    const error = { ok: false, error: { kind: 'forbidden', message: 'Permission denied' } };
    expect(schema.safeParse(error).data).toEqual(error);
  });
});

describe('push events', () => {
  it('are named noun:changed, apart from the heartbeat and decided notifications', () => {
    for (const name of EVENT_NAMES)
      expect(name).toMatch(/^([a-z]+:changed|app:heartbeat|notifications:decided)$/);
  });

  it.each(EVENT_NAMES)('%s accepts its fixture and rejects junk', (name) => {
    // The check the core runs on every push before sending it (main/app/core.ts emit).
    const schema = eventContract[name];
    expect(schema.safeParse(JSON.parse(JSON.stringify(events[name]))).data).toEqual(events[name]);
    expect(schema.safeParse({ junk: true }).success).toBe(false);
    expect(schema.safeParse('nonsense').success).toBe(false);
  });
});

describe('findHostileShape', () => {
  it('accepts plain data and names what it refuses', () => {
    expect(findHostileShape({ a: [1, { b: 'c' }] })).toBeNull();
    expect(findHostileShape(JSON.parse('{"a":[{"prototype":1}]}'))).toContain('prototype');
    let deep: unknown = 1;
    for (let i = 0; i < 40; i += 1) deep = [deep];
    expect(findHostileShape(deep)).toBe('nested too deeply');
    expect(findHostileShape(new Date())).toBe('not a plain object');
    expect(findHostileShape({ a: [1, new Map()] })).toBe('not a plain object');
    expect(findHostileShape(JSON.parse('[[{"__proto__":{"x":1}}]]'))).toBe('forbidden key "__proto__"');
    expect(findHostileShape(Object.assign(Object.create(null), { a: [null, 'b'] }))).toBeNull();
    expect(Object.keys(invokeContract).length).toBe(INVOKE_CHANNELS.length);
  });
});
