import { describe, expect, it } from 'vitest';
import type { IpcRenderer } from 'electron';
import { EVENT_NAMES, INVOKE_CHANNELS } from '../../common/ipc-contract.js';
import {
  createPreloadApi,
  PRELOAD_EVENT_NAMES,
  PRELOAD_INVOKE_CHANNELS,
} from '../../main/shell/preload-api.js';
import type { IpcRendererLike } from '../../main/shell/preload-api.js';

// Compile-time proof that Electron's ipcRenderer fits the port preload.ts hands in.
const _fits = (r: IpcRenderer): IpcRendererLike => r;

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A fake ipcRenderer: records invokes, keeps listeners, and can emit like main's webContents.send. */
function fakeIpcRenderer() {
  const invokes: [string, unknown][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: async (channel: string, ...args: unknown[]) => {
      invokes.push([channel, args[0]]);
      return { ok: true, value: `answer for ${channel}` };
    },
    on(channel: string, listener: Listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
      return ipc;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return ipc;
    },
  };
  const emit = (channel: string, payload: unknown) => {
    const event = { sender: 'the IpcRenderer itself', senderId: 0, ports: [] };
    for (const l of listeners.get(channel) ?? []) l(event, payload);
  };
  const count = (channel: string) => listeners.get(channel)?.size ?? 0;
  return { ipc: ipc as unknown as IpcRendererLike, invokes, emit, count };
}

/** The API as the page sees it: any argument at all may come in. */
type LooseApi = {
  invoke(channel: unknown, request?: unknown): Promise<unknown>;
  on(event: unknown, callback: unknown): () => void;
};
const loose = (api: ReturnType<typeof createPreloadApi>): LooseApi => api as unknown as LooseApi;

describe('preload API (createPreloadApi)', () => {
  it('lists exactly the contract channels and events', () => {
    expect(Object.keys(PRELOAD_INVOKE_CHANNELS).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(Object.keys(PRELOAD_EVENT_NAMES).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('exposes only invoke and on', () => {
    const api = createPreloadApi(fakeIpcRenderer().ipc);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards a contract channel to ipcRenderer.invoke with the request', async () => {
    const fake = fakeIpcRenderer();
    const api = createPreloadApi(fake.ipc);
    const answer = await api.invoke('agent:self', { clusterId: 'prod' });
    expect(answer).toEqual({ ok: true, value: 'answer for agent:self' });
    expect(fake.invokes).toEqual([['agent:self', { clusterId: 'prod' }]]);
  });

  it.each([['shell:exec'], ['__proto__'], ['toString'], ['clusters:changed'], [42], [null]])(
    'refuses %s without reaching main',
    async (channel) => {
      const fake = fakeIpcRenderer();
      const answer = await loose(createPreloadApi(fake.ipc)).invoke(channel, {});
      expect(answer).toEqual({ ok: false, error: { kind: 'unknown-channel', message: 'No such channel.' } });
      expect(fake.invokes).toEqual([]);
    },
  );

  it('hands callbacks the payload only, never the IpcRendererEvent', () => {
    const fake = fakeIpcRenderer();
    const api = createPreloadApi(fake.ipc);
    const received: unknown[][] = [];
    api.on('focus:changed', (...args: unknown[]) => received.push(args));
    fake.emit('focus:changed', { clusterId: 'prod' });
    expect(received).toEqual([[{ clusterId: 'prod' }]]);
  });

  it('unsubscribes (idempotently), leaving other listeners alone', () => {
    const fake = fakeIpcRenderer();
    const api = createPreloadApi(fake.ipc);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.on('events:changed', (p) => a.push(p));
    api.on('events:changed', (p) => b.push(p));
    fake.emit('events:changed', [1]);
    offA();
    offA();
    fake.emit('events:changed', [2]);
    expect(a).toEqual([[1]]);
    expect(b).toEqual([[1], [2]]);
    expect(fake.count('events:changed')).toBe(1);
  });

  it('ignores unknown events and non-function callbacks (nothing subscribed)', () => {
    const fake = fakeIpcRenderer();
    const api = loose(createPreloadApi(fake.ipc));
    const off1 = api.on('app:ready', () => undefined); // an invoke channel, not an event
    const off2 = api.on('ipc-internal', () => undefined);
    const off3 = api.on('clusters:changed', 'not a function');
    expect(fake.count('app:ready') + fake.count('ipc-internal') + fake.count('clusters:changed')).toBe(0);
    expect([off1(), off2(), off3()]).toEqual([undefined, undefined, undefined]);
  });
});
