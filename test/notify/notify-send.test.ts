/**
 * The Linux notifier (notify-send with ids): a resolution or an escalation replaces the notification it is
 * about, a plain notice never replaces anything, and a notify-send that cannot print ids hands every notice to
 * node-notifier. The real daemon path is in dunst.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ok } from '../../common/result.js';
import type { Notice, Notifier } from '../../main/core/notify/index.js';
import { createNotifySendNotifier } from '../../main/core/notify/index.js';
import { notifySendArgs } from '../../main/core/notify/notify-send.js';

const notice = (over: Partial<Notice>): Notice => ({
  clusterId: 'prod',
  title: 'prod: quorum at risk in global',
  body: 'global: 2/3 servers alive',
  severity: 'critical',
  events: [],
  ...over,
});

function harness(answers: Array<{ code: number | null; stdout: string }>) {
  const calls: string[][] = [];
  const fellBack: string[] = [];
  const fallback: Notifier = {
    notify: (n) => {
      fellBack.push(n.title);
      return Promise.resolve(ok(undefined));
    },
  };
  const notifier = createNotifySendNotifier({
    fallback,
    run: (_file, args) => {
      calls.push(args);
      return Promise.resolve(answers.shift() ?? { code: 0, stdout: '1\n' });
    },
  });
  const replaceIds = () => calls.map((a) => a.find((x) => x.startsWith('--replace-id='))?.slice(13) ?? null);
  return { notifier, calls, fellBack, replaceIds };
}

describe('notify-send with notification ids', () => {
  it('a resolution replaces the sticky notice it resolves; later notices start fresh', async () => {
    const h = harness([
      { code: 0, stdout: '41\n' },
      { code: 0, stdout: '41\n' },
      { code: 0, stdout: '42\n' },
    ]);
    await h.notifier.notify(notice({ tag: 'quorum:prod:global' }));
    await h.notifier.notify(
      notice({ severity: 'info', title: 'quorum restored', resolves: ['quorum:prod:global'] }),
    );
    await h.notifier.notify(notice({ severity: 'warning', title: 'server-2 failed' }));
    expect(h.replaceIds()).toEqual([null, '41', null]);
    expect(h.fellBack).toEqual([]);
  });

  it('a resolution of several shown notices replaces the first and closes each other one (a quiet copy that expires at once)', async () => {
    const h = harness([
      { code: 0, stdout: '41\n' },
      { code: 0, stdout: '42\n' },
      { code: 0, stdout: '41\n' },
      { code: 0, stdout: '42\n' },
      { code: 0, stdout: '50\n' },
    ]);
    await h.notifier.notify(notice({ title: 'server-2 failed', tag: 'member:prod:server-2' }));
    await h.notifier.notify(notice({ tag: 'quorum:prod:global' }));
    await h.notifier.notify(
      notice({
        severity: 'info',
        title: 'server-2 alive again',
        resolves: ['member:prod:server-2', 'quorum:prod:global'],
      }),
    );
    expect(h.replaceIds()).toEqual([null, null, '41', '42']);
    const close = h.calls[3] ?? [];
    expect(close).toContain('--expire-time=1');
    expect(close).toContain('--urgency=low');
    expect(close.slice(close.indexOf('--') + 1)[0]).toBe('server-2 alive again');
    // Both are forgotten: a new notice of either tag starts fresh.
    await h.notifier.notify(notice({ tag: 'quorum:prod:global' }));
    expect(h.replaceIds()[4]).toBeNull();
  });

  it('an escalation (same tag) replaces the earlier notice of that tag', async () => {
    const h = harness([
      { code: 0, stdout: '7\n' },
      { code: 0, stdout: '7\n' },
    ]);
    await h.notifier.notify(notice({ severity: 'warning', tag: 't' }));
    await h.notifier.notify(notice({ severity: 'critical', tag: 't' }));
    expect(h.replaceIds()).toEqual([null, '7']);
  });

  it('a notify-send that cannot print ids (or is missing) hands this and every later notice to node-notifier', async () => {
    const h = harness([{ code: 1, stdout: '' }]);
    await h.notifier.notify(notice({ title: 'first' }));
    await h.notifier.notify(notice({ title: 'second' }));
    expect(h.calls).toHaveLength(1);
    expect(h.fellBack).toEqual(['first', 'second']);
  });

  it('critical never expires, others do; title and body come after "--" with markup escaped', () => {
    const args = notifySendArgs(notice({ body: '<b>x</b>' }), { appName: 'Nomad Tray', replaceId: 3 });
    expect(args).toContain('--expire-time=0');
    expect(args).toContain('--urgency=critical');
    expect(args).toContain('--replace-id=3');
    expect(args.slice(args.indexOf('--') + 1)).toEqual([
      'prod: quorum at risk in global',
      '&lt;b&gt;x&lt;/b&gt;',
    ]);
    expect(notifySendArgs(notice({ severity: 'info' }), { appName: 'Nomad Tray' })).toContain(
      '--expire-time=5000',
    );
  });
});
