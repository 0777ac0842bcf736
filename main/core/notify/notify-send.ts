/**
 * freedesktop notifications through notify-send itself, for the one thing node-notifier cannot do: since
 * libnotify 0.7.10 notify-send prints the id of the notification it raised (`-p`) and replaces a shown one
 * (`-r ID`). A notice that resolves earlier ones (`resolves`: their tags), or escalates one (same `tag`), replaces
 * the shown notification, so a sticky critical notification never outlives its problem. When it resolves several
 * shown ones (a failure and the quorum risk it caused), the first is replaced by the resolution and each other one
 * by a copy of it that expires at once (notify-send cannot close a notification). Where notify-send
 * cannot do this (an older libnotify, no notify-send), every notice goes to the fallback (node-notifier).
 */
import { execFile } from 'node:child_process';
import { ok, type Result } from '../../../common/result.js';
import { childEnv } from '../redact/index.js';
import { notifierText, TIMEOUT_SECONDS, URGENCY } from './node-notifier.js';
import type { Notice, Notifier } from './types.js';

/** Runs a program; never throws (a spawn failure is code null). Injected in tests. */
export type RunFile = (file: string, args: string[]) => Promise<{ code: number | null; stdout: string }>;

/** execFile with a time limit and an environment without secrets. */
export const runFile: RunFile = (file, args) =>
  new Promise((resolve) => {
    execFile(file, args, { timeout: 5_000, env: childEnv(process.env) }, (error, stdout) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout: String(stdout) });
    });
  });

/** notify-send's arguments for a notice; `replaceId`: the shown notification it replaces. Pure. */
export function notifySendArgs(
  notice: Notice,
  o: { appName: string; iconPath?: string; replaceId?: number; expireMs?: number },
): string[] {
  const text = notifierText(notice, 'linux');
  const expireMs =
    o.expireMs ?? (notice.severity === 'critical' ? 0 : TIMEOUT_SECONDS[notice.severity] * 1000);
  return [
    '--print-id',
    `--app-name=${o.appName}`,
    `--urgency=${URGENCY[notice.severity]}`,
    `--expire-time=${expireMs}`,
    ...(o.iconPath === undefined ? [] : [`--icon=${o.iconPath}`]),
    ...(o.replaceId === undefined ? [] : [`--replace-id=${o.replaceId}`]),
    '--',
    text.title,
    text.message || ' ',
  ];
}

export interface NotifySendOptions {
  fallback: Notifier;
  appName?: string;
  iconPath?: string;
  /** A per-severity icon (the desktop app's); wins over iconPath. */
  iconFor?: (severity: Notice['severity']) => string;
  run?: RunFile;
}

/** The Linux notifier: notify-send with ids while it can, else the fallback. */
export function createNotifySendNotifier(o: NotifySendOptions): Notifier {
  const run = o.run ?? runFile;
  const appName = o.appName ?? 'Nomad Tray';
  /** Shown notifications by notice tag (name-keyed: a Map). */
  const shown = new Map<string, number>();
  let usable = true;
  return {
    async notify(notice): Promise<Result<void, string>> {
      if (!usable) return o.fallback.notify(notice);
      const about = [...(notice.resolves ?? []), ...(notice.tag === undefined ? [] : [notice.tag])];
      const replacedIds = [...new Set(about.flatMap((tag) => shown.get(tag) ?? []))];
      const [replaceId, ...closeIds] = replacedIds;
      const iconPath = o.iconFor?.(notice.severity) ?? o.iconPath;
      const r = await run('notify-send', notifySendArgs(notice, { appName, iconPath, replaceId }));
      const id = /^\d+$/.test(r.stdout.trim()) ? Number(r.stdout.trim()) : null;
      if (r.code !== 0 || id === null) {
        // No notify-send, or one that cannot print ids: node-notifier from now on.
        usable = false;
        return o.fallback.notify(notice);
      }
      for (const tag of about) shown.delete(tag);
      if (notice.tag !== undefined) shown.set(notice.tag, id);
      // Every other shown notification this notice is about: replaced by a quiet copy that expires at once.
      for (const closeId of closeIds) {
        await run(
          'notify-send',
          notifySendArgs({ ...notice, severity: 'info' }, { appName, replaceId: closeId, expireMs: 1 }),
        );
      }
      return ok(undefined);
    },
  };
}
