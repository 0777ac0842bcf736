/**
 * The first `clusters:list` request, sent by main.ts before the app chunk loads (renderer/lib/early.ts): only
 * through a preload-shaped object, validated by the bridge like any other answer, and used by ClustersState
 * instead of asking again unless a push already brought a newer list. The first cluster's `members:list` goes
 * out as soon as that list answers, and MembersState takes it as its first request.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { earlyAnswers, FIRST_PAGE, sendEarlyRequest } from '../../renderer/lib/early.js';
import type { EarlyRequest } from '../../renderer/lib/early.js';
import { answerOf } from '../../renderer/lib/bridge.js';
import { ClustersState } from '../../renderer/state/clusters.svelte.js';
import { MembersState } from '../../renderer/state/members.svelte.js';
import { FakeApi, settle } from './fake-api.js';
import { makeClusterView, makeMembers } from './fixtures.js';

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
    expect(await early?.members).toBeNull(); // no cluster: no member list to ask for
  });

  /** A preload answering `clusters:list` with `list`; records every request. */
  function listing(list: unknown): { calls: [string, unknown][]; preload: unknown } {
    const calls: [string, unknown][] = [];
    const preload = {
      invoke: (channel: string, request: unknown) => {
        calls.push([channel, request]);
        return Promise.resolve(
          channel === 'clusters:list' ? list : { ok: true, value: { time: 7, members: [] } },
        );
      },
      on: () => () => undefined,
    };
    return { calls, preload };
  }

  it('asks for the first cluster’s members as soon as the list answers, for the poll it names', async () => {
    const views = [makeClusterView({ id: 'prod' }), makeClusterView({ id: 'staging' })];
    const { calls, preload } = listing({ ok: true, value: views });
    const early = sendEarlyRequest(win(preload));
    expect(calls).toEqual([['clusters:list', {}]]); // the member list waits for the cluster list
    const members = await early?.members;
    expect(calls).toEqual([
      ['clusters:list', {}],
      ['members:list', { clusterId: 'prod', limit: FIRST_PAGE }],
    ]);
    expect([members?.clusterId, members?.version]).toEqual(['prod', views[0]?.snapshot?.time]);
    expect(await members?.answer).toEqual({ ok: true, value: { time: 7, members: [] } });
  });

  it('asks for no member list in the glance, after a failed list or for a cluster with no id', async () => {
    for (const [list, showsMembers] of [
      [{ ok: true, value: [makeClusterView()] }, false],
      [{ ok: false, error: { kind: 'internal', message: 'no' } }, true],
      [{ ok: true, value: [{ id: 42 }] }, true],
      [null, true],
    ] as const) {
      const { calls, preload } = listing(list);
      expect(await sendEarlyRequest(win(preload), showsMembers)?.members).toBeNull();
      expect(calls.map(([channel]) => channel)).toEqual(['clusters:list']);
    }
  });

  it('a cluster without a poll yet is asked for at version null', async () => {
    const { preload } = listing({ ok: true, value: [makeClusterView({ snapshot: null })] });
    expect((await sendEarlyRequest(win(preload))?.members)?.version).toBeNull();
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
    expect(await early?.members).toBeNull();
  });
});

describe('answerOf (the early answer)', () => {
  it('takes the early answer like any other answer; a rejection becomes an error envelope', async () => {
    const good = await answerOf('clusters:list', () =>
      Promise.resolve({ ok: true, value: [makeClusterView()] }),
    );
    expect(good.ok ? good.value.map((c) => c.id) : good.error.message).toEqual(['prod']);

    const rejected = await answerOf('clusters:list', () => Promise.reject(new Error('gone')));
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

describe('MembersState with the early member list', () => {
  const early = (answer: Promise<unknown>) => answerOf('members:list', () => answer);

  it('takes it as the first request: following that cluster and poll does not ask again', async () => {
    const api = new FakeApi();
    const members = new MembersState(api);
    await members.adopt(
      'prod',
      5,
      early(Promise.resolve({ ok: true, value: { time: 5, members: makeMembers() } })),
    );
    await members.follow('prod', 5);
    expect(api.requests('members:list')).toEqual([]);
    expect(members.of('prod')?.members.map((m) => m.shortName)).toEqual(['server-1', 'server-2', 'server-3']);
    await members.follow('prod', 6); // the next poll asks as usual
    expect(api.requests('members:list')).toEqual([{ clusterId: 'prod' }]);
  });

  it('a rejected early answer shows as its error, and the next follow asks again', async () => {
    const api = new FakeApi().answer('members:list', {
      ok: true,
      value: { time: 5, members: makeMembers() },
    });
    const members = new MembersState(api);
    await members.adopt('prod', 5, early(Promise.reject(new Error('preload gone'))));
    expect([members.of('prod'), members.errorOf('prod')?.kind]).toEqual([null, 'internal']);
    await members.follow('prod', 5);
    expect(members.of('prod')?.members).toHaveLength(3);
  });

  it('is dropped once another cluster was asked for first (a notification click showed it)', async () => {
    const api = new FakeApi().answer('members:list', () => ({
      ok: true,
      value: { time: 1, members: makeMembers().slice(0, 1) },
    }));
    const members = new MembersState(api);
    const staging = members.follow('staging', 1);
    await members.adopt(
      'prod',
      5,
      early(Promise.resolve({ ok: true, value: { time: 5, members: makeMembers() } })),
    );
    await staging;
    expect(members.of('prod')).toBeUndefined();
    expect(members.of('staging')?.members).toHaveLength(1);
  });
});

describe('earlyAnswers (when main.ts mounts the app)', () => {
  afterEach(() => vi.useRealTimers());
  /** An early request whose answers the test gives; `members`: whether a member page is asked for. */
  function pending(members: boolean) {
    let list: (value: unknown) => void = () => undefined;
    let page: (value: unknown) => void = () => undefined;
    const answer = new Promise((resolve) => (list = resolve));
    const pageAnswer = new Promise(
      (resolve, reject) => (page = (v) => (v instanceof Error ? reject(v) : resolve(v))),
    );
    const early: EarlyRequest = {
      channel: 'clusters:list',
      answer,
      members: answer.then(() => (members ? { clusterId: 'prod', version: 1, answer: pageAnswer } : null)),
    };
    return { early, list, page };
  }
  /** Whether `p` has resolved after the microtasks so far. */
  async function done(p: Promise<void>): Promise<boolean> {
    let resolved = false;
    void p.then(() => (resolved = true));
    await settle();
    return resolved;
  }

  it('waits for the cluster list and the first page (an error counts as an answer)', async () => {
    vi.useFakeTimers();
    const { early, list, page } = pending(true);
    const ready = earlyAnswers(early, 300);
    list({ ok: true, value: [] });
    expect(await done(ready)).toBe(false); // the page is still on its way
    page(new Error('preload gone'));
    expect(await done(ready)).toBe(true);
  });

  it('waits only for the cluster list when no page was asked for (glance, no cluster)', async () => {
    vi.useFakeTimers();
    const { early, list } = pending(false);
    const ready = earlyAnswers(early, 300);
    expect(await done(ready)).toBe(false);
    list({ ok: false, error: { kind: 'internal', message: 'no' } });
    expect(await done(ready)).toBe(true);
  });

  it('a core that does not answer holds the mount only until the cap', async () => {
    vi.useFakeTimers();
    const { early } = pending(true);
    const ready = earlyAnswers(early, 300);
    vi.advanceTimersByTime(299);
    expect(await done(ready)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await done(ready)).toBe(true);
  });
});
