/**
 * IPC from the window to the app core: one `ipcMain.handle` per contract channel, a sender check on every call,
 * and the push-event pump that holds events until the window says it is ready. Electron objects are injected
 * (narrow `…Like` slices), so every rule here is unit-tested with fakes (test/shell/wiring-ipc.test.ts).
 */
import type { WebFrameMain } from 'electron';
import { INVOKE_CHANNELS, type Envelope, type EventName } from '../../../common/ipc-contract.js';
import { createPushQueue, type AppCore, type PushQueue } from '../../app/index.js';
import { isSameOrigin } from '../../core/web/index.js';

/** The part of an invoke event we read: who sent it. */
export interface InvokeEventLike<Sender = unknown> {
  senderFrame: Pick<WebFrameMain, 'url' | 'parent'> | null;
  sender: Sender;
}

export interface IpcMainLike<Sender = unknown> {
  handle(channel: string, listener: (event: InvokeEventLike<Sender>, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface RegisterIpcOptions<Sender = unknown> {
  ipcMain: IpcMainLike<Sender>;
  /** The core's dispatch (it validates and never throws). */
  core: Pick<AppCore, 'dispatch'>;
  /** True only for our own window's top frame (see trustedFrame). */
  isTrustedSender(frame: InvokeEventLike['senderFrame']): boolean;
  /** Called after a successful `app:ready` from a trusted sender: flush that window's queued events. */
  onReady?(sender: Sender): void;
  /** Diagnostics (refused senders); never request contents. */
  log?(message: string): void;
}

/**
 * A sender check for registerIpc: the frame must be a top-level frame whose URL has one of `origins`
 * (`app://renderer`, plus the Vite dev server in development), compared with the URL parser. A destroyed or
 * navigated-away frame (null) is never trusted.
 */
export function trustedFrame(origins: readonly string[]): RegisterIpcOptions['isTrustedSender'] {
  return (frame) => {
    if (frame === null || frame.parent !== null) return false;
    return origins.some((origin) => isSameOrigin(frame.url, origin));
  };
}

const untrusted: Envelope<never> = {
  ok: false,
  error: { kind: 'unauthorized', message: 'This window is not allowed to talk to Nomad Tray.' },
};

/**
 * Registers one handler per contract channel (removing any previous one first, so a second call — a reload, a
 * test — never registers twice) and returns a function that removes them all. Each handler refuses untrusted
 * senders with an error envelope before the core sees anything, and otherwise hands `(channel, raw)` to
 * core.dispatch, which validates. Errors always come back as envelopes, never as rejections.
 */
export function registerIpc<Sender>(options: RegisterIpcOptions<Sender>): () => void {
  const { ipcMain, core } = options;
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.removeHandler(channel);
    ipcMain.handle(channel, async (event, ...args) => {
      if (!options.isTrustedSender(event.senderFrame)) {
        options.log?.(`refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
        return untrusted;
      }
      let answer: Envelope<unknown>;
      try {
        answer = await core.dispatch(channel, args[0]);
      } catch (e) {
        const message = `${channel} failed: ${e instanceof Error ? e.message : String(e)}`;
        return { ok: false, error: { kind: 'internal', message: message.slice(0, 4000) } };
      }
      if (channel === 'app:ready' && answer.ok) options.onReady?.(event.sender);
      return answer;
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Fans core events out to windows: while one is not ready, its events wait in its own push queue. */
export function createEventPump<Target>(options: {
  send(target: Target, name: EventName, payload: unknown): void;
  /** Most events kept per window before it is ready (default 200). */
  maxQueue?: number;
}) {
  const queues = new Map<Target, PushQueue<EventName> | null>(); // null: ready (live)
  return {
    /** Queues for `target` until its page is ready (again after a reload); keeps a pending queue. */
    attach(target: Target): void {
      if (!queues.get(target)) queues.set(target, createPushQueue(options.maxQueue));
    },
    detach: (target: Target): void => void queues.delete(target),
    /** The renderer answered app:ready: send its queue in order, then send live (attached targets only). */
    ready(target: Target): void {
      const queue = queues.get(target);
      if (queue === undefined) return; // never attached, or already gone
      queues.set(target, null);
      for (const item of queue?.drain() ?? []) options.send(target, item.name, item.payload);
    },
    publish(name: EventName, payload: unknown): void {
      for (const [target, queue] of queues) {
        if (queue === null) options.send(target, name, payload);
        else queue.hold(name, payload);
      }
    },
  };
}
