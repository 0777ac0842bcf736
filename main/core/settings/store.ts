/**
 * The settings store: loads settings.json (migrating old versions), saves it atomically, one writer at a time,
 * keeping keys it does not know. A file it cannot use (broken, unreadable, from a newer Nomad Tray) is never
 * moved or overwritten: load reports it and yields no cluster at all (never another cluster in its place) until
 * the user fixes the file or resets, which keeps it as a backup.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../../common/result.js';
import { SETTINGS_SCHEMA_VERSION, SettingsSchema, type Settings } from '../../../common/settings-schema.js';
import { atomicWrite, describeError, ensureDir, errorCode, realFs, type FsPort } from './atomic-write.js';
import { serialQueue } from '../files/index.js';
import { defaultSettings } from './defaults.js';
import { backupExisting, formatIssues, readSettingsFile, type UnusableFile } from './read-file.js';
import { withUnknownKeys, type UnknownKeys } from './unknown-keys.js';
import { refuseIfNewer, type MigrationTable } from './migrate.js';
import { SETTINGS_FILE, type ConfigEnv } from './paths.js';

/** The outcome of load(): always usable settings, plus every problem met on the way. */
export interface LoadedSettings {
  settings: Settings;
  problems: string[];
  /** Where they came from; `unusable`: a settings file exists but cannot be used (no clusters). */
  source: 'file' | 'defaults' | 'env' | 'unusable';
  /** Set when an older file was migrated (and rewritten) on this load. */
  migratedFrom?: number;
  /** Set when source is `unusable`: why, with the schema's issue lines. */
  unusable?: UnusableFile;
}

export interface SettingsStoreOptions {
  dir: string;
  /** Epoch milliseconds (names backup files). */
  clock: () => number;
  env: ConfigEnv;
  fs?: FsPort;
  migrations?: MigrationTable;
  platform?: NodeJS.Platform;
  /** Whether a process is alive: temp files of dead writers are removed on load. */
  isProcessAlive?: (pid: number) => boolean;
  /** Never change anything on disk (the CLI): load reads only, save/update/reset refuse. */
  readOnly?: boolean;
}

/** Load / save / update of settings.json. Every operation runs through one queue: one writer at a time. */
export interface SettingsStore {
  readonly path: string;
  load(): Promise<LoadedSettings>;
  /** Validates and writes atomically; refuses to overwrite a file from a newer version or an unreadable one. */
  save(settings: Settings): Promise<Result<void, string>>;
  /** Read-modify-write of the current settings (loading first if needed), serialised with every other write. */
  update(fn: (current: Settings) => Settings): Promise<Result<Settings, string>>;
  /** Explicit user reset: keeps the existing file as a backup and writes the defaults. */
  reset(): Promise<Result<Settings, string>>;
  /** The last loaded or saved settings, undefined before the first load. */
  current(): Settings | undefined;
}

/**
 * The state letter of a Linux process from /proc/<pid>/stat (the field after the parenthesised command name,
 * which may itself hold spaces and parentheses); null where there is no procfs. Pure but for the read.
 */
export function procState(stat: string): string | null {
  const end = stat.lastIndexOf(')');
  return end < 0 ? null : stat.slice(end + 2, end + 3) || null;
}

/**
 * process.kill(pid, 0): alive unless ESRCH. A zombie (killed, never reaped: common in containers whose PID 1
 * does not reap orphans) answers kill(0) too but holds nothing: on Linux its /proc state says Z (or X) and it
 * counts as dead, so a crashed instance's lock is taken over.
 */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return errorCode(e) === 'EPERM';
  }
  try {
    const state = procState(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no procfs (macOS, Windows): kill(0) is all there is
  }
}

