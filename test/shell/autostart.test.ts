import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autostartExecutable,
  createAutostart,
  desktopEntry,
  linuxAutostartPath,
  quoteExecArg,
} from '../../main/shell/autostart.js';
import type { LoginItemsLike } from '../../main/shell/autostart.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'autostart-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('Linux XDG autostart', () => {
  it('writes ~/.config/autostart/nomad-tray.desktop starting the AppImage hidden, and removes it', async () => {
    const auto = createAutostart({
      platform: 'linux',
      home,
      env: { APPIMAGE: '/home/me/Apps/Nomad Tray-0.1.0.AppImage' },
      execPath: '/tmp/.mount_abc/nomad-tray',
    });
    expect((await auto.setEnabled(true)).ok).toBe(true);
    const file = path.join(home, '.config/autostart/nomad-tray.desktop');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('\nExec="/home/me/Apps/Nomad Tray-0.1.0.AppImage" --hidden\n');
    expect(text.startsWith('[Desktop Entry]\nType=Application\nName=Nomad Tray\n')).toBe(true);
    expect((await auto.setEnabled(false)).ok).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect((await auto.setEnabled(false)).ok).toBe(true); // removing twice is fine
  });

  it('uses execPath for deb installs and honours an absolute XDG_CONFIG_HOME', async () => {
    const xdg = path.join(home, 'cfg');
    const auto = createAutostart({
      platform: 'linux',
      home,
      env: { XDG_CONFIG_HOME: xdg },
      execPath: '/opt/Nomad Tray/nomad-tray',
    });
    await auto.setEnabled(true);
    expect(readFileSync(path.join(xdg, 'autostart/nomad-tray.desktop'), 'utf8')).toContain(
      'Exec="/opt/Nomad Tray/nomad-tray" --hidden',
    );
  });

  it('ignores a relative XDG_CONFIG_HOME (the spec requires absolute)', () => {
    expect(linuxAutostartPath('/home/me', { XDG_CONFIG_HOME: 'rel/cfg' })).toBe(
      '/home/me/.config/autostart/nomad-tray.desktop',
    );
  });

  it.each([
    ['/opt/app', '"/opt/app"'],
    ['/opt/a "b"', '"/opt/a \\\\"b\\\\""'],
    ['/opt/$HOME`x`', '"/opt/\\\\$HOME\\\\`x\\\\`"'],
    ['/opt/back\\slash', '"/opt/back\\\\\\\\slash"'],
    ['/opt/100%', '"/opt/100%%"'],
  ])('quotes Exec argument %s as %s', (arg, quoted) => {
    expect(quoteExecArg(arg)).toBe(quoted);
  });

  it('an empty APPIMAGE falls back to execPath', () => {
    expect(autostartExecutable({ APPIMAGE: '' }, '/usr/bin/nomad-tray')).toBe('/usr/bin/nomad-tray');
    expect(desktopEntry('/usr/bin/nomad-tray')).toContain('X-GNOME-Autostart-enabled=true');
  });
});

describe('macOS / Windows login items', () => {
  function fakeItems(): LoginItemsLike & { calls: unknown[] } {
    const calls: unknown[] = [];
    return { calls, setLoginItemSettings: (s) => void calls.push(s) };
  }

  it.each([
    ['win32', { openAtLogin: true, args: ['--hidden'] }],
    ['darwin', { openAtLogin: true }],
  ] as const)('%s uses setLoginItemSettings', async (platform, expected) => {
    const items = fakeItems();
    const auto = createAutostart({ platform, home, env: {}, execPath: 'x', loginItems: items });
    await auto.setEnabled(true);
    expect(items.calls).toEqual([expected]);
    expect(existsSync(path.join(home, '.config'))).toBe(false);
  });

  it('reports missing login items instead of throwing', async () => {
    const auto = createAutostart({ platform: 'darwin', home, env: {}, execPath: 'x' });
    expect(await auto.setEnabled(true)).toEqual({ ok: false, error: 'login items are not available' });
  });
});
