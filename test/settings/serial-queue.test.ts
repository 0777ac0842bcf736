/**
 * The one-writer-at-a-time queue settings.json and the history file write through: tasks run in the order they
 * were queued, never two at once, and a failed task hands its error to its caller without stopping the queue.
 */
import { describe, expect, it } from 'vitest';
import { serialQueue } from '../../main/core/files/index.js';

describe('serialQueue', () => {
  it('runs tasks one at a time in order; a failure goes to its caller and the next task still runs', async () => {
    const enqueue = serialQueue();
    const log: string[] = [];
    let running = 0;
    const task =
      (name: string, fail = false) =>
      async () => {
        running += 1;
        log.push(`start ${name} (${running} running)`);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        log.push(`end ${name}`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      };
    const a = enqueue(task('a'));
    const b = enqueue(task('b', true));
    const c = enqueue(task('c'));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b failed');
    await expect(c).resolves.toBe('c');
    expect(log).toEqual([
      'start a (1 running)',
      'end a',
      'start b (1 running)',
      'end b',
      'start c (1 running)',
      'end c',
    ]);
  });
});
