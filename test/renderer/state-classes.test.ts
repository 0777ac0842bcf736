import { describe, expect, it } from 'vitest';
import { AgentState } from '../../renderer/state/agent.svelte.js';
import { ClustersState } from '../../renderer/state/clusters.svelte.js';
import { MemberActionsState } from '../../renderer/state/member-actions.svelte.js';
import { SelectionState } from '../../renderer/state/selection.svelte.js';
import * as settingsChecks from '../../renderer/lib/settings-checks.js';
import { SettingsState } from '../../renderer/state/settings.svelte.js';
import { TimelineState } from '../../renderer/state/timeline.svelte.js';
import { SettingsSchema } from '../../common/settings-schema.js';
import { FakeApi, settle } from './fake-api.js';
import {
  makeClusterView,
  makeEvent,
  makeMember,
  makeMembers,
  makeSelf,
  makeSettingsView,
} from './fixtures.js';

describe('ClustersState', () => {
  it('loads the list, follows clusters:changed and stops on unsubscribe', async () => {
    const api = new FakeApi().answer('clusters:list', { ok: true, value: [makeClusterView()] });
    const clusters = new ClustersState(api);
    expect(clusters.loaded).toBe(false);
    const stop = clusters.start();
    await settle();
    expect(clusters.list.map((c) => c.id)).toEqual(['prod']);
    api.emit('clusters:changed', [makeClusterView({ id: 'staging', name: 'Staging' })]);
    expect(clusters.byId('staging')?.name).toBe('Staging');
    stop();
    expect(api.listenerCount('clusters:changed')).toBe(0);
  });

  it('keeps a failed action as its error and clears it on success', async () => {
    const api = new FakeApi().answer('clusters:pollNow', {
      ok: false,
      error: { kind: 'unreachable', message: 'refused' },
    });
    const clusters = new ClustersState(api);
    expect(await clusters.pollNow('prod')).toBe(false);
    expect(clusters.error?.kind).toBe('unreachable');
    api.answer('clusters:snooze', { ok: true, value: null });
    expect(await clusters.snooze('prod', '1h')).toBe(true);
    expect(clusters.error).toBeNull();
    expect(api.requests('clusters:snooze')).toEqual([{ clusterId: 'prod', duration: '1h' }]);
  });
});

describe('SelectionState', () => {
  it('follows a notification click to the cluster and member', () => {
    const api = new FakeApi();
    const selection = new SelectionState();
    selection.start(api);
    selection.view = 'timeline';
    api.emit('focus:changed', { clusterId: 'prod', member: 'server-3.global' });
    expect([selection.clusterId, selection.member, selection.view]).toEqual([
      'prod',
      'server-3.global',
      'members',
    ]);
  });

  it('follows a node notice click to the nodes view on that node, and a later member click back', () => {
    const api = new FakeApi();
    const selection = new SelectionState();
    selection.start(api);
    selection.selectCluster('prod');
    selection.member = 'server-1.global';
    api.emit('focus:changed', { clusterId: 'staging', node: 'client-7' });
    expect([selection.clusterId, selection.node, selection.member, selection.view]).toEqual([
      'staging',
      'client-7',
      null,
      'nodes',
    ]);
    api.emit('focus:changed', { clusterId: 'staging', member: 'server-2.global' });
    expect([selection.node, selection.member, selection.view]).toEqual([null, 'server-2.global', 'members']);
  });

  it('counts notification clicks, so the members view can drop filters that would hide the member', () => {
    const api = new FakeApi();
    const selection = new SelectionState();
    const stop = selection.start(api);
    api.emit('focus:changed', { clusterId: 'staging' });
    expect([selection.clusterId, selection.member, selection.focusCount]).toEqual(['staging', null, 1]);
    api.emit('focus:changed', { clusterId: 'staging', member: 'server-1.global' });
    expect([selection.member, selection.focusCount]).toEqual(['server-1.global', 2]);
    stop();
    expect(api.listenerCount('focus:changed')).toBe(0);
  });

  it('falls back to the first cluster when the selected one disappears', () => {
    const selection = new SelectionState();
    selection.selectCluster('gone');
    selection.member = 'x.global';
    selection.reconcile(['prod', 'staging']);
    expect([selection.clusterId, selection.member]).toEqual(['prod', null]);
  });
});

