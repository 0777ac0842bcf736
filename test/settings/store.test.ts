import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA_VERSION, SettingsSchema } from '../../common/settings-schema.js';
import { createSettingsStore } from '../../main/core/settings/store.js';
import { defaultSettings } from '../../main/core/settings/defaults.js';
import { realFs } from '../../main/core/settings/atomic-write.js';
import type { FsPort } from '../../main/core/settings/atomic-write.js';
import { useTempDirs } from '../support/tmp.js';
import { listDir, sampleSettings } from './helpers.js';

const NOW = Date.UTC(2025, 4, 1, 12, 3, 5, 123);
const clock = (): number => NOW;
const newDir = useTempDirs('settings');

describe('settings store: load and save', () => {
  it('no file → defaults from the environment, source env (or defaults when no NOMAD_* is set)', async () => {
    const dir = await newDir();
    const env = { NOMAD_ADDR: 'https://nomad.example:4646', NOMAD_TOKEN: 'x' };
    const fromEnv = await createSettingsStore({ dir, clock, env }).load();
    expect(fromEnv.source).toBe('env');
    expect(fromEnv.settings).toEqual(defaultSettings(env).settings);
    expect(fromEnv.problems).toEqual([]);
    const plain = await createSettingsStore({ dir, clock, env: {} }).load();
    expect(plain.source).toBe('defaults');
    expect(plain.settings).toEqual(defaultSettings({}).settings);
    expect(await listDir(dir)).toEqual([]);
  });

  it('round trip: what is saved is what is loaded; file 0600 in a 0700 dir', async () => {
    const dir = path.join(await newDir(), 'Nomad Tray');
    const settings = sampleSettings(7);
    const store = createSettingsStore({ dir, clock, env: {} });
    expect(await store.save(settings)).toEqual({ ok: true, value: undefined });
    const loaded = await createSettingsStore({ dir, clock, env: {} }).load();
    expect(loaded).toEqual({ settings, problems: [], source: 'file' });
    if (process.platform !== 'win32') {
      expect((await fs.stat(path.join(dir, 'settings.json'))).mode & 0o777).toBe(0o600);
      expect((await fs.stat(dir)).mode & 0o777).toBe(0o700);
    }
    expect(await listDir(dir)).toEqual(['settings.json']);
  });

  it('save refuses invalid settings with the issue path, and the file is untouched', async () => {
    const dir = await newDir();
    const store = createSettingsStore({ dir, clock, env: {} });
    const good = sampleSettings(1);
    await store.save(good);
    const bad = { ...good, clusters: [{ ...good.clusters[0]!, pollIntervalMs: -1 }] };
    const r = await store.save(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('clusters.0.pollIntervalMs');
    expect((await createSettingsStore({ dir, clock, env: {} }).load()).settings).toEqual(good);
  });

  it('corrupt JSON → the file stays where it is, untouched; no cluster; the reason is reported', async () => {
    const dir = await newDir();
    const garbage = '{"schemaVersion": 1, "clusters": [';
    const file = path.join(dir, 'settings.json');
    await fs.writeFile(file, garbage);
    const store = createSettingsStore({ dir, clock, env: { NOMAD_ADDR: 'http://10.9.9.9:4646' } });
    const loaded = await store.load();
    expect(loaded.source).toBe('unusable');
    expect(loaded.settings.clusters).toEqual([]); // never the NOMAD_ADDR cluster in its place
    expect(loaded.unusable?.reason).toContain('not valid JSON');
    expect(loaded.problems.join('\n')).toContain('not valid JSON');
    expect(await listDir(dir)).toEqual(['settings.json']);
    expect(await fs.readFile(file, 'utf8')).toBe(garbage);
    // Nothing is saved over it either, until the user resets.
    const saved = await store.save(sampleSettings(1));
    expect(saved.ok).toBe(false);
    expect(await fs.readFile(file, 'utf8')).toBe(garbage);
  });

  it('schema-invalid file (pollIntervalMs: -1) → untouched, zod issue path in the details', async () => {
    const dir = await newDir();
    const good = sampleSettings(2);
    const bad = JSON.stringify({ ...good, clusters: [{ ...good.clusters[0], pollIntervalMs: -1 }] });
    await fs.writeFile(path.join(dir, 'settings.json'), bad);
    const env = { NOMAD_ADDR: 'http://127.0.0.1:14646' };
    const loaded = await createSettingsStore({ dir, clock, env }).load();
    expect(loaded.source).toBe('unusable');
    expect(loaded.settings.clusters).toEqual([]);
    expect(loaded.unusable?.details.some((p) => p.startsWith('clusters.0.pollIntervalMs:'))).toBe(true);
    expect(await listDir(dir)).toEqual(['settings.json']);
    expect(await fs.readFile(path.join(dir, 'settings.json'), 'utf8')).toBe(bad);
  });

  it('reset keeps an unusable file as settings.json.bak-<timestamp> and writes the defaults', async () => {
    const dir = await newDir();
    await fs.writeFile(path.join(dir, 'settings.json'), 'not json');
    const store = createSettingsStore({ dir, clock, env: {} });
    expect((await store.load()).source).toBe('unusable');
    expect(await store.reset()).toEqual({ ok: true, value: defaultSettings({}).settings });
    const backups = (await listDir(dir)).filter((n) => n.startsWith('settings.json.bak-'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toContain(new Date(NOW).toISOString().slice(0, 10));
    expect(await fs.readFile(path.join(dir, backups[0]!), 'utf8')).toBe('not json');
    expect((await createSettingsStore({ dir, clock, env: {} }).load()).source).toBe('file');
  });

  it('a UTF-8 BOM (as Windows editors write it) is accepted', async () => {
    const dir = await newDir();
    const settings = sampleSettings(2);
    await fs.writeFile(path.join(dir, 'settings.json'), `\uFEFF${JSON.stringify(settings)}`);
    const loaded = await createSettingsStore({ dir, clock, env: {} }).load();
    expect(loaded.source).toBe('file');
    expect(loaded.settings).toEqual(settings);
  });

  it('a read-only store changes nothing on disk: no migration write, no temp cleanup, save refused', async () => {
    const dir = await newDir();
    const file = path.join(dir, 'settings.json');
    const text = JSON.stringify(sampleSettings(1));
    await fs.writeFile(file, text);
    await fs.writeFile(path.join(dir, 'settings.json.tmp-999999-1'), 'leftover of a dead writer');
    const store = createSettingsStore({ dir, clock, env: {}, readOnly: true, isProcessAlive: () => false });
    expect((await store.load()).source).toBe('file');
    expect((await store.save(sampleSettings(2))).ok).toBe(false);
    expect((await store.reset()).ok).toBe(false);
    expect(await listDir(dir)).toEqual(['settings.json', 'settings.json.tmp-999999-1']);
    expect(await fs.readFile(file, 'utf8')).toBe(text);
  });

  it('a file from a newer version is not overwritten until the user resets', async () => {
    const dir = await newDir();
    const future = JSON.stringify({
      schemaVersion: SETTINGS_SCHEMA_VERSION + 1,
      clusters: [],
      hologram: true,
    });
    const file = path.join(dir, 'settings.json');
    await fs.writeFile(file, future);
    const store = createSettingsStore({ dir, clock, env: {} });
    const loaded = await store.load();
    expect(loaded.source).toBe('unusable');
    expect(loaded.settings.clusters).toEqual([]);
    expect(loaded.problems.join('\n')).toContain(`version ${SETTINGS_SCHEMA_VERSION + 1}`);
    const saved = await store.save(sampleSettings(3));
    expect(saved.ok).toBe(false);
    const updated = await store.update((s) => s);
    expect(updated.ok).toBe(false);
    expect(await fs.readFile(file, 'utf8')).toBe(future);

    const reset = await store.reset();
    expect(reset).toEqual({ ok: true, value: defaultSettings({}).settings });
    const backups = (await listDir(dir)).filter((n) => n.startsWith('settings.json.bak-'));
    expect(await fs.readFile(path.join(dir, backups[0]!), 'utf8')).toBe(future);
    expect(await store.save(sampleSettings(3))).toEqual({ ok: true, value: undefined });
  });

  it('a save without a prior load still refuses to overwrite a newer file', async () => {
    const dir = await newDir();
    const future = JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION + 1, clusters: [] });
    await fs.writeFile(path.join(dir, 'settings.json'), future);
    const r = await createSettingsStore({ dir, clock, env: {} }).save(sampleSettings(3));
    expect(r.ok).toBe(false);
    expect(await fs.readFile(path.join(dir, 'settings.json'), 'utf8')).toBe(future);
  });

  it('update is read-modify-write on the current settings', async () => {
    const dir = await newDir();
    const store = createSettingsStore({ dir, clock, env: {} });
    await store.save(sampleSettings(1));
    const r = await store.update((s) => ({ ...s, global: { ...s.global, confirmPolls: 9 } }));
    expect(r.ok && r.value.global.confirmPolls).toBe(9);
    const reloaded = await createSettingsStore({ dir, clock, env: {} }).load();
    expect(reloaded.settings.global.confirmPolls).toBe(9);
    expect(reloaded.settings.clusters).toEqual(sampleSettings(1).clusters);
  });

  it('temp files of dead writers are removed on load; live writers are left alone', async () => {
    const dir = await newDir();
    await createSettingsStore({ dir, clock, env: {} }).save(sampleSettings(4));
    await fs.writeFile(path.join(dir, 'settings.json.tmp-111-3'), '{"schemaVer');
    await fs.writeFile(path.join(dir, 'settings.json.tmp-222-1'), '{"schemaVer');
    const store = createSettingsStore({ dir, clock, env: {}, isProcessAlive: (pid) => pid === 222 });
    const loaded = await store.load();
    expect(loaded.settings).toEqual(sampleSettings(4));
    expect(await listDir(dir)).toEqual(['settings.json', 'settings.json.tmp-222-1']);
  });

  it('on Windows a rename that fails with EPERM/EBUSY is retried', async () => {
    const dir = await newDir();
    const failures = ['EPERM', 'EBUSY'];
    const flakyFs: FsPort = {
      ...realFs,
      rename: async (from, to) => {
        const code = failures.shift();
        if (code !== undefined) throw Object.assign(new Error(`${code}: rename`), { code });
        return realFs.rename(from, to);
      },
    };
    const store = createSettingsStore({ dir, clock, env: {}, fs: flakyFs, platform: 'win32' });
    expect(await store.save(sampleSettings(5))).toEqual({ ok: true, value: undefined });
    expect(failures).toEqual([]);
    expect(await listDir(dir)).toEqual(['settings.json']);
  });

  it('a rename that keeps failing is an error value and leaves no temp file', async () => {
    const dir = await newDir();
    const brokenFs: FsPort = {
      ...realFs,
      rename: async () => {
        throw Object.assign(new Error('EXDEV: cross-device'), { code: 'EXDEV' });
      },
    };
    const r = await createSettingsStore({ dir, clock, env: {}, fs: brokenFs }).save(sampleSettings(6));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('EXDEV');
    expect(await listDir(dir)).toEqual([]);
  });

  it('saved JSON is readable by people: pretty-printed with a schemaVersion', async () => {
    const dir = await newDir();
    await createSettingsStore({ dir, clock, env: {} }).save(sampleSettings(8));
    const text = await fs.readFile(path.join(dir, 'settings.json'), 'utf8');
    expect(text).toBe(`${JSON.stringify(SettingsSchema.parse(sampleSettings(8)), null, 2)}\n`);
  });
});
