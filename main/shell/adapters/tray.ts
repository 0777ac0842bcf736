/**
 * Renders a TrayModel into Electron's Tray + Menu. No decisions here: the model (tray-model.ts) decides, this
 * file translates. Electron objects are injected so the adapter is tested with fakes.
 */
import path from 'node:path';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { IconKind } from '../../../common/state-table.js';
import type { MenuItemModel, TrayModel } from '../tray-model.js';

export type TrayLike = Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu'>;

/** Injected pieces: the tray, `Menu.buildFromTemplate`, an icon loader, and the click dispatcher. */
export interface TrayAdapterDeps {
  tray: TrayLike;
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  loadIcon: (icon: IconKind) => NativeImage;
  onAction: (id: string) => void;
}

/**
 * The icon file for a state and platform inside the packaged `tray` resources directory: macOS gets the
 * black+alpha `Template` images (the system recolours them), Windows the multi-size `.ico`, Linux the PNG
 * (Electron picks up `@2x` next to it on HiDPI).
 */
export function trayIconFile(trayDir: string, icon: IconKind, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return path.join(trayDir, `${icon}Template.png`);
  if (platform === 'win32') return path.join(trayDir, `${icon}.ico`);
  return path.join(trayDir, `${icon}.png`);
}

/** Translates one model item into Electron's template shape; clicks go to onAction with the item id. */
export function toMenuTemplate(
  items: readonly MenuItemModel[],
  onAction: (id: string) => void,
): MenuItemConstructorOptions[] {
  return items.map((m): MenuItemConstructorOptions => {
    if (m.type === 'separator') return { id: m.id, type: 'separator' };
    const base = { id: m.id, label: m.label, enabled: m.enabled, type: m.type };
    if (m.type === 'submenu') return { ...base, submenu: toMenuTemplate(m.submenu ?? [], onAction) };
    const item = { ...base, click: () => onAction(m.id) };
    return m.type === 'checkbox' ? { ...item, checked: m.checked ?? false } : item;
  });
}

/**
 * Creates the adapter. The image is only swapped when the icon changes (avoids flicker on some panels); the
 * tooltip and the whole menu are set on every apply, because Linux hosts need a fresh menu to show changes.
 */
export function createTrayAdapter(deps: TrayAdapterDeps): { apply(model: TrayModel): void } {
  const images = new Map<IconKind, NativeImage>();
  let shownIcon: IconKind | null = null;
  const image = (icon: IconKind): NativeImage => {
    let img = images.get(icon);
    if (img === undefined) {
      img = deps.loadIcon(icon);
      images.set(icon, img);
    }
    return img;
  };
  return {
    apply(model) {
      if (model.icon !== shownIcon) {
        deps.tray.setImage(image(model.icon));
        shownIcon = model.icon;
      }
      deps.tray.setToolTip(model.tooltip);
      deps.tray.setContextMenu(deps.buildMenu(toMenuTemplate(model.menu, deps.onAction)));
    },
  };
}
