/**
 * atomicWrite step by step on a recording file system: which calls happen, in which order, what is cleaned up
 * on each failure, which errors are retried or ignored, and the message a user reads. store.test.ts and
 * killed-writer.test.ts prove the same promises on the real file system.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  atomicWrite,
  describeError,
  ensureDir,
  errorCode,
  realFs,
  tempPrefix,
} from '../../main/core/settings/atomic-write.js';
import type { FsPort } from '../../main/core/settings/atomic-write.js';
import { err, ok } from '../../common/result.js';
import { tempDir } from './helpers.js';

const DIR = '/cfg/nomad-tray';
const TARGET = `${DIR}/settings.json`;

function sysErr(code: string | undefined, message = `${code} failure`): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

/** What a step of the fake does: nothing, or throw this error. */
type Failures = Partial<
  Record<
    'openFile' | 'write' | 'sync' | 'close' | 'openDir' | 'syncDir' | 'closeDir' | 'unlink' | 'mkdir',
    Error
  >
> & {
  /** Errors thrown by successive renames (then renames succeed). */
  rename?: Error[];
};

function fakeFs(fail: Failures = {}) {
  const calls: string[] = [];
  const renameErrors = [...(fail.rename ?? [])];
  const handle = (what: 'file' | 'dir') => ({
    writeFile: async (data: string, enc: string) => {
      calls.push(`write ${data} ${enc}`);
      if (fail.write) throw fail.write;
    },
    sync: async () => {
      calls.push(`sync ${what}`);
      const e = what === 'file' ? fail.sync : fail.syncDir;
      if (e) throw e;
    },
    close: async () => {
      calls.push(`close ${what}`);
      const e = what === 'file' ? fail.close : fail.closeDir;
      if (e) throw e;
    },
  });
  const fs = {
    open: async (p: string, flags: string, mode?: number) => {
      calls.push(`open ${p} ${flags}${mode === undefined ? '' : ` ${mode.toString(8)}`}`);
      const isDir = flags === 'r';
      const e = isDir ? fail.openDir : fail.openFile;
      if (e) throw e;
      return handle(isDir ? 'dir' : 'file');
    },
    rename: async (from: string, to: string) => {
      calls.push(`rename ${from} ${to}`);
      const e = renameErrors.shift();
      if (e) throw e;
    },
    unlink: async (p: string) => {
      calls.push(`unlink ${p}`);
      if (fail.unlink) throw fail.unlink;
    },
    mkdir: async (p: string, opts: { recursive: boolean; mode: number }) => {
      calls.push(`mkdir ${p} ${opts.recursive} ${opts.mode.toString(8)}`);
      if (fail.mkdir) throw fail.mkdir;
    },
  } as unknown as FsPort;
  return { fs, calls };
}

/** The temp name of a write: `<target>.tmp-<pid>-<n>`, n unknown; returns the temp path used. */
function tempOf(calls: string[]): string {
  const open = calls.find((c) => c.startsWith('open ') && c.includes('.tmp-'));
  return open?.split(' ')[1] ?? 'none';
}

describe('a successful write', () => {
  it('writes a 0600 temp file beside the target, syncs, closes, renames, then syncs the directory', async () => {
    const { fs, calls } = fakeFs();
    expect(await atomicWrite(TARGET, '{"a":1}', { fs, platform: 'linux', pid: 4242 })).toEqual(ok(undefined));
    const tmp = tempOf(calls);
    expect(tmp).toMatch(/^\/cfg\/nomad-tray\/settings\.json\.tmp-4242-\d+$/);
    expect(calls).toEqual([
      `open ${tmp} w 600`,
      'write {"a":1} utf8',
      'sync file',
      'close file',
      `rename ${tmp} ${TARGET}`,
      `open ${DIR} r`,
      'sync dir',
      'close dir',
    ]);
  });

  it('each write gets its own temp name; the given mode is used', async () => {
    const a = fakeFs();
    const b = fakeFs();
    await atomicWrite(TARGET, 'x', { fs: a.fs, platform: 'linux', pid: 1, mode: 0o644 });
    await atomicWrite(TARGET, 'x', { fs: b.fs, platform: 'linux', pid: 1 });
    expect(a.calls[0]).toMatch(/ w 644$/);
    const [na, nb] = [tempOf(a.calls), tempOf(b.calls)].map((t) => Number(t.split('-').pop()));
    expect(nb).toBe((na ?? 0) + 1);
  });

  it('without a pid the process id names the temp file', async () => {
    const { fs, calls } = fakeFs();
    await atomicWrite(TARGET, 'x', { fs, platform: 'linux' });
    expect(tempOf(calls)).toContain(`.tmp-${process.pid}-`);
  });

  it('on Windows the directory is not synced', async () => {
    const { fs, calls } = fakeFs({ openDir: sysErr('EIO') });
    expect(await atomicWrite(TARGET, 'x', { fs, platform: 'win32', pid: 1 })).toEqual(ok(undefined));
    expect(calls.filter((c) => c.startsWith('open '))).toHaveLength(1);
  });

  it('the real file system: the target is replaced, private, and no temp file is left', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'settings.json');
    expect(await atomicWrite(target, 'one')).toEqual(ok(undefined));
    expect(await atomicWrite(target, 'two')).toEqual(ok(undefined));
    expect(await readFile(target, 'utf8')).toBe('two');
    if (process.platform !== 'win32') expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect((await realFs.readdir(dir)).filter((n) => n.startsWith(tempPrefix(target)))).toEqual([]);
  });
});

