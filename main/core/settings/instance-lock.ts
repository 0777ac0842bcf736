/**
 * One Nomad Tray instance (desktop app or browser mode) per config directory: two would both save settings and
 * compact history, and the last writer would silently win. `instance.lock` in the directory names the running
 * instance (PID, mode, browser-mode URL without its token); a crash releases it (the PID is dead). The CLI
 * does not take it: its commands only read settings.
 */
import path from 'node:path';
import { err, ok, type Result } from '../../../common/result.js';
import { ensureDir } from './atomic-write.js';
import { tryLock, type HeldLock, type LockHolder } from './file-lock.js';
import { isPidAlive } from './store.js';

export const INSTANCE_LOCK_FILE = 'instance.lock';

export interface InstanceLockOptions {
  dir: string;
  mode: 'electron' | 'browser';
  pid?: number;
  isAlive?: (pid: number) => boolean;
  /** Epoch ms (shown to a refused second start). */
  now: number;
}

/** The one line a refused second start prints. */
export function alreadyRunningLine(dir: string, holder: LockHolder): string {
  const mode = holder.info['mode'] === 'electron' ? 'the desktop app' : 'browser mode';
  const url = holder.info['url'] === undefined ? '' : ` at ${holder.info['url']}`;
  const since = holder.info['since'] === undefined ? '' : `, since ${holder.info['since']}`;
  return (
    `Nomad Tray is already running for ${dir} (${mode}, PID ${holder.pid}${url}${since}); ` +
    `use that one, stop it first, or pick another directory with --config DIR`
  );
}

/**
 * Takes the directory's instance lock, or says who holds it (err: one line for the user). A lock that cannot
 * be taken for a file-system reason (no hard links on this file system, read-only directory) is reported as
 * a warning and the start goes on unlocked: better two instances than none.
 */
export async function acquireInstanceLock(
  o: InstanceLockOptions,
): Promise<Result<{ lock: HeldLock | null; warning?: string }, string>> {
  const made = await ensureDir(o.dir);
  if (!made.ok) return ok({ lock: null, warning: made.error });
  const file = path.join(o.dir, INSTANCE_LOCK_FILE);
  const info = { mode: o.mode, since: new Date(o.now).toISOString() };
  const got = await tryLock(file, info, { isAlive: o.isAlive ?? isPidAlive, pid: o.pid });
  if (got.ok) return ok({ lock: got.value });
  if (got.error.kind === 'held') return err(alreadyRunningLine(o.dir, got.error.holder));
  return ok({ lock: null, warning: `running without the one-instance lock: ${got.error.message}` });
}
