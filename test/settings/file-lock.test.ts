/**
 * The lock file behind "one instance per config directory" and history writes: a live holder refuses, a dead
 * holder's (or a garbage) lock is taken over, racers taking over one stale lock never both win, and release
 * only ever removes the caller's own lock.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLock, tryLock } from '../../main/core/settings/file-lock.js';
import { acquireInstanceLock } from '../../main/core/settings/instance-lock.js';
import { useTempDirs } from '../support/tmp.js';

const newDir = useTempDirs('lock');
const DEAD = 999_999;
const isAlive = (pid: number): boolean => pid !== DEAD;

describe('file lock', () => {
  it('a live holder refuses with its facts; release frees it; a second release is harmless', async () => {
    const file = path.join(await newDir(), 'x.lock');
    const first = await tryLock(file, { mode: 'browser' }, { pid: 1111, isAlive });
    expect(first.ok).toBe(true);
    const second = await tryLock(file, {}, { pid: 2222, isAlive });
    expect(second).toEqual({
      ok: false,
      error: { kind: 'held', holder: { pid: 1111, info: { mode: 'browser' } } },
    });
    if (!first.ok) return;
    expect((await first.value.update({ mode: 'browser', url: 'http://127.0.0.1:5/' })).ok).toBe(true);
    const again = await tryLock(file, {}, { pid: 2222, isAlive });
    expect(!again.ok && again.error.kind === 'held' && again.error.holder.info['url']).toBe(
      'http://127.0.0.1:5/',
    );
    await first.value.release();
    await first.value.release();
    expect((await tryLock(file, {}, { pid: 2222, isAlive })).ok).toBe(true);
    expect((await fs.readdir(path.dirname(file))).sort()).toEqual(['x.lock']); // no temp or stale files left
  });

  it.each([
    ['a dead PID', JSON.stringify({ pid: DEAD, nonce: 'n', info: {} })],
    ['garbage', '\u0000\u0000 not a lock'],
    ['an empty file', ''],
    ['a hostile shape', '{"pid":"__proto__","nonce":{},"info":{"__proto__":{"x":1}}}'],
  ])('a lock holding %s is stale and taken over', async (_what, text) => {
    const file = path.join(await newDir(), 'x.lock');
    await fs.writeFile(file, text);
    const got = await tryLock(file, { mode: 'browser' }, { pid: 3333, isAlive });
    expect(got.ok).toBe(true);
    expect(parseLock(await fs.readFile(file, 'utf8'))?.pid).toBe(3333);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('ten racers over one stale lock: exactly one wins, the others are told who (25 rounds)', async () => {
    // The race is a matter of interleaving: many rounds make a double winner show up if the takeover allows one.
    for (let round = 0; round < 25; round++) {
      const file = path.join(await newDir(), 'x.lock');
      await fs.writeFile(file, JSON.stringify({ pid: DEAD, nonce: 'n', info: {} }));
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => tryLock(file, {}, { pid: 4000 + i, isAlive })),
      );
      const winners = results.filter((r) => r.ok);
      expect(winners, `round ${round}`).toHaveLength(1);
      const owner = parseLock(await fs.readFile(file, 'utf8'))?.pid;
      for (const r of results)
        if (!r.ok) expect(r.error).toEqual({ kind: 'held', holder: { pid: owner, info: {} } });
      expect((await fs.readdir(path.dirname(file))).sort()).toEqual(['x.lock']);
    }
  });

  it('release leaves a lock that someone else took over alone', async () => {
    const file = path.join(await newDir(), 'x.lock');
    const mine = await tryLock(file, {}, { pid: DEAD, isAlive });
    if (!mine.ok) throw new Error('no lock');
    const theirs = await tryLock(file, {}, { pid: 5555, isAlive }); // my PID counts as dead: taken over
    expect(theirs.ok).toBe(true);
    await mine.value.release();
    expect(parseLock(await fs.readFile(file, 'utf8'))?.pid).toBe(5555);
    expect((await mine.value.update({})).ok).toBe(false);
  });

  it('instance lock: the refusal is one line naming the directory, mode, PID and URL', async () => {
    const dir = await newDir();
    const first = await acquireInstanceLock({ dir, mode: 'browser', pid: 1111, isAlive, now: 0 });
    if (!first.ok || first.value.lock === null) throw new Error('no lock');
    await first.value.lock.update({ mode: 'browser', url: 'http://127.0.0.1:41235/' });
    const second = await acquireInstanceLock({ dir, mode: 'electron', pid: 2222, isAlive, now: 0 });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error).not.toContain('\n');
    expect(second.error).toContain(dir);
    expect(second.error).toContain('browser mode, PID 1111 at http://127.0.0.1:41235/');
  });
});
