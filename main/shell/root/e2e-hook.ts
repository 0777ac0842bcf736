/**
 * Test hook for the Playwright e2e suite (test/e2e/electron.test.ts): with NOMAD_TRAY_E2E=1 the main process
 * keeps `globalThis.__nomadTrayE2E`, read with `electronApp.evaluate`. A tray icon cannot be clicked from
 * Playwright and a notification cannot be intercepted, so the hook exposes the tray model, the notices raised,
 * and the menu actions. Absent in normal runs.
 */
import type { Notice } from '../../core/notify/index.js';
import type { TrayModel } from '../tray-model.js';

/** What the e2e suite can read and do. */
export interface E2EHook {
  trayModel(): TrayModel;
  notifications: Notice[];
  /** Runs a tray menu action ("open", "refresh", "pause-monitoring", …). */
  action(id: string): Promise<void>;
  /** What a click on the tray icon does: opens the glance pop-over. */
  clickTray(): void;
  trayHost: boolean;
}

declare global {
  var __nomadTrayE2E: E2EHook | undefined;
}
