#!/usr/bin/env node
/**
 * `nomad-tray` command: runs main/cli/index.ts with the tsx loader of this package, from any directory.
 * Exit code, stdout and stderr are the CLI's own; signals are forwarded so `watch` stops cleanly.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
let loader;
try {
  loader = pathToFileURL(require.resolve('tsx')).href;
} catch {
  process.stderr.write(
    'nomad-tray: the tsx loader is missing; run `npm install` in the nomad-tray directory\n',
  );
  process.exit(70);
}
const child = spawn(
  process.execPath,
  ['--import', loader, path.join(root, 'main/cli/index.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
