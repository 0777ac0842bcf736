/** The push hub holds events until a page connects (like Electron before app:ready), then streams live. */
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createEventHub, sseFrame } from '../../main/browser/events.js';

/** The slice of ServerResponse the hub uses, recording what was written. */
function fakeResponse(): {
  res: ServerResponse;
  text: () => string;
  status: () => number;
  close: () => void;
} {
  const emitter = new EventEmitter();
  let written = '';
  let status = 0;
  const res = Object.assign(emitter, {
    writeHead: (code: number) => {
      status = code;
    },
    write: (chunk: string) => {
      written += chunk;
      return true;
    },
    end: () => undefined,
  });
  return {
    res: res as unknown as ServerResponse,
    text: () => written,
    status: () => status,
    close: () => emitter.emit('close'),
  };
}

describe('event hub', () => {
  it('drops heartbeats while no page is connected (they vouch only for the moment they are sent)', () => {
    const hub = createEventHub();
    hub.publish('app:heartbeat', { intervalMs: 2000 });
    const page = fakeResponse();
    hub.attach(page.res, [], {});
    expect(page.text()).not.toContain('app:heartbeat');
    hub.publish('app:heartbeat', { intervalMs: 2000 });
    expect(page.text()).toContain('event: app:heartbeat');
    hub.close();
  });

  it('delivers events raised before the first connection, then the initial frames, then live ones', () => {
    const hub = createEventHub();
    hub.publish('events:changed', [{ n: 1 }]);
    const page = fakeResponse();
    expect(hub.attach(page.res, [sseFrame('clusters:changed', [])], {})).toBe(true);
    hub.publish('settings:changed', { n: 2 });
    expect(page.status()).toBe(200);
    expect(page.text()).toBe(
      ': connected\n\n' +
        sseFrame('events:changed', [{ n: 1 }]) +
        sseFrame('clusters:changed', []) +
        sseFrame('settings:changed', { n: 2 }),
    );
    page.close();
    expect(hub.clients()).toBe(0);
    hub.close();
  });

  it('holds only the latest snapshot of clusters and settings for a page that connects late', () => {
    const hub = createEventHub();
    hub.publish('clusters:changed', { n: 1 });
    hub.publish('events:changed', { n: 2 });
    hub.publish('clusters:changed', { n: 3 });
    hub.publish('settings:changed', { n: 4 });
    hub.publish('settings:changed', { n: 5 });
    const page = fakeResponse();
    hub.attach(page.res, [], {});
    expect(page.text()).toBe(
      ': connected\n\n' +
        sseFrame('events:changed', { n: 2 }) +
        sseFrame('clusters:changed', { n: 3 }) +
        sseFrame('settings:changed', { n: 5 }),
    );
    hub.close();
  });

  it('bounds the queue and the number of streams', () => {
    const hub = createEventHub({ maxQueued: 2, maxClients: 1 });
    for (let i = 0; i < 5; i++) hub.publish('events:changed', i);
    const first = fakeResponse();
    hub.attach(first.res, [], {});
    expect(first.text()).toBe(
      `: connected\n\n${sseFrame('events:changed', 3)}${sseFrame('events:changed', 4)}`,
    );
    expect(hub.attach(fakeResponse().res, [], {})).toBe(false);
    hub.close();
  });
});
