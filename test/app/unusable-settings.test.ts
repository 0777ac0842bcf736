/**
 * The app core over a settings.json it cannot use: nothing moves the file, no cluster is watched (never the
 * NOMAD_ADDR one in its place), the window is told on every settings:get and after a restart until the user
 * acknowledges, which keeps the file as a backup and starts from the defaults. Unknown keys and a BOM work too.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../common/ipc-contract.js';
import { openCore, settingsFile, startCore } from './helpers.js';

const ENV = { NOMAD_ADDR: 'http://127.0.0.1:1' };

async function view(core: { dispatch: (c: string, r: unknown) => Promise<unknown> }): Promise<SettingsView> {
  const answer = (await core.dispatch('settings:get', {})) as { ok: true; value: SettingsView };
  expect(answer.ok).toBe(true);
  return answer.value;
}

describe('app core: a settings.json it cannot use', () => {
  it('is reported until acknowledged, across a restart, and never moved or saved over', async () => {
    const broken = '{"schemaVersion": 1, "clusters": [ oops';
    const first = await startCore(broken, ENV);
    const file = path.join(first.dir, 'settings.json');
    try {
      const v = await view(first.core);
      expect(v.unusableFile?.reason).toContain('not valid JSON');
      expect(v.settings.clusters).toEqual([]);
      expect(first.core.views()).toEqual([]); // nothing watched, not the NOMAD_ADDR cluster either
      expect((await view(first.core)).unusableFile).not.toBeNull(); // still there on the next ask

      const save = (await first.core.dispatch('settings:save', {
        settings: JSON.parse(settingsFile([{ id: 'x', addresses: ['http://127.0.0.1:1'] }])) as unknown,
      })) as { ok: boolean; error?: { message: string } };
      expect(save.ok).toBe(false);
      expect(save.error?.message).toContain('not saved over');
      expect(await readFile(file, 'utf8')).toBe(broken);
      await first.core.stop();

      // A restart (or a CLI run in between) does not make the problem disappear.
      const second = await openCore(first.dir, ENV);
      try {
        expect((await view(second.core)).unusableFile?.reason).toContain('not valid JSON');
        expect(await readdir(first.dir)).toEqual(['settings.json']);

        // Acknowledging keeps the file as a backup and starts from the defaults (the NOMAD_ADDR cluster).
        const done = (await second.core.dispatch('settings:setAsideUnusableFile', {})) as {
          ok: true;
          value: SettingsView;
        };
        expect(done.ok).toBe(true);
        expect(done.value.unusableFile ?? null).toBeNull();
        expect(done.value.settings.clusters.map((c) => c.addresses[0])).toEqual([ENV.NOMAD_ADDR]);
        expect(second.core.views().map((c) => c.id)).toEqual(['default']);
        const names = await readdir(first.dir);
        const backup = names.find((n) => n.startsWith('settings.json.bak-'));
        expect(await readFile(path.join(first.dir, backup ?? 'missing'), 'utf8')).toBe(broken);
        expect(second.pushed.some((p) => p.includes('"settings:changed"'))).toBe(true);

        // The file is fine now: a page cannot use the channel to reset good settings.
        const again = (await second.core.dispatch('settings:setAsideUnusableFile', {})) as { ok: boolean };
        expect(again.ok).toBe(false);
        expect((await readdir(first.dir)).filter((n) => n.startsWith('settings.json.bak-'))).toHaveLength(1);
      } finally {
        await second.close();
      }
    } finally {
      await first.core.stop().catch(() => undefined);
      await rm(first.dir, { recursive: true, force: true });
    }
  });

  it('a BOM is accepted and unknown keys survive a save from the window', async () => {
    const withExtras = JSON.parse(settingsFile([{ id: 'prod', addresses: ['http://127.0.0.1:1'] }])) as {
      clusters: Array<Record<string, unknown>>;
    } & Record<string, unknown>;
    withExtras['teamNotes'] = 'keep me';
    withExtras.clusters[0]!['runbook'] = 'https://wiki/prod';
    const h = await startCore(`\uFEFF${JSON.stringify(withExtras)}`, ENV);
    try {
      const v = await view(h.core);
      expect(v.unusableFile ?? null).toBeNull();
      expect(v.settings.clusters.map((c) => c.id)).toEqual(['prod']);
      const renamed = { ...v.settings, clusters: [{ ...v.settings.clusters[0]!, name: 'Production' }] };
      const saved = (await h.core.dispatch('settings:save', { settings: renamed })) as { ok: boolean };
      expect(saved.ok).toBe(true);
      const onDisk = JSON.parse(
        await readFile(path.join(h.dir, 'settings.json'), 'utf8'),
      ) as typeof withExtras;
      expect(onDisk['teamNotes']).toBe('keep me');
      expect(onDisk.clusters[0]).toMatchObject({ name: 'Production', runbook: 'https://wiki/prod' });
    } finally {
      await h.close();
    }
  });
});
