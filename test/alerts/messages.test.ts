import { describe, expect, it } from 'vitest';
import { eventNotice, hhmm, networkRestoredText, shortMember } from '../../main/core/alerts/messages.js';
import { ev, failed, T0 } from './builders.js';

describe('notice wording', () => {
  it('title "<cluster>: <what happened>", body "<member>, <from> → <to>, since HH:MM"', () => {
    const n = eventNotice(failed('server-2', { cluster: 'Production' }), 'Production', 0);
    expect([n.title, n.body, n.member, n.severity, n.type]).toEqual([
      'Production: server-2 failed',
      'server-2.global, alive → failed, since 12:00',
      'server-2.global',
      'warning',
      'member-failed',
    ]);
  });

  it("a node event's notice names its node (what a click shows), never a member", () => {
    const n = eventNotice(
      ev('node-down', { node: 'web-7', datacenter: 'dc1', from: 'ready', to: 'down', severity: 'warning' }),
      'prod',
      0,
    );
    expect([n.node, n.member, n.type]).toEqual(['web-7', undefined, 'node-down']);
  });

  it('leader changes show both addresses; an election shows "none" as the old leader', () => {
    const changed = eventNotice(
      ev('leader-changed', { region: 'eu', from: '10.0.0.1:4647', to: '10.0.0.2:4647' }),
      'prod',
      0,
    );
    const elected = eventNotice(ev('leader-changed', { region: 'eu', to: '10.0.0.2:4647' }), 'prod', 0);
    expect([changed.title, changed.body]).toEqual([
      'prod: leader changed in eu',
      '10.0.0.1:4647 → 10.0.0.2:4647, since 12:00',
    ]);
    expect([elected.title, elected.body]).toEqual([
      'prod: leader elected in eu',
      'none → 10.0.0.2:4647, since 12:00',
    ]);
  });

  it('auth and TLS failures say what they are', () => {
    const auth = eventNotice(
      ev('auth-failed', {
        message: 'ACL token refused (403 Permission denied)',
        cause: '403 Permission denied',
      }),
      'prod',
      0,
    );
    const tls = eventNotice(
      ev('tls-failed', { message: 'TLS: the certificate has expired', cause: 'the certificate has expired' }),
      'prod',
      0,
    );
    expect([auth.title, auth.body]).toEqual([
      'prod: ACL token refused',
      '403 Permission denied, since 12:00',
    ]);
    expect([tls.title, tls.body]).toEqual(['prod: TLS: the certificate has expired', 'since 12:00']);
    const title = (over: object) => eventNotice(ev('auth-failed', over), 'prod', 0).title;
    expect(title({ aclReason: 'no-token' })).toBe('prod: no ACL token set');
    expect(title({ aclReason: 'lacks-capability', capability: 'agent:read' })).toBe(
      'prod: ACL token lacks agent:read',
    );
    expect(title({ aclReason: 'lacks-capability' })).toBe('prod: ACL token lacks a capability');
    expect(title({ aclReason: 'token-refused' })).toBe('prod: ACL token refused');
  });

  it('HH:MM wraps around midnight for any offset', () => {
    expect(hhmm(T0, 0)).toBe('12:00');
    expect(hhmm(T0, 12 * 60 + 5)).toBe('00:05');
    expect(hhmm(T0, -13 * 60)).toBe('23:00');
  });

  it('member names lose their region suffix in titles only', () => {
    expect(shortMember('server-1.global', 'global')).toBe('server-1');
    expect(shortMember('server-1.eu-west')).toBe('server-1');
    expect(shortMember('plain')).toBe('plain');
  });

  it('network restored names the clusters still down', () => {
    expect(networkRestoredText(1, [])).toEqual({
      title: 'Network restored',
      body: '1 cluster reachable again',
    });
  });

  it.each([
    {
      member: 's3.global',
      message: 's3.global is flapping (4 changes within 60 s)',
      title: 'prod: s3 is flapping',
    },
    {
      key: 'reachability',
      message:
        'the agent connection is flapping (4 changes within 60 s); its alerts are held until it settles',
      title: 'prod: the agent connection is flapping',
    },
    {
      region: 'eu',
      key: 'leader:eu',
      message: 'the leader of eu is flapping (4 changes within 60 s)',
      title: 'prod: the leader of eu is flapping',
    },
    {
      key: 'health:server',
      role: 'server' as const,
      message: 'odd',
      title: 'prod: server health is flapping',
    },
    // A history line from before events carried a key: named by its region, never by parsing its message.
    { region: 'eu', message: 'the leader of eu is flapping', title: 'prod: eu is flapping' },
  ])('flapping names what flaps: $title', ({ title, ...over }) => {
    expect(eventNotice(ev('flapping', over), 'prod', 0).title).toBe(title);
  });
});
