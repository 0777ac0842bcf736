/** Private temporary directories for tests that touch the file system. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** A fresh empty directory under the OS temp dir, named `nomad-tray-<label>-XXXXXX` so leftovers say whose. */
export async function tempDir(label: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `nomad-tray-${label}-`));
}

/**
 * Fresh temp dirs removed after each test of the calling file (registers an afterEach hook, so call it at the
 * top level of a test file). Returns the function that makes one.
 */
export function useTempDirs(label: string): () => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
  });
  return async () => {
    const d = await tempDir(label);
    dirs.push(d);
    return d;
  };
}