/** Creates a settings store for a config directory. Nothing is read or written until load/save is called. */
export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const fs = options.fs ?? realFs;
  const file = path.join(options.dir, SETTINGS_FILE);
  const writeOptions = { fs, platform: options.platform };
  let current: Settings | undefined;
  /** Why saving is refused (newer or unreadable file), null when saving is allowed. */
  let blocked: string | null = null;
  /** Saving before any load would skip the newer-version check: the first save loads first. */
  let loaded = false;
  /** Keys of the loaded file this build does not know: written back on every save. */
  let unknown: UnknownKeys | null = null;
  const readOnly = options.readOnly === true;
  const enqueue = serialQueue();

  /** Writes settings.json; unless `overNewer` (an explicit reset), a file a newer version wrote meanwhile wins. */
  const write = async (settings: Settings, overNewer = false): Promise<Result<void, string>> => {
    if (readOnly) return err(`${file} is opened read-only here; nothing was written`);
    if (blocked !== null) return err(blocked);
    const parsed = SettingsSchema.safeParse(settings);
    if (!parsed.success) return err(`settings not saved: ${formatIssues(parsed.error.issues).join('; ')}`);
    const dir = await ensureDir(options.dir, fs);
    if (!dir.ok) return dir;
    const guard = async (): Promise<Result<void, string>> => {
      const checked = await refuseIfNewer(fs, file);
      if (!checked.ok) blocked = checked.error;
      return checked;
    };
    const text = JSON.stringify(withUnknownKeys(parsed.data, unknown), null, 2);
    const written = await atomicWrite(file, `${text}\n`, {
      ...writeOptions,
      ...(overNewer ? {} : { beforeRename: guard }),
    });
    if (written.ok) current = parsed.data;
    return written;
  };

  const load = async (): Promise<LoadedSettings> => {
    blocked = null;
    loaded = true;
    unknown = null;
    const read = await readSettingsFile({
      file,
      fs,
      now: options.clock(),
      migrations: options.migrations,
      ownPid: process.pid,
      isProcessAlive: options.isProcessAlive ?? isPidAlive,
      readOnly,
    });
    if (read.kind === 'file') {
      current = read.settings;
      unknown = read.unknown;
      if (read.migratedFrom === undefined)
        return { settings: read.settings, problems: read.problems, source: 'file' };
      const saved = await write(read.settings);
      const problems = saved.ok
        ? read.problems
        : [...read.problems, `migrated settings not saved: ${saved.error}`];
      return { settings: read.settings, problems, source: 'file', migratedFrom: read.migratedFrom };
    }
    if (read.kind === 'unusable') {
      blocked = `${read.reason}; it is left as it is and not saved over until you fix it or reset the settings`;
      // Watch nothing: a file that cannot be used never yields another cluster in its place.
      current = SettingsSchema.parse({ schemaVersion: SETTINGS_SCHEMA_VERSION, clusters: [] });
      const { reason, details, problems } = read;
      return { settings: current, source: 'unusable', problems, unusable: { reason, details } };
    }
    const d = defaultSettings(options.env);
    current = d.settings;
    const source = d.fromEnv ? 'env' : 'defaults';
    return { settings: d.settings, source, problems: [...read.problems, ...d.problems] };
  };

  return {
    path: file,
    load: () => enqueue(load),
    save: (settings) =>
      enqueue(async () => {
        if (!loaded) await load();
        return write(settings);
      }),
    update: (fn) =>
      enqueue(async () => {
        const base = loaded && current !== undefined ? current : (await load()).settings;
        let next: Settings;
        try {
          next = fn(base);
        } catch (e) {
          return err(`settings update failed: ${describeError(e)}`);
        }
        const saved = await write(next);
        return saved.ok ? ok(current ?? next) : err(saved.error);
      }),
    reset: () =>
      enqueue(async () => {
        if (readOnly) return err(`${file} is opened read-only here; nothing was written`);
        const backup = await backupExisting(fs, file, options.clock());
        if (!backup.ok) return backup;
        blocked = null;
        unknown = null;
        const { settings } = defaultSettings(options.env);
        const saved = await write(settings, true);
        return saved.ok ? ok(settings) : err(saved.error);
      }),
    current: () => current,
  };
}
