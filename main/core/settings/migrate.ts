/**
 * Settings file versions. A migration turns the raw JSON of version N into the raw JSON of version N+1; the
 * result is validated with the current schema only at the end. Migrations are pure and never throw.
 */
import { z } from 'zod';
import type { Result } from '../../../common/result.js';
import { SETTINGS_SCHEMA_VERSION } from '../../../common/settings-schema.js';

/** Raw JSON of version N → raw JSON of version N+1. */
export type Migration = (raw: Record<string, unknown>) => Result<Record<string, unknown>, string>;

/** Keyed by the version a migration starts FROM. Version 1 is the first released format: nothing to do yet. */
export type MigrationTable = Readonly<Record<number, Migration>>;

/** The production migrations (empty until version 2 exists). */
export const MIGRATIONS: MigrationTable = {};

const VersionedSchema = z.looseObject({ schemaVersion: z.number().int().min(0).optional() });

/** What the version check of a raw file found. */
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
  if (!versioned.success) {
    return { kind: 'failed', message: 'settings must be a JSON object with an integer schemaVersion' };
  }
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
