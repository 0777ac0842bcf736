/**
 * What the Electron window gets before its app loads (renderer/lib/early.ts): main gathers the cluster list and
 * the first cluster's first page of members from its core, embeds them in the page, and the app takes them at
 * once: ClustersState and MembersState hold them for the first render and do not ask again.
 */
import { describe, expect, it } from 'vitest';
import type { Envelope, InvokeChannel } from '../../common/ipc-contract.js';
import { preloadApi, preloadOf } from '../../renderer/lib/bridge.js';
import { embedEarly, FIRST_PAGE, gatherEarly, readEarly, type EarlyData } from '../../renderer/lib/early.js';
import { ClustersState } from '../../renderer/state/clusters.svelte.js';
import { MembersState } from '../../renderer/state/members.svelte.js';
import { FakeApi, settle } from './fake-api.js';
import { makeClusterView, makeMembers, embeddedDocument } from './fixtures.js';

/** A core answering `clusters:list` with `list` and `members:list` with an empty page; records every request. */
function core(list: Envelope<unknown>) {
  const calls: [string, unknown][] = [];
  const invoke = (channel: InvokeChannel, request: unknown): Promise<Envelope<unknown>> => {
    calls.push([channel, request]);
    return Promise.resolve(
      channel === 'clusters:list' ? list : { ok: true, value: { time: 7, members: [] } },
    );
  };
  return { calls, invoke };
}

describe('gatherEarly (main, before the page is served)', () => {
  it('asks for the cluster list, then the first cluster’s first page for the poll it names', async () => {
    const views = [makeClusterView({ id: 'prod' }), makeClusterView({ id: 'staging' })];
    const { calls, invoke } = core({ ok: true, value: views });
    const early = await gatherEarly(invoke, true);
    expect(calls).toEqual([
      ['clusters:list', {}],
      ['members:list', { clusterId: 'prod', limit: FIRST_PAGE }],
    ]);
    expect(early).toEqual({
      list: { ok: true, value: views },
      members: {
        clusterId: 'prod',
        version: views[0]?.snapshot?.time,
        answer: { ok: true, value: { time: 7, members: [] } },
      },
    });
  });

  it('asks for no member list in the glance, after a failed list or without a cluster', async () => {
    for (const [list, showsMembers] of [
      [{ ok: true, value: [makeClusterView()] }, false],
      [{ ok: false, error: { kind: 'internal', message: 'no' } }, true],
      [{ ok: true, value: [] }, true],
    ] as const) {
      const { calls, invoke } = core(list);
      expect(await gatherEarly(invoke, showsMembers)).toEqual({ list, members: null });
      expect(calls.map(([channel]) => channel)).toEqual(['clusters:list']);
    }
  });

  it('a cluster without a poll yet is asked for at version null', async () => {
    const { invoke } = core({ ok: true, value: [makeClusterView({ snapshot: null })] });
    expect((await gatherEarly(invoke, true)).members?.version).toBeNull();
  });
});

describe('embedEarly and readEarly (the page carries the answers)', () => {
  const hostile = [
    '</script><script>alert(1)</script>',
    '<!--',
    '__proto__',
    'a\u2028b',
    '<img src=x onerror=alert(1)>',
  ];
  const early: EarlyData = {
    list: { ok: true, value: [makeClusterView({ name: '</SCRIPT >' })] },
    members: {
      clusterId: 'prod',
      version: 5,
      answer: {
        ok: true,
        value: { time: 5, members: makeMembers().map((m, i) => ({ ...m, name: hostile[i] ?? m.name })) },
      },
    },
  };

  it('round-trips hostile names: no `<` in the data, so nothing ends the element early', () => {
    const html = embedEarly(early);
    expect(html.match(/</g)).toHaveLength(2); // the element's own tags only
    expect(readEarly(embeddedDocument(`<body>${html}<div id="app"></div>`))).toEqual(early);
  });

  it('reads nothing from a page without answers, with broken JSON or with another shape', () => {
    expect(readEarly(embeddedDocument('<div id="app"></div>'))).toBeNull();
    for (const text of ['{', 'null', '[]', '{"list":null}', '{"list":{"ok":"yes"}}']) {
      const html = `<script type="application/json" id="nomad-tray-early">${text}</script>`;
      expect(readEarly(embeddedDocument(html))).toBeNull();
    }
  });
});

