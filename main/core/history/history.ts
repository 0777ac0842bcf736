/**
 * The event history: history.jsonl in the config directory, one MonitorEvent per line. Appends are serialised
 * within the process and, across processes (the app and `nomad-tray watch` on one directory), run under
 * `history.lock`: an append (one O_APPEND write) and the compaction it may trigger never interleave with another
 * process's, so a compaction's rewrite cannot drop an event appended meanwhile. The file stays under maxBytes
 * and maxAgeMs by atomically rewriting it without the OLDEST events. Corrupt lines (a torn append after a crash,
 * a hand edit) are skipped and counted, never fatal.
 */
import path from 'node:path';
import { type MonitorEvent, MonitorEventSchema } from '../../../common/domain.js';
import { err, ok, type Result } from '../../../common/result.js';
import {
  atomicWrite,
  describeError,
  ensureDir,
  errorCode,
  HISTORY_FILE,
  isPidAlive,
  realFs,
  waitForLock,
} from '../settings/index.js';
import { parseJsonText, serialQueue } from '../files/index.js';
import { redactValue } from '../redact/index.js';
import { formatTimeline } from './markdown.js';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_AGE_MS = 30 * 24 * 3_600_000;
/** A rewrite trims to this share of maxBytes, so a full history is not rewritten on every append. */
const COMPACT_TO = 0.8;
export const HISTORY_LOCK_FILE = 'history.lock';
/** How long an append waits for another process's append or compaction before appending anyway. */
const LOCK_WAIT_MS = 10_000;

export interface HistoryOptions {
  dir: string;
  clock: () => number;
  maxBytes?: number;
  maxAgeMs?: number;
  /** Current secrets (ACL tokens) that must never be written; each occurrence becomes "[redacted]". */
  secrets?: () => readonly string[];
  /** Time zone of the Markdown export (default: the machine's). */
  timeZone?: string;
}

/** Filters of list() and exportMarkdown(). */
export interface HistoryQuery {
  clusterId?: string;
  /** At most this many (newest). */
  limit?: number;
}

/** A page of history, newest first, with the count of unreadable lines that were skipped. */
export interface HistoryPage {
  events: MonitorEvent[];
  skipped: number;
}

export interface History {
  readonly path: string;
  append(event: MonitorEvent): Promise<Result<void, string>>;
  list(query?: HistoryQuery): Promise<Result<HistoryPage, string>>;
  exportMarkdown(query?: Omit<HistoryQuery, 'limit'>): Promise<Result<string, string>>;
  /** Resolves once every append queued so far (and any trim it caused) is on disk: for a clean quit. */
  flush(): Promise<void>;
}

interface Line {
  event: MonitorEvent;
  text: string;
  index: number;
}

/** Parses history.jsonl text: valid events in file order, plus how many lines were not. */
export function parseHistory(text: string): { lines: Line[]; skipped: number } {
  const lines: Line[] = [];
  let skipped = 0;
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    const json = parseJsonText(raw);
    const parsed = json.ok ? MonitorEventSchema.safeParse(json.value) : null;
    if (parsed?.success) lines.push({ event: parsed.data, text: `${raw}\n`, index });
    else skipped++;
  });
  return { lines, skipped };
}

/**
 * Which lines survive the bounds: none older than `cutoff`, and the newest ones whose total size fits `budget`
 * (the single newest event is always kept). Returns the survivors in file order. Pure.
 */
export function keepWithinBounds(lines: readonly Line[], cutoff: number, budget: number): Line[] {
  const fresh = lines.filter((l) => l.event.time >= cutoff);
  const newestFirst = [...fresh].sort((a, b) => b.event.time - a.event.time || b.index - a.index);
  const kept = new Set<Line>();
  let bytes = 0;
  for (const l of newestFirst) {
    const size = Buffer.byteLength(l.text);
    if (kept.size > 0 && bytes + size > budget) break;
    kept.add(l);
    bytes += size;
  }
  return fresh.filter((l) => kept.has(l));
}

