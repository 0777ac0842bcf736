/**
 * Small bridges between the shell and the app core: reading the `closeToTray` setting through the core's own
 * `settings:get` (so the shell never reads settings.json itself), and the desktop Autostart seen through the
 * core's `{ get, set }` port.
 */
import type { SettingsView } from '../../../common/ipc-contract.js';
import type { Settings } from '../../../common/settings-schema.js';
import type { AppCore, AppCoreDeps } from '../../app/index.js';
import type { Autostart } from '../autostart.js';

/** The settings in force as the core's `settings:get` answers them (checked there); null when it fails. */
export async function readSettings(core: Pick<AppCore, 'dispatch'>): Promise<Settings | null> {
  const got = await core.dispatch('settings:get', {});
  return got.ok ? (got.value as SettingsView).settings : null;
}

/** The current `global.closeToTray`; true (the default) when the settings cannot be read. */
export async function readCloseToTray(core: Pick<AppCore, 'dispatch'>): Promise<boolean> {
  return (await readSettings(core))?.global.closeToTray ?? true;
}

/** Adapts the shell's Autostart (errors as values) to the core's port, whose `set` reports failure by throwing. */
export function toAppAutostart(autostart: Autostart): NonNullable<AppCoreDeps['autostart']> {
  return {
    get: () => autostart.isEnabled(),
    async set(on) {
      const done = await autostart.setEnabled(on);
      if (!done.ok) throw new Error(done.error);
    },
  };
}
