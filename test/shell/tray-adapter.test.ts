import { describe, expect, it } from 'vitest';
import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { createTrayAdapter, trayIconFile } from '../../main/shell/adapters/tray.js';
import type { TrayLike } from '../../main/shell/adapters/tray.js';
import type { IconKind } from '../../common/state-table.js';
import type { TrayModel } from '../../main/shell/tray-model.js';

/** A Menu stand-in carrying the template it was built from. */
type FakeMenu = Menu & { template: MenuItemConstructorOptions[] };

function setup() {
  const calls: { image: string[]; tooltip: string[]; menus: FakeMenu[] } = {
    image: [],
    tooltip: [],
    menus: [],
  };
  const loads: IconKind[] = [];
  const actions: string[] = [];
  const images = new Map<IconKind, NativeImage>();
  const tray: TrayLike = {
    setImage: (img) => {
      calls.image.push([...images].find(([, v]) => v === img)?.[0] ?? '?');
    },
    setToolTip: (t) => {
      calls.tooltip.push(t);
    },
    setContextMenu: (m) => {
      if (m !== null) calls.menus.push(m as FakeMenu);
    },
  };
  const adapter = createTrayAdapter({
    tray,
    buildMenu: (template) => Object.assign(Object.create(null), { template }) as FakeMenu,
    loadIcon: (icon) => {
      loads.push(icon);
      const img = Object.create(null) as NativeImage;
      images.set(icon, img);
      return img;
    },
    onAction: (id) => actions.push(id),
  });
  return { adapter, calls, loads, actions };
}

const model = (icon: IconKind, tooltip: string): TrayModel => ({
  icon,
  tooltip,
  menu: [
    { id: 'open', label: 'Open Nomad Tray', enabled: true, type: 'normal' },
    { id: 'separator-1', label: '', enabled: true, type: 'separator' },
    { id: 'cluster:prod', label: 'prod — healthy', enabled: false, type: 'normal' },
    {
      id: 'snooze',
      label: 'Snooze',
      enabled: true,
      type: 'submenu',
      submenu: [{ id: 'snooze:1h', label: '1 hour', enabled: true, type: 'normal' }],
    },
    { id: 'start-at-login', label: 'Start at login', enabled: true, type: 'checkbox', checked: true },
  ],
});

describe('tray adapter', () => {
  it('sets image, tooltip and a freshly built menu; swaps the image only when the icon changes', () => {
    const { adapter, calls, loads } = setup();
    adapter.apply(model('healthy', 'a'));
    adapter.apply(model('healthy', 'b'));
    adapter.apply(model('critical', 'c'));
    adapter.apply(model('healthy', 'd'));
    expect(calls.image).toEqual(['healthy', 'critical', 'healthy']);
    expect(loads).toEqual(['healthy', 'critical']); // each image loaded once
    expect(calls.tooltip).toEqual(['a', 'b', 'c', 'd']);
    expect(calls.menus).toHaveLength(4);
  });

  it('translates the model into an Electron template and dispatches clicks by id', () => {
    const { adapter, calls, actions } = setup();
    adapter.apply(model('healthy', 't'));
    const template = calls.menus[0]?.template ?? [];
    expect(template.map(({ click: _click, submenu: _sub, ...rest }) => rest)).toEqual([
      { id: 'open', label: 'Open Nomad Tray', enabled: true, type: 'normal' },
      { id: 'separator-1', type: 'separator' },
      { id: 'cluster:prod', label: 'prod — healthy', enabled: false, type: 'normal' },
      { id: 'snooze', label: 'Snooze', enabled: true, type: 'submenu' },
      { id: 'start-at-login', label: 'Start at login', enabled: true, type: 'checkbox', checked: true },
    ]);
    const click = (item: MenuItemConstructorOptions | undefined): void => {
      (item?.click as (() => void) | undefined)?.();
    };
    click(template[0]);
    const submenu = template[3]?.submenu;
    click(Array.isArray(submenu) ? submenu[0] : undefined);
    click(template[4]);
    expect(actions).toEqual(['open', 'snooze:1h', 'start-at-login']);
  });

  it('picks the platform icon file: Template PNG on macOS, .ico on Windows, PNG on Linux', () => {
    expect(trayIconFile('/r/tray', 'degraded', 'darwin')).toBe('/r/tray/degradedTemplate.png');
    expect(trayIconFile('/r/tray', 'degraded', 'win32')).toMatch(/degraded\.ico$/);
    expect(trayIconFile('/r/tray', 'degraded', 'linux')).toBe('/r/tray/degraded.png');
  });
});
