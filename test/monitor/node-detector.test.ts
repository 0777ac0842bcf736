import { describe, expect, it } from 'vitest';
import type { MonitorEvent } from '../../common/domain.js';
import type { NomadNode } from '../../common/nomad-domain.js';
import { classify, keysClosedBy, problemKey } from '../../main/core/alerts/problems.js';
import { NodeDetector } from '../../main/core/monitor/index.js';
import { makeNode } from '../support/builders.js';

const cluster = { id: 'prod', name: 'prod' };

const node = makeNode;
const st = (name: string, status: NomadNode['status'], over: Partial<NomadNode> = {}) =>
  node(name, { status, statusRaw: status, ...over });
const brief = (events: MonitorEvent[]) => events.map((e) => `${e.type} ${e.node ?? e.datacenter ?? ''}`);

describe('node detector', () => {
  it('baselines silently, then reports each kind of node change with structured fields', () => {
    const d = new NodeDetector();
    expect(d.step([node('a'), node('b'), st('c', 'down')], 0, cluster)).toEqual([]);
    const events = d.step(
      [st('a', 'down'), st('b', 'disconnected'), st('c', 'ready'), node('d')],
      1_000,
      cluster,
    );
    expect(brief(events)).toEqual(['node-down a', 'node-disconnected b', 'node-ready c', 'node-joined d']);
    expect(events[3]?.message).toBe('node d joined (dc1, ready)');
    expect(events[0]).toMatchObject({
      node: 'a',
      datacenter: 'dc1',
      nodePool: 'default',
      nodeClass: '',
      from: 'ready',
      to: 'down',
      severity: 'warning',
    });
    const more = d.step(
      [
        st('a', 'down', { drain: true, eligible: false }),
        st('b', 'disconnected', { eligible: false }),
        node('c'),
      ],
      2_000,
      cluster,
    );
    expect(brief(more)).toEqual(['node-drain-started a', 'node-ineligible b', 'node-removed d']);
    expect(more.map((e) => e.message)).toEqual([
      'node a started draining',
      'node b is ineligible for scheduling',
      'node d was removed (dc1)',
    ]);
    const back = d.step(
      [st('a', 'down', { eligible: false }), st('b', 'disconnected'), node('c')],
      3_000,
      cluster,
    );
    expect(brief(back)).toEqual(['node-drain-finished a', 'node-eligible b']);
    expect(back.map((e) => e.message)).toEqual([
      'node a finished draining',
      'node b is eligible for scheduling',
    ]);
  });

  it('a node that was ineligible when it went down is retired (recorded, never a problem); an eligible one is down', () => {
    const d = new NodeDetector();
    d.step([node('a', { eligible: false }), node('b')], 0, cluster);
    const events = d.step([st('a', 'down', { eligible: false }), st('b', 'down')], 1_000, cluster);
    expect(brief(events)).toEqual(['node-retired a', 'node-down b']);
    expect(events[0]).toMatchObject({ severity: 'info', from: 'ready', to: 'down' });
    expect(events[0]?.message).toBe('node a is down, retired (it was ineligible for scheduling) (was ready)');
    expect(events.map((e) => classify(e).kind)).toEqual(['silent', 'problem']);
    // made ineligible in the same update as it went down: still retired (Nomad applies both before we read)
    const d2 = new NodeDetector();
    d2.step([node('c')], 0, cluster);
    expect(brief(d2.step([st('c', 'down', { eligible: false })], 1_000, cluster))).toEqual([
      'node-retired c',
      'node-ineligible c',
    ]);
  });

  it('a node whose ModifyIndex did not move is not compared again', () => {
    const d = new NodeDetector();
    const a = node('a');
    d.step([a], 0, cluster);
    expect(d.step([{ ...a, status: 'down', statusRaw: 'down' }], 1, cluster)).toEqual([]);
    expect(brief(d.step([st('a', 'down')], 2, cluster))).toEqual(['node-down a']);
  });

  it('with list indexes, skips nodes written before the previous list and still sees changes and removals', () => {
    const d = new NodeDetector();
    const a = node('a', { modifyIndex: 5 });
    const b = node('b', { modifyIndex: 6 });
    const c = node('c', { modifyIndex: 7 });
    d.step([a, b, c], 0, cluster, 7);
    // a field changed without a new ModifyIndex is not looked at (Nomad always bumps it on a write)
    expect(d.step([{ ...a, status: 'down', statusRaw: 'down' }, b, c], 1, cluster, 8)).toEqual([]);
    const down = d.step([a, { ...b, status: 'down', statusRaw: 'down', modifyIndex: 9 }, c], 2, cluster, 9);
    expect(brief(down)).toEqual(['node-down b']);
    expect(brief(d.step([a, c], 3, cluster, 10))).toEqual(['node-removed b']);
    const e = node('e', { modifyIndex: 11 });
    expect(brief(d.step([a, e], 4, cluster, 11))).toEqual(['node-joined e', 'node-removed c']);
    // the index went backwards (a restore): a full comparison
    expect(
      brief(d.step([{ ...a, status: 'down', statusRaw: 'down', modifyIndex: 3 }, e], 5, cluster, 4)),
    ).toEqual(['node-down a']);
  });

  it('hostile node names are data', () => {
    const d = new NodeDetector();
    d.step([node('__proto__'), node('constructor')], 0, cluster);
    const events = d.step([st('__proto__', 'down'), node('constructor')], 1, cluster);
    expect(brief(events)).toEqual(['node-down __proto__']);
  });

  it('reports every node on its own (storms are the policy’s: alerts/node-storms.ts) and counts each datacenter', () => {
    const d = new NodeDetector();
    const dc2 = (s: NomadNode['status'], n: number) =>
      Array.from({ length: n }, (_, i) => st(`w${i}`, s, { id: `w${i}`, datacenter: 'dc2' }));
    d.step([...dc2('ready', 6), node('a')], 0, cluster);
    expect([...d.census()]).toEqual([
      ['dc2', { nodes: 6, bad: 0 }],
      ['dc1', { nodes: 1, bad: 0 }],
    ]);
    const all = d.step([...dc2('down', 6), node('a')], 1, cluster);
    expect(brief(all)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5'].map((w) => `node-down ${w}`));
    expect(all[0]).toMatchObject({ datacenter: 'dc2', severity: 'warning' });
    expect(d.census().get('dc2')).toEqual({ nodes: 6, bad: 6 });
    const back = d.step([...dc2('ready', 6), node('a')], 2, cluster);
    expect(back.map((e) => e.type)).toEqual(Array(6).fill('node-ready'));
    expect(d.census().get('dc2')).toEqual({ nodes: 6, bad: 0 });
  });

  it('the census leaves retired nodes out: the rest of a datacenter going down is every node of it', () => {
    const d = new NodeDetector();
    d.step(
      [node('a', { datacenter: 'dc2' }), node('b', { datacenter: 'dc2' }), node('c', { datacenter: 'dc2' })],
      0,
      cluster,
    );
    d.step(
      [
        st('a', 'down', { datacenter: 'dc2', eligible: false }),
        node('b', { datacenter: 'dc2' }),
        node('c', { datacenter: 'dc2' }),
      ],
      1,
      cluster,
    );
    expect(d.census().get('dc2')).toEqual({ nodes: 2, bad: 0 });
    const events = d.step(
      [
        st('a', 'down', { datacenter: 'dc2', eligible: false }),
        st('b', 'down', { datacenter: 'dc2' }),
        st('c', 'disconnected', { datacenter: 'dc2' }),
      ],
      2,
      cluster,
    );
    expect(brief(events)).toEqual(['node-down b', 'node-disconnected c']);
    expect(d.census().get('dc2')).toEqual({ nodes: 2, bad: 2 });
  });

  it('the census keeps hostile datacenter names as data (a Map)', () => {
    const d = new NodeDetector();
    d.step(
      [st('a', 'down', { datacenter: '__proto__' }), node('b', { datacenter: 'constructor' })],
      0,
      cluster,
    );
    expect(d.census().get('__proto__')).toEqual({ nodes: 1, bad: 1 });
    expect(d.census().get('constructor')).toEqual({ nodes: 1, bad: 0 });
  });

  it('a flapping node is reported once, then its settled status once the window passed', () => {
    const d = new NodeDetector();
    d.step([node('a')], 0, cluster);
    const seen: MonitorEvent[] = [];
    const statuses: NomadNode['status'][] = ['down', 'ready', 'down', 'ready', 'down', 'ready', 'down'];
    statuses.forEach((s, i) => seen.push(...d.step([st('a', s)], (i + 1) * 1_000, cluster)));
    expect(brief(seen)).toEqual(['node-down a', 'node-ready a', 'node-down a', 'flapping a']);
    expect(d.settle([st('a', 'down')], 30_000, cluster)).toEqual([]);
    const settled = d.settle([st('a', 'down')], 610_000, cluster);
    expect(brief(settled)).toEqual([]); // last reported was down: nothing new
    const d2 = new NodeDetector();
    d2.step([node('b')], 0, cluster);
    for (const [i, s] of (['down', 'ready', 'down', 'ready', 'down', 'ready'] as const).entries())
      d2.step([st('b', s)], (i + 1) * 1_000, cluster);
    const settledB = d2.settle([st('b', 'ready')], 610_000, cluster);
    expect(brief(settledB)).toEqual(['node-ready b']);
    expect(settledB[0]?.message).toBe('node b is ready (was down; settled after flapping)');
  });
});

describe('node events in the policy tables', () => {
  const e = (over: Partial<MonitorEvent>): MonitorEvent => ({
    time: 0,
    clusterId: 'prod',
    cluster: 'prod',
    type: 'node-down',
    severity: 'warning',
    message: 'ignored by the policy',
    ...over,
  });
  it('classifies by type and keys by node / datacenter, never by message', () => {
    expect(classify(e({ node: 'a', datacenter: 'dc1' }))).toEqual({
      kind: 'problem',
      key: 'node-down|a|dc1',
    });
    expect(classify(e({ type: 'node-disconnected', node: 'a', datacenter: 'dc1' }))).toEqual({
      kind: 'problem',
      key: 'node-disconnected|a|dc1',
    });
    expect(classify(e({ type: 'datacenter-partition', datacenter: 'dc2', count: 9 }))).toEqual({
      kind: 'problem',
      key: 'datacenter-partition||dc2',
    });
    expect(classify(e({ type: 'node-ready', node: 'a' })).kind).toBe('recovery');
    expect(classify(e({ type: 'nodes-ready', datacenter: 'dc2' })).kind).toBe('recovery');
    for (const type of ['node-joined', 'node-removed', 'node-ineligible', 'node-drain-started'] as const)
      expect(classify(e({ type, node: 'a' })).kind).toBe('fact');
    expect(problemKey(e({ node: 'a', datacenter: 'dc1', message: 'other words' }))).toBe('node-down|a|dc1');
  });
  it('node-ready closes that node’s problems; nodes-ready closes its datacenter’s storm and partition', () => {
    const open = [
      'node-down|a|dc1',
      'node-disconnected|b|dc1',
      'nodes-down||dc2',
      'datacenter-partition||dc2',
    ];
    expect(keysClosedBy(e({ type: 'node-ready', node: 'a' }), open)).toEqual(['node-down|a|dc1']);
    expect(keysClosedBy(e({ type: 'node-removed', node: 'b' }), open)).toEqual(['node-disconnected|b|dc1']);
    expect(keysClosedBy(e({ type: 'nodes-ready', datacenter: 'dc2' }), open)).toEqual([
      'nodes-down||dc2',
      'datacenter-partition||dc2',
    ]);
  });
});
