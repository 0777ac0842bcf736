/**
 * One decision, several deliveries. The alert policy decides a notice once; this notifier (the one the engine
 * gets) hands it to the OS notifier when this machine has one, then pushes it to every window as
 * `notifications:decided` together with how the OS delivery went. The window's alert strip and browser
 * notification are sinks of that push (renderer/lib/deliveries.ts decides which of them are loud, so a
 * desktop that shows the OS notification never gets a second loud alert).
 */
import { LIMITS, type DecidedNotice, type OsDelivery } from '../../common/ipc-contract.js';
import { err, ok, type Result } from '../../common/result.js';
import type { Notice, Notifier } from '../core/notify/index.js';
import type { Timers } from '../core/poller/index.js';
import { cap } from './errors.js';

/** How long the push waits for the OS notifier before telling the window "failed" (so the page is loud). */
export const OS_DELIVERY_WAIT_MS = 3_000;

/** The engine's notifier, plus the test notification that goes through every delivery. */
export interface Deliveries extends Notifier {
  test(): Promise<{ os: OsDelivery; osError?: string }>;
}

/** `os`: the OS notifier, null when this machine has none (browser mode without a display). */
export function createDeliveries(deps: {
  os: Notifier | null;
  push(notice: DecidedNotice): void;
  timers: Timers;
}): Deliveries {
  let counter = 0;

  async function viaOs(notice: Notice): Promise<{ os: OsDelivery; error?: string }> {
    if (deps.os === null) return { os: 'off' };
    let handle: unknown = null;
    const late = new Promise<Result<void, string>>((resolve) => {
      handle = deps.timers.setTimeout(
        () => resolve(err('the OS notifier did not answer in time')),
        OS_DELIVERY_WAIT_MS,
      );
    });
    const shown = await Promise.race([deps.os.notify(notice), late]);
    deps.timers.clearTimeout(handle);
    return shown.ok ? { os: 'shown' } : { os: 'failed', error: shown.error };
  }

  async function deliver(notice: Notice, test: boolean): Promise<{ os: OsDelivery; error?: string }> {
    const outcome = await viaOs(notice);
    counter += 1;
    deps.push({
      id: `${deps.timers.now()}-${counter}`,
      time: deps.timers.now(),
      clusterId: notice.clusterId,
      title: cap(notice.title, LIMITS.text),
      body: cap(notice.body, LIMITS.message),
      severity: notice.severity,
      ...(notice.member === undefined ? {} : { member: cap(notice.member, LIMITS.text) }),
      ...(notice.node === undefined || notice.node === '' ? {} : { node: cap(notice.node, LIMITS.text) }),
      test,
      os: outcome.os,
    });
    return outcome;
  }

  return {
    async notify(notice) {
      const outcome = await deliver(notice, false);
      return outcome.os === 'failed' ? err(outcome.error ?? 'not shown') : ok(undefined);
    },
    async test() {
      const outcome = await deliver(
        {
          clusterId: null,
          title: 'Nomad Tray',
          body: 'Test notification: notifications from Nomad Tray reach you.',
          severity: 'info',
          events: [],
        },
        true,
      );
      return outcome.error === undefined ? { os: outcome.os } : { os: outcome.os, osError: outcome.error };
    },
  };
}
