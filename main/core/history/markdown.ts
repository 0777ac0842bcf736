/**
 * The incident timeline export: history as Markdown an on-call engineer can paste into a post-mortem.
 * Oldest first, one heading per day, operator actions marked. Pure.
 */
import type { MonitorEvent } from '../../../common/domain.js';
import { flatten } from '../notify/index.js';

export const TIMELINE_TITLE = '# Nomad Tray incident timeline';

export interface TimelineOptions {
  /** IANA zone for dates and times (default: the machine's). */
  timeZone?: string;
  /** The cluster named in the scope line under the title (default: all clusters). */
  clusterName?: string;
}

/** Parts of an instant in a time zone: `YYYY-MM-DD` and `HH:MM:SS`. */
export function dayAndTime(time: number, timeZone: string): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(time));
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}:${get('second')}`,
  };
}

/**
 * The Markdown sink's escaping for outside text (member names, messages, error bodies). It always lands inside
 * a line, so flattening it to one line stops injected headings, list items and table rows; every character
 * that could start inline markup (emphasis, code, links, images, HTML, table cells, entities) is
 * backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  return flatten(text).replace(/([\\`*_[\]<>|#&~!])/g, '\\$1');
}

/** One timeline bullet: `- 12:03:05 **prod** member-failed — server-2.global failed (was alive)`. */
export function formatTimelineLine(event: MonitorEvent, timeZone: string): string {
  const { time } = dayAndTime(event.time, timeZone);
  // Events recorded because an operator acted (join, force-leave, set-servers).
  const mark = event.type.startsWith('action-') ? ' _(operator action)_' : '';
  const head = `- ${time} **${escapeMarkdown(event.cluster)}** ${event.type} — ${escapeMarkdown(event.message)}${mark}`;
  const details = (event.details ?? []).map((d) => `  - ${escapeMarkdown(d)}`);
  return [head, ...details].join('\n');
}

/** Renders events (any order) as the Markdown timeline, oldest first with a `## YYYY-MM-DD` heading per day. */
export function formatTimeline(events: readonly MonitorEvent[], options: TimelineOptions = {}): string {
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  // Array sort is stable: events of the same time keep their order.
  const sorted = [...events].sort((a, b) => a.time - b.time);
  const scope = [
    options.clusterName === undefined ? 'All clusters' : `Cluster: ${escapeMarkdown(options.clusterName)}`,
    `${sorted.length} event${sorted.length === 1 ? '' : 's'}`,
    `times in ${timeZone}`,
  ].join(' · ');
  const lines = [TIMELINE_TITLE, '', scope];
  let day = '';
  for (const e of sorted) {
    const d = dayAndTime(e.time, timeZone).day;
    if (d !== day) {
      lines.push('', `## ${d}`, '');
      day = d;
    }
    lines.push(formatTimelineLine(e, timeZone));
  }
  if (sorted.length === 0) lines.push('', '_No events._');
  return `${lines.join('\n')}\n`;
}
