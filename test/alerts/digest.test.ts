import { describe, expect, it } from 'vitest';
import { decideNotifications } from '../../main/core/alerts/index.js';
import { DIGEST_THRESHOLD } from '../../main/core/alerts/digest.js';
import { ev, failed, round } from './builders.js';

describe('storm digest', () => {
  it('folds a storm into one notice: counts, first names, +N more, all events, worst severity', () => {
    const names = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'];
    const events = [
      ...names.map((s, i) => failed(s, { severity: i === 3 ? 'critical' : 'warning' })),
      ev('member-left', { member: 's8.global', region: 'global', from: 'alive', to: 'left' }),
    ];
    const d = decideNotifications(null, round({ events }));
    expect(d.notices).toHaveLength(1);
    const [digest] = d.notices;
    expect(digest?.title).toBe('prod: 7 servers failed, 1 left');
    expect(digest?.body).toBe('s1, s2, s3, s4, s5 +3 more');
    expect(digest?.events).toEqual(events);
    expect(digest?.severity).toBe('critical');
    expect(digest?.type).toBe('digest');
    expect(digest?.clusterId).toBe('prod');
  });

  it(`keeps up to ${DIGEST_THRESHOLD} notices of one cluster separate`, () => {
    const events = ['s1', 's2', 's3'].slice(0, DIGEST_THRESHOLD).map((s) => failed(s));
    const d = decideNotifications(null, round({ events }));
    expect(d.notices.map((n) => n.title)).toEqual(['prod: s1 failed', 'prod: s2 failed', 'prod: s3 failed']);
  });

  it('counts per cluster: a storm in one cluster does not fold another cluster', () => {
    const storm = ['s1', 's2', 's3', 's4', 's5'].map((s) => failed(s));
    const other = failed('x1', { clusterId: 'dev', cluster: 'dev' });
    const d = decideNotifications(null, round({ clusters: [], events: [...storm, other] }));
    expect(d.notices.map((n) => n.title)).toEqual(['prod: 5 servers failed', 'dev: x1 failed']);
  });

  it('names auth and TLS failures as what they are, never as servers failed', () => {
    const events = [
      ev('auth-failed', { cause: '403 Permission denied' }),
      ev('tls-failed', { cause: 'the certificate has expired or is not yet valid' }),
      ev('leader-lost', { region: 'eu' }),
      ev('leader-lost', { region: 'us' }),
    ];
    const d = decideNotifications(null, round({ events }));
    expect(d.notices).toHaveLength(1);
    const title = d.notices[0]?.title ?? '';
    expect(title).toContain('ACL token refused');
    expect(title).toContain('TLS: the certificate has expired');
    expect(title).toContain('no leader ×2');
    expect(title).not.toContain('servers');
  });
});
