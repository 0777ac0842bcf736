/**
 * The shown cluster's members, asked for on demand (renderer/state/members.svelte.ts): one request per cluster
 * and poll, the latest request's answer wins, and a failed load shows nothing rather than an old list.
 */
import { describe, expect, it } from 'vitest';
import type { Envelope, InvokeResponse } from '../../common/ipc-contract.js';
import { MembersState } from '../../renderer/state/members.svelte.js';
import { FakeApi } from './fake-api.js';
import { makeMember, makeMembers } from './fixtures.js';

type Answer = Envelope<InvokeResponse<'members:list'>>;

describe('MembersState', () => {
  it('asks once per cluster and poll, and again after a new poll', async () => {
    const api = new FakeApi().answer('members:list', () => ({
      ok: true,
      value: { time: 1, members: makeMembers() },
    }));
    const members = new MembersState(api);
    expect(members.of('prod')).toBeUndefined();
    await members.follow('prod', 1);
    await members.follow('prod', 1);
    expect(api.requests('members:list')).toEqual([{ clusterId: 'prod' }]);
    expect(members.of('prod')?.map((m) => m.shortName)).toEqual(['server-1', 'server-2', 'server-3']);
    expect(members.of('staging')).toBeUndefined();
    await members.follow('prod', 2);
    expect(api.requests('members:list')).toHaveLength(2);
  });

  it('takes only the latest request’s answer (a slow answer for the previous cluster is dropped)', async () => {
    const pending = new Map<string, (answer: Answer) => void>();
    const api = new FakeApi();
    api.invoke = ((_channel: string, request: { clusterId: string }) =>
      new Promise<Answer>((resolve) => pending.set(request.clusterId, resolve))) as FakeApi['invoke'];
    const members = new MembersState(api);
    const first = members.follow('prod', 1);
    const second = members.follow('staging', 1);
    pending.get('staging')?.({
      ok: true,
      value: { time: 1, members: [makeMember({ shortName: 'edge-1' })] },
    });
    await second;
    pending.get('prod')?.({ ok: true, value: { time: 1, members: makeMembers() } });
    await first;
    expect(members.of('prod')).toBeUndefined();
    expect(members.of('staging')?.map((m) => m.shortName)).toEqual(['edge-1']);
  });

  it('a failed load shows no list and its error; refresh asks again', async () => {
    let fail = true;
    const api = new FakeApi().answer('members:list', () =>
      fail
        ? { ok: false, error: { kind: 'transport', message: 'The Nomad Tray server is not reachable.' } }
        : { ok: true, value: { time: 1, members: makeMembers() } },
    );
    const members = new MembersState(api);
    await members.follow('prod', 1);
    expect(members.of('prod')).toBeNull();
    expect(members.errorOf('prod')?.kind).toBe('transport');
    fail = false;
    await members.refresh();
    expect(members.of('prod')).toHaveLength(3);
    expect(members.errorOf('prod')).toBeNull();
  });

  it('a poll that could not read the members is held as null (not "loading")', async () => {
    const api = new FakeApi().answer('members:list', { ok: true, value: { time: 5, members: null } });
    const members = new MembersState(api);
    await members.follow('prod', 5);
    expect(members.of('prod')).toBeNull();
    expect(members.errorOf('prod')).toBeNull();
  });
});
