import { describe, expect, it } from 'vitest';
import type { Member } from '../../common/nomad-domain.js';
import { resolveMember } from '../../main/core/engine/members.js';
import { makeMember } from '../support/builders.js';

const member = (name: string, region: string): Member => makeMember({ shortName: name, region });

const members = [member('a', 'global'), member('b', 'global'), member('b', 'eu')];

describe('resolveMember (force-leave names)', () => {
  it('takes a full name as is', () => {
    const r = resolveMember(members, 'b.eu');
    expect(r.ok && r.value).toMatchObject({ name: 'b.eu' });
  });
  it('expands a short name that matches exactly one member', () => {
    const r = resolveMember(members, 'a');
    expect(r.ok && r.value).toMatchObject({ name: 'a.global' });
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
