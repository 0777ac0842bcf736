/**
 * Reading the settings through the core's own `settings:get`, so the shell never reads settings.json itself.
 */
import type { SettingsView } from '../../../common/ipc-contract.js';
import type { Settings } from '../../../common/settings-schema.js';
import type { AppCore } from '../../app/index.js';

/** The settings in force as the core's `settings:get` answers them (checked there); null when it fails. */
export async function readSettings(core: Pick<AppCore, 'dispatch'>): Promise<Settings | null> {
  const got = await core.dispatch('settings:get', {});
  return got.ok ? (got.value as SettingsView).settings : null;
}

/** The current `global.closeToTray`; true (the default) when the settings cannot be read. */
export async function readCloseToTray(core: Pick<AppCore, 'dispatch'>): Promise<boolean> {
  return (await readSettings(core))?.global.closeToTray ?? true;
}
