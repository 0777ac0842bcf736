/**
 * Text for freedesktop notifications (notify-send, and Electron on Linux, which goes through libnotify): the
 * summary is plain text, the body is markup (`<b>`, `<a href>`, `<img>`, entities) on most servers. Member
 * names, statuses and error bodies are outside data, so both are flattened to one line (a name cannot fake an
 * extra line) and the body is markup-escaped (a name cannot become a link or bold "all clear").
 */

/**
 * Outside text flattened to one line: every control character (C0 with the newline, DEL, C1 with U+0085 next
 * line) and the line/paragraph separators become spaces. The one rule for notifications, the Markdown export
 * and the CLI's status bar line.
 */
export function flatten(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ');
}

/** One line (flatten), capped at `max` characters. A freedesktop summary is plain text by the spec, so this is all it needs. */
export function oneLine(text: string, max: number): string {
  const flat = flatten(text);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const MARKUP: ReadonlyMap<string, string> = new Map([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
  ["'", '&#39;'],
]);

/** A freedesktop body: one line, capped first and escaped after (a cut never splits an entity). */
export function freedesktopBody(text: string, max: number): string {
  return oneLine(text, max).replace(/[&<>"']/g, (c) => MARKUP.get(c) ?? c);
}
