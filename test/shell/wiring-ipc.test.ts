import { describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS } from '../../common/ipc-contract.js';
import type { Envelope, EventName } from '../../common/ipc-contract.js';
import { createEventPump, registerIpc, trustedFrame } from '../../main/shell/adapters/ipc.js';
import type { IpcMainLike, InvokeEventLike } from '../../main/shell/adapters/ipc.js';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../main/core/web/index.js';

// Compile-time proof that Electron's real objects fit the narrow ports main.ts passes in.
const _ipcFits = (m: IpcMain): IpcMainLike<IpcMainInvokeEvent['sender']> => m;

type Handler = (event: InvokeEventLike<string>, ...args: unknown[]) => unknown;

/** A fake ipcMain that records registrations and lets the test call a handler as Electron would. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const registrations: string[] = [];
  const ipcMain: IpcMainLike<string> = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`); // what Electron does
      handlers.set(channel, listener);
      registrations.push(channel);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const call = (channel: string, url: string | null, raw: unknown, parent: unknown = null) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const frame = url === null ? null : ({ url, parent } as InvokeEventLike['senderFrame']);
    return handler({ senderFrame: frame, sender: 'window-1' }, raw) as Promise<Envelope<unknown>>;
  };
  return { ipcMain, handlers, registrations, call };
}

function fakeCore() {
  const calls: [unknown, unknown][] = [];
  return {
    calls,
    dispatch: async (channel: unknown, raw: unknown): Promise<Envelope<unknown>> => {
      calls.push([channel, raw]);
      return { ok: true, value: { echoed: channel } };
    },
  };
}

const trusted = trustedFrame([APP_ORIGIN]);

describe('registerIpc', () => {
  it('registers every contract channel exactly once, even when called twice (reload)', () => {
    const fake = fakeIpcMain();
    const core = fakeCore();
    registerIpc({ ipcMain: fake.ipcMain, core, isTrustedSender: trusted });
    registerIpc({ ipcMain: fake.ipcMain, core, isTrustedSender: trusted });
    expect([...fake.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    for (const channel of INVOKE_CHANNELS) {
      expect(fake.registrations.filter((c) => c === channel)).toHaveLength(2); // once per registerIpc call
    }
  });

  it('passes (channel, raw) from our own window to core.dispatch and returns its envelope', async () => {
    const fake = fakeIpcMain();
    const core = fakeCore();
    registerIpc({ ipcMain: fake.ipcMain, core, isTrustedSender: trusted });
    const raw = { clusterId: 'prod' };
    const answer = await fake.call('agent:self', APP_ENTRY_URL, raw);
    expect(answer).toEqual({ ok: true, value: { echoed: 'agent:self' } });
    expect(core.calls).toEqual([['agent:self', raw]]);
  });

  it.each([
    ['another origin', 'https://evil.example/index.html'],
    ['a look-alike host', 'app://renderer.evil/index.html'],
    ['file://', 'file:///home/user/out/renderer/index.html'],
    ['http on localhost', 'http://127.0.0.1:5173/'],
    ['a destroyed frame', null],
  ])('refuses %s with an error envelope that never reaches the core', async (_label, url) => {
    const fake = fakeIpcMain();
    const core = fakeCore();
    const logs: string[] = [];
    registerIpc({ ipcMain: fake.ipcMain, core, isTrustedSender: trusted, log: (m) => logs.push(m) });
    const answer = await fake.call('settings:get', url, {});
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.kind).toBe('unauthorized');
    expect(core.calls).toEqual([]);
    expect(logs).toHaveLength(1);
  });

  it('refuses a sub-frame even when its URL has our origin', async () => {
    const fake = fakeIpcMain();
    const core = fakeCore();
    registerIpc({ ipcMain: fake.ipcMain, core, isTrustedSender: trusted });
    const answer = await fake.call('settings:get', APP_ENTRY_URL, {}, { url: APP_ENTRY_URL });
    expect(answer.ok).toBe(false);
    expect(core.calls).toEqual([]);
  });

  it('trusts the dev server origin only when it is configured', () => {
    const frame = { url: 'http://localhost:5173/index.html', parent: null } as InvokeEventLike['senderFrame'];
    expect(trustedFrame([APP_ORIGIN])(frame)).toBe(false);
    expect(trustedFrame(['http://localhost:5173'])(frame)).toBe(true);
  });

  it('turns a throwing core into an internal error envelope, and signals ready only on app:ready success', async () => {
    const fake = fakeIpcMain();
    const ready: string[] = [];
    let fail = true;
    registerIpc({
      ipcMain: fake.ipcMain,
      core: {
        dispatch: async () => {
          if (fail) throw new Error('boom');
          return { ok: true, value: null };
        },
      },
      isTrustedSender: trusted,
      onReady: (sender) => ready.push(sender),
    });
    const broken = await fake.call('app:ready', APP_ENTRY_URL, {});
    expect(broken).toEqual({ ok: false, error: { kind: 'internal', message: 'app:ready failed: boom' } });
    expect(ready).toEqual([]);
    fail = false;
    await fake.call('clusters:list', APP_ENTRY_URL, {});
    expect(ready).toEqual([]);
    await fake.call('app:ready', APP_ENTRY_URL, {});
    expect(ready).toEqual(['window-1']);
  });

  it('unregisters every handler through the returned function', () => {
    const fake = fakeIpcMain();
    const dispose = registerIpc({ ipcMain: fake.ipcMain, core: fakeCore(), isTrustedSender: trusted });
    dispose();
    expect(fake.handlers.size).toBe(0);
  });
});

describe('createEventPump', () => {
  function setup(maxQueue?: number) {
    const sent: [string, EventName, unknown][] = [];
    const pump = createEventPump<string>({
      send: (target, name, payload) => sent.push([target, name, payload]),
      ...(maxQueue === undefined ? {} : { maxQueue }),
    });
    return { pump, sent };
  }

  it('queues events until the window is ready, then flushes them in order and goes live', () => {
    const { pump, sent } = setup();
    pump.attach('w');
    pump.publish('events:changed', ['e1']);
    pump.publish('focus:changed', { clusterId: 'prod' });
    pump.publish('events:changed', ['e2']);
    expect(sent).toEqual([]);
    pump.ready('w');
    expect(sent.map(([, name, payload]) => [name, payload])).toEqual([
      ['events:changed', ['e1']],
      ['focus:changed', { clusterId: 'prod' }],
      ['events:changed', ['e2']],
    ]);
    pump.publish('events:changed', ['e3']);
    expect(sent.at(-1)).toEqual(['w', 'events:changed', ['e3']]);
  });

  it('keeps only the latest snapshot event (clusters:changed) while queueing', () => {
    const { pump, sent } = setup();
    pump.attach('w');
    pump.publish('clusters:changed', ['v1']);
    pump.publish('events:changed', ['e1']);
    pump.publish('clusters:changed', ['v2']);
    pump.publish('clusters:changed', ['v3']);
    pump.ready('w');
    expect(sent.map(([, name, payload]) => [name, payload])).toEqual([
      ['events:changed', ['e1']],
      ['clusters:changed', ['v3']],
    ]);
  });

  it('never queues a heartbeat: once ready the window gets only live ones', () => {
    const { pump, sent } = setup();
    pump.attach('w');
    pump.publish('app:heartbeat', { intervalMs: 2000 });
    pump.ready('w');
    expect(sent).toEqual([]);
    pump.publish('app:heartbeat', { intervalMs: 2000 });
    expect(sent).toEqual([['w', 'app:heartbeat', { intervalMs: 2000 }]]);
  });

  it('is bounded: beyond maxQueue the oldest entries are dropped', () => {
    const { pump, sent } = setup(3);
    pump.attach('w');
    for (let i = 1; i <= 5; i++) pump.publish('events:changed', [`e${i}`]);
    pump.ready('w');
    expect(sent.map(([, , payload]) => payload)).toEqual([['e3'], ['e4'], ['e5']]);
  });

  it('queues again after a reload (attach while live) and never sends to a detached window', () => {
    const { pump, sent } = setup();
    pump.attach('w');
    pump.ready('w');
    pump.attach('w'); // the page reloaded: hold events until it says ready again
    pump.publish('events:changed', ['e1']);
    expect(sent).toEqual([]);
    pump.detach('w');
    pump.publish('events:changed', ['e2']);
    pump.ready('w'); // a late ready for a window that is gone: it does not come back to life
    pump.publish('events:changed', ['e3']);
    expect(sent).toEqual([]);
  });

  it('a second attach before ready keeps what is already queued', () => {
    const { pump, sent } = setup();
    pump.attach('w');
    pump.publish('events:changed', ['e1']);
    pump.attach('w'); // did-start-loading right after creation
    pump.ready('w');
    expect(sent).toEqual([['w', 'events:changed', ['e1']]]);
  });

  it('fans out to several windows independently', () => {
    const { pump, sent } = setup();
    pump.attach('a');
    pump.attach('b');
    pump.ready('a');
    pump.publish('events:changed', ['e1']);
    expect(sent).toEqual([['a', 'events:changed', ['e1']]]);
    pump.ready('b');
    expect(sent).toEqual([
      ['a', 'events:changed', ['e1']],
      ['b', 'events:changed', ['e1']],
    ]);
  });
});
