/**
 * Settings file versions. A migration turns the raw JSON of version N into the raw JSON of version N+1; the
 * result is validated with the current schema only at the end. Migrations are pure and never throw.
 * "A settings file from a newer Nomad Tray is never overwritten": load() checks it, and so does every write just
 * before its rename, because a newer Nomad Tray (or a synced config directory) may write the file after we loaded.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../../../common/result.js';
import { parseJsonText } from '../files/index.js';
import { SETTINGS_SCHEMA_VERSION } from '../../../common/settings-schema.js';
import type { FsPort } from './atomic-write.js';

/** Raw JSON of version N → raw JSON of version N+1. */
export type Migration = (raw: Record<string, unknown>) => Result<Record<string, unknown>, string>;

/** Keyed by the version a migration starts FROM. Version 1 is the first released format: nothing to do yet. */
export type MigrationTable = Readonly<Record<number, Migration>>;

/** The production migrations (empty until version 2 exists). */
export const MIGRATIONS: MigrationTable = {};

const VersionedSchema = z.looseObject({ schemaVersion: z.number().int().min(0).optional() });

export type MigrationOutcome =
  | { kind: 'current'; raw: Record<string, unknown>; from: number }
  | { kind: 'newer'; version: number }
  | { kind: 'failed'; message: string };

/**
 * Brings a raw settings object to `current` (default: the schema version this build knows). A file without
 * `schemaVersion` is version 0. A file newer than `current` is reported as such so the caller never overwrites it.
 */
export function migrateRaw(
  raw: unknown,
  migrations: MigrationTable = MIGRATIONS,
  current: number = SETTINGS_SCHEMA_VERSION,
): MigrationOutcome {
  const versioned = VersionedSchema.safeParse(raw);
  if (!versioned.success)
    return { kind: 'failed', message: 'settings must be a JSON object with an integer schemaVersion' };
  const from = versioned.data.schemaVersion ?? 0;
  if (from > current) return { kind: 'newer', version: from };
  let data: Record<string, unknown> = versioned.data;
  for (let v = from; v < current; v++) {
    const step = migrations[v];
    if (step === undefined) return { kind: 'failed', message: `no migration from settings version ${v}` };
    const next = step(data);
    if (!next.ok) return { kind: 'failed', message: `migration from version ${v} failed: ${next.error}` };
    data = { ...next.value, schemaVersion: v + 1 };
  }
  return { kind: 'current', raw: data, from };
}

/** The refusal for a file of settings version `version` (load and save say the same thing). */
export function newerFileReason(file: string, version: number): string {
  return (
    `${file} is from a newer Nomad Tray (settings version ${version}, this one knows ` +
    `${SETTINGS_SCHEMA_VERSION}); not using it and not saving over it until you reset the settings`
  );
}

/**
 * Reads the schemaVersion on disk now: err(reason) when it is newer than this build knows. A missing, unreadable
 * or broken file is not "newer" (load already decided about those), so the write may go on.
 */
export async function refuseIfNewer(fs: FsPort, file: string): Promise<Result<void, string>> {
  const raw = await fs.readFile(file, 'utf8').then(parseJsonText, (e: unknown) => err(e));
  if (!raw.ok) return ok(undefined);
  const seen = migrateRaw(raw.value);
  return seen.kind === 'newer' ? err(newerFileReason(file, seen.version)) : ok(undefined);
}
