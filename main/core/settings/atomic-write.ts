/**
 * Crash-safe file replacement shared by settings and history: write a temp file in the same directory, fsync it,
 * rename it over the target, fsync the directory. A reader (or a process killed mid-write) only ever sees the
 * old file or the new one, never a torn one.
 */
import nodeFs from 'node:fs/promises';
import path from 'node:path';
import { err, ok } from '../../../common/result.js';
import type { Result } from '../../../common/result.js';

/** The slice of node:fs/promises the stores use; inject a fake to simulate EPERM, ENOSPC, ... */
export type FsPort = Pick<
  typeof nodeFs,
  'open' | 'rename' | 'unlink' | 'readFile' | 'readdir' | 'mkdir' | 'copyFile' | 'appendFile' | 'stat'
>;

/** The real file system. */
export const realFs: FsPort = nodeFs;

/** Options of atomicWrite. */
export interface AtomicWriteOptions {
  fs?: FsPort;
  platform?: NodeJS.Platform;
  pid?: number;
  /** File mode of the new file (default 0600: settings and history are private). */
  mode?: number;
  /** Waits between rename retries on Windows (injected so tests need no real delay). */
  delay?: (ms: number) => Promise<void>;
  /** Checked after the temp file is written, just before the rename: an error leaves the target untouched. */
  beforeRename?: () => Promise<Result<void, string>>;
}

let sequence = 0;
const RENAME_RETRIES = 5;
const RETRYABLE_RENAME = new Set(['EPERM', 'EBUSY', 'EACCES']);
const IGNORABLE_DIR_SYNC = new Set(['EINVAL', 'EPERM', 'EISDIR', 'EBADF', 'ENOTSUP', 'EACCES']);

/** The `code` of a Node system error, if any. */
export function errorCode(e: unknown): string | undefined {
  if (e !== null && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

/** A one-line description of a caught value. */
export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The temp-file prefix for a target: `<target>.tmp-`; followed by `<pid>-<n>`. */
export function tempPrefix(target: string): string {
  return `${path.basename(target)}.tmp-`;
}

/**
 * Atomically replaces `target` with `data`. Temp file `<target>.tmp-<pid>-<n>` lives next to the target so the
 * rename never crosses file systems. On Windows, rename is retried on EPERM/EBUSY/EACCES (virus scanners and
 * indexers hold files briefly). The directory fsync is skipped where the platform cannot do it.
 */
export async function atomicWrite(
  target: string,
  data: string,
  options: AtomicWriteOptions = {},
): Promise<Result<void, string>> {
  const fs = options.fs ?? realFs;
  const platform = options.platform ?? process.platform;
  const delay = options.delay ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const dir = path.dirname(target);
  const tmp = path.join(dir, `${tempPrefix(target)}${options.pid ?? process.pid}-${++sequence}`);
  try {
    const handle = await fs.open(tmp, 'w', options.mode ?? 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    return err(`could not write ${tmp}: ${describeError(e)}`);
  }
  const allowed = options.beforeRename ? await options.beforeRename() : ok(undefined);
  if (!allowed.ok) {
    await fs.unlink(tmp).catch(() => undefined);
    return allowed;
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(tmp, target);
      break;
    } catch (e) {
      const code = errorCode(e);
      if (
        platform === 'win32' &&
        code !== undefined &&
        RETRYABLE_RENAME.has(code) &&
        attempt < RENAME_RETRIES
      ) {
        await delay(20 * (attempt + 1));
        continue;
      }
      await fs.unlink(tmp).catch(() => undefined);
      return err(`could not replace ${target}: ${describeError(e)}`);
    }
  }
  return platform === 'win32' ? ok(undefined) : syncDir(fs, dir);
}

/**
 * fsyncs a directory so the rename itself survives a power cut. Platforms and file systems that cannot sync a
 * directory (EINVAL, EPERM, ...) are ignored; a real I/O error is reported.
 */
async function syncDir(fs: FsPort, dir: string): Promise<Result<void, string>> {
  let handle: Awaited<ReturnType<FsPort['open']>> | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
    return ok(undefined);
  } catch (e) {
    const code = errorCode(e);
    if (code !== undefined && IGNORABLE_DIR_SYNC.has(code)) return ok(undefined);
    return err(`wrote the file but could not sync ${dir}: ${describeError(e)}`);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Creates the config directory (0700) when missing. */
export async function ensureDir(dir: string, fs: FsPort = realFs): Promise<Result<void, string>> {
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    return ok(undefined);
  } catch (e) {
    return err(`could not create ${dir}: ${describeError(e)}`);
  }
}
