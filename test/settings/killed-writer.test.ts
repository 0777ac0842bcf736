import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../main/core/settings/store.js';
import { listDir, tempDir } from './helpers.js';

const script = fileURLToPath(new URL('./fixtures/save-loop.ts', import.meta.url));
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

/**
 * Runs the save loop until it reported `saves` completed saves (or stalled mid-write at save `stallAt`), then
 * SIGKILLs it; resolves with the last completed save it reported.
 */
function runAndKill(dir: string, saves: number, stallAt?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // node --import tsx: one process, so SIGKILL really kills the writer (npx would leave a grandchild).
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, dir, ...(stallAt === undefined ? [] : [String(stallAt)])],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let last = 0;
    let buffer = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      let stalled = false;
      for (const line of lines) {
        if (line.startsWith('saved ')) last = Number(line.slice('saved '.length));
        if (line.startsWith('stalled ')) stalled = true;
      }
      if ((last >= saves || stalled) && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`writer exited before it was killed: ${stderr}`));
    });
  });
}

describe('a killed writer never leaves a broken file', () => {
  it('SIGKILL during a save loop → next load gets valid settings from one save, and cleans temp files', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    for (const saves of [5, 23, 41]) {
      const lastReported = await runAndKill(dir, saves);
      expect(lastReported).toBeGreaterThanOrEqual(saves);
      const loaded = await createSettingsStore({ dir, clock: () => 0, env: {} }).load();
      expect(loaded.problems).toEqual([]);
      expect(loaded.source).toBe('file');
      // Every cluster comes from the same save: the file was replaced whole, never torn.
      const intervals = new Set(loaded.settings.clusters.map((c) => c.pollIntervalMs));
      expect(intervals.size).toBe(1);
      const n = [...intervals][0]! - 1000;
      // The saved file is the last reported save or the one in flight when the kill landed.
      expect([lastReported, lastReported + 1]).toContain(n);
      expect(loaded.settings.clusters).toHaveLength(64);
      expect(await listDir(dir)).toEqual(['settings.json']);
    }
  });

  it('SIGKILL in the middle of writing the temp file → the old file loads, the half-written temp is removed', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const stallAt = 12;
    const lastReported = await runAndKill(dir, Number.MAX_SAFE_INTEGER, stallAt);
    expect(lastReported).toBe(stallAt - 1);
    const before = await listDir(dir);
    expect(before.filter((n) => n.startsWith('settings.json.tmp-'))).toHaveLength(1);
    const loaded = await createSettingsStore({ dir, clock: () => 0, env: {} }).load();
    expect(loaded.problems).toEqual([]);
    expect(new Set(loaded.settings.clusters.map((c) => c.pollIntervalMs))).toEqual(
      new Set([1000 + stallAt - 1]),
    );
    expect(await listDir(dir)).toEqual(['settings.json']);
  });
});