describe('the bridge', () => {
  it('finds the preload only when it has the right shape (browser mode has none)', () => {
    const win = (preload: unknown) => ({ nomadTray: preload }) as unknown as Window;
    const good = { invoke: () => Promise.resolve(null), on: () => () => undefined };
    expect(preloadOf(win(good))).toBe(good);
    expect(preloadOf(win(undefined))).toBeNull();
    expect(preloadOf(win({ invoke: () => Promise.resolve(null) }))).toBeNull();
    expect(preloadOf(win('nomadTray'))).toBeNull();
  });

  it('takes an answer as it is; a rejection becomes an error envelope', async () => {
    const on = () => () => undefined;
    const answering = (invoke: () => Promise<unknown>) => preloadApi({ invoke, on });
    const good = await answering(() => Promise.resolve({ ok: true, value: [makeClusterView()] })).invoke(
      'clusters:list',
      {},
    );
    expect(good.ok ? good.value.map((c) => c.id) : good.error.message).toEqual(['prod']);
    const rejected = await answering(() => Promise.reject(new Error('gone'))).invoke('clusters:list', {});
    expect(rejected.ok ? 'ok' : rejected.error.message).toContain('gone');
  });
});

describe('ClustersState with the embedded list', () => {
  it('holds it at once and does not ask again; a later push replaces it', async () => {
    const api = new FakeApi();
    const clusters = new ClustersState(api);
    clusters.seed({ ok: true, value: [makeClusterView()] });
    expect([clusters.loaded, clusters.list.map((c) => c.id)]).toEqual([true, ['prod']]);
    clusters.start();
    await settle();
    expect(api.requests('clusters:list')).toEqual([]);
    api.emit('clusters:changed', [makeClusterView({ id: 'staging', name: 'Staging' })]);
    expect(clusters.list.map((c) => c.id)).toEqual(['staging']);
  });

  it('shows an embedded error as its error', () => {
    const clusters = new ClustersState(new FakeApi());
    clusters.seed({ ok: false, error: { kind: 'internal', message: 'Malformed answer' } });
    expect([clusters.loaded, clusters.error?.message]).toEqual([false, 'Malformed answer']);
  });

  it('without one, asks when it starts', async () => {
    const api = new FakeApi().answer('clusters:list', { ok: true, value: [makeClusterView()] });
    const clusters = new ClustersState(api);
    clusters.start();
    await clusters.firstAnswer;
    expect([api.requests('clusters:list'), clusters.list.map((c) => c.id)]).toEqual([[{}], ['prod']]);
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

    const seeded = new ClustersState(new FakeApi());
    seeded.seed({ ok: true, value: [makeClusterView()] });
    await seeded.firstAnswer;
    expect(seeded.list.map((c) => c.id)).toEqual(['prod']);
  });
});

describe('MembersState with the embedded member list', () => {
  it('holds it at once; following that cluster and poll does not ask again', async () => {
    const api = new FakeApi();
    const members = new MembersState(api);
    const adopted = members.adopt('prod', 5, { ok: true, value: { time: 5, members: makeMembers() } });
    // Before any await: the first render has the rows.
    expect(members.of('prod')?.members.map((m) => m.shortName)).toEqual(['server-1', 'server-2', 'server-3']);
    await adopted;
    await members.follow('prod', 5);
    expect(api.requests('members:list')).toEqual([]);
    await members.follow('prod', 6); // the next poll asks as usual
    expect(api.requests('members:list')).toEqual([{ clusterId: 'prod' }]);
  });

  it('an embedded error shows as its error, and the next follow asks again', async () => {
    const api = new FakeApi().answer('members:list', {
      ok: true,
      value: { time: 5, members: makeMembers() },
    });
    const members = new MembersState(api);
    await members.adopt('prod', 5, { ok: false, error: { kind: 'internal', message: 'gone' } });
    expect([members.of('prod'), members.errorOf('prod')?.kind]).toEqual([null, 'internal']);
    await members.follow('prod', 5);
    expect(members.of('prod')?.members).toHaveLength(3);
  });

  it('is dropped once another cluster was asked for first', async () => {
    const api = new FakeApi().answer('members:list', () => ({
      ok: true,
      value: { time: 1, members: makeMembers().slice(0, 1) },
    }));
    const members = new MembersState(api);
    const staging = members.follow('staging', 1);
    await members.adopt('prod', 5, { ok: true, value: { time: 5, members: makeMembers() } });
    await staging;
    expect(members.of('prod')).toBeUndefined();
    expect(members.of('staging')?.members).toHaveLength(1);
  });
});
