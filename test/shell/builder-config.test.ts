import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../main/shell/app-identity.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/** electron-builder's loader and schema validator (internal app-builder-lib/out/util/config/config, pinned). */
interface BuilderConfigModule {
  getConfig(
    projectDir: string,
    configPath: string | null,
    fromOptions: null,
  ): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, logger: unknown): Promise<void>;
}
const builder = require('app-builder-lib/out/util/config/config') as BuilderConfigModule;
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

async function load(file: string) {
  const config = await builder.getConfig(ROOT, path.join(ROOT, file), null);
  await builder.validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder configuration', () => {
  it('base config passes electron-builder schema validation and has the key fields', async () => {
    const c = await load('electron-builder.yml');
    expect(c).toMatchObject({
      appId: APP_ID,
      productName: 'Nomad Tray',
      directories: { output: 'release', buildResources: 'assets' },
      asar: true,
      npmRebuild: false,
      asarUnpack: ['**/node_modules/node-notifier/**'],
      extraResources: [
        { from: 'assets/notify', to: 'notify' },
        { from: 'assets/tray', to: 'tray' },
      ],
      linux: {
        target: ['AppImage', 'deb'],
        category: 'Utility',
        executableName: 'nomad-tray',
        syncDesktopName: true,
      },
      deb: {
        recommends: [],
        depends: expect.arrayContaining(['libnotify-bin', 'libsecret-1-0', 'libnotify4']),
      },
      mac: { target: 'dmg', hardenedRuntime: true, extendInfo: { LSUIElement: true } },
      win: { target: 'nsis' },
    });
    expect(c['files']).toEqual([{ filter: ['out/**/*', '!out/**/*.map', 'package.json'] }]);
    expect(c['electronFuses']).toBeUndefined(); // fuses fail on a stand-in electronDist: release config only
  });

  it('release config extends the base and turns the risky fuses off', async () => {
    const c = await load('electron-builder.release.yml');
    expect(c['appId']).toBe(APP_ID);
    expect(c['extraResources']).toHaveLength(2);
    expect(c['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('rejects an unknown key (proves the validator really runs)', async () => {
    const c = await load('electron-builder.yml');
    await expect(
      builder.validateConfiguration({ ...c, notARealKey: true }, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property/i);
  });
});
