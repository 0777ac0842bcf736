/**
 * Reading settings.json: clean temp files of dead writers, parse (a UTF-8 BOM is fine), migrate, validate. A file
 * that cannot be used is left exactly where it is and reported as `unusable` with the zod issue paths: only an
 * explicit user action (reset) moves it. A read-only reader (the CLI) changes nothing on disk, not even temp files.
 */
import path from 'node:path';
import type { z } from 'zod';
import { SETTINGS_SCHEMA_VERSION, SettingsSchema, type Settings } from '../../../common/settings-schema.js';
import { describeError, errorCode, tempPrefix, type FsPort } from './atomic-write.js';
import { err, ok, type Result } from '../../../common/result.js';
import { parseJsonText } from '../files/index.js';
import { migrateRaw, newerFileReason, type MigrationTable } from './migrate.js';
import { unknownKeys, type UnknownKeys } from './unknown-keys.js';

/** Why the file on disk is not used, in one sentence, plus the schema's issue lines. */
export interface UnusableFile {
  reason: string;
  details: string[];
}

/** `unknown`: the keys the schema dropped, to be written back on the next save. */
export type ReadOutcome = { problems: string[] } & (
  | { kind: 'file'; settings: Settings; migratedFrom?: number; unknown: UnknownKeys | null }
  | { kind: 'missing' }
  | ({ kind: 'unusable' } & UnusableFile)
);

export interface ReadOptions {
  file: string;
  fs: FsPort;
  now: number;
  migrations: MigrationTable | undefined;
  isProcessAlive: (pid: number) => boolean;
  /** Change nothing on disk (no temp-file cleanup, no backup before an upgrade). */
  readOnly?: boolean;
}

const MAX_ISSUES = 10;
const BOM = '\uFEFF';

/** zod issues as `path: message` lines (root issues say "settings"), at most ten plus a count of the rest. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues
    .slice(0, MAX_ISSUES)
    .map((i) => `${i.path.length === 0 ? 'settings' : i.path.map(String).join('.')}: ${i.message}`);
  if (issues.length > MAX_ISSUES) lines.push(`… and ${issues.length - MAX_ISSUES} more problems`);
  return lines;
}

/** Reads, migrates and validates settings.json. Never throws, never moves or rewrites the file. */
export async function readSettingsFile(o: ReadOptions): Promise<ReadOutcome> {
  const problems = o.readOnly === true ? [] : await removeStaleTemps(o);
  let text: string;
  try {
    text = await o.fs.readFile(o.file, 'utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return { kind: 'missing', problems };
    return unusable(problems, `could not read ${o.file} (${describeError(e)})`);
  }
  if (text.startsWith(BOM)) text = text.slice(BOM.length);
  const raw = parseJsonText(text);
  if (!raw.ok) return unusable(problems, `${o.file} is not valid JSON (${describeError(raw.error)})`);
  const migrated = migrateRaw(raw.value, o.migrations);
  if (migrated.kind === 'newer') return unusable(problems, newerFileReason(o.file, migrated.version));
  if (migrated.kind === 'failed')
    return unusable(problems, `${o.file} could not be upgraded: ${migrated.message}`);
  const parsed = SettingsSchema.safeParse(migrated.raw);
  if (!parsed.success)
    return unusable(
      problems,
      `${o.file} does not match the settings schema`,
      formatIssues(parsed.error.issues),
    );
  const unknown = unknownKeys(migrated.raw, parsed.data);
  if (migrated.from === SETTINGS_SCHEMA_VERSION || o.readOnly === true)
    return { kind: 'file', settings: parsed.data, problems, unknown };

  // An upgrade rewrites the file: keep the original next to it first.
  const stamp = new Date(o.now).toISOString().replace(/[:.]/g, '-');
  const copy = `${o.file}.bak-v${migrated.from}-${stamp}`;
  try {
    await o.fs.copyFile(o.file, copy);
  } catch (e) {
    problems.push(
      `upgraded ${path.basename(o.file)} from version ${migrated.from} in memory only: no backup (${describeError(e)})`,
    );
    return { kind: 'file', settings: parsed.data, problems, unknown };
  }
  return { kind: 'file', settings: parsed.data, problems, migratedFrom: migrated.from, unknown };
}

/**
 * The file's own bytes can reach the reason (JSON.parse quotes them): control characters are shown as `\xNN`,
 * so a hostile file cannot clear a terminal or fake a line where the reason is printed.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

function visible(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function unusable(problems: string[], rawReason: string, rawDetails: string[] = []): ReadOutcome {
  const reason = visible(rawReason);
  const details = rawDetails.map(visible);
  return { kind: 'unusable', reason, details, problems: [...problems, reason, ...details] };
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
    if (Number.isInteger(pid) && pid !== process.pid && o.isProcessAlive(pid)) continue;
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
