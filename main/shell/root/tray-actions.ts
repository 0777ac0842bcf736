/**
 * The tray's behaviour: recompute the TrayModel from the core on every change, and run menu actions against the
 * core. Electron-free (the Tray/Menu rendering is adapters/tray.ts), so every action is unit-tested with a fake
 * core (test/shell/wiring-tray.test.ts).
 */
import type { AppCore } from '../../app/index.js';
import { SNOOZE_CHOICES, toTrayModel, type TrayModel } from '../tray-model.js';
import { readSettings } from './settings-bridge.js';

export type TrayCore = Pick<AppCore, 'trayState' | 'pollNow' | 'pause' | 'resume' | 'snoozeAll' | 'dispatch'>;

export interface TrayActionsDeps {
  core: TrayCore;
  platform: NodeJS.Platform;
  /** Renders a model (adapters/tray.ts apply), absent when no Tray object exists. */
  render?(model: TrayModel): void;
  openWindow(): void;
  quit(): void;
  log?(message: string): void;
}

/** The tray's state and its menu actions. */
export type TrayActions = ReturnType<typeof createTrayActions>;

/** Creates the tray behaviour; call refresh() once at start and on every core event. */
export function createTrayActions(deps: TrayActionsDeps) {
  const { core } = deps;
  let current: TrayModel | null = null;

  /** Recomputes the model from the core, renders it and returns it. */
  const refresh = (): TrayModel => {
    const { views, ...state } = core.trayState();
    current = toTrayModel(views, { ...state, platform: deps.platform });
    deps.render?.(current);
    return current;
  };

  /** "Start at login" goes through settings:save, so the setting, the autostart entry and the window agree. */
  const toggleStartAtLogin = async (): Promise<void> => {
    const settings = await readSettings(core);
    if (settings === null) {
      deps.log?.('start at login: could not read the settings');
      return;
    }
    const next = {
      ...settings,
      global: { ...settings.global, startAtLogin: !core.trayState().startAtLogin },
    };
    const saved = await core.dispatch('settings:save', { settings: next });
    if (!saved.ok) deps.log?.(`start at login: ${saved.error.message}`);
  };

  /** Menu ids and what they do; every one but quit re-renders the tray after it. */
  const actions = new Map<string, () => unknown>([
    ['open', () => deps.openWindow()],
    ['refresh', () => core.pollNow()],
    ...SNOOZE_CHOICES.map(([d]): [string, () => unknown] => [`snooze:${d}`, () => core.snoozeAll(d)]),
    ['resume-notifications', () => core.snoozeAll(null)],
    ['pause-monitoring', () => core.pause()],
    ['resume-monitoring', () => core.resume()],
    ['start-at-login', toggleStartAtLogin],
  ]);

  return {
    refresh,
    /** The last model rendered. */
    model: (): TrayModel => current ?? refresh(),
    /** Runs one menu action by id; unknown ids (cluster lines) do nothing. */
    async act(id: string): Promise<void> {
      if (id === 'quit') return deps.quit();
      const action = actions.get(id);
      if (action === undefined) return;
      await action();
      refresh();
    },
  };
}
