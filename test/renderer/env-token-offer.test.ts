/** The window's side of the NOMAD_TOKEN offer (AppState.envToken) against a scripted API. */
import { describe, expect, it } from 'vitest';
import type { Envelope, InvokeChannel, InvokeRequest, InvokeResponse } from '../../common/ipc-contract.js';
import { AppState } from '../../renderer/state/app.svelte.js';
import { FakeApi, settle } from './fake-api.js';
import { makeSettingsView } from './fixtures.js';

function offered<T extends FakeApi>(api: T, clusterIds: string[]): T {
  return api.answer('settings:envTokenOffer', {
    ok: true,
    value: { available: clusterIds.length > 0, clusterIds },
  });
}

describe('the NOMAD_TOKEN offer in the window', () => {
  it('shows the offer the core makes and hides it when there is none', async () => {
    const api = offered(new FakeApi(), ['default']);
    const app = new AppState(api);
    const stop = app.envToken.start();
    await settle();
    expect(app.envToken.visible).toBe(true);
    expect(app.envToken.clusterIds).toEqual(['default']);

    // A settings change makes it ask again (a saved cluster may no longer read NOMAD_TOKEN).
    offered(api, []);
    api.emit('settings:changed', makeSettingsView());
    await settle();
    expect(app.envToken.visible).toBe(false);
    expect(api.requests('settings:envTokenOffer')).toHaveLength(2);

    stop();
    expect(api.listenerCount('settings:changed')).toBe(0);
  });

  it('hides the banner when the core cannot answer (the offer is a convenience)', async () => {
    const api = new FakeApi().answer('settings:envTokenOffer', {
      ok: false,
      error: { kind: 'internal', message: 'boom' },
    });
    const app = new AppState(api);
    await app.envToken.load();
    expect(app.envToken.visible).toBe(false);
  });

  it('"Store in keychain" sends only cluster ids and shows what was imported', async () => {
    const api = offered(new FakeApi(), ['default', 'prod']).answer('settings:importEnvToken', (request) => ({
      ok: true,
      value: { imported: [...request.clusterIds] },
    }));
    const app = new AppState(api);
    await app.envToken.load();
    expect(await app.envToken.answer(true)).toBe(true);
    expect(api.requests('settings:importEnvToken')).toEqual([
      { clusterIds: ['default', 'prod'], accept: true },
    ]);
    expect(app.envToken.visible).toBe(false);
    expect(app.envToken.imported).toEqual(['default', 'prod']);
    app.envToken.imported = [];
    expect(app.envToken.imported).toEqual([]);
    // Answering twice is not possible: the offer is gone.
    expect(await app.envToken.answer(true)).toBe(false);
    expect(api.requests('settings:importEnvToken')).toHaveLength(1);
  });

  it('"Keep using the environment variable" tells the core and hides the banner', async () => {
    const api = offered(new FakeApi(), ['default']).answer('settings:importEnvToken', {
      ok: true,
      value: { imported: [] },
    });
    const app = new AppState(api);
    await app.envToken.load();
    expect(await app.envToken.answer(false)).toBe(true);
    expect(api.requests('settings:importEnvToken')).toEqual([{ clusterIds: ['default'], accept: false }]);
    expect(app.envToken.visible).toBe(false);
    expect(app.envToken.imported).toEqual([]);
  });

  it('keeps the offer and shows the error when the import fails', async () => {
    const api = offered(new FakeApi(), ['default']).answer('settings:importEnvToken', {
      ok: false,
      error: { kind: 'internal', message: 'Token not stored: disk full' },
    });
    const app = new AppState(api);
    await app.envToken.load();
    expect(await app.envToken.answer(true)).toBe(false);
    expect(app.envToken.visible).toBe(true);
    expect(app.envToken.busy).toBe(false);
    expect(app.envToken.error?.message).toContain('disk full');
    app.envToken.error = null;
    expect(app.envToken.error).toBeNull();
  });

  it('ignores an offer asked for before the answer was sent', async () => {
    const api = offered(new GatedApi(), ['default']).answer('settings:importEnvToken', {
      ok: true,
      value: { imported: [] },
    });
    const app = new AppState(api);
    await app.envToken.load();
    // A slow offer request, started before the answer, must not bring the banner back when it lands.
    let release: () => void = () => undefined;
    api.gate = new Promise<void>((resolve) => (release = resolve));
    const stale = app.envToken.load();
    expect(await app.envToken.answer(false)).toBe(true);
    release();
    await stale;
    expect(app.envToken.visible).toBe(false);
  });
});

/** Holds `settings:envTokenOffer` answers until `gate` resolves (an IPC reply that arrives late). */
class GatedApi extends FakeApi {
  gate: Promise<void> | null = null;

  override invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeRequest<C>,
  ): Promise<Envelope<InvokeResponse<C>>> {
    const gate = this.gate;
    if (channel !== 'settings:envTokenOffer' || gate === null) return super.invoke(channel, request);
    return gate.then(() => super.invoke(channel, request));
  }
}
