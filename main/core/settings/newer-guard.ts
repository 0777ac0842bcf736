/**
 * "A settings file from a newer Nomad Tray is never overwritten": load() checks it, and so does every write just
 * before its rename, because a newer Nomad Tray (or a synced config directory) may write the file after we loaded.
 */
import { z } from 'zod';
import { err, ok } from '../../../common/result.js';
import type { Result } from '../../../common/result.js';
import { SETTINGS_SCHEMA_VERSION } from '../../../common/settings-schema.js';
import type { FsPort } from './atomic-write.js';

const VersionOnly = z.object({ schemaVersion: z.number() });

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
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return ok(undefined);
  }
  const parsed = VersionOnly.safeParse(raw);
  if (parsed.success && parsed.data.schemaVersion > SETTINGS_SCHEMA_VERSION)
    return err(newerFileReason(file, parsed.data.schemaVersion));
  return ok(undefined);
}
