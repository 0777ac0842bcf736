import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../common/settings-schema.js';
import { createSettingsStore } from '../../main/core/settings/store.js';
import { listDir, sampleSettings, tempDir } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

describe('settings writes are serialised', () => {
  it('20 parallel saves → the file is one of them, valid JSON, no temp files left', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const store = createSettingsStore({ dir, clock: () => 0, env: {} });
    const candidates = Array.from({ length: 20 }, (_, i) => sampleSettings(i));
    const results = await Promise.all(candidates.map((s) => store.save(s)));
    expect(results.every((r) => r.ok)).toBe(true);
    const onDisk = SettingsSchema.parse(
      JSON.parse(await fs.readFile(path.join(dir, 'settings.json'), 'utf8')),
    );
    expect(candidates).toContainEqual(onDisk);
    // One queue: the last save issued is the last one written.
    expect(onDisk).toEqual(candidates.at(-1));
    expect(await listDir(dir)).toEqual(['settings.json']);
  });

  it('20 parallel updates each see the previous one (no lost update)', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const store = createSettingsStore({ dir, clock: () => 0, env: {} });
    await store.save(sampleSettings(0));
    const start = sampleSettings(0).global.reminderIntervalMs;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        store.update((s) => ({
          ...s,
          global: { ...s.global, reminderIntervalMs: s.global.reminderIntervalMs + 1 },
        })),
      ),
    );
    const loaded = await createSettingsStore({ dir, clock: () => 0, env: {} }).load();
    expect(loaded.settings.global.reminderIntervalMs).toBe(start + 20);
  });
});
