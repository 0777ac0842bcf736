/**
 * Names are data, never keys: a region named `constructor` and members named `toString` / `__proto__` (what a
 * hostile or odd agent may send) are watched like any other, end to end through the real CLI process.
 */
import { describe, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import { brief, startWatch } from './watch-harness.js';

/** Global: toString, __proto__, server-3; region `constructor`: hasOwnProperty, valueOf, a usual name. */
const NAMES = [
  'toString',
  '__proto__',
  'server-3.global',
  'hasOwnProperty.constructor',
  'valueOf',
  'constructor-server-3.constructor',
];

describe('hostile region and member names', () => {
  it('watch --json reports them right and keeps running', async ({ expect, onTestFinished }) => {
    const sim = await startCluster({ regions: ['global', 'constructor'], serverNames: NAMES });
    const watch = startWatch(['--address', sim.servers()[0]?.url ?? '']);
    onTestFinished(async () => {
      await watch.stop();
      await sim.close();
    });
    await watch.waitState('healthy');
    sim.fail('toString');
    await watch.waitLines(2);
    sim.recover('toString');
    await watch.waitLines(4);
    sim.setLeader('constructor', 'valueOf');
    await watch.waitLines(5);
    sim.fail('__proto__');
    await watch.waitLines(7);
    await watch.waitPolls(3);
    expect(watch.stderr()).not.toMatch(/TypeError|Error:|internal error/);
    expect(await watch.stop()).toBe(0);
    expect(watch.lines.map(brief)).toEqual([
      'member-failed toString alive->failed',
      'quorum-at-risk 3/3->2/3',
      'member-recovered toString failed->alive',
      'quorum-restored 2/3->3/3',
      'leader-changed 127.0.2.1:4647->127.0.2.2:4647',
      'member-failed __proto__ alive->failed',
      'quorum-at-risk 3/3->2/3',
    ]);
    expect(watch.lines.map((l) => l.message)).toEqual([
      'toString failed (was alive)',
      'quorum in global: 2/3 alive, can lose 0',
      'toString recovered (was failed)',
      'quorum restored in global: 3/3 alive, can lose 1',
      'leader of constructor changed 127.0.2.1:4647 → 127.0.2.2:4647',
      '__proto__ failed (was alive)',
      'quorum in global: 2/3 alive, can lose 0',
    ]);
  });

  it('members named toString or valueOf that appear later are new, not "recovered"', async ({
    expect,
    onTestFinished,
  }) => {
    const sim = await startCluster({ regions: ['global', 'constructor'], serverNames: NAMES });
    const url = sim.servers()[0]?.url ?? '';
    const watch = startWatch(['--address', url]);
    onTestFinished(async () => {
      await watch.stop();
      await sim.close();
    });
    const prune = async (node: string): Promise<void> => {
      const res = await fetch(`${url}/v1/agent/force-leave?node=${encodeURIComponent(node)}&prune=true`, {
        method: 'PUT',
      });
      expect(res.status).toBe(200);
    };
    await watch.waitState('healthy');
    // Every server of region `constructor` and the member `toString` fail, then are pruned from the list.
    const gone = ['toString', 'hasOwnProperty.constructor', 'valueOf', 'constructor-server-3.constructor'];
    for (const name of gone) sim.fail(name);
    await watch.waitPolls(4);
    for (const name of gone) await prune(name);
    await watch.waitPolls(4);
    const before = watch.lines.length;
    // ...and come back: new names to the detector, whose names are inherited keys of a plain object.
    for (const name of gone) sim.recover(name);
    await watch.waitLines(before + 2);
    await watch.waitPolls(4);
    expect(await watch.stop()).toBe(0);
    const after = watch.lines.slice(before);
    expect(after.map((l) => l.message)).toContain('toString joined');
    expect(after.map((l) => l.message)).toContain('hasOwnProperty.constructor joined');
    for (const line of watch.lines) {
      expect(line.message).not.toMatch(/function|native code|\[object/);
      for (const v of [line.from, line.to]) if (v !== undefined) expect(typeof v).toBe('string');
    }
    expect(watch.stderr()).not.toMatch(/TypeError|internal error/);
  });
});