describe('MemberActionsState', () => {
  it('validates join addresses before sending and sends host:port forms', async () => {
    const before = makeMembers();
    const after = [...before, makeMember({ shortName: 'server-4', address: '10.0.0.14' })];
    const api = new FakeApi().answer('members:join', {
      ok: true,
      value: { result: { numJoined: 1, error: '', warning: '' }, before, after, address: 'http://a:4646' },
    });
    const actions = new MemberActionsState(api);
    expect(await actions.join('prod', ['10.0.0.14', 'not a host!'])).toBe(false);
    expect(actions.error?.kind).toBe('invalid-request');
    expect(api.requests('members:join')).toEqual([]);
    expect(await actions.join('prod', ['10.0.0.14', 'fd00::1'])).toBe(true);
    expect(api.requests('members:join')).toEqual([
      { clusterId: 'prod', addresses: ['10.0.0.14:4648', '[fd00::1]:4648'] },
    ]);
    expect(actions.joinResult?.after).toHaveLength(4);
    expect(actions.pending).toBeNull();
  });

  it('reports a join that reached nobody as not successful, keeping Nomad error text', async () => {
    const api = new FakeApi().answer('members:join', {
      ok: true,
      value: {
        result: { numJoined: 0, error: '1 error occurred: failed to join', warning: '' },
        before: [],
        after: [],
        address: 'http://a:4646',
      },
    });
    const actions = new MemberActionsState(api);
    expect(await actions.join('prod', ['10.0.0.99'])).toBe(false);
    expect(actions.joinResult?.result.error).toContain('failed to join');
  });

  it('force-leaves with prune and keeps the re-read result or the error', async () => {
    const api = new FakeApi().answer('members:forceLeave', (req) =>
      req.node === 'server-3.global'
        ? {
            ok: true,
            value: {
              before: makeMember({ shortName: 'server-3', status: 'failed' }),
              after: null,
              address: 'http://a:4646',
            },
          }
        : { ok: false, error: { kind: 'forbidden', message: 'Permission denied' } },
    );
    const actions = new MemberActionsState(api);
    expect(await actions.forceLeave('prod', 'server-3.global', true)).toBe(true);
    expect(actions.forceLeaveResult?.after).toBeNull();
    expect(await actions.forceLeave('prod', 'server-1.global', false)).toBe(false);
    expect(actions.error?.kind).toBe('forbidden');
    expect(actions.forceLeaveResult).toBeNull();
  });
});

/** The form's checks as loaded (their own chunk in the app). */
const checks = (): Promise<typeof settingsChecks> => Promise.resolve(settingsChecks);

describe('SettingsState', () => {
  it('loads, tracks the draft against the saved value and saves only valid drafts', async () => {
    const view = makeSettingsView();
    const api = new FakeApi()
      .answer('settings:get', { ok: true, value: view })
      .answer('settings:save', (req) => ({
        ok: true,
        value: { ...view, settings: SettingsSchema.parse(req.settings) },
      }));
    const settings = new SettingsState(api, checks);
    settings.start();
    await settle();
    expect(settings.dirty).toBe(false);
    settings.draft!.clusters[0]!.name = '';
    expect(settings.dirty).toBe(true);
    expect(settings.errors['clusters.0.name']).toBeDefined();
    expect(await settings.save()).toBe(false);
    expect(api.requests('settings:save')).toEqual([]);
    settings.draft!.clusters[0]!.name = 'Prod EU';
    expect(await settings.save()).toBe(true);
    expect(settings.saved?.settings.clusters[0]?.name).toBe('Prod EU');
    expect(settings.dirty).toBe(false);
  });

  it('keeps unsaved edits when settings change elsewhere', async () => {
    const view = makeSettingsView();
    const api = new FakeApi().answer('settings:get', { ok: true, value: view });
    const settings = new SettingsState(api, checks);
    settings.start();
    await settle();
    settings.draft!.global.confirmPolls = 5;
    api.emit('settings:changed', { ...view, problems: ['moved aside a bad file'] });
    expect(settings.draft?.global.confirmPolls).toBe(5);
    expect(settings.saved?.problems).toEqual(['moved aside a bad file']);
  });

  it('sets tokens write-only and records connection tests per cluster', async () => {
    const view = makeSettingsView();
    const api = new FakeApi()
      .answer('settings:get', { ok: true, value: { ...view, tokens: { prod: 'not set' } } })
      .answer('settings:setToken', { ok: true, value: { status: 'set', storage: 'secure' } })
      .answer('settings:testConnection', {
        ok: false,
        error: { kind: 'tls', message: 'x509', tlsReason: 'unknown-authority' },
      });
    const settings = new SettingsState(api);
    await settings.load();
    expect(await settings.setToken('prod', 's3cr3t')).toBeNull();
    expect(settings.saved?.tokens.prod).toBe('set');
    const outcome = await settings.testConnection(settings.draft!.clusters[0]!);
    expect(outcome.ok ? 'ok' : outcome.error.tlsReason).toBe('unknown-authority');
    expect(settings.tests.prod).toEqual(outcome);
    await settings.testConnection(settings.draft!.clusters[0]!, 'typed-not-stored');
    expect(api.requests('settings:testConnection').map((r) => Object.keys(r as object))).toEqual([
      ['cluster'],
      ['cluster', 'token'],
    ]);
  });

  it('adds clusters with a free id and the schema defaults', async () => {
    const api = new FakeApi().answer('settings:get', { ok: true, value: makeSettingsView() });
    const settings = new SettingsState(api);
    await settings.load();
    const index = settings.addCluster();
    expect(settings.draft?.clusters[index]).toMatchObject({
      id: 'cluster-2',
      pollIntervalMs: 10_000,
      enabled: true,
    });
    expect(settings.errors).toEqual({});
  });
});

