/**
 * The object the preload exposes as `window.nomadTray`: exactly the contract's invoke channels and push events,
 * nothing else (Electron security checklist item 20). Pure: `ipcRenderer` is injected, so the allowlist,
 * payload-only callbacks and unsubscribe are unit-tested without Electron. Only TYPES come from the contract, so
 * the sandboxed preload bundle stays one small CommonJS file without zod (validation happens in main).
 */
import type { IpcRenderer } from 'electron';
import type { Envelope, EventName, InvokeChannel, NomadTrayApi } from '../../common/ipc-contract.js';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * Every invoke channel, spelled out. `Record<InvokeChannel, true>` makes the compiler reject a missing or an
 * extra channel, so this list cannot drift from common/ipc-contract.ts (a test also compares them).
 */
export const PRELOAD_INVOKE_CHANNELS: Readonly<Record<InvokeChannel, true>> = {
  'app:ready': true,
  'app:openExternal': true,
  'app:openWindow': true,
  'clusters:list': true,
  'clusters:pollNow': true,
  'clusters:snooze': true,
  'monitor:pause': true,
  'monitor:resume': true,
  'members:list': true,
  'nodes:list': true,
  'members:join': true,
  'members:forceLeave': true,
  'agent:self': true,
  'agent:servers': true,
  'agent:setServers': true,
  'history:list': true,
  'history:exportMarkdown': true,
  'settings:get': true,
  'settings:save': true,
  'settings:setToken': true,
  'settings:testConnection': true,
  'settings:envTokenOffer': true,
  'settings:importEnvToken': true,
  'settings:setAsideUnusableFile': true,
  'notifications:test': true,
};

/** Every push event, spelled out for the same reason. */
export const PRELOAD_EVENT_NAMES: Readonly<Record<EventName, true>> = {
  'clusters:changed': true,
  'events:changed': true,
  'settings:changed': true,
  'focus:changed': true,
  'app:heartbeat': true,
  'notifications:decided': true,
};

/**
 * Builds the API. `invoke` answers an `unknown-channel` error envelope for anything outside the contract
 * (never reaching main); `on` ignores unknown events and non-function callbacks (returning a no-op
 * unsubscribe) and hands callbacks the payload only, never the IpcRendererEvent (which carries `sender`).
 */
export function createPreloadApi(ipc: IpcRendererLike): NomadTrayApi {
  return {
    // Runtime checks first: the page may call these with anything, whatever the static types say.
    invoke(channel, request) {
      const name: unknown = channel;
      if (typeof name !== 'string' || !Object.hasOwn(PRELOAD_INVOKE_CHANNELS, name)) {
        const refused: Envelope<never> = {
          ok: false,
          error: { kind: 'unknown-channel', message: 'No such channel.' },
        };
        return Promise.resolve(refused);
      }
      // The answer is main's envelope, checked against the contract by main before sending (main/app/core.ts).
      return ipc.invoke(name, request);
    },
    on(event, callback) {
      const name: unknown = event;
      const known = typeof name === 'string' && Object.hasOwn(PRELOAD_EVENT_NAMES, name);
      if (!known || typeof callback !== 'function') return () => undefined;
      // Payload only: the IpcRendererEvent (with its `sender`) never reaches the page.
      // ipcRenderer hands `any` arguments: the payload is main's push, checked against the contract by main.
      const listener = (_event: unknown, payload: Parameters<typeof callback>[0]): void => callback(payload);
      ipc.on(name, listener);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(name, listener);
      };
    },
  };
}
