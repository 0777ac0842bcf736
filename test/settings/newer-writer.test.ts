/**
 * "A settings file from a newer Nomad Tray is never overwritten" also holds when the newer version writes the file
 * AFTER we loaded it: every write re-reads the on-disk schemaVersion just before its rename.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA_VERSION } from '../../common/settings-schema.js';
import { realFs } from '../../main/core/settings/atomic-write.js';
import type { FsPort } from '../../main/core/settings/atomic-write.js';
import { createSettingsStore } from '../../main/core/settings/store.js';
import { defaultSettings } from '../../main/core/settings/defaults.js';
import { useTempDirs } from '../support/tmp.js';
import { listDir, sampleSettings } from './helpers.js';

const clock = (): number => Date.UTC(2025, 4, 1, 12, 3, 5, 123);
const newDir = useTempDirs('settings-newer');
const future = JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION + 1, clusters: [], hologram: true });

describe('settings store: a newer writer after load', () => {
  it('refuses to save over a file a newer version wrote after load, with the load-time error', async () => {
    const dir = await newDir();
    const file = path.join(dir, 'settings.json');
    const store = createSettingsStore({ dir, clock, env: {} });
    expect((await store.save(sampleSettings(1))).ok).toBe(true);
    await fs.writeFile(file, future); // the newer Nomad Tray writes now

    const saved = await store.save(sampleSettings(2));
    const fresh = await createSettingsStore({ dir, clock, env: {} }).load();
    expect(saved).toEqual({ ok: false, error: fresh.problems[0] });
    expect(fresh.problems[0]).toContain(`settings version ${SETTINGS_SCHEMA_VERSION + 1}`);
    expect((await store.update((s) => s)).ok).toBe(false);
    expect(await fs.readFile(file, 'utf8')).toBe(future);
    expect(await listDir(dir)).toEqual(['settings.json']); // no temp file left behind

    // An explicit reset still wins (keeping the newer file as a backup).
    expect(await store.reset()).toEqual({ ok: true, value: defaultSettings({}).settings });
    const backup = (await listDir(dir)).find((n) => n.startsWith('settings.json.bak-'));
    expect(await fs.readFile(path.join(dir, backup ?? 'missing'), 'utf8')).toBe(future);
  });

  it('checks just before the rename: a newer write while the temp file is written still wins', async () => {
    const dir = await newDir();
    const file = path.join(dir, 'settings.json');
    let armed = false;
    const racing: FsPort = {
      ...realFs,
      open: (async (p: string, flags: string, mode?: number) => {
        const handle = await realFs.open(p, flags, mode);
        if (armed && p.includes('.tmp-')) await fs.writeFile(file, future);
        return handle;
      }) as FsPort['open'],
    };
    const store = createSettingsStore({ dir, clock, env: {}, fs: racing });
    expect((await store.save(sampleSettings(1))).ok).toBe(true);
    armed = true;
    const saved = await store.save(sampleSettings(2));
    expect(saved.ok).toBe(false);
    expect(await fs.readFile(file, 'utf8')).toBe(future);
    expect(await listDir(dir)).toEqual(['settings.json']);
  });

  it('an ordinary save over an older-or-equal file still works', async () => {
    const dir = await newDir();
    const store = createSettingsStore({ dir, clock, env: {} });
    expect((await store.save(sampleSettings(1))).ok).toBe(true);
    expect((await store.save(sampleSettings(2))).ok).toBe(true);
    const loaded = await createSettingsStore({ dir, clock, env: {} }).load();
    expect(loaded.settings.clusters).toEqual(sampleSettings(2).clusters);
  });
});
