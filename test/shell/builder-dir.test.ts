import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const built = existsSync(path.join(ROOT, 'out/main/index.js'));
if (!built)
  console.warn('skipping the packaging test because out/ is not built (run `npx electron-vite build` first)');

const work = mkdtempSync(path.join(tmpdir(), 'builder-dir-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('electron-builder --linux dir with a stand-in Electron (the only offline packaging path)', () => {
  it.skipIf(!built)(
    'packs out/ + package.json into app.asar, unpacks node-notifier and ships tray/notify icons',
    () => {
      // A stand-in for electron-builder's `electronDist`: a shell script named like the binary plus a version
      // file, since the real binary cannot be downloaded offline.
      const dist = path.join(work, 'electron-dist');
      mkdirSync(dist);
      writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\necho stand-in\n');
      chmodSync(path.join(dist, 'electron'), 0o755);
      writeFileSync(path.join(dist, 'version'), '45.5.0');
      const output = path.join(work, 'release');
      const r = spawnSync(
        path.join(ROOT, 'node_modules/.bin/electron-builder'),
        ['--linux', 'dir', `-c.electronDist=${dist}`, `-c.directories.output=${output}`],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);

      const app = path.join(output, 'linux-unpacked');
      expect(existsSync(path.join(app, 'nomad-tray'))).toBe(true); // linux.executableName
      const resources = path.join(app, 'resources');
      for (const state of ['healthy', 'degraded', 'critical', 'unreachable', 'paused']) {
        expect(existsSync(path.join(resources, 'tray', `${state}.png`)), state).toBe(true);
        expect(existsSync(path.join(resources, 'tray', `${state}@2x.png`)), state).toBe(true);
      }
      expect(existsSync(path.join(resources, 'notify', 'critical.png'))).toBe(true);
      expect(
        existsSync(path.join(resources, 'app.asar.unpacked/node_modules/node-notifier/package.json')),
      ).toBe(true);

      const asar = require('@electron/asar') as { listPackage(file: string): string[] };
      const files = asar.listPackage(path.join(resources, 'app.asar')).map((f) => f.replaceAll('\\', '/'));
      expect(files).toContain('/out/main/index.js');
      expect(files).toContain('/out/preload/index.cjs');
      expect(files).toContain('/out/renderer/index.html');
      expect(files).toContain('/package.json');
      const sourceLeaks = files.filter(
        (f) => /^\/(main|renderer|common|test|scripts|assets)\//.test(f) || f.endsWith('.map'),
      );
      expect(sourceLeaks).toEqual([]);
    },
    // electron-builder packs hundreds of files; on a loaded 2-core machine that alone can take minutes.
    300_000,
  );
});
