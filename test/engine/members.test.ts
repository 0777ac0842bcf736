import { describe, expect, it } from 'vitest';
import type { Member } from '../../common/domain.js';
import { resolveMember } from '../../main/core/engine/members.js';

function member(name: string, region: string): Member {
  return {
    name: `${name}.${region}`,
    shortName: name,
    address: '127.0.1.1',
    serfPort: 4648,
    rpcPort: 4647,
    rpcAddr: '127.0.1.1:4647',
    status: 'alive',
    statusRaw: 'alive',
    region,
    datacenter: 'dc1',
    build: '1.9.3',
    raftVersion: '3',
    id: null,
    expect: null,
    voter: true,
    leader: false,
    tags: {},
  };
}

const members = [member('a', 'global'), member('b', 'global'), member('b', 'eu')];

describe('resolveMember (force-leave names)', () => {
  it('takes a full name as is', () => {
    const r = resolveMember(members, 'b.eu');
    expect(r.ok && r.value).toMatchObject({ expanded: false, member: { name: 'b.eu' } });
  });
  it('expands a short name that matches exactly one member', () => {
    const r = resolveMember(members, 'a');
    expect(r.ok && r.value).toMatchObject({ expanded: true, member: { name: 'a.global' } });
  });
  it('refuses a short name shared by two regions, naming both', () => {
    const r = resolveMember(members, 'b');
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'ambiguous-member',
      candidates: ['b.eu', 'b.global'],
    });
  });
  it('refuses an unknown name', () => {
    const r = resolveMember(members, 'c');
    expect(r.ok ? null : r.error.kind).toBe('unknown-member');
  });
});
