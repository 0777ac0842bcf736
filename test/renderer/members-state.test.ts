/**
 * The shown cluster's members, asked for on demand (renderer/state/members.svelte.ts): one request per cluster
 * and poll, the latest request's answer wins, and a failed load shows nothing rather than an old list.
 */
import { describe, expect, it } from 'vitest';
import type { Envelope, InvokeResponse } from '../../common/ipc-contract.js';
import { FIRST_PAGE } from '../../renderer/lib/early.js';
import { isPartial, MembersState } from '../../renderer/state/members.svelte.js';
import { FakeApi, settle } from './fake-api.js';
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
    // A complete first answer (3 members, fewer than a page): no second request.
    expect(api.requests('members:list')).toEqual([{ clusterId: 'prod', limit: FIRST_PAGE }]);
    expect(members.of('prod')?.members.map((m) => m.shortName)).toEqual(['server-1', 'server-2', 'server-3']);
    expect(members.of('staging')).toBeUndefined();
    await members.follow('prod', 2);
    // The list is shown: the next poll asks for the whole list directly.
    expect(api.requests('members:list')).toEqual([
      { clusterId: 'prod', limit: FIRST_PAGE },
      { clusterId: 'prod' },
    ]);
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
    expect(members.of('staging')?.members.map((m) => m.shortName)).toEqual(['edge-1']);
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
    expect(members.of('prod')?.members).toHaveLength(3);
    expect(members.errorOf('prod')).toBeNull();
  });

  it('a poll that could not read the members is held as null (not "loading")', async () => {
    const api = new FakeApi().answer('members:list', { ok: true, value: { time: 5, members: null } });
    const members = new MembersState(api);
    await members.follow('prod', 5);
    expect(members.of('prod')).toBeNull();
    expect(members.errorOf('prod')).toBeNull();
  });

  describe('a cluster shown for the first time: its first page, then the whole list', () => {
    const big = Array.from({ length: 250 }, (_, i) => makeMember({ shortName: `server-${i}` }));
    /** The core's answers: the first `limit` members with the total, or all of them. */
    const core = () =>
      new FakeApi().answer('members:list', (request) => ({
        ok: true,
        value: { time: 1, members: big.slice(0, request.limit ?? big.length), total: big.length },
      }));
    /** A paint the test lets happen. */
    function paint(): { painted: () => Promise<void>; done: () => void } {
      let done: () => void = () => undefined;
      const frame = new Promise<void>((resolve) => (done = resolve));
      return { painted: () => frame, done: () => done() };
    }

    it('shows the page at once (partial, with the total) and asks for the rest only after the paint', async () => {
      const api = core();
      const screen = paint();
      const members = new MembersState(api, screen.painted);
      const following = members.follow('prod', 1);
      await settle();
      const page = members.of('prod');
      expect([page?.members.length, page?.total, page && isPartial(page)]).toEqual([FIRST_PAGE, 250, true]);
      expect(api.requests('members:list')).toEqual([{ clusterId: 'prod', limit: FIRST_PAGE }]);
      screen.done();
      await following;
      const whole = members.of('prod');
      expect([whole?.members.length, whole && isPartial(whole)]).toEqual([250, false]);
      expect(api.requests('members:list')).toEqual([
        { clusterId: 'prod', limit: FIRST_PAGE },
        { clusterId: 'prod' },
      ]);
      // The first answer came with the page (the window loads what is off the first screen after it).
      await members.firstAnswer;
    });

    it('a cluster shown meanwhile wins: the first cluster’s whole list is never shown', async () => {
      const api = core();
      const screen = paint();
      const members = new MembersState(api, screen.painted);
      const prod = members.follow('prod', 1);
      await settle();
      const staging = members.follow('staging', 1);
      await settle();
      screen.done();
      await Promise.all([prod, staging]);
      expect(members.of('prod')).toBeUndefined();
      expect(members.of('staging')?.members).toHaveLength(250);
      // prod's whole list was not even asked for.
      expect(api.requests('members:list')).toEqual([
        { clusterId: 'prod', limit: FIRST_PAGE },
        { clusterId: 'staging', limit: FIRST_PAGE },
        { clusterId: 'staging' },
      ]);
    });

    it('the whole list failing after the page: no list, its error; refresh starts from the page again', async () => {
      let fail = true;
      const api = new FakeApi().answer('members:list', (request) =>
        request.limit === undefined && fail
          ? { ok: false, error: { kind: 'transport', message: 'The Nomad Tray server is not reachable.' } }
          : {
              ok: true,
              value: { time: 1, members: big.slice(0, request.limit ?? big.length), total: big.length },
            },
      );
      const members = new MembersState(api, () => Promise.resolve());
      await members.follow('prod', 1);
      expect([members.of('prod'), members.errorOf('prod')?.kind]).toEqual([null, 'transport']);
      fail = false;
      await members.refresh();
      expect(members.of('prod')?.members).toHaveLength(250);
      expect(api.requests('members:list').map((r) => (r as { limit?: number }).limit)).toEqual([
        FIRST_PAGE,
        undefined,
        FIRST_PAGE,
        undefined,
      ]);
    });

    it('an embedded first page (main gathered it) is shown at once, then the rest is asked for', async () => {
      const api = core();
      const members = new MembersState(api, () => Promise.resolve());
      const page = { ok: true as const, value: { time: 5, members: big.slice(0, FIRST_PAGE), total: 250 } };
      const adopted = members.adopt('prod', 5, page);
      expect(members.of('prod')?.members).toHaveLength(FIRST_PAGE);
      await adopted;
      expect(members.of('prod')?.members).toHaveLength(250);
      expect(api.requests('members:list')).toEqual([{ clusterId: 'prod' }]);
    });
  });
});