describe('a failed write loses nothing and leaves no temp file', () => {
  it.each([
    [
      'the temp file cannot be created',
      { openFile: sysErr('EACCES', 'permission denied') },
      'permission denied',
    ],
    ['the disk is full', { write: sysErr('ENOSPC', 'no space left on device') }, 'no space left on device'],
    ['fsync fails', { sync: sysErr('EIO', 'i/o error') }, 'i/o error'],
  ])(
    '%s: an error naming the temp file, the temp removed, the target never renamed',
    async (_l, fail, text) => {
      const { fs, calls } = fakeFs(fail);
      const r = await atomicWrite(TARGET, 'x', { fs, platform: 'linux', pid: 7 });
      const tmp = tempOf(calls);
      expect(r).toEqual(err(`could not write ${tmp}: ${text}`));
      expect(calls).toContain(`unlink ${tmp}`);
      expect(calls.some((c) => c.startsWith('rename'))).toBe(false);
    },
  );

  it('the temp file is closed even when writing fails', async () => {
    const { fs, calls } = fakeFs({ write: sysErr('ENOSPC') });
    await atomicWrite(TARGET, 'x', { fs, platform: 'linux', pid: 7 });
    expect(calls).toContain('close file');
    expect(calls).not.toContain('sync file');
  });

  it('a failing cleanup does not hide the real error', async () => {
    const { fs } = fakeFs({ write: sysErr('ENOSPC', 'disk full'), unlink: sysErr('ENOENT') });
    const r = await atomicWrite(TARGET, 'x', { fs, platform: 'linux', pid: 7 });
    expect(!r.ok && r.error).toMatch(/: disk full$/);
  });

  it('a refusing beforeRename check keeps the target and removes the temp', async () => {
    const { fs, calls } = fakeFs();
    const r = await atomicWrite(TARGET, 'x', {
      fs,
      platform: 'linux',
      pid: 7,
      beforeRename: async () => err('a newer Nomad Tray wrote this file'),
    });
    expect(r).toEqual(err('a newer Nomad Tray wrote this file'));
    expect(calls).toContain(`unlink ${tempOf(calls)}`);
    expect(calls.some((c) => c.startsWith('rename'))).toBe(false);
  });

  it('an allowing beforeRename check lets the rename happen', async () => {
    const { fs, calls } = fakeFs();
    const r = await atomicWrite(TARGET, 'x', {
      fs,
      platform: 'linux',
      pid: 7,
      beforeRename: async () => ok(undefined),
    });
    expect(r).toEqual(ok(undefined));
    expect(calls).toContain(`rename ${tempOf(calls)} ${TARGET}`);
    expect(calls.some((c) => c.startsWith('unlink'))).toBe(false);
  });

  it('a failed rename names the target; the temp is removed; no retry off Windows', async () => {
    const { fs, calls } = fakeFs({ rename: [sysErr('EPERM', 'operation not permitted'), sysErr('EPERM')] });
    const r = await atomicWrite(TARGET, 'x', { fs, platform: 'linux', pid: 7, delay: async () => undefined });
    expect(r).toEqual(err(`could not replace ${TARGET}: operation not permitted`));
    expect(calls.filter((c) => c.startsWith('rename'))).toHaveLength(1);
    expect(calls).toContain(`unlink ${tempOf(calls)}`);
  });
});

