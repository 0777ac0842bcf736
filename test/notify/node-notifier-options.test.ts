import { describe, expect, it } from 'vitest';
import type { Severity } from '../../common/domain.js';
import type { Notice } from '../../main/core/monitor/types.js';
import { createNodeNotifier, TIMEOUT_SECONDS, URGENCY } from '../../main/core/notify/node-notifier.js';
import type { NodeNotifierLike } from '../../main/core/notify/node-notifier.js';
import { composeNotifiers } from '../../main/core/notify/index.js';
import { createRecordingNotifier } from '../support/recording-notifier.js';

function notice(severity: Severity, body = 'server-2.global failed (was alive)'): Notice {
  return { clusterId: 'prod', title: `Production: ${severity}`, body, severity, events: [] };
}

/** A stand-in for node-notifier: records options, answers with the scripted callback arguments. */
function fakeNotifier(answer: (options: Record<string, unknown>) => [unknown, unknown?]) {
  const calls: Array<Record<string, unknown>> = [];
  const notifier: NodeNotifierLike = {
    notify(options, callback) {
      calls.push(options);
      const [error, response] = answer(options);
      queueMicrotask(() => callback(error, response));
      return undefined;
    },
  };
  return { notifier, calls };
}

describe('createNodeNotifier: Notice → node-notifier options', () => {
  it.each(['info', 'warning', 'critical'] as const)(
    '%s: title, body, urgency, icon, app name, wait false',
    async (s) => {
      const { notifier, calls } = fakeNotifier(() => [null, '']);
      const n = notice(s);
      const iconPath = '/opt/nomad-tray/icon.png';
      const r = await createNodeNotifier({ notifier, iconPath, platform: 'linux' }).notify(n);
      expect(r).toEqual({ ok: true, value: undefined });
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({
        title: n.title,
        message: n.body,
        urgency: URGENCY[s],
        icon: iconPath,
        'app-name': 'Nomad Tray',
        wait: false,
      });
    },
  );

  it('urgency follows severity: info low, warning normal, critical critical', () => {
    expect(URGENCY).toEqual({ info: 'low', warning: 'normal', critical: 'critical' });
  });

  it('critical never expires (0 on Linux = until dismissed; false elsewhere = OS decides); others time out', async () => {
    const { notifier, calls } = fakeNotifier(() => [null]);
    await createNodeNotifier({ notifier, platform: 'linux' }).notify(notice('critical'));
    await createNodeNotifier({ notifier, platform: 'darwin' }).notify(notice('critical'));
    await createNodeNotifier({ notifier, platform: 'linux' }).notify(notice('warning'));
    await createNodeNotifier({ notifier, platform: 'win32' }).notify(notice('info'));
    expect(calls.map((c) => c['timeout'])).toEqual([0, false, TIMEOUT_SECONDS.warning, TIMEOUT_SECONDS.info]);
  });

  it('a custom app name and no icon', async () => {
    const { notifier, calls } = fakeNotifier(() => [null]);
    await createNodeNotifier({ notifier, appName: 'Nomad Tray Dev' }).notify(notice('info'));
    expect(calls[0]?.['app-name']).toBe('Nomad Tray Dev');
    expect(calls[0]).not.toHaveProperty('icon');
  });

  it('control characters from gossip names are flattened, long bodies capped', async () => {
    const { notifier, calls } = fakeNotifier(() => [null]);
    await createNodeNotifier({ notifier }).notify(
      notice('warning', `evil\u0007name\u001b[31m ${'x'.repeat(5000)}`),
    );
    const message = String(calls[0]?.['message']);
    expect([...message].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
    expect(message.startsWith('evil name [31m')).toBe(true);
    expect(message.length).toBeLessThanOrEqual(1000);
  });

  it('an Error from node-notifier → err(message) and onFailure(notice, message)', async () => {
    const { notifier } = fakeNotifier(() => [new Error('notify-send must be installed on the system.')]);
    const failures: Array<[Notice, string]> = [];
    const n = notice('critical');
    const r = await createNodeNotifier({ notifier, onFailure: (x, m) => failures.push([x, m]) }).notify(n);
    expect(r).toEqual({ ok: false, error: 'notify-send must be installed on the system.' });
    expect(failures).toEqual([[n, 'notify-send must be installed on the system.']]);
  });

  it('stderr text passed as the "error" of a successful notify-send run is not a failure', async () => {
    const { notifier } = fakeNotifier(() => ['', '']);
    expect((await createNodeNotifier({ notifier }).notify(notice('info'))).ok).toBe(true);
  });

  it('a notifier that throws synchronously is an error value, not a throw', async () => {
    const notifier: NodeNotifierLike = {
      notify() {
        throw new TypeError('The second argument must be a function callback');
      },
    };
    const failures: string[] = [];
    const r = await createNodeNotifier({ notifier, onFailure: (_n, m) => failures.push(m) }).notify(
      notice('info'),
    );
    expect(r.ok).toBe(false);
    expect(failures).toHaveLength(1);
  });
});

describe('recording and composed notifiers', () => {
  it('the recorder keeps notices and can be told to fail', async () => {
    const rec = createRecordingNotifier();
    const a = notice('info');
    expect(await rec.notify(a)).toEqual({ ok: true, value: undefined });
    rec.failWith('dbus down');
    expect(await rec.notify(notice('warning'))).toEqual({ ok: false, error: 'dbus down' });
    expect(rec.notices).toEqual([a]);
  });

  it('composeNotifiers falls back only when the primary fails, and reports both reasons when both fail', async () => {
    const primary = createRecordingNotifier();
    const fallback = createRecordingNotifier();
    const both = composeNotifiers(primary, fallback);
    const first = notice('info');
    await both.notify(first);
    primary.failWith('no notify-send');
    const second = notice('critical');
    await both.notify(second);
    expect(primary.notices).toEqual([first]);
    expect(fallback.notices).toEqual([second]);
    fallback.failWith('no Electron');
    expect(await both.notify(notice('warning'))).toEqual({
      ok: false,
      error: 'no notify-send; fallback: no Electron',
    });
  });
});
