/**
 * The Nodes view's list logic (renderer/lib/nodes.ts): problems first and stable by name, the filter over name,
 * datacenter, pool, class and status, counts per status / datacenter / pool kept as pairs (hostile names are
 * data), drain times, and the keyboard targets the virtualized table moves to.
 */
import { describe, expect, it } from 'vitest';
import type { NomadNode } from '../../common/nomad-domain.js';
import { isNodeProblem } from '../../common/node-status.js';
import {
  drainTime,
  filterNodes,
  nodeCounts,
  schedulingOf,
  sortNodes,
  statusKey,
} from '../../renderer/lib/nodes.js';
import { nodeLook } from '../../renderer/lib/status.js';
import { keyTarget } from '../../renderer/lib/virtual.js';
import { makeNode } from '../support/builders.js';

const names = (nodes: NomadNode[]) => nodes.map((n) => n.name);

describe('node list order', () => {
  it('down, disconnected, then ineligible/draining/unknown, then initializing, then ready; natural by name', () => {
    const nodes = [
      makeNode('node-10'),
      makeNode('node-2'),
      makeNode('init', { status: 'initializing' }),
      makeNode('drain', { drain: true, eligible: false }),
      makeNode('inel', { eligible: false }),
      makeNode('odd', { status: 'unknown', statusRaw: 'quarantined' }),
      makeNode('disc', { status: 'disconnected' }),
      makeNode('down-b', { status: 'down' }),
      makeNode('down-a', { status: 'down' }),
    ];
    expect(names(sortNodes(nodes))).toEqual([
      'down-a',
      'down-b',
      'disc',
      'drain',
      'inel',
      'odd',
      'init',
      'node-2',
      'node-10',
    ]);
    // A down node that was ineligible was retired on purpose: with the ineligible ones, after the problems.
    const retired = makeNode('retired', { status: 'down', eligible: false });
    expect(names(sortNodes([makeNode('a'), retired, makeNode('d', { status: 'disconnected' })]))).toEqual([
      'd',
      'retired',
      'a',
    ]);
    expect(isNodeProblem(retired)).toBe(false);
    expect(statusKey(retired)).toBe('retired');
    expect(nodeCounts([retired]).status).toEqual([{ key: 'retired', count: 1 }]);
    expect(names(filterNodes([retired, makeNode('a')], 'retired'))).toEqual(['retired']);
  });

  it('is stable for equal names (by ID) and never mutates its input', () => {
    const nodes = [makeNode('same', { id: 'b' }), makeNode('same', { id: 'a' })];
    expect(sortNodes(nodes).map((n) => n.id)).toEqual(['a', 'b']);
    expect(nodes.map((n) => n.id)).toEqual(['b', 'a']);
  });

  it('problems are down and disconnected only', () => {
    expect(isNodeProblem(makeNode('n', { status: 'down' }))).toBe(true);
    expect(isNodeProblem(makeNode('n', { status: 'disconnected' }))).toBe(true);
    expect(isNodeProblem(makeNode('n', { eligible: false, drain: true }))).toBe(false);
    expect(schedulingOf(makeNode('n', { eligible: false, drain: true }))).toBe('draining');
  });
});

describe('node filter and counts', () => {
  const nodes = [
    makeNode('web-1', { datacenter: 'dc1', nodePool: 'web', nodeClass: 'large' }),
    makeNode('batch-1', { datacenter: 'dc2', nodePool: 'batch', status: 'down' }),
    makeNode('gpu-1', { datacenter: 'dc2', nodePool: 'gpu', nodeClass: 'gpu-a100', drain: true }),
  ];

  it.each([
    ['WEB', ['web-1']],
    ['dc2', ['batch-1', 'gpu-1']],
    ['batch', ['batch-1']],
    ['a100', ['gpu-1']],
    ['down', ['batch-1']],
    ['draining', ['gpu-1']],
    ['  ', ['web-1', 'batch-1', 'gpu-1']],
    ['nothing', []],
  ])('"%s" keeps %j', (text, expected) => {
    expect(names(filterNodes(nodes, text))).toEqual(expected);
  });

  it('counts per status (most urgent first), datacenter and pool, in natural order', () => {
    expect(nodeCounts(nodes)).toEqual({
      status: [
        { key: 'down', count: 1 },
        { key: 'draining', count: 1 },
        { key: 'ready', count: 1 },
      ],
      datacenter: [
        ['dc1', 1],
        ['dc2', 2],
      ],
      pool: [
        ['batch', 1],
        ['gpu', 1],
        ['web', 1],
      ],
    });
  });

  it('hostile names are data: __proto__, constructor, control characters, very long names', () => {
    const long = 'n'.repeat(5_000);
    const hostile = [
      makeNode('__proto__', { datacenter: '__proto__', nodePool: 'constructor' }),
      makeNode('constructor', { datacenter: 'constructor', nodePool: '__proto__' }),
      makeNode('bell\u0007\nnl', { datacenter: 'toString' }),
      makeNode(long, { datacenter: 'hasOwnProperty' }),
    ];
    const counts = nodeCounts(hostile);
    expect(counts.datacenter.map(([dc]) => dc).sort()).toEqual(
      ['__proto__', 'constructor', 'hasOwnProperty', 'toString'].sort(),
    );
    expect(counts.pool).toContainEqual(['__proto__', 1]);
    expect(counts.pool).toContainEqual(['default', 2]);
    expect(names(filterNodes(hostile, 'proto'))).toEqual(['__proto__', 'constructor']);
    expect(sortNodes(hostile)).toHaveLength(4);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a status Nomad added after us shows its own word', () => {
    expect(nodeLook('unknown', 'quarantined').label).toBe('quarantined');
    expect(nodeLook('down').label).toBe('down');
  });
});

describe('drain times and keyboard targets', () => {
  it('reads RFC 3339, treats Nomad\u2019s zero time and junk as no time', () => {
    expect(drainTime('2026-01-15T09:00:00Z')).toBe(Date.UTC(2026, 0, 15, 9));
    expect(drainTime('0001-01-01T00:00:00Z')).toBeNull();
    expect(drainTime('soon')).toBeNull();
    expect(drainTime('')).toBeNull();
  });

  it.each([
    ['ArrowDown', 6],
    ['ArrowUp', 4],
    ['Home', 0],
    ['End', 99],
    ['PageDown', 15],
    ['PageUp', -5],
    ['a', undefined],
    ['__proto__', undefined],
    ['constructor', undefined],
  ])('%s from row 5 of 100 (page 10) → %s', (key, expected) => {
    expect(keyTarget(key, 5, 100, 10)).toBe(expected);
  });
});