describe('Windows rename retries', () => {
  it.each(['EPERM', 'EBUSY', 'EACCES'])('%s is retried with growing waits, then succeeds', async (code) => {
    const waits: number[] = [];
    const { fs, calls } = fakeFs({ rename: [sysErr(code), sysErr(code), sysErr(code)] });
    const r = await atomicWrite(TARGET, 'x', {
      fs,
      platform: 'win32',
      pid: 7,
      delay: async (ms) => void waits.push(ms),
    });
    expect(r).toEqual(ok(undefined));
    expect(waits).toEqual([20, 40, 60]);
    expect(calls.filter((c) => c.startsWith('rename'))).toHaveLength(4);
    expect(calls.some((c) => c.startsWith('unlink'))).toBe(false);
  });

  it('gives up after five retries with the error, removing the temp', async () => {
    const waits: number[] = [];
    const { fs, calls } = fakeFs({
      rename: Array.from({ length: 7 }, () => sysErr('EBUSY', 'resource busy')),
    });
    const r = await atomicWrite(TARGET, 'x', {
      fs,
      platform: 'win32',
      pid: 7,
      delay: async (ms) => void waits.push(ms),
    });
    expect(r).toEqual(err(`could not replace ${TARGET}: resource busy`));
    expect(waits).toEqual([20, 40, 60, 80, 100]);
    expect(calls.filter((c) => c.startsWith('rename'))).toHaveLength(6);
    expect(calls).toContain(`unlink ${tempOf(calls)}`);
  });

  it.each([['ENOENT'], [undefined]])('a rename error %s is not retried', async (code) => {
    const waits: number[] = [];
    const { fs } = fakeFs({ rename: [sysErr(code, 'gone')] });
    const r = await atomicWrite(TARGET, 'x', {
      fs,
      platform: 'win32',
      pid: 7,
      delay: async (ms) => void waits.push(ms),
    });
    expect(r).toEqual(err(`could not replace ${TARGET}: gone`));
    expect(waits).toEqual([]);
  });

  it('the default wait really waits: no retry before 20 ms have passed', async () => {
    vi.useFakeTimers();
    try {
      const { fs, calls } = fakeFs({ rename: [sysErr('EBUSY')] });
      const renames = () => calls.filter((c) => c.startsWith('rename')).length;
      const pending = atomicWrite(TARGET, 'x', { fs, platform: 'win32', pid: 7 });
      await vi.advanceTimersByTimeAsync(19);
      expect(renames()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(renames()).toBe(2);
      expect(await pending).toEqual(ok(undefined));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('syncing the directory', () => {
  it.each(['EINVAL', 'EPERM', 'EISDIR', 'EBADF', 'ENOTSUP', 'EACCES'])(
    '%s from a file system that cannot sync a directory is ignored',
    async (code) => {
      for (const fail of [{ openDir: sysErr(code) }, { syncDir: sysErr(code) }]) {
        const { fs } = fakeFs(fail);
        expect(await atomicWrite(TARGET, 'x', { fs, platform: 'linux', pid: 7 })).toEqual(ok(undefined));
      }
    },
  );

  it('a real I/O error is reported, and the directory handle is still closed', async () => {
    const { fs, calls } = fakeFs({ syncDir: sysErr('EIO', 'input/output error') });
    const r = await atomicWrite(TARGET, 'x', { fs, platform: 'linux', pid: 7 });
    expect(r).toEqual(err(`wrote the file but could not sync ${DIR}: input/output error`));
    expect(calls.at(-1)).toBe('close dir');
  });

  it('an error without a code is reported', async () => {
    const { fs } = fakeFs({ openDir: sysErr(undefined, 'strange') });
    expect(await atomicWrite(TARGET, 'x', { fs, platform: 'linux', pid: 7 })).toEqual(
      err(`wrote the file but could not sync ${DIR}: strange`),
    );
  });

  it('a failing close of the directory is ignored', async () => {
    const { fs } = fakeFs({ closeDir: sysErr('EIO') });
    expect(await atomicWrite(TARGET, 'x', { fs, platform: 'linux', pid: 7 })).toEqual(ok(undefined));
  });
});

describe('helpers', () => {
  it('ensureDir creates the directory tree private (0700) and reports a failure', async () => {
    const good = fakeFs();
    expect(await ensureDir(DIR, good.fs)).toEqual(ok(undefined));
    expect(good.calls).toEqual([`mkdir ${DIR} true 700`]);
    const bad = fakeFs({ mkdir: sysErr('EROFS', 'read-only file system') });
    expect(await ensureDir(DIR, bad.fs)).toEqual(err(`could not create ${DIR}: read-only file system`));
  });

  it('ensureDir uses the real file system by default', async () => {
    const dir = path.join(await tempDir(), 'a', 'b');
    expect(await ensureDir(dir)).toEqual(ok(undefined));
    expect((await stat(dir)).isDirectory()).toBe(true);
  });

  it('errorCode reads only a string code', () => {
    expect(errorCode(sysErr('EPERM'))).toBe('EPERM');
    expect(errorCode({ code: 1 })).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
    expect(errorCode('EPERM')).toBeUndefined();
    expect(errorCode({})).toBeUndefined();
  });

  it('describeError gives an error message or the value as text', () => {
    expect(describeError(new Error('bad'))).toBe('bad');
    expect(describeError('plain')).toBe('plain');
    expect(describeError({ message: 'not an Error' })).toBe('[object Object]');
  });

  it('tempPrefix is the target name followed by .tmp-', () => {
    expect(tempPrefix('/a/b/settings.json')).toBe('settings.json.tmp-');
  });
});
