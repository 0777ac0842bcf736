/**
 * Finds an Electron runtime WITHOUT loading the `electron` package (its index.js downloads the binary on
 * first require, which hangs or fails offline). Returns { path } or { missing: reason }.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const executableByPlatform = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

export function findElectronRuntime(root = process.cwd(), env = process.env, platform = process.platform) {
  const exe = executableByPlatform[platform] ?? 'electron';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(env.ELECTRON_OVERRIDE_DIST_PATH, exe);
    return existsSync(p) ? { path: p } : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no ${exe}` };
  }
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(pkg)) return { missing: 'the electron package is not installed (run npm ci)' };
  const pathTxt = join(pkg, 'path.txt');
  if (!existsSync(pathTxt))
    return { missing: 'Electron runtime not installed (its binary could not be downloaded)' };
  const p = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(p) ? { path: p } : { missing: `Electron runtime missing at ${p}` };
}
