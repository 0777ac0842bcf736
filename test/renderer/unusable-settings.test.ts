/** The window's side of an unusable settings.json: shown until the user acknowledges, then gone. */
import { describe, expect, it } from 'vitest';
import { SettingsState } from '../../renderer/state/settings.svelte.js';
import { FakeApi, settle } from './fake-api.js';
import { makeSettingsView } from './fixtures.js';

const problem = { reason: '/c/settings.json is not valid JSON (Unexpected end)', details: [] };

describe('the unusable settings file notice', () => {
  it('stays while the core reports it (also across settings:changed) and goes once acknowledged', async () => {
    const broken = { ...makeSettingsView(), unusableFile: problem };
    const fixed = { ...makeSettingsView(), unusableFile: null };
    const api = new FakeApi()
      .answer('settings:get', { ok: true, value: broken })
      .answer('settings:setAsideUnusableFile', { ok: true, value: fixed });
    const settings = new SettingsState(api);
    const stop = settings.start();
    await settle();
    expect(settings.saved?.unusableFile).toEqual(problem);
    api.emit('settings:changed', broken);
    await settle();
    expect(settings.saved?.unusableFile).toEqual(problem);

    expect(await settings.setAsideUnusable()).toBe(true);
    expect(api.requests('settings:setAsideUnusableFile')).toHaveLength(1);
    expect(settings.saved?.unusableFile ?? null).toBeNull();
    stop();
  });

  it('a refused acknowledgement keeps the notice and shows the error', async () => {
    const api = new FakeApi()
      .answer('settings:get', { ok: true, value: { ...makeSettingsView(), unusableFile: problem } })
      .answer('settings:setAsideUnusableFile', {
        ok: false,
        error: { kind: 'invalid-request', message: 'Settings file not set aside: could not keep it' },
      });
    const settings = new SettingsState(api);
    await settings.load();
    expect(await settings.setAsideUnusable()).toBe(false);
    expect(settings.saved?.unusableFile).toEqual(problem);
    expect(settings.error?.message).toContain('not set aside');
  });
});
