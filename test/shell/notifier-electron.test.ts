import { describe, expect, it } from 'vitest';
import type { Notification } from 'electron';
import { err, ok } from '../../common/result.js';
import type { Result } from '../../common/result.js';
import { chooseNotifier, createElectronNotifier } from '../../main/shell/notifier-electron.js';
import type { Notice, Notifier } from '../../main/core/notify/index.js';
import type {
  NotificationClassLike,
  NotificationLike,
  NotificationOptionsLike,
} from '../../main/shell/notifier-electron.js';

// Compile-time proof that Electron's real Notification class fits the port (main.ts passes it as is).
const _electronFits = (c: typeof Notification): NotificationClassLike => c;

/** A fake Electron Notification class that records instances and lets the test fire their events. */
function fakeNotificationClass(supported = true, throwOnShow = false) {
  const instances: {
    options: NotificationOptionsLike;
    shown: boolean;
    closed: boolean;
    emit: (e: string, ...a: unknown[]) => void;
  }[] = [];
  class FakeNotification implements NotificationLike {
    static isSupported = (): boolean => supported;
    private listeners = new Map<string, (...a: never[]) => void>();
    private record: (typeof instances)[number];
    constructor(options: NotificationOptionsLike) {
      this.record = {
        options,
        shown: false,
        closed: false,
        emit: (e, ...a) => this.listeners.get(e)?.(...(a as never[])),
      };
      instances.push(this.record);
    }
    on(event: string, listener: (...a: never[]) => void): this {
      this.listeners.set(event, listener);
      return this;
    }
    show(): void {
      if (throwOnShow) throw new Error('D-Bus says no');
      this.record.shown = true;
    }
    close(): void {
      this.record.closed = true;
    }
  }
  const cls: NotificationClassLike = FakeNotification;
  return { cls, instances };
}

const req = (over: Partial<Notice> = {}): Notice => ({
  events: [],
  title: 'prod: server-2 failed',
  body: 'server-2.global is failed since 10:02',
  severity: 'critical',
  clusterId: 'prod',
  member: 'server-2.global',
  ...over,
});

describe('Electron notifier', () => {
  it.each([
    ['critical', 'critical', 'never'],
    ['warning', 'normal', 'default'],
    ['info', 'low', 'default'],
  ] as const)('%s → urgency %s, timeout %s, icon per severity', async (severity, urgency, timeoutType) => {
    const { cls, instances } = fakeNotificationClass();
    const n = createElectronNotifier({
      Notification: cls,
      iconFor: (s) => `/res/notify/${s}.png`,
      onClick: () => {},
    });
    expect(await n.notify(req({ severity }))).toEqual(ok(undefined));
    expect(instances[0]?.options).toEqual({
      title: 'prod: server-2 failed',
      body: 'server-2.global is failed since 10:02',
      urgency,
      timeoutType,
      icon: `/res/notify/${severity}.png`,
    });
    expect(instances[0]?.shown).toBe(true);
  });

  it('a resolution closes the sticky notice it resolves; an escalation replaces the older one', async () => {
    const { cls, instances } = fakeNotificationClass();
    const n = createElectronNotifier({ Notification: cls, onClick: () => {} });
    await n.notify(req({ title: 'prod: quorum at risk in global', tag: 'prod#quorum-at-risk||global' }));
    await n.notify(req({ title: 'prod: no leader', tag: 'prod#leader-lost||global' }));
    await n.notify(req({ title: 'prod: no leader', tag: 'prod#leader-lost||global' }));
    expect(instances.map((i) => i.closed)).toEqual([false, true, false]);
    await n.notify(
      req({
        severity: 'info',
        title: 'prod: quorum restored in global',
        resolves: ['prod#quorum-at-risk||global'],
      }),
    );
    expect(instances.map((i) => i.closed)).toEqual([true, true, false, false]);
    // Dismissed by the user first: nothing left to close, and no error.
    instances[2]?.emit('close');
    expect(await n.notify(req({ severity: 'info', resolves: ['prod#leader-lost||global'] }))).toEqual(
      ok(undefined),
    );
    expect(instances[2]?.closed).toBe(false);
  });

  it('a click opens the cluster and the member or client node the notice is about', async () => {
    const { cls, instances } = fakeNotificationClass();
    const clicks: [string | null, string | undefined, string | undefined][] = [];
    const n = createElectronNotifier({
      Notification: cls,
      onClick: (about) => clicks.push([about.clusterId, about.member, about.node]),
    });
    await n.notify(req());
    await n.notify(req({ clusterId: null, member: undefined }));
    await n.notify(req({ member: undefined, node: 'client-7' }));
    instances[0]?.emit('click');
    instances[1]?.emit('click');
    instances[2]?.emit('click');
    expect(clicks).toEqual([
      ['prod', 'server-2.global', undefined],
      [null, undefined, undefined],
      ['prod', undefined, 'client-7'],
    ]);
    expect('icon' in (instances[0]?.options ?? {})).toBe(false);
  });

  it('reports unsupported systems, show() errors and later failures as values', async () => {
    expect(
      await createElectronNotifier({
        Notification: fakeNotificationClass(false).cls,
        onClick: () => {},
      }).notify(req()),
    ).toEqual(err('notifications are not supported on this system'));
    const throwing = createElectronNotifier({
      Notification: fakeNotificationClass(true, true).cls,
      onClick: () => {},
    });
    expect(await throwing.notify(req())).toEqual(err('could not show the notification: D-Bus says no'));
    const { cls, instances } = fakeNotificationClass();
    const errors: string[] = [];
    await createElectronNotifier({
      Notification: cls,
      onClick: () => {},
      onError: (m) => errors.push(m),
    }).notify(req());
    instances[0]?.emit('failed', {}, 'toast rejected');
    expect(errors).toEqual(['notification failed: toast rejected']);
  });
});

describe('chooseNotifier', () => {
  function recorder(name: string, result: Result<void, string>, log: string[]): Notifier {
    return {
      notify: async () => {
        log.push(name);
        return result;
      },
    };
  }

  it.each([
    ['linux', ok(undefined), ok(undefined), ['node'], ok(undefined)],
    ['linux', err('not found: notify-send'), ok(undefined), ['node', 'electron'], ok(undefined)],
    [
      'linux',
      err('not found: notify-send'),
      err('unsupported'),
      ['node', 'electron'],
      err('not found: notify-send; fallback: unsupported'),
    ],
    ['freebsd', err('x'), ok(undefined), ['node', 'electron'], ok(undefined)],
    ['darwin', ok(undefined), ok(undefined), ['electron'], ok(undefined)],
    ['win32', ok(undefined), err('toast failed'), ['electron'], err('toast failed')],
  ] as const)(
    '%s: node→%j electron→%j calls %j',
    async (platform, nodeResult, electronResult, calls, result) => {
      const log: string[] = [];
      const n = chooseNotifier({
        platform,
        nodeNotifier: recorder('node', nodeResult, log),
        electronNotifier: recorder('electron', electronResult, log),
      });
      expect(await n.notify(req())).toEqual(result);
      expect(log).toEqual(calls);
    },
  );
});