describe('SettingsState, the form’s checks (their own chunk)', () => {
  it('shows the saved settings at once, the draft only once the checks are loaded', async () => {
    let loaded: (checks: typeof settingsChecks) => void = () => undefined;
    const api = new FakeApi().answer('settings:get', { ok: true, value: makeSettingsView() });
    const settings = new SettingsState(api, () => new Promise((resolve) => (loaded = resolve)));
    settings.start();
    await settle();
    expect(settings.saved?.settings.clusters[0]?.id).toBe('prod');
    expect([settings.draft, settings.addCluster(), await settings.save()]).toEqual([null, -1, false]);
    loaded(settingsChecks);
    await settle();
    expect(settings.draft?.clusters[0]?.id).toBe('prod');
    settings.draft!.clusters[0]!.name = '';
    expect(settings.errors['clusters.0.name']).toBeDefined();
  });

  it('a chunk that does not load shows why, keeps the saved settings and is tried again by the next load', async () => {
    let fail = true;
    const api = new FakeApi().answer('settings:get', { ok: true, value: makeSettingsView() });
    const settings = new SettingsState(api, () =>
      fail ? Promise.reject(new Error('Failed to fetch dynamically imported module')) : checks(),
    );
    await settings.load();
    expect(settings.error?.message).toBe(
      'The settings form could not be loaded: Failed to fetch dynamically imported module',
    );
    expect([settings.saved?.settings.clusters.length, settings.draft]).toEqual([1, null]);
    fail = false;
    await settings.load();
    expect([settings.error, settings.draft?.clusters.length]).toEqual([null, 1]);
  });
});

describe('TimelineState', () => {
  it('loads newest first, prepends pushed events and exports Markdown', async () => {
    const api = new FakeApi()
      .answer('history:list', { ok: true, value: [makeEvent({ time: 1 }), makeEvent({ time: 3 })] })
      .answer('history:exportMarkdown', { ok: true, value: '# History\n' });
    const timeline = new TimelineState(api);
    timeline.start();
    await settle();
    expect(timeline.events.map((e) => e.time)).toEqual([3, 1]);
    api.emit('events:changed', [makeEvent({ time: 5, clusterId: 'staging' })]);
    expect(timeline.events.map((e) => e.time)).toEqual([5, 3, 1]);
    expect(timeline.forCluster('staging')).toHaveLength(1);
    expect(await timeline.exportMarkdown('prod')).toBe('# History\n');
    expect(api.requests('history:exportMarkdown')).toEqual([{ clusterId: 'prod' }]);
  });
});

describe('AgentState', () => {
  it('reads the server list of a client agent and sets a validated new one', async () => {
    const api = new FakeApi()
      .answer('agent:self', {
        ok: true,
        value: {
          self: makeSelf({ role: 'client', isLeader: null, member: null }),
          address: 'http://10.0.0.21:4646',
        },
      })
      .answer('agent:servers', { ok: true, value: ['10.0.0.11:4647'] })
      .answer('agent:setServers', (req) => ({
        ok: true,
        value: { servers: [...req.addresses].sort(), address: 'http://10.0.0.22:4646' },
      }));
    const agent = new AgentState(api);
    await agent.load('edge');
    expect(agent.servers).toEqual(['10.0.0.11:4647']);
    expect(agent.address).toBe('http://10.0.0.21:4646');
    expect(await agent.setServers(['10.0.0.12:99999'])).toBe(false);
    expect(agent.setError?.message).toContain('not a port');
    expect(await agent.setServers([])).toBe(false);
    expect(agent.setError).toEqual({
      kind: 'invalid-request',
      message: 'Enter at least one server address.',
    });
    expect(await agent.setServers(['10.0.0.13', '10.0.0.12'])).toBe(true);
    expect(agent.servers).toEqual(['10.0.0.12:4647', '10.0.0.13:4647']);
    expect(agent.address).toBe('http://10.0.0.22:4646'); // the one that answered the set
  });

  it('does not ask a server-only agent for its server list', async () => {
    const api = new FakeApi().answer('agent:self', {
      ok: true,
      value: { self: makeSelf(), address: 'http://10.0.0.11:4646' },
    });
    const agent = new AgentState(api);
    await agent.load('prod');
    expect(api.requests('agent:servers')).toEqual([]);
    expect(agent.servers).toBeNull();
  });
});
