/**
 * The alert policy reads an event's structured fields (type, member, region, role, detector key, cause), never
 * its message: rewording every sentence of the detector (or a hostile message) changes no decision and no title.
 */
import { describe, expect, it } from 'vitest';
import type { MonitorEvent } from '../../common/domain.js';
import { decideNotifications } from '../../main/core/alerts/index.js';
import { problemKey } from '../../main/core/alerts/problems.js';
import { ctx, ev, MIN, round, T0 } from './builders.js';

const HOSTILE = [
  'is flapping',
  'ACL token refused (constructor)',
  'server health check failing',
  'TLS: __proto__',
  '\u001b[31mclient\u0000',
];

/** A detector-like run: health of both roles, two different flapping keys, a refused token elsewhere. */
function rounds(): MonitorEvent[][] {
  return [
    [
      ev('health-degraded', { role: 'server', key: 'health:server', message: 'server health check failing' }),
      ev('health-degraded', { role: 'client', key: 'health:client', message: 'client health check failing' }),
    ],
    [
      ev('flapping', { time: T0 + MIN, key: 'reachability', message: 'the agent connection is flapping' }),
      ev('flapping', {
        time: T0 + MIN,
        key: 'health:server',
        role: 'server',
        message: 'server health is flapping',
      }),
      ev('auth-failed', {
        time: T0 + MIN,
        clusterId: 'dev',
        cluster: 'dev',
        key: 'reachability',
        cause: '403 Permission denied',
        message: 'ACL token refused (403 Permission denied)',
      }),
    ],
    [
      ev('health-recovered', {
        time: T0 + 2 * MIN,
        role: 'client',
        key: 'health:client',
        message: 'client health check ok again',
      }),
    ],
  ];
}

function run(reword: (e: MonitorEvent, i: number) => string) {
  let memory = null as Parameters<typeof decideNotifications>[0];
  const titles: string[][] = [];
  rounds().forEach((events, r) => {
    const d = decideNotifications(
      memory,
      round({
        now: T0 + r * MIN,
        clusters: [ctx('prod'), ctx('dev')],
        events: events.map((e, i) => ({ ...e, message: reword(e, i) })),
      }),
    );
    memory = d.memory;
    titles.push(d.notices.map((n) => n.title));
  });
  return { titles, open: Object.keys(memory?.clusters['prod']?.open ?? {}).sort() };
}

describe('the policy never reads message text', () => {
  it('the same decisions, titles and open problems whatever the messages say', () => {
    const honest = run((e) => e.message);
    expect(honest.titles).toEqual([
      ['prod: server health check failing', 'prod: client health check failing'],
      ['prod: the agent connection is flapping', 'prod: server health is flapping', 'dev: ACL token refused'],
      ['prod: client health check ok again'],
    ]);
    for (const [n, text] of HOSTILE.entries()) {
      const reworded = run((_e, i) => HOSTILE[(n + i) % HOSTILE.length] ?? text);
      expect(reworded).toEqual(honest);
    }
    expect(run(() => '')).toEqual(honest);
  });

  it('problem keys come from fields: the role of a health event, the detector key of a flapping one', () => {
    const a = ev('flapping', { key: 'reachability', message: 'x is flapping' });
    expect(problemKey(a)).toBe(problemKey({ ...a, message: 'reworded' }));
    expect(problemKey(a)).not.toBe(problemKey({ ...a, key: 'health:server' }));
    const h = ev('health-degraded', { role: 'server', message: 'client health check failing' });
    expect(problemKey(h)).toBe('health-degraded|server|');
  });
});
