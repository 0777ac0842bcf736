/**
 * The first `clusters:list` request, sent by main.ts before the app chunk loads (renderer/lib/early.ts): only
 * through a preload-shaped object, validated by the bridge like any other answer, and used by ClustersState
 * instead of asking again unless a push already brought a newer list.
 */
import { describe, expect, it } from 'vitest';
import { sendEarlyRequest } from '../../renderer/lib/early.js';
import { adoptEarlyAnswer } from '../../renderer/lib/bridge.js';
import { ClustersState } from '../../renderer/state/clusters.svelte.js';
import { FakeApi, settle } from './fake-api.js';
import { makeClusterView } from './fixtures.js';

/** A window whose `nomadTray` is `preload` (only the property early.ts reads). */
function win(preload: unknown): Window {
  return { nomadTray: preload } as unknown as Window;
}

describe('sendEarlyRequest', () => {
  it('asks the preload for clusters:list once, with an empty request', async () => {
    const calls: [string, unknown][] = [];
    const early = sendEarlyRequest(
      win({
        invoke: (channel: string, request: unknown) => {
          calls.push([channel, request]);
          return Promise.resolve({ ok: true, value: [] });
        },
        on: () => () => undefined,
      }),
    );
    expect(early?.channel).toBe('clusters:list');
    expect(calls).toEqual([['clusters:list', {}]]);
    expect(await early?.answer).toEqual({ ok: true, value: [] });
  });

  it('sends nothing without a preload-shaped object (browser mode)', () => {
    expect(sendEarlyRequest(win(undefined))).toBeNull();
    expect(sendEarlyRequest(win({ invoke: () => Promise.resolve(null) }))).toBeNull();
    expect(sendEarlyRequest(win('nomadTray'))).toBeNull();
  });

  it('turns a throwing preload into a rejected answer, not a throw', async () => {
    const early = sendEarlyRequest(
      win({
        invoke: () => {
          throw new Error('preload broke');
        },
        on: () => () => undefined,
      }),
    );
    await expect(early?.answer).rejects.toThrow('preload broke');
  });
});

describe('adoptEarlyAnswer', () => {
  it('takes the early answer like any other answer; a rejection becomes an error envelope', async () => {
    const good = await adoptEarlyAnswer({
      channel: 'clusters:list',
      answer: Promise.resolve({ ok: true, value: [makeClusterView()] }),
    });
    expect(good.ok ? good.value.map((c) => c.id) : good.error.message).toEqual(['prod']);

    const rejected = await adoptEarlyAnswer({
      channel: 'clusters:list',
      answer: Promise.reject(new Error('gone')),
    });
    expect(rejected.ok ? 'ok' : rejected.error.message).toContain('gone');
  });
});

describe('ClustersState with an early answer', () => {
  it('uses the early answer instead of asking again', async () => {
    const api = new FakeApi();
    const clusters = new ClustersState(api);
    clusters.start(Promise.resolve({ ok: true, value: [makeClusterView()] }));
    await settle();
    expect(clusters.loaded).toBe(true);
    expect(clusters.list.map((c) => c.id)).toEqual(['prod']);
    expect(api.requests('clusters:list')).toEqual([]);
  });

  it('keeps a list pushed before the early answer arrived', async () => {
    const api = new FakeApi();
    const clusters = new ClustersState(api);
    let deliver: (value: { ok: true; value: ReturnType<typeof makeClusterView>[] }) => void = () => undefined;
    clusters.start(new Promise((resolve) => (deliver = resolve)));
    api.emit('clusters:changed', [makeClusterView({ id: 'staging', name: 'Staging' })]);
    deliver({ ok: true, value: [makeClusterView()] });
    await settle();
    expect(clusters.list.map((c) => c.id)).toEqual(['staging']);
  });

  it('shows a failed early answer as its error', async () => {
    const clusters = new ClustersState(new FakeApi());
    clusters.start(Promise.resolve({ ok: false, error: { kind: 'internal', message: 'Malformed answer' } }));
    await settle();
    expect([clusters.loaded, clusters.error?.message]).toEqual([false, 'Malformed answer']);
  });
});

describe('ClustersState.firstAnswer', () => {
  it('resolves once the first list or its error is applied (later loads wait for it)', async () => {
    const failing = new ClustersState(
      new FakeApi().answer('clusters:list', { ok: false, error: { kind: 'unreachable', message: 'down' } }),
    );
    let failed = false;
    void failing.firstAnswer.then(() => (failed = true));
    await settle();
    expect(failed).toBe(false);
    failing.start();
    await failing.firstAnswer;
    expect([failing.loaded, failing.error?.kind]).toEqual([false, 'unreachable']);

    const api = new FakeApi();
    const pushed = new ClustersState(api);
    pushed.start(new Promise(() => undefined));
    api.emit('clusters:changed', [makeClusterView()]);
    await pushed.firstAnswer;
    expect(pushed.list.map((c) => c.id)).toEqual(['prod']);
  });
});
