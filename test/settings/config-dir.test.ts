import { describe, expect, it } from 'vitest';
import { configDir } from '../../main/core/settings/paths.js';

describe('configDir: same directory as Electron userData for productName "Nomad Tray"', () => {
  const rows: Array<{
    why: string;
    env: Record<string, string>;
    platform: NodeJS.Platform;
    home: string;
    want: string;
  }> = [
    {
      why: 'linux, no XDG',
      env: {},
      platform: 'linux',
      home: '/home/ann',
      want: '/home/ann/.config/Nomad Tray',
    },
    {
      why: 'linux, XDG_CONFIG_HOME',
      env: { XDG_CONFIG_HOME: '/xdg/cfg' },
      platform: 'linux',
      home: '/home/ann',
      want: '/xdg/cfg/Nomad Tray',
    },
    {
      why: 'linux, empty XDG falls back',
      env: { XDG_CONFIG_HOME: '' },
      platform: 'linux',
      home: '/home/ann',
      want: '/home/ann/.config/Nomad Tray',
    },
    {
      why: 'freebsd like linux',
      env: {},
      platform: 'freebsd',
      home: '/usr/home/bo',
      want: '/usr/home/bo/.config/Nomad Tray',
    },
    {
      why: 'macOS',
      env: { XDG_CONFIG_HOME: '/ignored' },
      platform: 'darwin',
      home: '/Users/ann',
      want: '/Users/ann/Library/Application Support/Nomad Tray',
    },
    {
      why: 'windows APPDATA',
      env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' },
      platform: 'win32',
      home: 'C:\\Users\\ann',
      want: 'C:\\Users\\ann\\AppData\\Roaming\\Nomad Tray',
    },
    {
      why: 'windows without APPDATA',
      env: {},
      platform: 'win32',
      home: 'C:\\Users\\ann',
      want: 'C:\\Users\\ann\\AppData\\Roaming\\Nomad Tray',
    },
    {
      why: 'NOMAD_TRAY_CONFIG_DIR wins everywhere',
      env: { NOMAD_TRAY_CONFIG_DIR: '/srv/tray', XDG_CONFIG_HOME: '/xdg' },
      platform: 'linux',
      home: '/home/ann',
      want: '/srv/tray',
    },
    {
      why: 'NOMAD_TRAY_CONFIG_DIR wins on windows',
      env: { NOMAD_TRAY_CONFIG_DIR: 'D:\\tray', APPDATA: 'C:\\x' },
      platform: 'win32',
      home: 'C:\\Users\\ann',
      want: 'D:\\tray',
    },
  ];
  it.each(rows)('$why', ({ env, platform, home, want }) => {
    expect(configDir(env, platform, home)).toBe(want);
  });
});
