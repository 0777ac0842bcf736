/**
 * Ctrl+C in a terminal sends SIGINT to the whole foreground process group (start.mjs and browser mode alike):
 * browser mode must still shut down cleanly (exit code 0, "stopped" logged), even when a second Ctrl+C follows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserProcess } from './browser-process.js';
import { startBrowserProcess } from './browser-process.js';

const posix = process.platform !== 'win32';
if (!posix) console.warn('ctrl-c-shutdown skipped because process groups and SIGINT are POSIX-only');

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nomad-tray-sigint-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Waits (bounded) for the process to exit; kills the group when it does not. */
async function exitCode(app: BrowserProcess, pgid: number): Promise<number | null | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), 15_000);
  });
  const result = await Promise.race([app.exited, timeout]);
  clearTimeout(timer);
  if (result === 'timeout') process.kill(-pgid, 'SIGKILL');
  return result;
}

describe('Ctrl+C on the process group', () => {
  it.skipIf(!posix)(
    'shuts browser mode down cleanly on SIGINT to the group',
    async () => {
      const app = await startBrowserProcess(dir, {}, 60_000, { detached: true });
      const pgid = app.child.pid;
      if (pgid === undefined) throw new Error('no pid');
      process.kill(-pgid, 'SIGINT');
      process.kill(-pgid, 'SIGINT');
      const code = await exitCode(app, pgid);
      expect({ code, stderr: app.stderr() }).toMatchObject({ code: 0 });
      expect(app.stderr()).toContain('nomad-tray: stopped');
    },
    90_000,
  );
});
