/** The policy fed with events from the real detector's diffViews (wording and matching line up end to end). */
import { describe, expect, it } from 'vitest';
import type { MemberStatus } from '../../common/nomad-domain.js';
import { decideNotifications, type PolicyMemory } from '../../main/core/alerts/index.js';
import { type ConfirmedView } from '../../main/core/monitor/index.js';
import { diffViews } from '../../main/core/monitor/diff.js';
import type { ClusterPolicyContext } from '../../main/core/monitor/types.js';
import { ctx, MIN, round, T0 } from './builders.js';

const members = (statuses: MemberStatus[]): Record<string, MemberStatus> =>
  Object.fromEntries(statuses.map((s, i) => [`server-${i + 1}.global`, s]));

function view(over: Partial<ConfirmedView> = {}): ConfirmedView {
  return {
    time: T0,
    reachability: 'ok',
    errorKind: null,
    errorMessage: null,
    members: members(['alive', 'alive', 'alive']),
    leaders: { global: '10.0.0.1:4647' },
    health: { server: true },
    quorum: { global: { alive: 3, expected: 3, canLose: 1 } },
    ...over,
  };
}

/** Runs views through diffViews then the policy, one round each, returning every round's titles and bodies. */
function pipeline(views: Array<{ view: ConfirmedView; context: Partial<ClusterPolicyContext> }>) {
  let memory: PolicyMemory | null = null;
  let prev: ConfirmedView | null = null;
  const out: string[][] = [];
  views.forEach(({ view: v, context }, i) => {
    const now = T0 + i * MIN;
    const events = diffViews(prev, v, { clusterId: 'prod', clusterName: 'Production', time: now });
    const d = decideNotifications(
      memory,
      round({
        now,
        baseline: prev === null,
        events,
        clusters: [ctx('prod', { clusterName: 'Production', ...context })],
      }),
    );
    memory = d.memory;
    prev = v;
    out.push(d.notices.map((n) => `${n.title} | ${n.body}`));
  });
  return out;
}

describe('policy with the real detector events', () => {
  it('a refused token reads as such, and its recovery is announced', () => {
    const forbidden = view({
      reachability: 'forbidden',
      errorKind: 'forbidden',
      errorMessage: 'Nomad refused the ACL token (403)',
      errorDetail: '403 Permission denied',
      members: null,
    });
    expect(
      pipeline([
        { view: view(), context: {} },
        { view: forbidden, context: { state: 'forbidden' } },
        { view: view(), context: {} },
      ]),
    ).toEqual([
      [],
      ['Production: ACL token refused | 403 Permission denied, since 12:01'],
      [
        'Production: ACL token accepted again | agent reachable again (was forbidden), since 12:02; resolves “ACL token refused” (12:01)',
      ],
    ]);
  });

  it("a 403's notice says what the token check found: no token set, or the capability the token lacks", () => {
    const forbidden = (errorAcl: ConfirmedView['errorAcl']) =>
      view({
        reachability: 'forbidden',
        errorKind: 'forbidden',
        errorMessage: 'No ACL token set',
        errorDetail: '403 Permission denied',
        errorAcl,
        members: null,
      });
    const titles = (errorAcl: ConfirmedView['errorAcl']) =>
      pipeline([
        { view: view(), context: {} },
        { view: forbidden(errorAcl), context: { state: 'forbidden' } },
      ])[1];
    expect(titles({ aclReason: 'no-token', capability: 'node:read' })).toEqual([
      'Production: no ACL token set | 403 Permission denied, since 12:01',
    ]);
    expect(titles({ aclReason: 'lacks-capability', capability: 'node:read' })).toEqual([
      'Production: ACL token lacks node:read | 403 Permission denied, since 12:01',
    ]);
    expect(titles({ aclReason: 'token-refused' })).toEqual([
      'Production: ACL token refused | 403 Permission denied, since 12:01',
    ]);
  });

  it('a failed server, then its recovery; a new failure of the same server notifies again', () => {
    const oneFailed = view({ members: members(['alive', 'failed', 'alive']) });
    expect(
      pipeline([
        { view: view(), context: {} },
        { view: oneFailed, context: { state: 'degraded' } },
        { view: view(), context: {} },
        { view: oneFailed, context: { state: 'degraded' } },
      ]),
    ).toEqual([
      [],
      ['Production: server-2 failed | server-2.global, alive → failed, since 12:01'],
      [
        'Production: server-2 is alive again | server-2.global, failed → alive, since 12:02; resolves “server-2 failed” (12:01)',
      ],
      ['Production: server-2 failed | server-2.global, alive → failed, since 12:03'],
    ]);
  });

  it('leader lost then elected', () => {
    expect(
      pipeline([
        { view: view(), context: {} },
        { view: view({ leaders: { global: null } }), context: { state: 'critical' } },
        { view: view({ leaders: { global: '10.0.0.2:4647' } }), context: {} },
      ]),
    ).toEqual([
      [],
      ['Production: no leader in global | 10.0.0.1:4647 → none, since 12:01'],
      [
        'Production: leader elected in global | none → 10.0.0.2:4647, since 12:02; resolves “no leader in global” (12:01)',
      ],
    ]);
  });
});
