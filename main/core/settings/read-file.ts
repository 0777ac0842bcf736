/**
 * Reading settings.json: clean temp files of dead writers, parse, migrate, validate. Broken files are renamed to
 * `settings.json.bak-<timestamp>` (never deleted) and every problem is reported with the zod issue paths.
 */
import path from 'node:path';
import type { z } from 'zod';
import { SETTINGS_SCHEMA_VERSION, SettingsSchema } from '../../../common/settings-schema.js';
import type { Settings } from '../../../common/settings-schema.js';
import { describeError, errorCode, tempPrefix } from './atomic-write.js';
import type { FsPort } from './atomic-write.js';
import { err, ok } from '../../../common/result.js';
import type { Result } from '../../../common/result.js';
import { migrateRaw } from './migrate.js';
import { newerFileReason } from './newer-guard.js';
import type { MigrationTable } from './migrate.js';

/** What reading the settings file gave. `fallback` and `blocked` mean "use the defaults". */
export type ReadOutcome =
  | { kind: 'file'; settings: Settings; problems: string[]; migratedFrom?: number }
  | { kind: 'missing' | 'fallback'; problems: string[] }
  | { kind: 'blocked'; reason: string; problems: string[] };

/** Inputs of readSettingsFile. */
export interface ReadOptions {
  file: string;
  fs: FsPort;
  now: number;
  migrations: MigrationTable | undefined;
  ownPid: number;
  isProcessAlive: (pid: number) => boolean;
}

const MAX_ISSUES = 10;

/** zod issues as `path: message` lines (root issues say "settings"), at most ten plus a count of the rest. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues
    .slice(0, MAX_ISSUES)
    .map((i) => `${i.path.length === 0 ? 'settings' : i.path.map(String).join('.')}: ${i.message}`);
  if (issues.length > MAX_ISSUES) lines.push(`… and ${issues.length - MAX_ISSUES} more problems`);
  return lines;
}

/** Reads, migrates and validates settings.json. Never throws; a broken file is kept as a backup. */
export async function readSettingsFile(o: ReadOptions): Promise<ReadOutcome> {
  const problems = await removeStaleTemps(o);
  let text: string;
  try {
    text = await o.fs.readFile(o.file, 'utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return { kind: 'missing', problems };
    const reason = `could not read ${o.file} (${describeError(e)}); using defaults and not saving over it`;
    return { kind: 'blocked', reason, problems: [...problems, reason] };
  }
  const name = path.basename(o.file);
  const setAside = async (what: string, details: string[]): Promise<ReadOutcome> => {
    const backup = await backupExisting(o.fs, o.file, o.now);
    if (!backup.ok) {
      const reason = `${name} ${what}, and ${backup.error}; using defaults and not saving over it`;
      return { kind: 'blocked', reason, problems: [...problems, reason, ...details] };
    }
    const kept = backup.value === null ? '' : `; kept it as ${path.basename(backup.value)}`;
    return {
      kind: 'fallback',
      problems: [...problems, `${name} ${what}${kept}; using defaults`, ...details],
    };
  };

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return setAside(`is not valid JSON (${describeError(e)})`, []);
  }
  const migrated = migrateRaw(raw, o.migrations);
  if (migrated.kind === 'newer') {
    const reason = newerFileReason(o.file, migrated.version);
    return { kind: 'blocked', reason, problems: [...problems, reason] };
  }
  if (migrated.kind === 'failed') return setAside(`could not be upgraded: ${migrated.message}`, []);
  const parsed = SettingsSchema.safeParse(migrated.raw);
  if (!parsed.success)
    return setAside('does not match the settings schema', formatIssues(parsed.error.issues));
  if (migrated.from === SETTINGS_SCHEMA_VERSION) return { kind: 'file', settings: parsed.data, problems };

  // An upgrade rewrites the file: keep the original next to it first.
  const stamp = new Date(o.now).toISOString().replace(/[:.]/g, '-');
  const copy = `${o.file}.bak-v${migrated.from}-${stamp}`;
  try {
    await o.fs.copyFile(o.file, copy);
  } catch (e) {
    problems.push(
      `upgraded ${name} from version ${migrated.from} in memory only: no backup (${describeError(e)})`,
    );
    return { kind: 'file', settings: parsed.data, problems };
  }
  return { kind: 'file', settings: parsed.data, problems, migratedFrom: migrated.from };
}

/** Removes `settings.json.tmp-<pid>-<n>` files left by writers that died (or by this process). */
async function removeStaleTemps(o: ReadOptions): Promise<string[]> {
  const dir = path.dirname(o.file);
  const prefix = tempPrefix(o.file);
  let names: string[];
  try {
    names = await o.fs.readdir(dir);
  } catch {
    return [];
  }
  const problems: string[] = [];
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const pid = Number(n.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== o.ownPid && o.isProcessAlive(pid)) continue;
    await o.fs.unlink(path.join(dir, n)).catch((e: unknown) => {
      problems.push(`could not remove leftover ${n}: ${describeError(e)}`);
    });
  }
  return problems;
}

/** Renames settings.json to a fresh `settings.json.bak-<timestamp>` name; nothing to do when it is missing. */
export async function backupExisting(
  fs: FsPort,
  file: string,
  now: number,
): Promise<Result<string | null, string>> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  for (let n = 0; n < 100; n++) {
    const candidate = `${file}.bak-${stamp}${n === 0 ? '' : `-${n}`}`;
    const exists = await fs.stat(candidate).then(
      () => true,
      () => false,
    );
    if (exists) continue;
    try {
      await fs.rename(file, candidate);
      return ok(candidate);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return ok(null);
      return err(`could not keep ${file} as a backup: ${describeError(e)}`);
    }
  }
  return err(`could not find a free backup name for ${file}`);
}