/** Creates the history store for a config directory. The file is created on the first append. */
export function createHistory(options: HistoryOptions): History {
  const file = path.join(options.dir, HISTORY_FILE);
  const lockFile = path.join(options.dir, HISTORY_LOCK_FILE);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  /** Size and oldest event time of the file, learnt on first use and kept up to date. */
  let stats: { bytes: number; oldest: number | null } | null = null;
  const enqueue = serialQueue();

  const readText = async (): Promise<Result<string, string>> => {
    try {
      return ok(await realFs.readFile(file, 'utf8'));
    } catch (e) {
      return errorCode(e) === 'ENOENT' ? ok('') : err(`could not read ${file}: ${describeError(e)}`);
    }
  };

  const compact = async (): Promise<Result<void, string>> => {
    const text = await readText();
    if (!text.ok) return text;
    const { lines } = parseHistory(text.value);
    const kept = keepWithinBounds(lines, options.clock() - maxAgeMs, Math.floor(maxBytes * COMPACT_TO));
    const body = kept.map((l) => l.text).join('');
    const written = await atomicWrite(file, body);
    if (!written.ok) return written;
    stats = { bytes: Buffer.byteLength(body), oldest: oldestOf(kept) };
    return ok(undefined);
  };

  /**
   * Runs `task` under history.lock. When the lock cannot be had (a stuck holder), the append still happens
   * (O_APPEND writes of whole lines do not tear each other) but without compaction; when this file system
   * cannot lock at all, both run as a single writer would.
   */
  const withLock = async <T>(task: (mayCompact: boolean) => Promise<T>): Promise<T> => {
    const held = await waitForLock(lockFile, {}, { isAlive: isPidAlive, timeoutMs: LOCK_WAIT_MS });
    try {
      return await task(held.ok || held.error.kind === 'error');
    } finally {
      if (held.ok) await held.value.release();
    }
  };

  const append = async (event: MonitorEvent): Promise<Result<void, string>> => {
    const parsed = MonitorEventSchema.safeParse(event);
    if (!parsed.success) {
      return err(
        `not a monitor event: ${parsed.error.issues.map((i) => i.path.join('.') || 'event').join(', ')}`,
      );
    }
    // Every string of the event goes through the shared scrubber; the cluster id is a key, kept as it is.
    const safe = redactValue(parsed.data, options.secrets?.() ?? [], new Set([parsed.data.clusterId]));
    const dir = await ensureDir(options.dir);
    if (!dir.ok) return dir;
    return withLock(async (mayCompact) => {
      let line = `${JSON.stringify(safe)}\n`;
      if (stats === null) {
        const text = await readText();
        if (!text.ok) return text;
        stats = { bytes: Buffer.byteLength(text.value), oldest: oldestOf(parseHistory(text.value).lines) };
        // A crash can leave a torn last line without its newline: never glue the new event onto it.
        if (text.value !== '' && !text.value.endsWith('\n')) line = `\n${line}`;
      }
      try {
        await realFs.appendFile(file, line, { encoding: 'utf8', mode: 0o600 });
      } catch (e) {
        return err(`could not append to ${file}: ${describeError(e)}`);
      }
      // Another process may have appended or compacted too: the size on disk is the truth.
      const size = await realFs.stat(file).then(
        (s) => s.size,
        () => (stats?.bytes ?? 0) + Buffer.byteLength(line),
      );
      stats = { bytes: size, oldest: Math.min(stats.oldest ?? safe.time, safe.time) };
      const tooOld = stats.oldest !== null && stats.oldest < options.clock() - maxAgeMs;
      return mayCompact && (stats.bytes > maxBytes || tooOld) ? compact() : ok(undefined);
    });
  };

  const select = async (query: HistoryQuery): Promise<Result<HistoryPage, string>> => {
    const text = await readText();
    if (!text.ok) return text;
    const { lines, skipped } = parseHistory(text.value);
    const events = lines
      .filter((l) => query.clusterId === undefined || l.event.clusterId === query.clusterId)
      .sort((a, b) => b.event.time - a.event.time || b.index - a.index)
      .slice(0, query.limit ?? Number.POSITIVE_INFINITY)
      .map((l) => l.event);
    return ok({ events, skipped });
  };

  return {
    path: file,
    append: (event) => enqueue(() => append(event)),
    flush: () => enqueue(async () => undefined),
    list: (query = {}) => enqueue(() => select(query)),
    exportMarkdown: (query = {}) =>
      enqueue(async () => {
        const page = await select(query);
        if (!page.ok) return page;
        const clusterName =
          query.clusterId === undefined ? undefined : (page.value.events[0]?.cluster ?? query.clusterId);
        return ok(formatTimeline(page.value.events, { timeZone: options.timeZone, clusterName }));
      }),
  };
}

function oldestOf(lines: readonly Line[]): number | null {
  return lines.length === 0 ? null : lines.reduce((min, l) => Math.min(min, l.event.time), Infinity);
}
