/**
 * An inter-process lock file that a crash releases: `<name>.lock` holds the owner's PID (plus what the owner
 * wants others to read, e.g. its URL). It is created whole and atomically (written to a temp file, then
 * hard-linked into place, which fails when the lock exists), so nobody ever reads a half-written lock. A lock
 * whose PID is no longer alive (or whose text is garbage) is stale and taken over: it is removed only under a
 * short-lived takeover guard and only while it is still the very lock judged stale, so processes taking over
 * at once cannot both win. Used for the one-instance-per-config-directory lock and around history writes.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { err, ok, type Result } from '../../../common/result.js';
import { parseJsonText } from '../files/index.js';
import { atomicWrite, describeError, errorCode } from './atomic-write.js';

export interface LockHolder {
  pid: number;
  /** Free-form facts for whoever is refused (mode, URL, start time); never secrets. */
  info: Record<string, string>;
}

export interface HeldLock {
  readonly file: string;
  /** Replaces the info others read (the lock stays held throughout). */
  update(info: Record<string, string>): Promise<Result<void, string>>;
  /** Removes the lock file if it is still this holder's. Idempotent. */
  release(): Promise<void>;
}

/** Why tryLock did not get the lock: someone alive holds it, or the file system failed. */
export type LockRefusal = { kind: 'held'; holder: LockHolder } | { kind: 'error'; message: string };

export interface LockOptions {
  pid?: number;
  isAlive: (pid: number) => boolean;
}

/** Bounded retries while racers take turns at the takeover guard (each waits a moment). */
const MAX_ATTEMPTS = 200;

function lockText(pid: number, nonce: string, info: Record<string, string>): string {
  return `${JSON.stringify({ pid, nonce, info })}\n`;
}

/** Parses a lock file; null when it is not one (garbage counts as stale). */
export function parseLock(text: string): (LockHolder & { nonce: string }) | null {
  const raw = parseJsonText(text);
  if (!raw.ok || typeof raw.value !== 'object' || raw.value === null) return null;
  const { pid, nonce, info } = raw.value as Record<string, unknown>;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0 || typeof nonce !== 'string') return null;
  const facts: Record<string, string> = {};
  if (typeof info === 'object' && info !== null)
    for (const [k, v] of Object.entries(info)) if (typeof v === 'string') facts[k] = v;
  return { pid, nonce, info: facts };
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return null;
    throw e;
  }
}

/** Tries once (taking over a stale lock) to hold `file`. Never throws. */
export async function tryLock(
  file: string,
  info: Record<string, string>,
  options: LockOptions,
): Promise<Result<HeldLock, LockRefusal>> {
  const pid = options.pid ?? process.pid;
  const nonce = randomBytes(8).toString('hex');
  const tmp = `${file}.tmp-${pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.writeFile(tmp, lockText(pid, nonce, info), { mode: 0o600 });
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        await fs.link(tmp, file);
        return ok(heldLock(file, pid, nonce));
      } catch (e) {
        if (errorCode(e) !== 'EEXIST') throw e;
      }
      const seen = await readOrNull(file);
      if (seen === null) continue; // released meanwhile: try again
      const holder = parseLock(seen);
      if (holder !== null && options.isAlive(holder.pid))
        return err({ kind: 'held', holder: { pid: holder.pid, info: holder.info } });
      // Stale: removed under the takeover guard (`<file>.takeover`, created like the lock itself), so only one
      // racer removes it, and only while it is still the very lock judged stale. While the guard is there no
      // one else removes the lock, and nobody can link a new one over it, so "still the same" stays true until
      // the unlink.
      const guard = `${file}.takeover`;
      try {
        await fs.link(tmp, guard);
      } catch (e) {
        if (errorCode(e) !== 'EEXIST') throw e;
        const owner = parseLock((await readOrNull(guard)) ?? '');
        // Its holder died in the middle of a takeover: clear it (the only window this design leaves open).
        if (owner === null || !options.isAlive(owner.pid)) await fs.unlink(guard).catch(() => undefined);
        else await new Promise((resolve) => setTimeout(resolve, 2));
        continue;
      }
      try {
        if ((await readOrNull(file)) === seen) await fs.unlink(file).catch(() => undefined);
      } finally {
        await fs.unlink(guard).catch(() => undefined);
      }
    }
    return err({ kind: 'error', message: `could not take ${file}: it keeps changing` });
  } catch (e) {
    return err({ kind: 'error', message: `could not take ${file}: ${describeError(e)}` });
  } finally {
    await fs.unlink(tmp).catch(() => undefined);
  }
}

function heldLock(file: string, pid: number, nonce: string): HeldLock {
  let released = false;
  const mine = async (): Promise<boolean> => {
    const text = await readOrNull(file).catch(() => null);
    return text !== null && parseLock(text)?.nonce === nonce;
  };
  return {
    file,
    async update(info) {
      if (released || !(await mine())) return err(`${file} is no longer held by this process`);
      const written = await atomicWrite(file, lockText(pid, nonce, info), { pid });
      return written.ok ? written : err(`could not update ${file}: ${written.error}`);
    },
    async release() {
      if (released) return;
      released = true;
      if (await mine()) await fs.unlink(file).catch(() => undefined);
    },
  };
}

/** Waits for a lock, retrying with a growing pause (real time: another process holds it), up to `timeoutMs`. */
export async function waitForLock(
  file: string,
  info: Record<string, string>,
  options: LockOptions & { timeoutMs: number },
): Promise<Result<HeldLock, LockRefusal>> {
  const deadline = Date.now() + options.timeoutMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    const got = await tryLock(file, info, options);
    if (got.ok || got.error.kind === 'error' || Date.now() >= deadline) return got;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
