/**
 * Hostile text (gossip member names, statuses, error bodies are outside data) per notification sink: notify-send
 * (freedesktop markup, positional arguments), Electron (libnotify on Linux, plain elsewhere). Each sink escapes
 * for itself; nothing arrives as markup, as an extra line, or as an option.
 */
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../main/core/monitor/types.js';
import { createNodeNotifier } from '../../main/core/notify/node-notifier.js';
import type { NodeNotifierLike } from '../../main/core/notify/node-notifier.js';
import { createElectronNotifier } from '../../main/shell/notifier-electron.js';
import type { NotificationClassLike, NotificationOptionsLike } from '../../main/shell/notifier-electron.js';

const HOSTILE_BODY =
  '<b>all clear</b> & <a href="https://evil.example">click</a><img src="x"/>\n' +
  'prod: healthy\r\u2028fake line\u0007';
const HOSTILE_TITLE = 'prod: server-<i>2</i>\nprod: all good';

function notice(over: Partial<Notice> = {}): Notice {
  return {
    clusterId: 'prod',
    title: HOSTILE_TITLE,
    body: HOSTILE_BODY,
    severity: 'critical',
    events: [],
    ...over,
  };
}

async function viaNodeNotifier(n: Notice, platform: NodeJS.Platform): Promise<Record<string, unknown>> {
  const calls: Array<Record<string, unknown>> = [];
  const notifier: NodeNotifierLike = {
    notify(options, callback) {
      calls.push(options);
      queueMicrotask(() => callback(null, ''));
      return undefined;
    },
  };
  await createNodeNotifier({ notifier, platform }).notify(n);
  return calls[0] ?? {};
}

async function viaElectron(n: Notice, platform: NodeJS.Platform): Promise<NotificationOptionsLike> {
  const seen: NotificationOptionsLike[] = [];
  class FakeNotification {
    static isSupported = (): boolean => true;
    constructor(options: NotificationOptionsLike) {
      seen.push(options);
    }
    on(): this {
      return this;
    }
    show(): void {}
    close(): void {}
  }
  const cls: NotificationClassLike = FakeNotification;
  await createElectronNotifier({ Notification: cls, onClick: () => undefined, platform }).notify(n);
  const first = seen[0];
  if (!first) throw new Error('no notification');
  return first;
}

/** The body as plain one-line text (macOS, Windows). */
const PLAIN_BODY = ['\n', '\r', '\u2028', '\u0007'].reduce((t, c) => t.split(c).join(' '), HOSTILE_BODY);

const ESCAPED_BODY =
  '&lt;b&gt;all clear&lt;/b&gt; &amp; &lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;' +
  '&lt;img src=&quot;x&quot;/&gt; prod: healthy  fake line ';

describe('notify-send (node-notifier on Linux)', () => {
  it('escapes body markup, flattens both to one line, keeps the summary plain', async () => {
    const o = await viaNodeNotifier(notice(), 'linux');
    expect(o['message']).toBe(ESCAPED_BODY);
    expect(o['title']).toBe('prod: server-<i>2</i> prod: all good');
  });

  it('a title or body that starts with "-" cannot become a notify-send option', async () => {
    const o = await viaNodeNotifier(notice({ title: '--app-name=Bank', body: '-i /etc/passwd' }), 'linux');
    expect(String(o['title'])).not.toMatch(/^-/);
    expect(String(o['message'])).not.toMatch(/^-/);
    expect(o['title']).toBe('\u2010-app-name=Bank');
  });

  it('caps first, escapes after: a cut never leaves half an entity', async () => {
    const o = await viaNodeNotifier(notice({ body: `${'x'.repeat(997)}&&&&` }), 'linux');
    expect(o['message']).toBe(`${'x'.repeat(997)}&amp;&amp;…`);
  });

  it('macOS / Windows helpers take plain text: one line, no entities', async () => {
    const o = await viaNodeNotifier(notice(), 'darwin');
    expect(o['message']).toBe(PLAIN_BODY);
    expect(String(o['title'])).not.toContain('\n');
  });
});

describe('Electron Notification', () => {
  it('on Linux (libnotify) the body is markup-escaped and both are one line', async () => {
    const o = await viaElectron(notice(), 'linux');
    expect(o.body).toBe(ESCAPED_BODY);
    expect(o.title).toBe('prod: server-<i>2</i> prod: all good');
  });

  it.each(['darwin', 'win32'] as const)('on %s the text is plain, one line', async (platform) => {
    const o = await viaElectron(notice(), platform);
    expect(o.body).toBe(PLAIN_BODY);
    expect(o.title).not.toContain('\n');
  });
});
