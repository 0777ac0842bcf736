import { describe, expect, it } from 'vitest';
import { takeSessionToken } from '../../renderer/lib/session-token.js';
import { SseParser } from '../../renderer/lib/sse.js';
import { computeWindow, scrollToRow } from '../../renderer/lib/virtual.js';
import { describeError, errorList } from '../../renderer/lib/errors.js';
import { diffMembers, filterMembers, resolveMemberName, sortMembers } from '../../renderer/lib/members.js';
import {
  confirmHint,
  forceLeaveCommand,
  quorumEffect,
  statusWarning,
} from '../../renderer/lib/force-leave.js';
import { relativeTime } from '../../renderer/lib/format.js';
import { preloadApi } from '../../renderer/lib/bridge.js';
import { makeClusterView, makeMember, makeMembers } from './fixtures.js';

describe('computeWindow', () => {
  const base = { viewportHeight: 360, rowHeight: 36, count: 6_000, overscan: 5 };
  it('renders only the visible rows plus overscan, with spacers for the rest', () => {
    const w = computeWindow({ ...base, scrollTop: 36 * 100 });
    expect(w).toEqual({ start: 95, end: 116, padTop: 95 * 36, padBottom: (6_000 - 116) * 36 });
    expect(w.padTop + (w.end - w.start) * 36 + w.padBottom).toBe(6_000 * 36);
  });
  it('clamps the scroll position at both ends and handles empty lists', () => {
    expect(computeWindow({ ...base, scrollTop: -50 }).start).toBe(0);
    const bottom = computeWindow({ ...base, scrollTop: 10_000_000 });
    expect([bottom.end, bottom.padBottom]).toEqual([6_000, 0]);
    expect(computeWindow({ ...base, count: 0, scrollTop: 0 })).toEqual({
      start: 0,
      end: 0,
      padTop: 0,
      padBottom: 0,
    });
  });
  it('scrolls a row into view only when needed', () => {
    expect(scrollToRow(5, 0, 360, 36)).toBe(0);
    expect(scrollToRow(20, 0, 360, 36)).toBe(21 * 36 - 360);
    expect(scrollToRow(2, 360, 360, 36)).toBe(72);
  });
});

describe('SseParser', () => {
  it('assembles messages across chunk boundaries and skips comments', () => {
    const parser = new SseParser();
    expect(parser.push(': hi\nevent: a\nda')).toEqual([]);
    expect(parser.push('ta: 1\ndata: 2\n\ndata: x\n\n')).toEqual([
      { event: 'a', data: '1\n2' },
      { event: 'message', data: 'x' },
    ]);
  });
});

describe('takeSessionToken', () => {
  it('moves #token= into sessionStorage and removes the fragment from the address bar', () => {
    const store = new Map<string, string>();
    const replaced: string[] = [];
    const sources = {
      location: { hash: '#token=abc123', pathname: '/', search: '?x=1' },
      sessionStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
      },
      history: {
        replaceState: (_d: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)),
      },
    };
    expect(takeSessionToken(sources)).toBe('abc123');
    expect(replaced).toEqual(['/?x=1']);
    expect(takeSessionToken({ ...sources, location: { hash: '', pathname: '/', search: '' } })).toBe(
      'abc123',
    );
    expect(replaced).toHaveLength(1);
  });
});

describe('describeError', () => {
  it('says what is wrong in plain words', () => {
    expect(
      describeError({ kind: 'forbidden', message: 'Permission denied' }, { needs: 'node:read' }).title,
    ).toBe('The ACL token lacks node:read (403 Permission denied)');
    const since = new Date(2025, 0, 31, 12, 3).getTime();
    expect(describeError({ kind: 'unreachable', message: 'ECONNREFUSED' }, { since }).title).toBe(
      'Agent unreachable since 12:03',
    );
    expect(describeError({ kind: 'tls', message: 'x509', tlsReason: 'unknown-authority' }).title).toBe(
      'TLS: certificate signed by an unknown authority',
    );
  });
});

describe('member helpers', () => {
  it('sorts problems first, then by region, datacenter, name, and filters problems', () => {
    const members = [makeMember({ shortName: 'b', region: 'eu' }), ...makeMembers()];
    expect(sortMembers(members).map((m) => m.name)).toEqual([
      'server-3.global', // failed
      'b.eu',
      'server-1.global',
      'server-2.global',
    ]);
    expect(filterMembers(members, '', true).map((m) => m.shortName)).toEqual(['server-3']);
    expect(filterMembers(members, '10.0.0.12', false).map((m) => m.shortName)).toEqual(['server-2']);
  });
  it("filters case-insensitively, and the next poll's member by its new fields", () => {
    const before = makeMember({ shortName: 'Web-1', region: 'EU' });
    expect(filterMembers([before], ' web-1 ', false)).toEqual([before]);
    expect(filterMembers([before], 'eu', false)).toEqual([before]);
    expect(filterMembers([before], 'failed', false)).toEqual([]);
    // The next poll brings a new object for the same member: it is searched by what it says now.
    const after = { ...before, status: 'failed' as const, statusRaw: 'failed', region: 'us' };
    expect(filterMembers([after], 'failed', false)).toEqual([after]);
    expect(filterMembers([after], 'alive', false)).toEqual([]);
    expect(filterMembers([before], 'alive', false)).toEqual([before]);
    // Fields are searched one by one: text running across two of them (name, then address) matches nothing.
    expect(filterMembers([before], `${before.name.slice(-3)}${before.address.slice(0, 3)}`, false)).toEqual(
      [],
    );
    expect(filterMembers([before], `${before.name.slice(-3)}\0${before.address.slice(0, 3)}`, false)).toEqual(
      [],
    );
  });
  it('diffs member lists by full name', () => {
    const before = makeMembers();
    const after = [
      before[0]!,
      { ...before[2]!, status: 'left' as const, statusRaw: 'left' },
      makeMember({ shortName: 'server-4' }),
    ];
    expect(diffMembers(before, after)).toEqual({
      added: [after[2]],
      removed: [before[1]],
      changed: [{ name: 'server-3.global', from: 'failed', to: 'left' }],
    });
  });
  it('resolves the member a notification names: full name, or a unique short name', () => {
    const members = [...makeMembers(), makeMember({ shortName: 'server-1', region: 'eu' })];
    expect(resolveMemberName(members, 'server-3.global')).toBe('server-3.global');
    expect(resolveMemberName(members, 'server-2')).toBe('server-2.global');
    expect(resolveMemberName(members, 'server-1')).toBeNull(); // in two regions: ambiguous
    expect(resolveMemberName(members, 'server-9')).toBeNull();
    expect(resolveMemberName(members, null)).toBeNull();
  });
});

