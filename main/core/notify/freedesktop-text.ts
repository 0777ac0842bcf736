/**
 * Text for freedesktop notifications (notify-send, and Electron on Linux, which goes through libnotify): the
 * summary is plain text, the body is markup (`<b>`, `<a href>`, `<img>`, entities) on most servers. Member
 * names, statuses and error bodies are outside data, so both are flattened to one line (a name cannot fake an
 * extra line) and the body is markup-escaped (a name cannot become a link or bold "all clear").
 */

/**
 * Control characters (newlines included) become spaces; the text is capped at `max` characters. A freedesktop
 * summary is plain text by the spec, so this is all it needs.
 */
export function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001F\u007F\u2028\u2029]/g, ' ');
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
