/**
 * One instance per config directory, with real processes: a second browser mode on the same directory refuses
 * with one line naming the first (PID and URL) and a non-zero exit; a lock left by a SIGKILLed instance does
 * not block the next start; the CLI's read-only commands still run beside a running instance.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsFile, waitFor } from '../app/helpers.js';
import { cleanEnv, ROOT, runCli, runNode } from '../cli/run-cli.js';
import type { CliResult } from '../cli/run-cli.js';
import { useTempDirs } from '../support/tmp.js';
import { startBrowserProcess } from './browser-process.js';

const newDir = useTempDirs('one-instance');
const ENTRY = path.join(ROOT, 'main', 'browser', 'index.ts');

async function lockPid(dir: string): Promise<number> {
  return (JSON.parse(await readFile(path.join(dir, 'instance.lock'), 'utf8')) as { pid: number }).pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs browser mode to its exit (it must refuse, so it exits by itself; bounded by the test timeout). */
function runSecond(dir: string): Promise<CliResult> {
  return runNode(['--import', 'tsx', ENTRY, '--no-open', '--config', dir]);
}

describe('one instance per config directory', { timeout: 120_000 }, () => {
  it('a second browser mode refuses and names the first; the CLI still reads beside it', async () => {
    const dir = await newDir();
    await writeFile(
      path.join(dir, 'settings.json'),
      settingsFile([{ id: 'c', addresses: ['http://127.0.0.1:1'] }]),
    );
    const first = await startBrowserProcess(dir, {});
    try {
      const second = await runSecond(dir);
      expect(second.code).toBe(1);
      expect(second.stdout).toBe('');
      const lines = second.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`Nomad Tray is already running for ${dir}`);
      expect(lines[0]).toContain(`PID ${await lockPid(dir)}`);
      expect(lines[0]).toContain(`${first.origin}/`);
      expect(second.stderr).not.toContain(first.token);
      expect(await readFile(path.join(dir, 'instance.lock'), 'utf8')).not.toContain(first.token);

      // Read-only CLI commands are not blocked (the configured agent is a closed port: exit 2).
      const cli = await runCli(['status', '--json'], { ...cleanEnv(), NOMAD_TRAY_CONFIG_DIR: dir });
      expect(cli.code).toBe(2);
      expect(cli.stderr).not.toContain('already running');
    } finally {
      await first.stop();
    }
    // A clean stop releases the lock.
    await expect(readFile(path.join(dir, 'instance.lock'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('a lock left by a SIGKILLed instance does not block the next start', async () => {
    const dir = await newDir();
    const killed = await startBrowserProcess(dir, {});
    // The lock names browser mode itself (start.mjs's child): SIGKILL both, so no cleanup code runs.
    const pid = await lockPid(dir);
    process.kill(pid, 'SIGKILL');
    killed.child.kill('SIGKILL');
    await killed.exited;
    await waitFor('the killed instance to be gone', () => !alive(pid), 30_000);
    expect(await lockPid(dir)).toBe(pid); // the stale lock is still there
    const next = await startBrowserProcess(dir, {});
    try {
      expect(next.stderr()).not.toContain('already running');
    } finally {
      await next.stop();
    }
  });
});