describe('force-leave guidance', () => {
  it('shows the CLI command and the quorum effect', () => {
    expect(forceLeaveCommand('server-3.global', true)).toBe(
      'nomad server force-leave -prune server-3.global',
    );
    const failed = makeMember({ shortName: 'server-3', status: 'failed' });
    const quorum = makeClusterView().quorum[0]?.[1];
    expect(quorumEffect(failed, quorum)).toEqual({
      lines: [
        'global: 2/3 servers alive.',
        'Removing server-3 changes expected voters to 2 (quorum 2): it then survives no further failure.',
      ],
      worst: null,
    });
    // The worst case is said apart (the dialog puts it in the red box), not as one more bullet.
    expect(quorumEffect(makeMember(), quorum)).toEqual({
      lines: ['global: 2/3 servers alive.'],
      worst: 'Removing server-1 changes expected voters to 2 (quorum 2): quorum would be lost.',
    });
  });
  it('warns strongly for an alive member, and names the leader', () => {
    expect(statusWarning(makeMember()).level).toBe('danger');
    expect(statusWarning(makeMember({ status: 'failed' })).level).toBe('info');
    const leader = statusWarning(makeMember({ shortName: 'server-1', leader: true }));
    expect(leader.level).toBe('danger');
    expect(leader.text).toContain('It is the LEADER of region global');
    expect(statusWarning(makeMember({ status: 'failed', leader: true })).level).toBe('danger');
  });
  it('hints at the exact full name when the short name or another case is typed', () => {
    const m = makeMember({ shortName: 'server-3' });
    expect(confirmHint(m, 'server-3')).toBe(
      "Type the full name, with its region: server-3.global (the short name could match another region's member).",
    );
    expect(confirmHint(m, 'SERVER-3.GLOBAL')).toBe('Names are case-sensitive: type exactly server-3.global.');
    expect(confirmHint(m, 'server-3.glo')).toBeNull(); // still typing
    expect(confirmHint(m, ' server-3.global ')).toBeNull();
    expect(confirmHint(m, 'server-4.global')).toBe('That is not server-3.global.');
  });
});

describe('errorList', () => {
  it("shows Nomad's multi-error as its list, any other text as one entry", () => {
    expect(
      errorList(
        '2 errors occurred:\n\t* Failed to join 10.0.0.9:4648: dial tcp: i/o timeout\n\t* Failed to join 10.0.0.8:4648: refused\n\n',
      ),
    ).toEqual([
      'Failed to join 10.0.0.9:4648: dial tcp: i/o timeout',
      'Failed to join 10.0.0.8:4648: refused',
    ]);
    expect(errorList('1 error occurred:\n\t* one\n\n')).toEqual(['one']);
    expect(errorList('plain failure\n')).toEqual(['plain failure']);
    expect(errorList('')).toEqual([]);
  });
});

describe('relativeTime', () => {
  it('reads like "2 min ago"', () => {
    expect(relativeTime(0, 125_000)).toBe('2 min ago');
    expect(relativeTime(0, 2_000)).toBe('just now');
  });
});

describe('preloadApi (the preload wrapper)', () => {
  it('hands answers and payloads on as the core sent them; a failed call becomes an error envelope', async () => {
    let deliver: (payload: unknown) => void = () => undefined;
    const api = preloadApi({
      invoke: (channel) =>
        channel === 'agent:servers'
          ? Promise.resolve({ ok: true, value: ['10.0.0.1:4647'] })
          : Promise.reject(new Error('boom')),
      on: (_event, callback) => {
        deliver = callback;
        return () => undefined;
      },
    });
    const answer = await api.invoke('agent:servers', { clusterId: 'prod' });
    expect(answer).toEqual({ ok: true, value: ['10.0.0.1:4647'] });
    const thrown = await api.invoke('clusters:list', {});
    expect(thrown.ok ? 'ok' : thrown.error.message).toContain('boom');
    const seen: unknown[] = [];
    api.on('focus:changed', (payload) => seen.push(payload));
    deliver({ clusterId: 'prod' });
    expect(seen).toEqual([{ clusterId: 'prod' }]);
  });
});
