/**
 * The page's deliveries of decided notifications: the table (renderer/lib/deliveries.ts) row by row, and
 * AlertsState over fake browser ports: exactly one loud delivery per decision, permission never asked for
 * without a click.
 */
import { describe, expect, it } from 'vitest';
import type { DecidedNotice, FocusTarget, OsDelivery } from '../../common/ipc-contract.js';
import { pageDelivery } from '../../renderer/lib/deliveries.js';
import type { PagePrefs } from '../../renderer/lib/deliveries.js';
import { AlertsState } from '../../renderer/state/alerts.svelte.js';
import type { AlertPorts } from '../../renderer/state/alerts.svelte.js';
import { FakeApi } from './fake-api.js';

const notice = (os: OsDelivery, extra: Partial<DecidedNotice> = {}): DecidedNotice => ({
  id: `n-${Math.random()}`,
  time: 1_700_000_000_000,
  clusterId: 'prod',
  title: 'prod: server-2 failed',
  body: 'server-2.global is failed',
  severity: 'warning',
  test: false,
  os,
  ...extra,
});

describe('pageDelivery table', () => {
  const rows: [OsDelivery, PagePrefs, ReturnType<typeof pageDelivery>][] = [
    // The OS notification showed it: the window only lists it (no double alert on that desktop).
    [
      'shown',
      { mode: 'electron', permission: 'denied', sound: true },
      { strip: 'quiet', browserNotification: false, sound: false },
    ],
    [
      'shown',
      { mode: 'browser', permission: 'granted', sound: true },
      { strip: 'quiet', browserNotification: false, sound: false },
    ],
    // No OS notification (no display) or it failed: the page is the delivery.
    [
      'off',
      { mode: 'browser', permission: 'granted', sound: true },
      { strip: 'loud', browserNotification: true, sound: true },
    ],
    [
      'off',
      { mode: 'browser', permission: 'default', sound: false },
      { strip: 'loud', browserNotification: false, sound: false },
    ],
    [
      'failed',
      { mode: 'browser', permission: 'granted', sound: false },
      { strip: 'loud', browserNotification: true, sound: false },
    ],
    // Electron's OS notification failed: the window's strip and sound (web notifications are denied there).
    [
      'failed',
      { mode: 'electron', permission: 'granted', sound: true },
      { strip: 'loud', browserNotification: false, sound: true },
    ],
  ];
  it.each(rows)('os %s, %o → %o', (os, prefs, expected) => {
    expect(pageDelivery({ os }, prefs)).toEqual(expected);
  });
});

function fakePorts(permission: NotificationPermission = 'default') {
  const shown: string[] = [];
  const asked: number[] = [];
  let beeps = 0;
  let saved: boolean | null = null;
  let current: NotificationPermission = permission;
  const ports: AlertPorts = {
    permission: () => current,
    requestPermission: async () => {
      asked.push(1);
      current = 'granted';
      return current;
    },
    show: (n, onclick) => {
      shown.push(n.title);
      onclick();
      return true;
    },
    beep: () => {
      beeps += 1;
      return true;
    },
    loadSound: () => false,
    saveSound: (on) => (saved = on),
  };
  return { ports, shown, asked, beeps: () => beeps, saved: () => saved };
}

describe('AlertsState', () => {
  it('reads the permission and the sound choice when first needed, not on start (off the first screen)', () => {
    const reads: string[] = [];
    const fake = fakePorts('granted');
    const ports: AlertPorts = {
      ...fake.ports,
      permission: () => (reads.push('permission'), fake.ports.permission()),
      loadSound: () => (reads.push('sound'), true),
    };
    const alerts = new AlertsState(ports, () => 'browser');
    alerts.start(new FakeApi(), () => undefined);
    expect(reads).toEqual([]);
    expect([alerts.permission, alerts.sound]).toEqual(['granted', true]);
    alerts.deliver(notice('off', { id: 'first' })); // a stored sound choice is honoured by the first alert
    expect(alerts.entries[0]).toMatchObject({ shown: true, played: true });
    expect(fake.beeps()).toBe(1);
  });

  it('lists every decision, alerts loudly only when no OS notification showed it, and never asks on load', () => {
    const fake = fakePorts('default');
    const alerts = new AlertsState(fake.ports, () => 'browser');
    const api = new FakeApi();
    const focused: FocusTarget[] = [];
    alerts.start(api, (target) => focused.push(target));
    expect(fake.asked).toEqual([]);
    api.emit('notifications:decided', notice('shown', { id: 'a' }));
    api.emit('notifications:decided', notice('off', { id: 'b' }));
    expect(alerts.entries.map((e) => [e.notice.id, e.delivery.strip, e.shown])).toEqual([
      ['b', 'loud', false],
      ['a', 'quiet', false],
    ]);
    expect(fake.shown).toEqual([]);
    expect(fake.asked).toEqual([]);
  });

  it('after the person allows notifications, the next page-delivered alert is a browser notification', async () => {
    const fake = fakePorts('default');
    const alerts = new AlertsState(fake.ports, () => 'browser');
    const focused: FocusTarget[] = [];
    await alerts.requestPermission();
    expect(alerts.permission).toBe('granted');
    const focus = (target: FocusTarget): number => focused.push(target);
    alerts.deliver(notice('off', { id: 'c', title: 'prod: quorum at risk' }), focus);
    // a click shows what the notice is about: a member, a client node, or only the cluster
    alerts.deliver(notice('off', { id: 'd', title: 'prod: node-7 down', node: 'node-7' }), focus);
    alerts.deliver(
      notice('off', { id: 'e', title: 'prod: server-2 failed', member: 'server-2.global' }),
      focus,
    );
    alerts.deliver(notice('off', { id: 'f', title: 'Network unavailable', clusterId: null }), focus);
    expect(fake.shown).toEqual([
      'prod: quorum at risk',
      'prod: node-7 down',
      'prod: server-2 failed',
      'Network unavailable',
    ]);
    expect(focused).toEqual([
      { clusterId: 'prod' },
      { clusterId: 'prod', node: 'node-7' },
      { clusterId: 'prod', member: 'server-2.global' },
    ]);
  });

  it('plays the sound only when chosen, keeps the choice, and records the test delivery', () => {
    const fake = fakePorts('granted');
    const alerts = new AlertsState(fake.ports, () => 'browser');
    alerts.setSound(true);
    expect(fake.saved()).toBe(true);
    const before = fake.beeps();
    alerts.deliver(notice('off', { id: 't', test: true }));
    expect(fake.beeps()).toBe(before + 1);
    expect(alerts.lastTest).toMatchObject({ shown: true, played: true, delivery: { strip: 'loud' } });
    alerts.dismiss('t');
    expect(alerts.entries).toEqual([]);
  });

  it('keeps hostile text as text and at most 20 entries', () => {
    const alerts = new AlertsState(fakePorts().ports, () => 'browser');
    for (let i = 0; i < 30; i += 1)
      alerts.deliver(notice('off', { id: `x${i}`, title: '<img src=x onerror=alert(1)> __proto__' }));
    expect(alerts.entries).toHaveLength(20);
    expect(alerts.entries[0]?.notice.title).toBe('<img src=x onerror=alert(1)> __proto__');
  });
});
