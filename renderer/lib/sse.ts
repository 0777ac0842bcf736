/**
 * Incremental parser for `text/event-stream` (the WHATWG Server-Sent Events format), used by the browser-mode
 * transport, which reads the stream through `fetch` because EventSource cannot send an Authorization header.
 */

export interface SseMessage {
  /** The `event:` field, "message" when absent. */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
}

/** Feeds text chunks in, gets complete messages out; keeps a partial line between chunks. */
export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];

  /** Adds a chunk and returns the messages it completed (a message ends with a blank line). */
  push(chunk: string): SseMessage[] {
    this.#buffer += chunk;
    const messages: SseMessage[] = [];
    const lines = this.#buffer.split(/\r\n|\r|\n/);
    this.#buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (this.#data.length > 0)
          messages.push({ event: this.#event || 'message', data: this.#data.join('\n') });
        this.#event = '';
        this.#data = [];
        continue;
      }
      if (line.startsWith(':')) continue; // comment / keep-alive
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') this.#event = value;
      else if (field === 'data') this.#data.push(value);
    }
    if (this.#buffer.length > 10_000_000) this.#buffer = ''; // a runaway line: drop it rather than grow forever
    return messages;
  }
}
